#!/usr/bin/python3
# mail.py — end-to-end tests of `winnow mail`, the filter of mail pipelines: the sample mails of
# samples/mails/ cleaned and read back with Python's own mail parser; links fetched from the
# loopback server in httpd.py; every failure giving back the original byte for byte with exit
# 75 (0 with --fail-open); hostile input passed through; then the recipes of
# samples/pipelines/ run as written, in the real procmail and maildrop, and the mutt ones
# (mailcap entry, display_filter) run as mutt runs them.
#
# Run with /usr/bin/python3.  Ends with "N passed, N failed".  WINNOW names the program
# (default ./winnow); the directory that holds it is put first on PATH for the recipes, so the
# program there must be called winnow.

import base64
import email
import email.policy
import glob
import hashlib
import os
import random
import re
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from httpd import Server  # noqa: E402

WINNOW = os.path.abspath(os.environ.get("WINNOW") or os.path.join(TOP, "winnow"))
BINDIR = os.path.dirname(WINNOW)
TMP = tempfile.mkdtemp(prefix="winnow-mail-")
SAMPLES = os.path.join(TOP, "samples")
LINK_URL = "https://www.example.com/news/2024/05/15/new-bridge.html"
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))


def env(home=None):
    """A clean environment: no proxy, no WINNOW_* or XDG_* setting, a home of the test's own."""
    e = {k: v for k, v in os.environ.items()
         if not k.lower().endswith("_proxy") and not k.startswith("WINNOW_")
         and not k.startswith("XDG_")}
    e["HOME"] = home or os.path.join(TMP, "home")
    os.makedirs(e["HOME"], exist_ok=True)
    return e


def mail(*args, stdin=b"", home=None, timeout=60):
    return subprocess.run([WINNOW, "mail"] + [str(a) for a in args], input=stdin,
                          capture_output=True, timeout=timeout, env=env(home), cwd=TMP)


