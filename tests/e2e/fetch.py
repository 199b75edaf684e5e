#!/usr/bin/python3
# fetch.py — end-to-end tests of `winnow URL` and `winnow fetch` against the loopback server
# in httpd.py: limits, redirects, encodings, charsets, errors and their exit statuses, and
# delivery into a Maildir, an mbox, files and standard output, read back with Python's own
# mail parsers; a second run that delivers nothing; runs killed at chosen and at random
# moments and run again, which must deliver every article exactly once; and the cron recipe
# of the README, run as cron would.
#
# Run with /usr/bin/python3 (Debian's, which has python3-brotli).  Ends with "N passed, N
# failed".  WINNOW names the program (default ./winnow).

import email
import email.policy
import glob
import mailbox
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from httpd import Server  # noqa: E402

WINNOW = os.path.abspath(os.environ.get("WINNOW") or os.path.join(TOP, "winnow"))
TMP = tempfile.mkdtemp(prefix="winnow-fetch-")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))


def env():
    """A clean environment: no proxy, no user config, a home of the test's own."""
    e = {k: v for k, v in os.environ.items()
         if not k.lower().endswith("_proxy") and not k.startswith("WINNOW_")
         and not k.startswith("XDG_")}
    e["HOME"] = os.path.join(TMP, "home")
    os.makedirs(e["HOME"], exist_ok=True)
    return e


def winnow(*args, stdin=None, timeout=60, cwd=None):
    return subprocess.run([WINNOW] + [str(a) for a in args], input=stdin, capture_output=True,
                          timeout=timeout, env=env(), cwd=cwd or TMP)


