#!/usr/bin/python3
# httpd — a loopback HTTP/HTTPS server with fixed routes for winnow's end-to-end fetch tests.
#
# Import it (the tests run /usr/bin/python3, which has Debian's python3-brotli):
#
#     from httpd import Server
#     with Server(root="pages", tls=True, delay=0.0) as s:
#         url = s.url("/page/x.html")      # https://127.0.0.1:PORT/page/x.html
#         ... run winnow or curl with --cacert s.cafile ...
#         assert s.count("/page/") == 1
#
# or run it alone:  /usr/bin/python3 tests/e2e/httpd.py [--root DIR] [--tls] [--delay S]
# which prints "http://127.0.0.1:PORT" on one line and serves until SIGTERM or SIGINT.
#
# Routes (see Handler.route):
#   /page/NAME            file ROOT/NAME as text/html (.xml: application/xml), with ETag /
#                         Last-Modified and 304s
#   /html?body=T, /html/T an English article page whose title, h1 and paragraphs mention T
#   /redirect/N           302 to /redirect/N-1 ... /redirect/0 is 302 to /html/redirected
#   /loop                 302 to itself
#   /tofile, /toftp       302 to file:///etc/passwd, ftp://127.0.0.1/x
#   /etag, /lastmod       an article with a fixed ETag "v1" / Last-Modified, 304 on a match
#   /gzip, /br, /deflate  an article with that Content-Encoding; 406 if not accepted
#   /gbk-header           a Chinese article in GBK, charset only in the Content-Type header
#   /gbk-contradict       the same, but the page says <meta charset="big5">
#   /big?size=N&cl=1|0    a page of exactly N bytes, with Content-Length (1) or chunked (0)
#   /stall                promises 100000 bytes, sends 1000, then goes silent for 30 s
#   /status/CODE          that status (200-599); 429 and 503 carry Retry-After (?retry=S)
#   /flaky429/KEY         429 with Retry-After (?retry=S) the first time per KEY, then an article
#   /image, /pdf          a 1x1 PNG, a one-page PDF
#   /octet-html           an article sent as application/octet-stream
#   anything else         404
#
# Every request is recorded in Server.hits as (method, path with query, {lower-case header: value})
# before it is answered, every answer in Server.codes as (path, status), and Server.max_inflight
# is the most requests answered at once.  Nothing is logged; set WINNOW_HTTPD_DEBUG=1 to see handler tracebacks.

import argparse
import email.utils
import gzip
import hashlib
import html
import http
import http.server
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import zlib

try:
    import brotli  # Debian's python3-brotli; only /usr/bin/python3 has it
except ImportError:  # /br then answers 501 instead of failing the whole import
    brotli = None


# ---------------------------------------------------------------------------------------------
# Page bodies
# ---------------------------------------------------------------------------------------------

# Four paragraphs of plain prose, each well over 40 words without the inserted text, so that
# winnow sees an ordinary article; {t} makes each page different from the next.
ARTICLE_PARAGRAPHS = (
    "This report about {t} was written for readers who want a plain account of what happened. "
    "On a quiet morning the town council met in the old library hall to discuss the plans, and "
    "several residents stood up to share their views on the proposal before the vote was taken.",

    "The discussion of {t} went on for most of the afternoon. Supporters said the change would "
    "bring new jobs and better roads to the valley, while others worried about the cost and "
    "asked whether the money might be better spent on the schools and the small clinic that "
    "stands near the river.",

    "Officials promised that the details of {t} would be published within a week, so that "
    "anyone could read the figures for themselves. They also said that a second meeting would "
    "be held in the spring, when the weather is warmer and more people from the outlying farms "
    "are able to attend.",

    "For now, the story of {t} remains unfinished. Most of the people who spoke agreed that the "
    "town needs to plan carefully for the years ahead, and many left the hall saying they were "
    "glad to have been heard, even if they did not get everything they had hoped for that day.",
)


def article_page(text):
    """An English article page (UTF-8 bytes) whose <title>, og:title, h1 and paragraphs hold text."""
    t = html.escape(text, quote=True)
    headline = "Town council hears views on " + t
    paras = "\n".join("<p>" + p.format(t=t) + "</p>" for p in ARTICLE_PARAGRAPHS)
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>" + headline + " - Valley Gazette</title>\n"
        '<meta property="og:title" content="' + headline + '">\n'
        "</head>\n<body>\n<article>\n"
        "<h1>" + headline + "</h1>\n" + paras + "\n"
        "</article>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