def tmpdir(name):
    d = os.path.join(TMP, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def sample(name):
    with open(os.path.join(SAMPLES, "mails", name), "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def parse(data):
    return email.message_from_bytes(data, policy=email.policy.default)


def recipe_lines(name):
    """The lines of samples/pipelines/NAME that are not comments or blank."""
    with open(os.path.join(SAMPLES, "pipelines", name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.lstrip().startswith("#")]


def link_mail(s, path):
    """samples/mails/link.eml with its URL pointing at path on the loopback server."""
    data = sample("link.eml")
    assert LINK_URL.encode() in data
    return data.replace(LINK_URL.encode(), s.url(path).encode())


def free_port():
    so = socket.socket()
    so.bind(("127.0.0.1", 0))
    port = so.getsockname()[1]
    so.close()
    return port


def mark_of(orig, out):
    """The value of the X-Winnow line when out is orig with exactly one such line inserted as
    the last header (just before the blank line that ends the header block), else None."""
    m = re.search(rb"\n\r?\n", orig)
    end = m.start() + 1 if m else len(orig)
    extra = len(out) - len(orig)
    if extra <= 0 or out[:end] != orig[:end] or out[end + extra:] != orig[end:]:
        return None
    line = re.fullmatch(rb"X-Winnow: ([^\r\n]*)(\r?\n)", out[end:end + extra])
    return line.group(1).decode("utf-8", "replace") if line else None


def one_line(stderr):
    return stderr.count(b"\n") == 1 and stderr.endswith(b"\n")


def text_parts(m):
    return [p for p in m.walk() if p.get_content_type() == "text/plain"]


def html_parts(m):
    return [p for p in m.walk() if p.get_content_type() == "text/html"]


def header_list(m):
    """(name, decoded value) of every header but Content-* and X-Winnow, in order."""
    return [(k.lower(), str(v)) for k, v in m.items()
            if k.lower() != "x-winnow" and not k.lower().startswith("content-")]


def decoded_html(m):
    return html_parts(m)[0].get_payload(decode=True)


# -- winnow mail on the samples ----------------------------------------------------------------

NEWSLETTER_PARAGRAPHS = ("After three years of planning", "The old bridge will stay open",
                         "José Ferreira", "Work is due to start in the autumn")


def test_newsletter():
    orig_bytes = sample("newsletter.eml")
    orig = parse(orig_bytes)
    r = mail(stdin=orig_bytes)
    check("newsletter: exit 0", r.returncode == 0, r.stderr.decode())
    check("newsletter: nothing on stderr", r.stderr == b"", r.stderr.decode())
    m = parse(r.stdout)
    check("newsletter: X-Winnow: cleaned", m.get_all("x-winnow") == ["cleaned"],
          str(m.get_all("x-winnow")))
    before, after = header_list(orig), header_list(m)
    missing = [h for h in before if h not in after]
    check("newsletter: every header kept", not missing, str(missing))
    check("newsletter: headers in their order", [k for k, _ in after] == [k for k, _ in before],
          "%s vs %s" % ([k for k, _ in after], [k for k, _ in before]))
    check("newsletter: MIME-Version kept", m["mime-version"] == "1.0")
    check("newsletter: top is multipart/alternative",
          m.get_content_type() == "multipart/alternative", m.get_content_type())
    parts = list(m.iter_parts()) if m.is_multipart() else []
    check("newsletter: two parts", len(parts) == 2, str(len(parts)))
    if len(parts) != 2:
        return
    t, h = parts
    check("newsletter: part 1 text/plain utf-8 quoted-printable",
          t.get_content_type() == "text/plain" and t.get_content_charset() == "utf-8" and
          t["content-transfer-encoding"] == "quoted-printable",
          "%s %s %s" % (t.get_content_type(), t.get_content_charset(),
                        t["content-transfer-encoding"]))
    text = t.get_content()
    check("newsletter: text starts with the title",
          text.startswith("A new bridge for Millbrook\n"), text[:80])
    lines = text.split("\n")
    check("newsletter: attribution line names the author",
          len(lines) > 1 and "Anna Lindqvist" in lines[1], repr(lines[:3]))
    for phrase in NEWSLETTER_PARAGRAPHS:
        check("newsletter: text holds %r" % phrase, phrase in text)
    for chaff in ("Unsubscribe", "View this email", "Market Square", "preferences"):
        check("newsletter: text drops %r" % chaff, chaff not in text)
    raw = r.stdout.split(b"\n\n", 1)[1]
    check("newsletter: body is 7-bit", all(b < 128 for b in raw))
    check("newsletter: part 2 text/html", h.get_content_type() == "text/html",
          h.get_content_type())
    check("newsletter: HTML part kept as it was",
          h.get_payload(decode=True) == orig.get_payload(decode=True))
    check("newsletter: HTML part keeps its charset and encoding",
          h.get_content_charset() == "iso-8859-1" and
          h["content-transfer-encoding"] == "quoted-printable")

    # Filtered again (a second recipe, a redelivery): still one clean text and one X-Winnow.
    r2 = mail(stdin=r.stdout)
    m2 = parse(r2.stdout)
    check("newsletter twice: exit 0", r2.returncode == 0, r2.stderr.decode())
    check("newsletter twice: one X-Winnow", m2.get_all("x-winnow") == ["cleaned"],
          str(m2.get_all("x-winnow")))
    check("newsletter twice: one text part, the same text",
          [p.get_content() for p in text_parts(m2)] == [text])

    r = mail("--drop-html", stdin=orig_bytes)
    m = parse(r.stdout)
    check("--drop-html: exit 0", r.returncode == 0, r.stderr.decode())
    check("--drop-html: one text/plain part", m.get_content_type() == "text/plain" and
          not m.is_multipart(), m.get_content_type())
    check("--drop-html: no HTML anywhere", not html_parts(m) and b"<html" not in
          r.stdout.lower() and b"<p>" not in r.stdout)
    check("--drop-html: the article", m.get_content_type() == "text/plain" and
          all(p in m.get_content() for p in NEWSLETTER_PARAGRAPHS))
    check("--drop-html: X-Winnow", m.get_all("x-winnow") == ["cleaned"],
          str(m.get_all("x-winnow")))
    check("--drop-html: headers kept", header_list(m) == before)


DIGEST_STORIES = (
    ("Harbour reopens after storm repairs", "The harbour at Kettleness reopened"),
    ("School meals to include local produce", "every primary school in the district"),
    ("Railway timetable changes this weekend", "Trains between Ashford and the coast"),
    ("Library extends its opening hours", "The central library will open until eight"),
    ("Cycling club marks fifty years", "Members of the Wolds Wheelers"),
)


def test_digest():
    orig_bytes = sample("digest.eml")
    orig = parse(orig_bytes)
    r = mail(stdin=orig_bytes)
    m = parse(r.stdout)
    check("digest: exit 0", r.returncode == 0, r.stderr.decode())
    check("digest: X-Winnow: cleaned", m.get_all("x-winnow") == ["cleaned"],
          str(m.get_all("x-winnow")))
    check("digest: headers kept", header_list(m) == header_list(orig))
    texts = text_parts(m)
    check("digest: one text/plain part", len(texts) == 1, str(len(texts)))
    text = texts[0].get_content() if texts else ""
    for head, summary in DIGEST_STORIES:
        check("digest: headline %r" % head, head in text)
        check("digest: summary of %r" % head, summary in text)
    check("digest: headlines in order",
          [text.find(h) for h, _ in DIGEST_STORIES] ==
          sorted(text.find(h) for h, _ in DIGEST_STORIES))
    for chaff in ("Read more", "You are receiving", "Unsubscribe", "Dales News Ltd",
                  "High Street", "View in browser"):
        check("digest: text drops %r" % chaff, chaff not in text)
    check("digest: the alternative's own text/plain is gone", b"view online" not in r.stdout)
    parts = list(m.iter_parts()) if m.is_multipart() else []
    check("digest: alternative of the clean text, then the HTML",
          m.get_content_type() == "multipart/alternative" and
          [p.get_content_type() for p in parts] == ["text/plain", "text/html"],
          str([p.get_content_type() for p in parts]))
    check("digest: HTML part kept as it was",
          html_parts(m) and decoded_html(m) == decoded_html(orig))

    r = mail("--drop-html", stdin=orig_bytes)
    m = parse(r.stdout)
    check("digest --drop-html: exit 0", r.returncode == 0, r.stderr.decode())
    check("digest --drop-html: no HTML", not html_parts(m))
    texts = text_parts(m)
    check("digest --drop-html: only the clean text", len(texts) == 1 and
          all(h in texts[0].get_content() for h, _ in DIGEST_STORIES) and
          b"view online" not in r.stdout, str(len(texts)))


def test_gbk():
    orig_bytes = sample("gbk-newsletter.eml")
    orig = parse(orig_bytes)
    check("gbk: the sample names gb2312 in MIME only",
          orig.get_content_charset() == "gb2312" and b"charset" not in
          orig.get_payload(decode=True).lower())
    r = mail(stdin=orig_bytes)
    m = parse(r.stdout)
    check("gbk: exit 0", r.returncode == 0, r.stderr.decode())
    check("gbk: Subject", m["subject"] == "新港口今日启用", m["subject"])
    check("gbk: X-Winnow: cleaned", m.get_all("x-winnow") == ["cleaned"],
          str(m.get_all("x-winnow")))
    texts = text_parts(m)
    text = texts[0].get_content() if texts else ""
    check("gbk: the article in UTF-8", "新港口建设历时四年" in text, text[:200])
    check("gbk: the title from the Subject", text.startswith("新港口今日启用\n"), text[:40])
    check("gbk: footer dropped", "退订" not in text and "您收到" not in text)
    check("gbk: HTML part kept as it was", html_parts(m) and decoded_html(m) ==
          orig.get_payload(decode=True))

    # A charset that names nothing: never a failure.  What winnow does is find the charset
    # by detection and clean the message.
    bogus = orig_bytes.replace(b'charset="gb2312"', b'charset="x-bogus"')
    check("gbk x-bogus: the copy differs", bogus != orig_bytes)
    r = mail(stdin=bogus)
    m = parse(r.stdout)
    check("gbk x-bogus: exit 0", r.returncode == 0, r.stderr.decode())
    texts = text_parts(m)
    why = mark_of(bogus, r.stdout)
    check("gbk x-bogus: detected and cleaned, or left alone",
          (m["x-winnow"] == "cleaned" and texts and "新港口建设历时四年" in
           texts[0].get_content()) or (why or "").startswith("left alone"),
          str(m["x-winnow"]))

    # A wrong but real charset is obeyed: the MIME parameter is what decodes the part.
    big5 = orig_bytes.replace(b'charset="gb2312"', b'charset="big5"')
    r = mail(stdin=big5)
    texts = text_parts(parse(r.stdout))
    check("gbk labelled big5: exit 0", r.returncode == 0, r.stderr.decode())
    check("gbk labelled big5: the MIME charset is the one used",
          texts and "新港口建设历时四年" not in texts[0].get_content())


def test_link(s):
    orig = link_mail(s, "/html/bridge")
    n = s.count("/html/bridge")
    r = mail(stdin=orig)
    m = parse(r.stdout)
    check("link: exit 0", r.returncode == 0, r.stderr.decode())
    check("link: one request", s.count("/html/bridge") - n == 1,
          str(s.count("/html/bridge") - n))
    check("link: X-Winnow says fetched",
          m.get_all("x-winnow") == ["cleaned: the article of the link fetched"],
          str(m.get_all("x-winnow")))
    text = m.get_content() if m.get_content_type() == "text/plain" else ""
    check("link: the article", text.startswith("Town council hears views on bridge\n") and
          "This report about bridge" in text and "For now, the story of bridge" in text,
          text[:200])
    check("link: the article's URL", s.url("/html/bridge") in text.split("\n\n")[0])
    check("link: UTF-8 quoted-printable", m.get_content_charset() == "utf-8" and
          m["content-transfer-encoding"] == "quoted-printable")
    check("link: headers kept", header_list(m) == header_list(parse(orig)))

    orig = link_mail(s, "/html/nofetch")
    r = mail("--no-fetch", stdin=orig)
    why = mark_of(orig, r.stdout)
    check("--no-fetch: exit 0", r.returncode == 0, r.stderr.decode())
    check("--no-fetch: left alone, and says so", (why or "").startswith("left alone") and
          "fetch" in why, str(why))
    check("--no-fetch: no request", s.count("/html/nofetch") == 0)

    # Three distinct links: not "little more than a URL".
    three = orig.replace(s.url("/html/nofetch").encode(), b"\n".join(
        s.url("/html/many%d" % i).encode() for i in range(3)))
    r = mail(stdin=three)
    check("three links: left alone", (mark_of(three, r.stdout) or "").startswith("left alone"))
    check("three links: no request", s.count("/html/many") == 0)

    # A link to something that is no page: the mail must come through whole either way.
    for path in ("/image", "/pdf"):
        orig = link_mail(s, path)
        r = mail(stdin=orig)
        check("link to %s: original kept (%d)" % (path, r.returncode),
              (r.returncode == 75 and r.stdout == orig) or
              (r.returncode == 0 and mark_of(orig, r.stdout) is not None))


def test_plain():
    orig = sample("plain.eml")
    r = mail(stdin=orig)
    why = mark_of(orig, r.stdout)
    check("plain: exit 0", r.returncode == 0, r.stderr.decode())
    check("plain: the original with one X-Winnow line as the last header",
          why is not None, r.stdout[:400].decode("utf-8", "replace"))
    check("plain: left alone", (why or "").startswith("left alone: "), str(why))
    r = mail("-f", "text", stdin=orig)
    check("plain -f text: byte for byte", r.returncode == 0 and r.stdout == orig)

    crlf = orig.replace(b"\n", b"\r\n")
    r = mail(stdin=crlf)
    why = mark_of(crlf, r.stdout)
    check("plain CRLF: one X-Winnow line", (why or "").startswith("left alone"), str(why))
    check("plain CRLF: the line ends in CRLF", b"X-Winnow: " in r.stdout and
          re.search(rb"X-Winnow: [^\r\n]*\r\n", r.stdout) is not None)


def test_from_line():
    env_line = b"From sender@example.org Tue May 14 07:00:00 2024\n"
    orig = env_line + sample("newsletter.eml")
    r = mail(stdin=orig)
    check("From_ line: exit 0", r.returncode == 0, r.stderr.decode())
    check("From_ line: kept as the first line", r.stdout.startswith(env_line),
          r.stdout[:80].decode("utf-8", "replace"))
    m = parse(r.stdout[len(env_line):])
    check("From_ line: message cleaned behind it", m["x-winnow"] == "cleaned" and
          m["message-id"] == "<20240514070000.1234@letters.example.org>", str(m["x-winnow"]))
    check("From_ line: appears once", r.stdout.count(b"From sender@example.org") == 1)
    orig = env_line + sample("plain.eml")
    r = mail(stdin=orig)
    check("From_ line, plain: original + one X-Winnow line",
          (mark_of(orig, r.stdout) or "").startswith("left alone"))


def failure(name, orig, args, home=None):
    """A run that must fail: the original back, 75, one line; and exit 0 with --fail-open."""
    r = mail(*args, stdin=orig, home=home)
    check(name + ": original byte for byte", r.stdout == orig,
          "%d bytes, X-Winnow %s" % (len(r.stdout), b"X-Winnow" in r.stdout))
    check(name + ": exit 75", r.returncode == 75, str(r.returncode))
    check(name + ": one line on stderr", one_line(r.stderr), repr(r.stderr[:300]))
    r = mail(*(list(args) + ["--fail-open"]), stdin=orig, home=home)
    check(name + " --fail-open: original byte for byte", r.stdout == orig)
    check(name + " --fail-open: exit 0", r.returncode == 0, str(r.returncode))
    return r


def test_failures(s):
    failure("link to a 404", link_mail(s, "/status/404"), [])
    failure("link to a closed port", link_mail(s, "/x").replace(
        s.base.encode(), b"http://127.0.0.1:%d" % free_port()), [])
    news = sample("newsletter.eml")
    failure("--config /nonexistent/file", news, ["--config", "/nonexistent/file"])
    bad = os.path.join(TMP, "bad.conf")
    write(bad, "bogus = 1\n")
    r = failure("--config with a bad line", news, ["--config", bad])
    check("--config with a bad line: names the file", bad.encode() in r.stderr,
          r.stderr.decode())
    home = tmpdir("bad-home")
    os.makedirs(os.path.join(home, ".config", "winnow"))
    write(os.path.join(home, ".config", "winnow", "winnow.conf"), "bogus = 1\n")
    failure("user config with a bad line", news, [], home=home)
    # A directory cannot be read as a file.
    failure("--config a directory", news, ["--config", tmpdir("conf-dir")])
    failure("unknown option", news, ["--no-such-option"])
    # All of a larger message is read before the options fail, and all of it comes back.
    big = news.replace(b"</html>", b"</html>\n" + b"<!-- padding -->\n" * 200000)
    failure("--config with a bad line, 3 MB", big, ["--config", bad])


def make_nested(depth):
    head = (b"From: a@example.org\nTo: b@example.net\nSubject: nested\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=\"b0\"\n\n")
    body = [b"--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n" % (i, i + 1)
            for i in range(depth)]
    body.append(b"--b%d\nContent-Type: text/html; charset=utf-8\n\n<p>Deep down.</p>\n" % depth)
    body += [b"--b%d--\n" % i for i in range(depth, -1, -1)]
    return head + b"".join(body)


def passes(orig, out):
    return out == orig or mark_of(orig, out) is not None


def test_hostile():
    rnd = random.Random(20240514)
    noise = rnd.randbytes(65536)
    cases = [
        ("random bytes", noise),
        ("empty input", b""),
        ("a header, then random bytes", b"From: a@example.org\nSubject: noise\n\n" + noise),
        ("an HTML part of random bytes", b"From: a@example.org\nSubject: noise\n"
         b"MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n" + noise),
        ("an empty HTML part", b"From: a@example.org\nSubject: empty\nMIME-Version: 1.0\n"
         b"Content-Type: text/html; charset=utf-8\n\n"),
        ("300 nested multiparts", make_nested(300)),
        ("199 nested multiparts", make_nested(199)),
    ]
    for name, data in cases:
        r = mail(stdin=data)
        check("%s: exit 0" % name, r.returncode == 0,
              "%d: %s" % (r.returncode, r.stderr[:200].decode().strip()))
        m = parse(r.stdout)
        cleaned = m["x-winnow"] == "cleaned" and text_parts(m) and b"Deep down." in data and \
            "Deep down." in text_parts(m)[0].get_content()   # the deep HTML part is one
        check("%s: passed through" % name, passes(data, r.stdout) or cleaned,
              r.stdout[:200].decode("utf-8", "replace"))
    r = mail(stdin=b"")
    check("empty input: empty output", r.stdout == b"")
    data = make_nested(300)
    check("300 nested multiparts: left alone",
          (mark_of(data, mail(stdin=data).stdout) or "").startswith("left alone"))

    # Cut in the middle of the HTML part, with no closing boundary: passed through, or cleaned
    # from what is there (what winnow does), the HTML kept as it came.
    digest = sample("digest.eml")
    cut = digest[:digest.index(b"Library extends")]
    r = mail(stdin=cut)
    check("truncated multipart: exit 0", r.returncode == 0, r.stderr.decode())
    m = parse(r.stdout)
    cleaned = m["x-winnow"] == "cleaned" and text_parts(m) and html_parts(m) and \
        "Harbour reopens" in text_parts(m)[0].get_content() and \
        decoded_html(m).rstrip() == decoded_html(parse(cut)).rstrip()
    check("truncated multipart: passed through or cleaned", passes(cut, r.stdout) or cleaned,
          r.stdout[-200:].decode("utf-8", "replace"))

    # Raw 8-bit bytes in the headers, UTF-8 and Latin-1 mixed, and an HTML part.
    body = sample("newsletter.eml").split(b"\n\n", 1)[1]
    raw = [b"Jos\xc3\xa9 Ferreira", b"Fran\xe7ois", b"Caf\xc3\xa9 news \xe2\x80\x94 the bridge",
           b"caf\xe9"]
    eight = (b"From: " + raw[0] + b" <jose@example.org>\nTo: reader@example.net\n"
             b"Cc: " + raw[1] + b" <f@example.org>\nSubject: " + raw[2] + b"\n"
             b"X-Note: " + raw[3] + b"\nMIME-Version: 1.0\n"
             b"Content-Type: text/html; charset=\"iso-8859-1\"\n"
             b"Content-Transfer-Encoding: quoted-printable\n\n" + body)
    r = mail(stdin=eight)
    check("8-bit headers: exit 0", r.returncode == 0, r.stderr.decode())
    head = r.stdout.split(b"\n\n", 1)[0]
    m = parse(r.stdout)
    if m["x-winnow"] == "cleaned":
        # Kept raw (what winnow does), or at least decoding to the same text.
        faithful = all(x in head for x in raw) or (
            "José Ferreira" in str(m["from"]) and str(m["subject"]) == "Café news — the bridge"
            and "François" in str(m["cc"]))
        check("8-bit headers: cleaned, the header bytes kept", faithful, repr(head[:300]))
        check("8-bit headers: the article", text_parts(m) and
              "After three years of planning" in text_parts(m)[0].get_content())
    else:
        check("8-bit headers: passed through", passes(eight, r.stdout), str(m["x-winnow"]))


def test_huge():
    """100 MB of base64 attachment beside an HTML part: over --max-size (32M by default), so
    the message goes back with one X-Winnow line, checked without holding it in memory."""
    path, out = os.path.join(TMP, "huge.eml"), os.path.join(TMP, "huge.out")
    block = base64.encodebytes(random.Random(7).randbytes(57 * 1024))
    with open(path, "wb") as f:
        f.write(b"From: a@example.org\nTo: b@example.net\nSubject: the photos\n"
                b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"HUGE\"\n\n"
                b"--HUGE\nContent-Type: text/html; charset=utf-8\n\n<html><body><article>"
                b"<h1>Photos</h1><p>" + b"Here are the photos of the walk along the river. "
                * 40 + b"</p></article></body></html>\n--HUGE\nContent-Type: image/jpeg\n"
                b"Content-Disposition: attachment; filename=\"walk.jpg\"\n"
                b"Content-Transfer-Encoding: base64\n\n")
        while f.tell() < 100 * 1024 * 1024:
            f.write(block)
        f.write(b"--HUGE--\n")
    t = time.monotonic()
    with open(path, "rb") as i, open(out, "wb") as o:
        r = subprocess.run([WINNOW, "mail"], stdin=i, stdout=o, stderr=subprocess.PIPE,
                           env=env(), timeout=120)
    took = time.monotonic() - t
    check("100 MB: exit 0", r.returncode == 0, r.stderr.decode())
    size_in, size_out = os.path.getsize(path), os.path.getsize(out)
    check("100 MB: the same size, give or take a line", 0 <= size_out - size_in < 200,
          "%d vs %d" % (size_out, size_in))
    with open(path, "rb") as i, open(out, "rb") as o:
        a, b = i.read(1 << 16), o.read((1 << 16) + 200)
        end = a.index(b"\n\n") + 1
        line = b[end:b.index(b"\n", end) + 1]
        same = a[:end] == b[:end]
        i.seek(end)
        o.seek(end + len(line))
        while same:
            x, y = i.read(1 << 20), o.read(1 << 20)
            same = x == y
            if not x:
                break
    check("100 MB: left alone for --max-size",
          line.startswith(b"X-Winnow: left alone") and b"max-size" in line, repr(line))
    check("100 MB: every other byte the original's", same)
    check("100 MB: in reasonable time", took < 20, "%.1f s" % took)
    os.unlink(path)
    os.unlink(out)


def test_beyond_memory():
    """300 MB through a pipe, more than winnow holds: copied through whole."""
    head = (b"From: a@example.org\nTo: b@example.net\nSubject: the film\nMIME-Version: 1.0\n"
            b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n")
    end = head.index(b"\n\n") + 1
    block = base64.encodebytes(random.Random(9).randbytes(57 * 16384))
    count = 300 * 1024 * 1024 // len(block)
    sha_in, sha_out = hashlib.sha256(), hashlib.sha256()
    p = subprocess.Popen([WINNOW, "mail"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=env())

    def feed():
        try:
            p.stdin.write(head)
            sha_in.update(head)
            for _ in range(count):
                p.stdin.write(block)
                sha_in.update(block)
            p.stdin.close()
        except BrokenPipeError:
            pass

    th = threading.Thread(target=feed)
    th.start()
    first = b""
    while len(first) < len(head) + 200:
        chunk = p.stdout.read(len(head) + 200 - len(first))
        if not chunk:
            break
        first += chunk
    if first[end:].startswith(b"X-Winnow: "):   # one line saying why is allowed
        first = first[:end] + first[first.index(b"\n", end) + 1:]
    sha_out.update(first)
    n = len(first)
    while True:
        chunk = p.stdout.read(1 << 20)
        if not chunk:
            break
        sha_out.update(chunk)
        n += len(chunk)
    th.join()
    rc = p.wait(timeout=60)
    check("300 MB: exit 0", rc == 0, str(rc))
    check("300 MB: all of it back", n == len(head) + count * len(block),
          "%d of %d" % (n, len(head) + count * len(block)))
    check("300 MB: the original's bytes", sha_in.digest() == sha_out.digest())


def test_help_and_misuse():
    p = subprocess.Popen([WINNOW, "mail", "--help"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    try:
        rc = p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
        rc = "still waiting for standard input after 10 s"
    out = p.stdout.read()
    p.stdin.close()
    p.stdout.close()
    p.stderr.close()
    check("mail --help with standard input open: exit 0", rc == 0, str(rc))
    check("mail --help: the usage", out.startswith(b"Usage: winnow mail"), out[:80].decode())

    # A format set for pages in the user's config leaves mail mode writing messages.
    home = tmpdir("format-home")
    os.makedirs(os.path.join(home, ".config/winnow"))
    write(os.path.join(home, ".config/winnow/winnow.conf"), b"format = json\n")
    r = mail(stdin=sample("newsletter.eml"), home=home)
    check("a config format = json: still a message", r.returncode == 0 and
          b"X-Winnow: cleaned" in r.stdout and not r.stdout.lstrip().startswith(b"{"),
          r.stderr.decode())
    orig = sample("newsletter.eml")
    r = mail("somefile", stdin=orig)
    check("mail with a file argument: the original, 75", r.returncode == 75 and r.stdout == orig,
          str(r.returncode))

    r = subprocess.run([WINNOW], input=sample("newsletter.eml"), capture_output=True, env=env(),
                       timeout=60, cwd=TMP)
    check("winnow given a message: exit 65", r.returncode == 65, str(r.returncode))
    check("winnow given a message: says use winnow mail", b"winnow mail" in r.stderr,
          r.stderr.decode())


# -- procmail ----------------------------------------------------------------------------------

def procmail(name, message, extra=()):
    """Delivers message with an rcfile of the sample's recipe; returns the exit status, the
    bytes of each file delivered to the inbox's new/ and the log."""
    d = tmpdir("procmail-" + name)
    inbox = os.path.join(d, "Mail", "inbox")
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(inbox, sub))
    rc = os.path.join(d, "rcfile")
    log = os.path.join(d, "procmail.log")
    write(rc, "\n".join(["MAILDIR=%s/Mail" % d, "DEFAULT=%s/" % inbox, "LOGFILE=%s" % log,
                         "PATH=%s:/usr/bin:/bin" % BINDIR] + [l.replace("TMP", d) for l in extra]
                        + recipe_lines("procmailrc")) + "\n")
    r = subprocess.run(["procmail", rc], input=message, capture_output=True, env=env(),
                       timeout=60, cwd=d)
    files = []
    for f in sorted(glob.glob(os.path.join(inbox, "new", "*"))):
        with open(f, "rb") as fh:
            files.append(fh.read())
    text = open(log, encoding="utf-8", errors="replace").read() if os.path.exists(log) else ""
    return r.returncode, files, text


def test_procmail(s):
    check("procmailrc: a recipe", recipe_lines("procmailrc") and
          recipe_lines("procmailrc")[0].startswith(":0"), str(recipe_lines("procmailrc")))
    news = sample("newsletter.eml")
    rc, files, log = procmail("news", news)
    check("procmail: exit 0", rc == 0, log)
    check("procmail: one message delivered", len(files) == 1, str(len(files)))
    if files:
        m = parse(files[0])
        check("procmail: X-Winnow: cleaned", m["x-winnow"] == "cleaned", str(m["x-winnow"]))
        texts = text_parts(m)
        check("procmail: the clean text part", texts and all(
            p in texts[0].get_content() for p in NEWSLETTER_PARAGRAPHS) and
            "Unsubscribe" not in texts[0].get_content())
        # procmail gives a filter the message with a blank line added at its end (mbox
        # style), so the HTML part winnow keeps ends with one newline more.
        check("procmail: the HTML kept", html_parts(m) and decoded_html(m).rstrip(b"\n") ==
              parse(news).get_payload(decode=True).rstrip(b"\n"))

    rc, files, log = procmail("link", link_mail(s, "/html/procmail"))
    check("procmail, link: the article fetched", len(files) == 1 and
          b"This report about procmail" in files[0], log)

    orig = link_mail(s, "/status/404")
    rc, files, log = procmail("404", orig)
    check("procmail, link to a 404: delivered", rc == 0 and len(files) == 1, log)
    check("procmail, link to a 404: byte for byte", files == [orig])
    check("procmail, link to a 404: winnow's line in the log", "HTTP 404" in log, log)

    cfg = os.path.join(TMP, "procmail-cfg", "winnow")
    os.makedirs(cfg, exist_ok=True)
    write(os.path.join(cfg, "winnow.conf"), "bogus = 1\n")
    rc, files, log = procmail("badconf", news,
                              ["XDG_CONFIG_HOME=%s" % os.path.dirname(cfg)])
    check("procmail, bad config: delivered", rc == 0 and len(files) == 1, log)
    check("procmail, bad config: byte for byte", files == [news])
    check("procmail, bad config: the config was read", 'unknown setting "bogus"' in log, log)

    # A leading From_ line: winnow sees it and keeps it; procmail drops it from a Maildir file
    # (and has added its blank line at the end).
    env_line = b"From sender@example.org Thu May 16 09:01:00 2024\n"
    rc, files, log = procmail("from", env_line + sample("plain.eml"))
    check("procmail, From_ line: delivered without it, one X-Winnow line",
          len(files) == 1 and (mark_of(sample("plain.eml") + b"\n", files[0]) or "")
          .startswith("left alone"), repr(files[0][:120]) if files else log)
    rc, files, log = procmail("from-news", env_line + news)
    check("procmail, From_ line: newsletter cleaned", len(files) == 1 and
          parse(files[0])["x-winnow"] == "cleaned" and files[0].startswith(b"Return-Path:"))


# -- maildrop ----------------------------------------------------------------------------------

def maildrop(name, message, fail_open=False):
    d = tmpdir("maildrop-" + name)
    md = os.path.join(d, "Maildir")
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(md, sub))
    lines = recipe_lines("mailfilter")
    if fail_open:
        lines = [l.rstrip()[:-1] + ' --fail-open"' if l.startswith("xfilter") else l
                 for l in lines]
    filt = os.path.join(d, "mailfilter")
    write(filt, "\n".join(['PATH="%s:/usr/bin:/bin"' % BINDIR] + lines + ['to "%s/"' % md])
          + "\n")
    os.chmod(filt, stat.S_IRUSR | stat.S_IWUSR)
    r = subprocess.run(["maildrop", filt], input=message, capture_output=True, env=env(),
                       timeout=60, cwd=d)
    files = []
    for sub in ("new", "cur", "tmp"):
        for f in sorted(glob.glob(os.path.join(md, sub, "*"))):
            with open(f, "rb") as fh:
                files.append(fh.read())
    return r, files


def test_maildrop(s):
    lines = recipe_lines("mailfilter")
    check("mailfilter: an xfilter line", any(l.startswith('xfilter "') and l.rstrip()
                                             .endswith('"') for l in lines), str(lines))
    news = sample("newsletter.eml")
    r, files = maildrop("news", news)
    check("maildrop: exit 0", r.returncode == 0, r.stderr.decode())
    check("maildrop: one message", len(files) == 1, str(len(files)))
    if files:
        m = parse(files[0])
        check("maildrop: cleaned", m["x-winnow"] == "cleaned" and text_parts(m) and
              "José Ferreira" in text_parts(m)[0].get_content(), str(m["x-winnow"]))

    orig = link_mail(s, "/status/404")
    r, files = maildrop("404", orig)
    check("maildrop, link to a 404: exit 75 (deferred)", r.returncode == 75,
          "%d: %s" % (r.returncode, r.stderr.decode()))
    check("maildrop, link to a 404: nothing delivered", files == [], str(len(files)))
    r, files = maildrop("404-open", orig, fail_open=True)
    check("maildrop --fail-open, link to a 404: exit 0", r.returncode == 0, r.stderr.decode())
    check("maildrop --fail-open, link to a 404: the original byte for byte", files == [orig])

    # A leading From_ line: maildrop gives it to the filter and keeps it in the Maildir file.
    env_line = b"From sender@example.org Thu May 16 09:01:00 2024\n"
    plain = env_line + sample("plain.eml")
    r, files = maildrop("from", plain)
    check("maildrop, From_ line: delivered as it came, one X-Winnow line",
          len(files) == 1 and (mark_of(plain, files[0]) or "").startswith("left alone"),
          repr(files[0][:120]) if files else r.stderr.decode())
    r, files = maildrop("from-news", env_line + news)
    check("maildrop, From_ line: newsletter cleaned behind it", len(files) == 1 and
          files[0].startswith(env_line) and
          parse(files[0][len(env_line):])["x-winnow"] == "cleaned")


# -- mutt: the mailcap entry and the display filter --------------------------------------------

def sh(command, stdin=b""):
    e = env()
    e["PATH"] = BINDIR + ":/usr/bin:/bin"
    return subprocess.run(["/bin/sh", "-c", command], input=stdin, capture_output=True, env=e,
                          timeout=60, cwd=TMP)


def test_mailcap():
    entries = [l for l in recipe_lines("mailcap") if l.split(";")[0].strip() == "text/html"]
    check("mailcap: a text/html entry", len(entries) == 1, str(entries))
    if not entries:
        return
    fields = [f.strip() for f in re.split(r"(?<!\\);", entries[0])]
    view = fields[1]
    check("mailcap: copiousoutput", "copiousoutput" in fields[2:], str(fields))

    def run(message, charset):
        part = parse(message)
        path = os.path.join(TMP, "mutt part %s.html" % charset)   # a space, as mutt may make
        write(path, part.get_payload(decode=True))
        cmd = view.replace("%{charset}", charset).replace("%s", shlex.quote(path))
        return sh(cmd)

    gbk = sample("gbk-newsletter.eml")
    r = run(gbk, parse(gbk).get_content_charset())
    out = r.stdout.decode("utf-8", "replace")
    check("mailcap gb2312: exit 0", r.returncode == 0, r.stderr.decode())
    check("mailcap gb2312: the article", "新港口建设历时四年" in out and "市民李女士说" in out, out[:200])
    check("mailcap gb2312: footer dropped", "退订" not in out)
    r = run(sample("newsletter.eml"), "")
    out = r.stdout.decode("utf-8", "replace")
    check("mailcap, no charset: exit 0", r.returncode == 0, r.stderr.decode())
    check("mailcap, no charset: the article by its <meta>", all(
        p in out for p in NEWSLETTER_PARAGRAPHS), out[:300])
    check("mailcap, no charset: chaff dropped", "Unsubscribe" not in out and
          "Market Square" not in out)


def test_display_filter(s):
    sets = [l for l in recipe_lines("muttrc") if l.startswith("set display_filter=")]
    check("muttrc: a display_filter", len(sets) == 1, str(sets))
    if not sets:
        return
    command = re.fullmatch(r'set display_filter="(.*)"', sets[0].strip()).group(1)
    link = parse(link_mail(s, "/html/display"))
    shown_head = ("Date: %s\nFrom: %s\nTo: %s\nSubject: %s\n" % (
        link["date"], link["from"], link["to"], link["subject"])).encode()
    body = link_mail(s, "/html/display").split(b"\n\n", 1)[1]
    n = s.count("/html/display")
    r = sh(command, shown_head + b"\n" + body)
    check("display_filter, link: exit 0", r.returncode == 0, r.stderr.decode())
    check("display_filter, link: one request", s.count("/html/display") - n == 1)
    check("display_filter, link: the headers first", r.stdout.startswith(shown_head),
          r.stdout[:300].decode("utf-8", "replace"))
    head, _, article = r.stdout.partition(b"\n\n")
    check("display_filter, link: X-Winnow says fetched",
          head[len(shown_head):] == b"X-Winnow: cleaned: the article of the link fetched",
          repr(head[len(shown_head):]))
    check("display_filter, link: then the article",
          article.startswith(b"Town council hears views on display\n") and
          b"This report about display" in article and b"=\n" not in article,
          article[:200].decode("utf-8", "replace"))
    plain = parse(sample("plain.eml"))
    shown = ("Date: %s\nFrom: %s\nTo: %s\nSubject: %s\n\n" % (
        plain["date"], plain["from"], plain["to"], plain["subject"])).encode() + \
        sample("plain.eml").split(b"\n\n", 1)[1]
    r = sh(command, shown)
    check("display_filter, plain: byte for byte", r.returncode == 0 and r.stdout == shown,
          r.stdout[:300].decode("utf-8", "replace"))


def main():
    try:
        test_newsletter()
        test_digest()
        test_gbk()
        test_plain()
        test_from_line()
        test_hostile()
        test_huge()
        test_beyond_memory()
        test_help_and_misuse()
        test_mailcap()
        with Server() as s:
            test_link(s)
            test_failures(s)
            test_procmail(s)
            test_maildrop(s)
            test_display_filter(s)
    finally:
        if not os.environ.get("KEEP"):   # KEEP=1 leaves the files for a look
            shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
