#!/usr/bin/python3
# feed.py — end-to-end tests of `winnow feed` (and winnow-feed) and of feeds in `winnow fetch`:
# the sample feeds of samples/feeds/ with their links pointed at the loopback server, read back
# with Python's XML parser; items that fail, --max-items, the cache in the state, feeds that are
# not XML or are bombs; and the real newsboat, urlwatch and Liferea's filter command line, run
# as the recipes in samples/pipelines/ say.
#
# Run with /usr/bin/python3.  Ends with "N passed, N failed".  WINNOW names the program.

import email
import email.policy
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from httpd import Server  # noqa: E402

WINNOW = os.path.abspath(os.environ.get("WINNOW") or os.path.join(TOP, "winnow"))
BIN = os.path.dirname(WINNOW)
TMP = tempfile.mkdtemp(prefix="winnow-feed-")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
SITE = "https://www.valleycourier.example"
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))


def env(**extra):
    e = {k: v for k, v in os.environ.items()
         if not k.lower().endswith("_proxy") and not k.startswith("WINNOW_")
         and not k.startswith("XDG_")}
    e["HOME"] = os.path.join(TMP, "home")
    e["PATH"] = BIN + ":" + e.get("PATH", "/usr/bin:/bin")
    os.makedirs(e["HOME"], exist_ok=True)
    e.update(extra)
    return e


def winnow(*args, stdin=None, timeout=60):
    return subprocess.run([WINNOW] + [str(a) for a in args], input=stdin, capture_output=True,
                          timeout=timeout, env=env(), cwd=TMP)


def sample(name, s, paths=None):
    """A sample feed with its article links (and its site link) on the loopback server."""
    text = open(os.path.join(TOP, "samples/feeds", name), encoding="utf-8").read()
    for old, new in (paths or {}).items():
        text = text.replace(SITE + old, s.url(new))
    return text.replace(SITE, s.base).encode()


PATHS = {"/2024/05/14/bridge.html": "/html/bridge", "/2024/05/13/library.html": "/html/library",
         "/2024/05/12/cycling.html": "/html/cycling"}


def state(name):
    return os.path.join(TMP, name + ".db")


def test_kinds(s):
    for name, items in (("rss2.xml", "channel/item"), ("rss1.xml", RSS1 + "item"),
                        ("atom.xml", ATOM + "entry")):
        feed = sample(name, s, PATHS)
        r = winnow("feed", "--state", state("kinds-" + name), stdin=feed)
        check("%s: exit 0" % name, r.returncode == 0, r.stderr.decode())
        check("%s: silent" % name, r.stderr == b"", r.stderr.decode())
        try:
            out = ET.fromstring(r.stdout)
            before = ET.fromstring(feed)
        except ET.ParseError as x:
            check("%s: XML out" % name, False, str(x))
            continue
        got, was = out.findall(items), before.findall(items)
        check("%s: every item kept" % name, len(got) == len(was), "%d vs %d" % (len(got), len(was)))
        for g, w in zip(got, was):
            if name == "atom.xml":
                c = g.find(ATOM + "content")
                body = c.text if c is not None and c.get("type") == "html" else ""
                summary = (g.findtext(ATOM + "summary"), w.findtext(ATOM + "summary"))
                title = g.findtext(ATOM + "title")
            else:
                body = g.findtext(CONTENT) or ""
                tag = "description" if name == "rss2.xml" else RSS1 + "description"
                summary = (g.findtext(tag), w.findtext(tag))
                title = g.findtext("title") or g.findtext(RSS1 + "title")
            check("%s: %s: full text" % (name, title), "library hall" in body and "<p>" in body,
                  body[:120])
            check("%s: %s: summary kept" % (name, title), summary[0] == summary[1], str(summary))
            kept = [c.tag for c in w]
            check("%s: %s: every element kept" % (name, title),
                  all(t in [c.tag for c in g] for t in kept), str(kept))
        check("%s: one namespace declaration" % name,
              r.stdout.count(b'xmlns:content="http://purl.org/rss/1.0/modules/content/"') <=
              (0 if name == "atom.xml" else 1))