# A Chinese news article about a new subway line; every character is in GBK.
GBK_TITLE = "本市地铁五号线今日开通试运营"
GBK_PARAGRAPHS = (
    "本报讯 记者从市轨道交通集团获悉，本市地铁五号线一期工程今天上午九时正式开通试运营。"
    "这条线路全长二十六公里，共设车站十九座，自北向南贯穿城区，连接火车站、市民中心和大学城"
    "等多个客流集中的区域。",

    "据介绍，五号线采用六节编组列车，最高运行时速八十公里，高峰时段行车间隔约为四分钟。"
    "全线开通后，从北部新区到南部大学城的乘车时间将由原来的一个多小时缩短到四十分钟左右，"
    "沿线居民出行将更加方便。",

    "开通首日，不少市民早早来到车站排队，体验新线路。家住北部新区的王女士告诉记者：“以前上班"
    "要换两次公交车，路上经常堵车，现在坐地铁直达，每天能节省半个多小时。”车站内，工作人员和"
    "志愿者为乘客提供引导服务。",

    "市轨道交通集团有关负责人表示，试运营期间将密切关注客流变化，及时调整运营组织方案。目前，"
    "地铁六号线和七号线也在加紧建设，预计明后年陆续建成通车，届时全市轨道交通网络将进一步完善。",
)


def gbk_page(meta=""):
    """The Chinese article encoded in GBK; meta is put at the top of <head> as it is."""
    paras = "\n".join("<p>" + p + "</p>" for p in GBK_PARAGRAPHS)
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n' + meta +
        "<title>" + GBK_TITLE + "</title>\n"
        "</head>\n<body>\n<article>\n"
        "<h1>" + GBK_TITLE + "</h1>\n" + paras + "\n"
        "</article>\n</body>\n</html>\n"
    )
    return page.encode("gbk")


def small_page(title, detail=""):
    """A short page for errors and redirects."""
    t = html.escape(title)
    d = "<p>" + html.escape(detail) + "</p>" if detail else ""
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + t + "</title></head>"
            "<body><h1>" + t + "</h1>" + d + "</body></html>\n").encode("utf-8")


# /big: a head, N paragraphs of the same sentence, a last paragraph cut to fit, and the tail.
BIG_HEAD = (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            b"<title>A very long page</title></head>\n<body>\n")
BIG_TAIL = b"</body>\n</html>\n"
BIG_SENTENCE = (b"The river rose slowly through the night, and by morning the lower fields were under "
                b"water, so the farmers moved their animals to the higher ground beside the old road. ")
BIG_UNIT = b"<p>" + BIG_SENTENCE + b"</p>\n"
BIG_EMPTY_P = b"<p></p>\n"