def tmpdir(name):
    d = os.path.join(TMP, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def article(title, words, extra=""):
    """A page of four paragraphs that winnow keeps as an article."""
    para = ("The committee of %s met again on Tuesday to weigh the plan, and the members who "
            "spoke said that the figures needed a closer look before anyone could vote on "
            "them with a clear conscience. " % words) * 2
    body = "".join("<p>%s %d.</p>\n" % (para, i) for i in range(4))
    return ("<!doctype html><html lang=en><head><meta charset=utf-8><title>%s</title></head>"
            "<body><article><h1>%s</h1>\n%s%s</article></body></html>\n" % (title, title, extra,
                                                                              body))


def maildir_messages(path):
    out = []
    for f in sorted(glob.glob(os.path.join(path, "new", "*")) +
                    glob.glob(os.path.join(path, "cur", "*"))):
        with open(f, "rb") as fh:
            out.append(email.message_from_bytes(fh.read(), policy=email.policy.default))
    return out


def ids(messages):
    return [m["message-id"] for m in messages]


# -- winnow URL --------------------------------------------------------------------------------

def test_url(s):
    r = winnow(s.url("/html/first"))
    check("url: status", r.returncode == 0, r.stderr.decode())
    check("url: article", b"Town council hears views on first" in r.stdout and
          b"library hall" in r.stdout)
    ua = [h for m, p, h in s.hits if p == "/html/first"][0].get("user-agent", "")
    check("url: user agent names winnow", ua.startswith("winnow/"), ua)
    ae = [h for m, p, h in s.hits if p == "/html/first"][0].get("accept-encoding", "")
    check("url: every encoding offered", all(c in ae for c in ("gzip", "br", "zstd", "deflate")),
          ae)
    r = winnow("--user-agent", "Reader/2.0", s.url("/html/ua"))
    ua = [h for m, p, h in s.hits if p == "/html/ua"][0].get("user-agent", "")
    check("url: --user-agent", ua == "Reader/2.0", ua)

    r = winnow("--url", s.url("/html/byurl"))
    check("url: --url with no file fetches", r.returncode == 0 and b"byurl" in r.stdout)

    r = winnow("-f", "json", s.url("/redirect/3"))
    check("redirects: followed", r.returncode == 0, r.stderr.decode())
    check("redirects: the final URL is the page's",
          b'"url": "%s"' % s.url("/html/redirected").encode() in r.stdout, r.stdout[:300])
    n = s.count("/loop")
    r = winnow(s.url("/loop"))
    check("redirect loop: 69", r.returncode == 69, str(r.returncode))
    check("redirect loop: at most 11 requests", s.count("/loop") - n <= 11, str(s.count("/loop") - n))
    check("redirect loop: says so", b"redirect" in r.stderr.lower(), r.stderr.decode())
    for path in ("/tofile", "/toftp"):
        r = winnow(s.url(path))
        check("redirect to another scheme %s: 69" % path, r.returncode == 69, str(r.returncode))
        check("redirect to another scheme %s: nothing read" % path,
              r.stdout == b"" and b"root:" not in r.stdout)
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"):
        r = winnow(url)
        check("scheme %s refused: 64" % url, r.returncode == 64, str(r.returncode))
        check("scheme %s: one line naming it" % url,
              r.stderr.count(b"\n") == 1 and url.encode() in r.stderr, r.stderr.decode())

    for path, word in (("/gzip", b"gzip"), ("/br", b"br"), ("/deflate", b"deflate")):
        r = winnow(s.url(path))
        check("encoding %s" % path, r.returncode == 0 and b"views on " + word in r.stdout,
              r.stderr.decode())

    r = winnow(s.url("/gbk-header"))
    check("charset in the header only", r.returncode == 0 and "地铁".encode() in r.stdout,
          r.stdout[:200].decode("utf-8", "replace"))
    r = winnow(s.url("/gbk-contradict"))
    check("header charset outranks <meta>", r.returncode == 0 and "地铁".encode() in r.stdout,
          r.stdout[:200].decode("utf-8", "replace"))
    saved = os.path.join(TMP, "contradict.html")
    with open(saved, "wb") as f, urllib.request.urlopen(s.url("/gbk-contradict")) as page:
        f.write(page.read())
    r = winnow(saved)
    check("a file alone follows its <meta>", "地铁".encode() not in r.stdout)
    r = winnow("--charset", "gbk", saved)
    check("--charset outranks <meta> for a file", "地铁".encode() in r.stdout)
    r = winnow("--charset", "gbk", "-", stdin=open(saved, "rb").read())
    check("--charset for standard input", "地铁".encode() in r.stdout)
    r = winnow("--charset", "klingon", saved)
    check("--charset unknown: 64", r.returncode == 64)

    for cl in ("1", "0"):
        r = winnow("--max-size", "100K", s.url("/big?size=300000&cl=" + cl))
        check("over the cap (cl=%s): 65" % cl, r.returncode == 65, str(r.returncode))
        check("over the cap (cl=%s): says so" % cl, b"larger than" in r.stderr, r.stderr.decode())
    r = winnow("--max-size", "100K", s.url("/big?size=90000&cl=0"))
    check("under the cap, chunked", r.returncode == 0, r.stderr.decode())

    t = time.monotonic()
    r = winnow("--timeout", "2", s.url("/stall"), timeout=30)
    check("stall: 75", r.returncode == 75, str(r.returncode))
    check("stall: ends with the timeout", time.monotonic() - t < 15)
    check("stall: libcurl's words", b"timed out" in r.stderr.lower(), r.stderr.decode())

    for code, want in ((404, 69), (410, 69), (403, 69), (500, 75), (502, 75), (503, 75),
                       (429, 75)):
        r = winnow(s.url("/status/%d" % code))
        check("HTTP %d: %d" % (code, want), r.returncode == want, str(r.returncode))
        check("HTTP %d: one line with the URL" % code,
              r.stderr.count(b"\n") == 1 and s.url("/status/%d" % code).encode() in r.stderr,
              r.stderr.decode())

    for path in ("/image", "/pdf"):
        r = winnow(s.url(path))
        check("%s: 65" % path, r.returncode == 65, str(r.returncode))
        check("%s: not a page, by its Content-Type" % path, b"Content-Type" in r.stderr,
              r.stderr.decode())
    r = winnow(s.url("/octet-html"))
    check("octet-stream that is HTML", r.returncode == 0 and b"views on octet" in r.stdout)

    # Nothing listens on a port just freed: connection refused is temporary.
    import socket
    so = socket.socket()
    so.bind(("127.0.0.1", 0))
    port = so.getsockname()[1]
    so.close()
    r = winnow("http://127.0.0.1:%d/x" % port)
    check("connection refused: 75", r.returncode == 75, str(r.returncode))
    r = winnow("http://no-such-host.invalid/x", timeout=60)
    check("DNS failure: 75", r.returncode == 75, str(r.returncode))


def test_tls():
    with Server(tls=True) as s:
        r = winnow("--cacert", s.cafile, s.url("/html/secure"))
        check("https with --cacert", r.returncode == 0 and b"secure" in r.stdout,
              r.stderr.decode())
        r = winnow(s.url("/html/secure"))
        check("https with an unknown certificate: refused", r.returncode not in (0, 75),
              str(r.returncode))


def test_proxy(s):
    """http_proxy from the environment, as libcurl reads it: the test server answers the
    absolute-URI request a proxy gets."""
    e = env()
    e["http_proxy"] = s.base
    r = subprocess.run([WINNOW, "http://news.invalid/html/proxied"], capture_output=True,
                       env=e, timeout=60)
    check("http_proxy: used", r.returncode == 0 and b"proxied" in r.stdout, r.stderr.decode())
    check("http_proxy: the request named the origin",
          any(p == "http://news.invalid/html/proxied" for _, p, _ in s.hits))


def free_port():
    import socket
    so = socket.socket()
    so.bind(("127.0.0.1", 0))
    port = so.getsockname()[1]
    so.close()
    return port


def test_http2():
    """HTTP/2 when the server offers it: nginx on TLS with http2, its log says the protocol."""
    d = tmpdir("nginx")
    www = os.path.join(d, "www")
    os.makedirs(www)
    write(os.path.join(www, "a.html"), article("Over two", "the second protocol"))
    from httpd import make_certificate
    cert, key = make_certificate(d)
    port = free_port()
    conf = os.path.join(d, "nginx.conf")
    write(conf, """%s
daemon off;
pid %s/nginx.pid;
error_log %s/error.log;
events { worker_connections 64; }
http {
    log_format proto '$server_protocol $request_uri';
    access_log %s/access.log proto;
    client_body_temp_path %s/body;
    server {
        listen 127.0.0.1:%d ssl http2;
        ssl_certificate %s;
        ssl_certificate_key %s;
        root %s;
    }
}
""" % ("user root;" if os.geteuid() == 0 else "", d, d, d, d, port, cert, key, www))
    ng = subprocess.Popen(["/usr/sbin/nginx", "-c", conf, "-p", d], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            if os.path.exists(os.path.join(d, "nginx.pid")):
                break
            time.sleep(0.1)
        r = winnow("--cacert", cert, "https://127.0.0.1:%d/a.html" % port)
        check("http2: page", r.returncode == 0 and b"Over two" in r.stdout, r.stderr.decode())
        log = open(os.path.join(d, "access.log")).read() if \
            os.path.exists(os.path.join(d, "access.log")) else ""
        check("http2: negotiated", "HTTP/2.0 /a.html" in log, log)
    finally:
        ng.terminate()
        ng.wait(timeout=10)


# -- winnow fetch ------------------------------------------------------------------------------

def test_maildir(s, root):
    d = tmpdir("maildir")
    write(os.path.join(root, "m1.html"), article("Harbour plans", "the harbour board"))
    urls = os.path.join(d, "urls")
    write(urls, "# news to read\n\n%s\n   %s   # an indented one\n%s\n%s\n%s\n" % (
        s.url("/page/m1.html"), s.url("/etag"), s.url("/lastmod"), s.url("/gbk-header"),
        s.url("/html/m5")))
    state = os.path.join(d, "state.db")
    md = os.path.join(d, "Mail", "news")
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", state)
    check("maildir: exit 0", r.returncode == 0, r.stderr.decode())
    check("maildir: silent", r.stdout == b"" and r.stderr == b"", r.stderr.decode())
    for sub in ("tmp", "new", "cur"):
        check("maildir: %s/ made" % sub, os.path.isdir(os.path.join(md, sub)))
    msgs = maildir_messages(md)
    check("maildir: one message per URL", len(msgs) == 5, str(len(msgs)))
    by_url = {m["x-winnow-url"]: m for m in msgs}
    m = by_url.get(s.url("/gbk-header"))
    check("maildir: X-Winnow-URL", m is not None, str(list(by_url)))
    if m is not None:
        check("mail: Subject decoded", m["subject"] == "本市地铁五号线今日开通试运营", m["subject"])
        raw = open(glob.glob(os.path.join(md, "new", "*"))[0], "rb").read()
        check("mail: body is UTF-8 quoted-printable",
              m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8" and
              m["content-transfer-encoding"] == "quoted-printable")
        check("mail: body text", "地铁五号线一期工程" in m.get_content())
        check("mail: Date", m["date"] is not None and m["date"].datetime is not None)
        check("mail: From", m["from"] is not None and "@" in m["from"].addresses[0].addr_spec)
        check("mail: List-Id by host", m["list-id"] == "<127.0.0.1.localhost>", m["list-id"])
    for f in glob.glob(os.path.join(md, "new", "*")):
        raw = open(f, "rb").read()
        head, _, body = raw.partition(b"\n\n")
        check("mail: 8-bit-free headers", all(b < 128 for b in head), f)
        long = [l for l in body.split(b"\n") if len(l) > 76]
        check("mail: body lines at most 76 octets", not long, repr(long[:1]))
    m = by_url.get(s.url("/page/m1.html"))
    check("mail: attribution on top", m is not None and
          m.get_content().startswith("Harbour plans\n") and s.url("/page/m1.html") in
          m.get_content().split("\n\n")[0], m.get_content()[:200] if m else "")
    first_ids = sorted(ids(msgs))

    hits = len(s.hits)
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", state)
    check("second run: exit 0 and silent", r.returncode == 0 and not r.stderr and not r.stdout,
          r.stderr.decode())
    check("second run: nothing delivered", len(maildir_messages(md)) == 5)
    later = s.hits[hits:]
    etag = [h for _, p, h in later if p == "/etag"]
    check("second run: If-None-Match sent", etag and etag[0].get("if-none-match") == '"v1"')
    lm = [h for _, p, h in later if p == "/lastmod"]
    check("second run: If-Modified-Since sent",
          lm and lm[0].get("if-modified-since") == "Wed, 21 Oct 2015 07:28:00 GMT")
    codes = dict((p, c) for p, c in s.codes[-len(later):])
    check("second run: 304 for the page", codes.get("/page/m1.html") == 304, str(codes))

    # The same article is the same message: a fresh state delivers the same Message-IDs.
    md2 = os.path.join(d, "again")
    winnow("fetch", "--urls", urls, "--maildir", md2, "--state", os.path.join(d, "other.db"))
    check("Message-ID stable across runs", sorted(ids(maildir_messages(md2))) == first_ids)

    r = winnow("fetch", "--list", "--state", state)
    check("--list: every URL", r.returncode == 0 and r.stdout.count(b"\n") == 6 and
          b"not modified" in r.stdout and b'"v1"' in r.stdout, r.stdout.decode())
    r = winnow("fetch", "--forget", s.url("/html/m5"), "--state", state)
    check("--forget", r.returncode == 0 and s.url("/html/m5").encode() not in
          winnow("fetch", "--list", "--state", state).stdout)
    r = winnow("fetch", "--forget", s.url("/html/never"), "--state", state)
    check("--forget an unknown URL: 64", r.returncode == 64, str(r.returncode))


def test_list_errors(s):
    d = tmpdir("errors")
    urls = os.path.join(d, "urls")
    write(urls, "%s\nnot a url\nftp://example.com/x\n%s\n%s\n" % (
        s.url("/html/e1"), s.url("/status/404"), s.url("/html/e2")))
    md = os.path.join(d, "md")
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", os.path.join(d, "s.db"))
    check("bad lines: the others are delivered", len(maildir_messages(md)) == 2)
    check("bad lines: 69", r.returncode == 69, str(r.returncode))
    err = r.stderr.decode()
    check("bad lines: named by line", "line 2" in err and "line 3" in err, err)
    check("bad lines: the 404 reported", s.url("/status/404") in err, err)
    check("bad lines: one line each", err.count("\n") == 3, err)

    write(urls, "%s\n%s\n" % (s.url("/html/e3"), s.url("/status/503?retry=0")))
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", os.path.join(d, "t.db"))
    check("temporary failure only: 75", r.returncode == 75, str(r.returncode))

    r = winnow("fetch", "--maildir", md, "--state", os.path.join(d, "u.db"),
               stdin=("%s\n" % s.url("/html/e4")).encode())
    check("URLs on standard input", r.returncode == 0 and len(maildir_messages(md)) == 4)
    r = winnow("fetch", "page.html")
    check("fetch with a file argument: 64", r.returncode == 64)
    r = winnow("fetch", "--maildir", md, "--mbox", "x", stdin=b"")
    check("two destinations: 64", r.returncode == 64)


def test_mbox(s, root):
    d = tmpdir("mbox")
    write(os.path.join(root, "from.html"),
          article("Letters", "the letters desk",
                  "<p>From the editor: this line starts with From and must stay a line of the "
                  "body, not the start of another message in the mbox.</p>\n"))
    urls = os.path.join(d, "urls")
    write(urls, "%s\n%s\n%s\n" % (s.url("/page/from.html"), s.url("/html/b1"),
                                  s.url("/html/b2")))
    box = os.path.join(d, "news.mbox")
    r = winnow("fetch", "--urls", urls, "--mbox", box, "--state", os.path.join(d, "s.db"))
    check("mbox: exit 0", r.returncode == 0, r.stderr.decode())
    mb = mailbox.mbox(box)
    check("mbox: three messages", len(mb) == 3, str(len(mb)))
    subjects = sorted(m["subject"] for m in mb)
    check("mbox: subjects", subjects == ["Letters", "Town council hears views on b1",
                                         "Town council hears views on b2"], str(subjects))
    raw = open(box, "rb").read()
    check("mbox: From_ lines only between messages",
          len(re.findall(rb"(?m)^From ", raw)) == 3, raw[:200])
    letters = [m for m in mb if m["subject"] == "Letters"][0]
    body = email.message_from_bytes(letters.as_bytes(), policy=email.policy.default).get_content()
    check("mbox: the body's From line kept", re.search(r"(?m)^>?From the editor", body) is not None,
          body[:300])
    r = winnow("fetch", "--urls", urls, "--mbox", box, "--state", os.path.join(d, "s.db"))
    check("mbox: second run appends nothing", len(mailbox.mbox(box)) == 3)

    r = winnow("fetch", "--urls", urls, "--state", os.path.join(d, "out.db"))
    path = os.path.join(d, "stdout.mbox")
    with open(path, "wb") as f:
        f.write(r.stdout)
    check("standard output: an mbox stream", r.returncode == 0 and len(mailbox.mbox(path)) == 3,
          r.stderr.decode())

    out = os.path.join(d, "files")
    r = winnow("fetch", "--urls", urls, "-o", out, "-f", "text",
               "--state", os.path.join(d, "files.db"))
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    check("-o: a file per URL", r.returncode == 0 and len(names) == 3 and
          all(n.endswith(".txt") for n in names), str(names))


def test_changed(s, root):
    d = tmpdir("changed")
    page = os.path.join(root, "change.html")
    write(page, article("Budget day", "the budget office"))
    urls = os.path.join(d, "urls")
    write(urls, s.url("/page/change.html") + "\n")
    md = os.path.join(d, "md")
    state = os.path.join(d, "s.db")
    winnow("fetch", "--urls", urls, "--maildir", md, "--state", state)
    write(page, article("Budget day", "the budget office, corrected"))
    os.utime(page, (time.time() + 5, time.time() + 5))
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", state)
    check("changed: not delivered again by default",
          r.returncode == 0 and len(maildir_messages(md)) == 1, r.stderr.decode())
    write(page, article("Budget day", "the budget office, corrected twice"))
    os.utime(page, (time.time() + 10, time.time() + 10))
    r = winnow("fetch", "--redeliver-changed", "--urls", urls, "--maildir", md, "--state", state)
    msgs = maildir_messages(md)
    check("changed: --redeliver-changed delivers it", len(msgs) == 2, str(len(msgs)))
    if len(msgs) == 2:
        first = [m for m in msgs if not m["references"]]
        second = [m for m in msgs if m["references"]]
        check("changed: its own Message-ID, referring to the first",
              len(first) == 1 and len(second) == 1 and
              second[0]["references"] == first[0]["message-id"] and
              second[0]["message-id"] != first[0]["message-id"])
        check("changed: the new text", "corrected twice" in second[0].get_content())


def test_retry_after(s):
    d = tmpdir("retry")
    urls = os.path.join(d, "urls")
    write(urls, "%s\n%s\n" % (s.url("/flaky429/r1?retry=1"), s.url("/html/r2")))
    md = os.path.join(d, "md")
    t = time.monotonic()
    r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", os.path.join(d, "s.db"))
    check("Retry-After 1: waited and delivered", r.returncode == 0 and
          len(maildir_messages(md)) == 2 and s.count("/flaky429/r1") == 2, r.stderr.decode())
    check("Retry-After 1: the wait was kept", time.monotonic() - t >= 1.0)

    # A long wait: this run fails the URL for now, and the next run leaves the host alone.
    with Server() as s2:
        write(urls, "%s\n%s\n" % (s2.url("/status/429?retry=3600"), s2.url("/html/r3")))
        state = os.path.join(d, "long.db")
        r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", state)
        check("Retry-After 3600: 75", r.returncode == 75, str(r.returncode))
        db = sqlite3.connect(state)
        wait = db.execute("SELECT wait_until FROM host").fetchall()
        db.close()
        check("Retry-After 3600: recorded", wait and wait[0][0] > time.time() + 3000, str(wait))
        n = len(s2.hits)
        r = winnow("fetch", "--urls", urls, "--maildir", md, "--state", state)
        check("Retry-After 3600: the next run waits too", len(s2.hits) == n, str(s2.hits[n:]))
        check("Retry-After 3600: silently", r.returncode == 0 and not r.stderr, r.stderr.decode())


def test_concurrency(root):
    for i in range(12):
        write(os.path.join(root, "c%d.html" % i), article("Item %d" % i, "item %d" % i))
    d = tmpdir("jobs")
    with Server(root=root, delay=0.3) as s:
        urls = os.path.join(d, "urls")
        write(urls, "".join(s.url("/page/c%d.html" % i) + "\n" for i in range(12)))
        md = os.path.join(d, "md")
        r = winnow("fetch", "-j", "8", "--urls", urls, "--maildir", md,
                   "--state", os.path.join(d, "s.db"))
        check("-j 8: all delivered", r.returncode == 0 and len(maildir_messages(md)) == 12,
              r.stderr.decode())
        check("-j 8: at most 2 connections to one host", 1 <= s.max_inflight <= 2,
              str(s.max_inflight))
    d = tmpdir("lock")
    with Server(root=root, delay=1.0) as s:
        urls = os.path.join(d, "urls")
        write(urls, s.url("/page/c0.html") + "\n")
        state = os.path.join(d, "s.db")
        first = subprocess.Popen([WINNOW, "fetch", "--urls", urls, "--maildir",
                                  os.path.join(d, "md"), "--state", state], env=env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.4)
        r = winnow("fetch", "--urls", urls, "--maildir", os.path.join(d, "md"), "--state", state)
        first.communicate(timeout=30)
        check("a second run beside the first: 75", r.returncode == 75, str(r.returncode))
        check("a second run beside the first: says why", b"in use" in r.stderr,
              r.stderr.decode())
        check("a second run beside the first: one delivery",
              len(maildir_messages(os.path.join(d, "md"))) == 1)


def exactly_once(name, got, want):
    dup = sorted(set(i for i in got if got.count(i) > 1))
    check(name + ": no duplicate", not dup, str(dup))
    check(name + ": none lost", set(got) == set(want), "%d of %d" % (len(set(got)), len(want)))


def reference_ids(s, urls_text, d):
    md = os.path.join(d, "reference")
    winnow("fetch", "--maildir", md, "--state", os.path.join(d, "reference.db"),
           stdin=urls_text.encode())
    return ids(maildir_messages(md))


def test_crash(root):
    """Kills at chosen system calls (strace injects SIGKILL: the tmp file's fsync, before the
    rename; the directory's fsync, after it and before the state's commit; SQLite's syncs),
    then at random moments; each time a rerun must leave every article exactly once."""
    for i in range(6):
        write(os.path.join(root, "k%d.html" % i), article("Crash %d" % i, "crash %d" % i))
    with Server(root=root) as s:
        text = "".join(s.url("/page/k%d.html" % i) + "\n" for i in range(6))
        d = tmpdir("crash")
        want = reference_ids(s, text, d)
        for dest in ("maildir", "mbox"):
            points = [("fsync", n) for n in (1, 2, 3, 4)] + [("fdatasync", n)
                                                             for n in (8, 10, 12, 14, 16)]
            for call, n in points:
                if dest == "mbox" and call == "fsync" and n > 2:
                    continue
                case = os.path.join(d, "%s-%s-%d" % (dest, call, n))
                target = [("--maildir", case + ".md")] if dest == "maildir" else \
                    [("--mbox", case + ".mbox")]
                args = ["fetch", target[0][0], target[0][1], "--state", case + ".db", "-j", "1"]
                k = subprocess.run(["strace", "-f", "-o", "/dev/null", "-e", "trace=" + call,
                                    "-e", "inject=%s:signal=KILL:when=%d" % (call, n), WINNOW]
                                   + args, input=text.encode(), capture_output=True, env=env(),
                                   timeout=60)
                killed = k.returncode in (-9, 137)
                r = subprocess.run([WINNOW] + args, input=text.encode(), capture_output=True,
                                   env=env(), timeout=60)
                if dest == "maildir":
                    got = ids(maildir_messages(case + ".md"))
                else:
                    got = [m["message-id"] for m in mailbox.mbox(case + ".mbox")]
                tag = "kill at %s #%d (%s)" % (call, n, dest)
                check(tag + ": killed", killed, "status %d: %s" % (k.returncode, k.stderr[-300:]))
                check(tag + ": rerun exit 0", r.returncode == 0, r.stderr.decode())
                exactly_once(tag, got, want)

    # Random moments, with each page slow enough that a kill lands mid-batch.
    with Server(root=root, delay=0.08) as s:
        text = "".join(s.url("/page/k%d.html" % i) + "\n" for i in range(6))
        d = tmpdir("crash-random")
        want = reference_ids(s, text, d)
        rnd = random.Random(8)
        for trial in range(4):
            md, state = os.path.join(d, "md%d" % trial), os.path.join(d, "s%d.db" % trial)
            args = [WINNOW, "fetch", "--maildir", md, "--state", state, "-j", "2"]
            for _ in range(3):
                p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=env())
                p.stdin.write(text.encode())
                p.stdin.close()
                time.sleep(rnd.uniform(0.02, 0.4))
                p.send_signal(signal.SIGKILL)
                p.wait()
            r = subprocess.run(args, input=text.encode(), capture_output=True, env=env(),
                               timeout=60)
            check("random kills %d: rerun exit 0" % trial, r.returncode == 0, r.stderr.decode())
            exactly_once("random kills %d" % trial, ids(maildir_messages(md)), want)


def test_cron(s):
    """The README's "From cron" lines and samples/pipelines/crontab, run as written."""
    readme = open(os.path.join(TOP, "README"), encoding="utf-8").read()
    section = readme.split("From cron\n---------\n", 1)
    check("README has a From cron section", len(section) == 2)
    if len(section) < 2:
        return
    text = re.split(r"\n[^\n]+\n-{3,}\n", section[1], 1)[0]
    blocks, cur = [], []
    for line in text.split("\n"):
        if line.startswith("    "):
            cur.append(line[4:])
        elif cur and line.strip() == "":
            cur.append("")
        elif cur:
            blocks.append([l for l in cur if l.strip()])
            cur = []
    if cur:
        blocks.append([l for l in cur if l.strip()])
    check("From cron: two blocks of lines", len(blocks) == 2, str(blocks))
    if len(blocks) != 2:
        return
    crontab = [l for l in open(os.path.join(TOP, "samples/pipelines/crontab"), encoding="utf-8")
               .read().split("\n") if l.strip() and not l.startswith("#")]
    check("From cron: the README quotes samples/pipelines/crontab", blocks[1] == crontab,
          "%s vs %s" % (blocks[1], crontab))
    home = tmpdir("cron-home")
    bindir = os.path.dirname(WINNOW)
    example = re.search(r"https?://[^\s']+", "\n".join(blocks[0]))
    check("From cron: an example URL", example is not None)
    script = "\n".join(blocks[0]).replace(example.group(0), s.url("/html/cron")) + "\n"
    sh_env = {"HOME": home, "PATH": bindir + ":/usr/bin:/bin", "SHELL": "/bin/sh"}
    r = subprocess.run(["/bin/sh", "-e", "-c", script], env=sh_env, capture_output=True,
                       timeout=60)
    check("From cron: the lines run", r.returncode == 0, r.stderr.decode())
    path = [l for l in crontab if l.startswith("PATH=")]
    job = [l for l in crontab if not l.startswith("PATH=")]
    check("From cron: a PATH line and one job", len(path) == 1 and len(job) == 1, str(crontab))
    cron_path = path[0][5:].replace("/usr/local/bin", bindir)
    command = job[0].split(None, 5)[5]
    cron_env = {"HOME": home, "PATH": cron_path, "SHELL": "/bin/sh", "LOGNAME": "root"}
    r = subprocess.run(["/bin/sh", "-c", command], env=cron_env, capture_output=True, timeout=60)
    check("crontab entry: nothing to deliver, nothing said",
          r.returncode == 0 and not r.stdout and not r.stderr, r.stderr.decode())
    with open(os.path.join(home, ".config/winnow/urls"), "a") as f:
        f.write(s.url("/html/cron2") + "\n")
    r = subprocess.run(["/bin/sh", "-c", command], env=cron_env, capture_output=True, timeout=60)
    check("crontab entry: silent", r.returncode == 0 and not r.stdout and not r.stderr,
          r.stderr.decode())
    md = re.search(r"--maildir\s+(\S+)", command).group(1).replace("~", home)
    subjects = sorted(m["subject"] for m in maildir_messages(md))
    check("crontab entry: each article once", subjects == [
        "Town council hears views on cron", "Town council hears views on cron2"], str(subjects))


def main():
    root = tmpdir("pages")
    try:
        with Server(root=root) as s:
            test_url(s)
            test_maildir(s, root)
            test_list_errors(s)
            test_mbox(s, root)
            test_changed(s, root)
            test_retry_after(s)
            test_cron(s)
        test_tls()
        with Server() as s:
            test_proxy(s)
        test_http2()
        test_concurrency(root)
        test_crash(root)
    finally:
        if not os.environ.get("KEEP"):   # KEEP=1 leaves the files for a look
            shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