def test_items(s):
    feed = sample("rss2.xml", s, {"/2024/05/14/bridge.html": "/html/bridge2",
                                  "/2024/05/13/library.html": "/status/404",
                                  "/2024/05/12/cycling.html": "/image"})
    r = winnow("feed", "--state", state("items"), stdin=feed)
    check("failing items: exit 0", r.returncode == 0, r.stderr.decode())
    out = ET.fromstring(r.stdout).findall("channel/item")
    check("failing items: the good one cleaned", "bridge2" in (out[0].findtext(CONTENT) or ""))
    check("failing items: the others as they were",
          out[1].find(CONTENT) is None and out[2].find(CONTENT) is None and
          out[1].findtext("description") == "The central library will open until eight on "
          "weekdays.")
    r = winnow("feed", "-v", "--state", state("items-v"), stdin=feed)
    check("failing items: -v names them", b"404" in r.stderr and b"not a web page" in r.stderr,
          r.stderr.decode())

    feed = sample("rss2.xml", s, {"/2024/05/14/bridge.html": "/html/m1",
                                  "/2024/05/13/library.html": "/html/m2",
                                  "/2024/05/12/cycling.html": "/html/m3"})
    r = winnow("feed", "--max-items", "2", "--state", state("max"), stdin=feed)
    out = ET.fromstring(r.stdout).findall("channel/item")
    check("--max-items 2", [o.find(CONTENT) is not None for o in out] == [True, True, False])

    # The cache: a second run fetches nothing it cleaned before.
    feed = sample("rss2.xml", s, {"/2024/05/14/bridge.html": "/html/cache1",
                                  "/2024/05/13/library.html": "/html/cache2",
                                  "/2024/05/12/cycling.html": "/html/cache3"})
    first = winnow("feed", "--state", state("cache"), stdin=feed)
    n = s.count("/html/cache")
    second = winnow("feed", "--state", state("cache"), stdin=feed)
    check("cache: nothing fetched again", s.count("/html/cache") == n == 3,
          str(s.count("/html/cache")))
    check("cache: the same feed", first.stdout == second.stdout and first.returncode == 0)


def test_bad(s):
    for name, data in (("not XML", b"this is not a feed at all\n"),
                       ("truncated", b'<?xml version="1.0"?><rss version="2.0"><channel><item>'),
                       ("an HTML page", b"<!doctype html><html><body><p>hi</p></body></html>"),
                       ("billion laughs", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                        + b"".join(b'<!ENTITY %s "%s">' % (chr(98 + i).encode(),
                                                          (b"&" + chr(97 + i).encode() + b";") * 10)
                                   for i in range(9))
                        + b']><rss version="2.0"><channel><title>&j;</title></channel></rss>')):
        t = time.monotonic()
        r = winnow("feed", "--state", state("bad"), stdin=data)
        check("%s: 65" % name, r.returncode == 65, str(r.returncode))
        check("%s: one line" % name, r.stderr.count(b"\n") == 1 and not r.stdout, r.stderr.decode())
        check("%s: at once" % name, time.monotonic() - t < 10)
        r = winnow("feed", "--fail-open", "--state", state("bad"), stdin=data)
        check("%s: --fail-open gives the original" % name, r.returncode == 0 and r.stdout == data,
              str(r.returncode))
    big = b'<?xml version="1.0"?><rss version="2.0"><channel>' + b" " * (40 << 20) + b"</channel></rss>"
    r = winnow("feed", "--state", state("bad"), stdin=big)
    check("a feed over --max-size: 65", r.returncode == 65 and b"larger than" in r.stderr,
          r.stderr.decode())
    r = winnow("feed", "--fail-open", "--state", state("bad"), stdin=big)
    check("a feed over --max-size, --fail-open: the original", r.returncode == 0 and
          r.stdout == big, str(r.returncode))
    r = winnow("feed", "feed.xml", stdin=b"")
    check("feed with a file argument: 64", r.returncode == 64, str(r.returncode))
    r = winnow(stdin=sample("rss2.xml", s))
    check("plain winnow on a feed says which command", r.returncode == 65 and
          b"winnow feed" in r.stderr, r.stderr.decode())
    r = subprocess.run([os.path.join(BIN, "winnow-feed")], input=sample("atom.xml", s, PATHS),
                       capture_output=True, env=env(), timeout=60)
    check("winnow-feed is the feed filter", r.returncode == 0 and b'<content type="html">' in
          r.stdout, r.stderr.decode())