def big_pieces(size):
    """Yield byte strings that together make an HTML page of exactly size bytes.

    A size too small for the skeleton gives the skeleton cut to size (not a valid page)."""
    avail = size - len(BIG_HEAD) - len(BIG_TAIL) - len(BIG_EMPTY_P)
    if avail < 0:
        yield (BIG_HEAD + BIG_EMPTY_P + BIG_TAIL)[:size]
        return
    units, filler = divmod(avail, len(BIG_UNIT))
    yield BIG_HEAD
    batch = 512  # about 90 KB per piece
    while units > 0:
        n = min(units, batch)
        yield BIG_UNIT * n
        units -= n
    text = (BIG_SENTENCE * (filler // len(BIG_SENTENCE) + 1))[:filler]
    yield b"<p>" + text + b"</p>\n"
    yield BIG_TAIL


def png_1x1():
    """A valid 1x1 white RGB PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit, RGB
    idat = zlib.compress(b"\x00\xff\xff\xff")             # filter byte 0, one white pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def tiny_pdf():
    """A valid one-page PDF saying 'Hello', with a correct cross-reference table."""
    stream = b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += str(i).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\n"
            b"startxref\n" + str(xref).encode() + b"\n%%EOF\n")
    return out


PNG = png_1x1()
PDF = tiny_pdf()
GBK_NOMETA = gbk_page()
GBK_BIG5META = gbk_page('<meta charset="big5">\n')
LASTMOD = "Wed, 21 Oct 2015 07:28:00 GMT"


# ---------------------------------------------------------------------------------------------
# Header helpers
# ---------------------------------------------------------------------------------------------

def accepts_coding(header, coding):
    """Whether an Accept-Encoding value lists coding (by name, with a q other than 0)."""
    for part in (header or "").split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() != coding:
            continue
        for p in params.split(";"):
            key, _, val = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(val) > 0
                except ValueError:
                    return True
        return True
    return False


def etag_matches(header, etag):
    """Whether an If-None-Match value matches etag (weak comparison, '*' matches anything)."""
    for tag in (header or "").split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == "*" or tag == etag:
            return True
    return False


def not_modified_since(header, mtime):
    """Whether an If-Modified-Since value is at or after mtime (seconds); False if unparsable."""
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if when is None:
        return False
    return int(mtime) <= when.timestamp()


# ---------------------------------------------------------------------------------------------
# The request handler
# ---------------------------------------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "winnow-test-httpd/1"
    timeout = 60  # a silent keep-alive connection is dropped after this long

    def setup(self):
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()  # here, in the connection's thread, not in accept()

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    # -- plumbing ----------------------------------------------------------------------------

    def handle_any(self):
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.record(self.command, self.path, headers)
        length = self.headers.get("Content-Length")
        if length and length.isdigit():
            self.rfile.read(int(length))  # a request body is read and dropped
        split = urllib.parse.urlsplit(self.path)
        self.query = urllib.parse.parse_qs(split.query)
        self.server.enter()
        try:
            self.route(split.path)
        finally:
            self.server.leave()

    def send_response(self, code, message=None):
        self.server.answered(self.path, code)
        super().send_response(code, message)

    def arg(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default

    def int_arg(self, name, default):
        try:
            return int(self.arg(name, default))
        except (TypeError, ValueError):
            return default

    def reply(self, code, body=b"", ctype="text/html; charset=utf-8", headers=()):
        """Send a whole response with Content-Length; 204 and 304 go without body or length."""
        self.send_response(code)
        bodyless = code in (204, 304)
        if not bodyless:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not bodyless and self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location, code=302):
        self.reply(code, small_page("Moved", location), headers=[("Location", location)])

    def not_found(self):
        self.reply(404, small_page("Not found", self.path))

    def encoded(self, coding, compress):
        """An article page compressed with coding, or 406 if the request does not accept it."""
        if not accepts_coding(self.headers.get("Accept-Encoding"), coding):
            self.reply(406, small_page("Not acceptable", coding + " is required"))
            return
        self.reply(200, compress(article_page(coding)),
                   headers=[("Content-Encoding", coding), ("Vary", "Accept-Encoding")])

    # -- routes ------------------------------------------------------------------------------

    def route(self, path):
        if path.startswith("/page/"):
            self.page(urllib.parse.unquote(path[len("/page/"):]))
        elif path == "/html":
            self.reply(200, article_page(self.arg("body", "article")))
        elif path.startswith("/html/"):
            self.reply(200, article_page(urllib.parse.unquote(path[len("/html/"):])))
        elif path.startswith("/redirect/"):
            n = path[len("/redirect/"):]
            if not n.isdigit():
                self.not_found()
            elif int(n) == 0:
                self.redirect("/html/redirected")
            else:
                self.redirect("/redirect/%d" % (int(n) - 1))
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/tofile":
            self.redirect("file:///etc/passwd")
        elif path == "/toftp":
            self.redirect("ftp://127.0.0.1/x")
        elif path == "/etag":
            if etag_matches(self.headers.get("If-None-Match"), '"v1"'):
                self.reply(304, headers=[("ETag", '"v1"')])
            else:
                self.reply(200, article_page("etag"), headers=[("ETag", '"v1"')])
        elif path == "/lastmod":
            ims = self.headers.get("If-Modified-Since")
            lastmod = email.utils.parsedate_to_datetime(LASTMOD).timestamp()
            if ims and not_modified_since(ims, lastmod):
                self.reply(304, headers=[("Last-Modified", LASTMOD)])
            else:
                self.reply(200, article_page("lastmod"), headers=[("Last-Modified", LASTMOD)])
        elif path == "/gzip":
            self.encoded("gzip", lambda b: gzip.compress(b, mtime=0))
        elif path == "/br":
            if brotli is None:
                self.reply(501, small_page("No brotli", "run this server with /usr/bin/python3"))
            else:
                self.encoded("br", brotli.compress)
        elif path == "/deflate":
            self.encoded("deflate", zlib.compress)  # zlib-wrapped, as HTTP's deflate means
        elif path == "/gbk-header":
            self.reply(200, GBK_NOMETA, "text/html; charset=gbk")
        elif path == "/gbk-contradict":
            self.reply(200, GBK_BIG5META, "text/html; charset=gbk")
        elif path == "/big":
            self.big(max(0, self.int_arg("size", 100000)), self.arg("cl", "1") != "0")
        elif path == "/stall":
            self.stall()
        elif path.startswith("/status/"):
            self.status(path[len("/status/"):])
        elif path.startswith("/flaky429/"):
            key = urllib.parse.unquote(path[len("/flaky429/"):])
            if self.server.first_time(key):
                retry = str(self.int_arg("retry", 1))
                self.reply(429, small_page("Too many requests"), headers=[("Retry-After", retry)])
            else:
                self.reply(200, article_page(key))
        elif path == "/image":
            self.reply(200, PNG, "image/png")
        elif path == "/pdf":
            self.reply(200, PDF, "application/pdf")
        elif path == "/octet-html":
            self.reply(200, article_page("octet"), "application/octet-stream")
        else:  # /feed.xml and /zstd included: not served
            self.not_found()

    def page(self, name):
        """A file under the root, with validators; 404 if absent or outside the root."""
        if self.server.delay > 0:
            self.server.stopping.wait(self.server.delay)
        root = self.server.root
        if root is None or not name or "\0" in name:
            return self.not_found()
        root = os.path.realpath(root)
        full = os.path.realpath(os.path.join(root, name))
        if not full.startswith(root + os.sep) or not os.path.isfile(full):
            return self.not_found()
        try:
            with open(full, "rb") as f:
                data = f.read()
            mtime = os.stat(full).st_mtime
        except OSError:
            return self.not_found()
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        validators = [("ETag", etag), ("Last-Modified", email.utils.formatdate(mtime, usegmt=True))]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:  # If-None-Match, when present, decides alone (RFC 9110 13.1.3)
            fresh = etag_matches(inm, etag)
        else:
            fresh = ims is not None and not_modified_since(ims, mtime)
        if fresh:
            self.reply(304, headers=validators)
        else:
            ctype = "application/xml" if name.endswith(".xml") else "text/html"
            self.reply(200, data, ctype, headers=validators)

    def big(self, size, with_length):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        chunked = not with_length and self.request_version != "HTTP/1.0"
        if with_length:
            self.send_header("Content-Length", str(size))
        elif chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:  # an HTTP/1.0 client cannot take chunks: the end of the body is the close
            self.close_connection = True
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        for piece in big_pieces(size):
            if chunked:
                if piece:
                    self.wfile.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
            else:
                self.wfile.write(piece)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def stall(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.close_connection = True  # the promised body never comes: the connection is done
        if self.command == "HEAD":
            return
        sent = b""
        for piece in big_pieces(100000):
            sent += piece
            if len(sent) >= 1000:
                break
        self.wfile.write(sent[:1000])
        self.wfile.flush()
        self.server.stopping.wait(30)

    def status(self, code):
        if not code.isdigit() or not 200 <= int(code) <= 599:
            return self.not_found()
        code = int(code)
        headers = []
        if code in (429, 503):
            headers.append(("Retry-After", str(self.int_arg("retry", 1))))
        try:
            phrase = http.HTTPStatus(code).phrase
        except ValueError:
            phrase = "Status"
        self.reply(code, small_page("%d %s" % (code, phrase)), headers=headers)


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------

class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # closing must not wait on a stalled /stall connection

    def __init__(self, root, delay, ssl_context):
        self.root = None if root is None else os.fspath(root)
        self.delay = float(delay)
        self.ssl_context = ssl_context
        self.stopping = threading.Event()
        self.hits = []
        self.codes = []          # (path, status) of every answer, in order
        self.inflight = 0        # requests being answered now, and the most at once
        self.max_inflight = 0
        self.lock = threading.Lock()
        self.seen_keys = set()
        self.open_conns = set()
        super().__init__(("127.0.0.1", 0), Handler)

    def server_bind(self):
        # As HTTPServer.server_bind, without its reverse DNS look-up of the address.
        http.server.socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        conn, addr = super().get_request()
        if self.ssl_context is not None:  # the handshake is done later, in the handler's thread
            conn = self.ssl_context.wrap_socket(conn, server_side=True,
                                                do_handshake_on_connect=False)
        with self.lock:
            self.open_conns.add(conn)
        return conn, addr

    def shutdown_request(self, request):
        with self.lock:
            self.open_conns.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        if os.environ.get("WINNOW_HTTPD_DEBUG"):
            super().handle_error(request, client_address)

    def record(self, method, path, headers):
        with self.lock:
            self.hits.append((method, path, headers))

    def answered(self, path, code):
        with self.lock:
            self.codes.append((path, code))

    def enter(self):
        with self.lock:
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)

    def leave(self):
        with self.lock:
            self.inflight -= 1

    def first_time(self, key):
        with self.lock:
            if key in self.seen_keys:
                return False
            self.seen_keys.add(key)
            return True

    def drop_connections(self):
        """Cut every open connection so that no handler thread outlives the server."""
        with self.lock:
            conns = list(self.open_conns)
        for conn in conns:
            try:
                socket.socket.shutdown(conn, socket.SHUT_RDWR)  # the TCP socket, under any TLS
            except OSError:
                pass


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1 and localhost; returns (cert path, key path)."""
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    cmd = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
           "-keyout", key, "-out", cert]
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("openssl req failed: " + done.stderr.strip())
    return cert, key


class Server:
    """The test server on 127.0.0.1 and an ephemeral port, serving from the moment it is made.

    Use it with `with`, or call close() when done.  Attributes: port, base (the URL without a
    path), cafile (the certificate's PEM when tls, else None), hits (every request as
    (method, path, headers); appended under a lock, read it freely)."""

    def __init__(self, root=None, tls=False, delay=0.0):
        self.tls = bool(tls)
        self.cafile = None
        self._tmpdir = None
        context = None
        if self.tls:
            self._tmpdir = tempfile.mkdtemp(prefix="winnow-httpd-")
            cert, key = make_certificate(self._tmpdir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            context.set_alpn_protocols(["http/1.1"])
            self.cafile = cert
        try:
            self._httpd = _HTTPServer(root, delay, context)
        except BaseException:
            self._remove_tmpdir()
            raise
        self.port = self._httpd.server_address[1]
        self.base = "%s://127.0.0.1:%d" % ("https" if self.tls else "http", self.port)
        self.hits = self._httpd.hits
        self.codes = self._httpd.codes
        self._closed = False
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="winnow-httpd", daemon=True)
        self._thread.start()

    def url(self, path="/"):
        """The full URL of path on this server."""
        if not path.startswith("/"):
            path = "/" + path
        return self.base + path

    def count(self, path_prefix):
        """How many requests so far had a path (with query) starting with path_prefix."""
        with self._httpd.lock:
            return sum(1 for _, path, _ in self.hits if path.startswith(path_prefix))

    @property
    def max_inflight(self):
        """The most requests that were being answered at the same time."""
        return self._httpd.max_inflight

    def close(self):
        """Stop serving, cut open connections and remove the certificate; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._httpd.stopping.set()  # wakes /stall and /page/ delays
        self._httpd.shutdown()      # ends serve_forever
        self._httpd.drop_connections()
        self._httpd.server_close()
        self._thread.join()
        self._remove_tmpdir()

    def _remove_tmpdir(self):
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# ---------------------------------------------------------------------------------------------
# Standalone
# ---------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description="Loopback test server for winnow's end-to-end tests.")
    ap.add_argument("--root", help="directory served under /page/")
    ap.add_argument("--tls", action="store_true", help="HTTPS with a fresh self-signed certificate")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each /page/")
    args = ap.parse_args(argv)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with Server(root=args.root, tls=args.tls, delay=args.delay) as s:
        print(s.base, flush=True)
        if s.cafile:  # stdout stays one line; the certificate's path goes to stderr
            print("cafile: " + s.cafile, file=sys.stderr, flush=True)
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
