#!/usr/bin/python3
# install.py — make install and make uninstall into a prefix of the test's own, as a user
# would run them: everything under the prefix (the config in PREFIX/etc, not /etc), the
# installed winnow reading that config, an edited config kept by a second install and by
# uninstall, and uninstall taking away the rest.  Ends with "N passed, N failed".
import os
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TMP = tempfile.mkdtemp(prefix="winnow-install-")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))


def make(*args):
    # A build tree of its own, so the suite's ./winnow (built for the default prefix) stays.
    return subprocess.run(["make", "-s", "-j2", "-C", TOP, "B=" + os.path.join(TMP, "build"),
                           "PROG=" + os.path.join(TMP, "build", "winnow")] + list(args),
                          capture_output=True, text=True, timeout=600)


def files_under(root):
    out = []
    for d, _, names in os.walk(root):
        out += [os.path.relpath(os.path.join(d, n), root) for n in names]
    return sorted(out)


def main():
    prefix = os.path.join(TMP, "prefix")
    try:
        r = make("install", "PREFIX=" + prefix)
        check("install: exit 0", r.returncode == 0, r.stderr[-500:])
        got = files_under(prefix)
        want = ["bin/winnow", "bin/winnow-feed", "etc/winnow/winnow.conf",
                "share/man/man1/winnow.1"]
        check("install: everything under the prefix, nothing else", got == want, str(got))
        winnow = os.path.join(prefix, "bin", "winnow")
        h = subprocess.run([winnow, "--help"], capture_output=True, text=True, timeout=30)
        check("installed winnow names its config under the prefix",
              os.path.join(prefix, "etc/winnow/winnow.conf") in h.stdout.replace("\n", ""),
              h.stdout[-400:])
        check("winnow-feed is a link to winnow",
              os.path.islink(os.path.join(prefix, "bin/winnow-feed")) and
              os.readlink(os.path.join(prefix, "bin/winnow-feed")) == "winnow")
        conf = os.path.join(prefix, "etc/winnow/winnow.conf")
        with open(conf, "a") as f:
            f.write("format = json\n")
        page = os.path.join(TOP, "samples", "netease-hao.html")
        r = subprocess.run([winnow, page], capture_output=True, text=True, timeout=60,
                           env={"HOME": TMP, "PATH": "/usr/bin:/bin"})
        check("the installed winnow reads PREFIX/etc/winnow/winnow.conf",
              r.returncode == 0 and r.stdout.lstrip().startswith("{"), r.stderr[-300:])
        edited = open(conf).read()
        r = make("install", "PREFIX=" + prefix)
        check("a second install keeps an edited config", r.returncode == 0 and
              open(conf).read() == edited)
        r = make("uninstall", "PREFIX=" + prefix)
        got = files_under(prefix)
        check("uninstall: the program and its page gone, the edited config kept",
              r.returncode == 0 and got == ["etc/winnow/winnow.conf"], str(got))
        os.remove(conf)
        make("install", "PREFIX=" + prefix)
        make("uninstall", "PREFIX=" + prefix)
        check("uninstall: an unedited config goes too", files_under(prefix) == [],
              str(files_under(prefix)))
        r = make("-n", "install", "PREFIX=/usr")
        check("PREFIX=/usr puts the config in /etc/winnow",
              "/etc/winnow/winnow.conf" in r.stdout and "/usr/etc" not in r.stdout, r.stdout[-300:])
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