def maildir(path):
    out = []
    for f in sorted(glob.glob(os.path.join(path, "new", "*"))):
        with open(f, "rb") as fh:
            out.append(email.message_from_bytes(fh.read(), policy=email.policy.default))
    return out


def test_fetch(s, root):
    """Feeds in a winnow fetch list: each item not delivered before is one article message."""
    d = os.path.join(TMP, "fetch")
    os.makedirs(d)
    with open(os.path.join(root, "news.xml"), "wb") as f:
        f.write(sample("rss2.xml", s, {"/2024/05/14/bridge.html": "/html/f1",
                                       "/2024/05/13/library.html": "/html/f2",
                                       "/2024/05/12/cycling.html": "/html/f2b"}))
    with open(os.path.join(root, "atom.xml"), "wb") as f:
        f.write(sample("atom.xml", s, {"/2024/05/14/bridge.html": "/html/f3",
                                       "/2024/05/13/library.html": "/html/f4"}))
    urls = os.path.join(d, "urls")
    with open(urls, "w") as f:   # the RSS feed is found by its bytes, the Atom one is marked
        f.write("%s\nfeed:%s\n" % (s.url("/page/news.xml"), s.url("/page/atom.xml")))
    md = os.path.join(d, "md")
    args = ["fetch", "--urls", urls, "--maildir", md, "--state", os.path.join(d, "s.db")]
    r = winnow(*args)
    subjects = sorted(m["subject"] for m in maildir(md))
    check("fetch feeds: exit 0", r.returncode == 0, r.stderr.decode())
    check("fetch feeds: one message per item", len(subjects) == 5, str(subjects))
    check("fetch feeds: full text", all("library hall" in m.get_content() for m in maildir(md)))
    r = winnow(*args)
    check("fetch feeds: a second run delivers nothing", len(maildir(md)) == 5 and not r.stderr,
          r.stderr.decode())
    text = open(os.path.join(root, "news.xml"), "rb").read().replace(
        b"<item>", b"<item><title>Later</title><link>%s</link></item><item>" %
        s.url("/html/f5").encode(), 1)
    with open(os.path.join(root, "news.xml"), "wb") as f:
        f.write(text)
    os.utime(os.path.join(root, "news.xml"), (time.time() + 5, time.time() + 5))
    winnow(*args)
    subjects = [m["subject"] for m in maildir(md)]
    check("fetch feeds: a new item is delivered, once", len(subjects) == 6 and
          subjects.count("Town council hears views on f5") == 1, str(subjects))
    with open(urls, "w") as f:
        f.write("feed:%s\n" % s.url("/html/notafeed"))
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", os.path.join(d, "t.db"))
    check("fetch: a page marked feed: that is none", r.returncode == 69 and b"not a feed" in
          r.stderr, r.stderr.decode())


def recipe(name):
    return [l for l in open(os.path.join(TOP, "samples/pipelines", name), encoding="utf-8")
            .read().split("\n") if l.strip() and not l.startswith("#")]


def test_newsboat(s, root):
    """newsboat -x reload with the samples' filter: line: the cleaned text in its cache."""
    d = os.path.join(TMP, "newsboat")
    os.makedirs(d)
    with open(os.path.join(root, "nb.xml"), "wb") as f:
        f.write(sample("rss2.xml", s, {"/2024/05/14/bridge.html": "/html/nb1",
                                       "/2024/05/13/library.html": "/html/nb2",
                                       "/2024/05/12/cycling.html": "/html/nb3"}))
    line = recipe("newsboat-urls")
    check("newsboat-urls: one filter: line", len(line) == 1 and line[0].startswith("filter:"))
    prog, _, _ = line[0][len("filter:"):].partition(":")
    urls = os.path.join(d, "urls")
    with open(urls, "w") as f:   # the recipe's program, found on PATH as newsboat finds it
        f.write("filter:%s:%s\n" % (prog, s.url("/page/nb.xml")))
    open(os.path.join(d, "config"), "w").close()
    cache = os.path.join(d, "cache.db")
    r = subprocess.run(["newsboat", "-u", urls, "-c", cache, "-C", os.path.join(d, "config"),
                        "-x", "reload"], capture_output=True, env=env(HOME=d), timeout=120)
    check("newsboat: reload", r.returncode == 0, r.stderr.decode()[-300:])
    try:
        db = sqlite3.connect(cache)
        rows = db.execute("SELECT title, content FROM rss_item ORDER BY title").fetchall()
        db.close()
    except sqlite3.Error as x:
        rows = []
        check("newsboat: cache readable", False, str(x))
    check("newsboat: three items", len(rows) == 3, str(rows)[:300])
    check("newsboat: items hold the clean full text",
          all("library hall" in (c or "") and "<p>" in (c or "") for _, c in rows),
          str(rows)[:300])


def test_urlwatch(s, root):
    """urlwatch with the samples' shellpipe job: the filtered page is the clean article, and a
    change of the article shows as a change."""
    d = os.path.join(TMP, "urlwatch")
    os.makedirs(d)
    page = os.path.join(root, "watched.html")

    def article(extra):
        return ("<html><head><title>Bridge</title></head><body><nav><a href=/>Home</a></nav>"
                "<article><h1>A new bridge</h1>%s</article><aside><h3>Most read</h3><ul>"
                "<li><a href=/a>Other story</a></li><li><a href=/b>Another story</a></li>"
                "</ul></aside></body></html>" % "".join(
                    "<p>The council voted on Monday night to build a new bridge across the river "
                    "at Millbrook, replacing the narrow crossing of 1887; %s paragraph %d.</p>"
                    % (extra, i) for i in range(4)))
    with open(page, "w") as f:
        f.write(article("first"))
    job = "\n".join(recipe("urlwatch-jobs.yaml")).replace(
        '"https://www.valleycourier.example/2024/05/14/bridge.html"', '"%s"' %
        s.url("/page/watched.html"))
    check("urlwatch job: the sample's url replaced", s.base in job, job)
    jobs = os.path.join(d, "jobs.yaml")
    with open(jobs, "w") as f:
        f.write(job + "\n")
    base = ["urlwatch", "--urls", jobs, "--config", os.path.join(d, "urlwatch.yaml"),
            "--cache", os.path.join(d, "cache.db")]
    r = subprocess.run(base + ["--test-filter", "1"], capture_output=True, env=env(HOME=d),
                       timeout=120)
    out = r.stdout.decode()
    check("urlwatch: the filtered page is the article", r.returncode == 0 and
          "first paragraph 3" in out and "Most read" not in out and "Home" not in out,
          out[-400:] + r.stderr.decode()[-300:])
    subprocess.run(base, capture_output=True, env=env(HOME=d), timeout=120)
    with open(page, "w") as f:
        f.write(article("second"))
    os.utime(page, (time.time() + 5, time.time() + 5))
    r = subprocess.run(base, capture_output=True, env=env(HOME=d), timeout=120)
    out = r.stdout.decode()
    check("urlwatch: the change reported as the article's", "CHANGED" in out and
          "+The council voted" in out and "second paragraph" in out, out[-600:])


def test_liferea(s):
    """Liferea's conversion filter: the command line of samples/pipelines/liferea, run by a
    shell with the feed on standard input, as Liferea runs it."""
    line = recipe("liferea")
    check("liferea: one command line", len(line) == 1, str(line))
    feed = sample("atom.xml", s, {"/2024/05/14/bridge.html": "/html/lf1",
                                  "/2024/05/13/library.html": "/html/lf2"})
    r = subprocess.run(["/bin/sh", "-c", line[0]], input=feed, capture_output=True, env=env(),
                       timeout=60)
    check("liferea: converted", r.returncode == 0 and r.stdout.count(b'<content type="html">') == 2,
          r.stderr.decode())
    r = subprocess.run(["/bin/sh", "-c", line[0]], input=b"<html>not a feed</html>",
                       capture_output=True, env=env(), timeout=60)
    check("liferea: a feed winnow cannot read comes through", r.returncode == 0 and
          r.stdout == b"<html>not a feed</html>", str(r.returncode))


def main():
    root = os.path.join(TMP, "pages")
    os.makedirs(root)
    try:
        with Server(root=root) as s:
            test_kinds(s)
            test_items(s)
            test_bad(s)
            test_fetch(s, root)
            test_newsboat(s, root)
            test_urlwatch(s, root)
            test_liferea(s)
    finally:
        if not os.environ.get("KEEP"):   # KEEP=1 leaves the files for a look
            shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
