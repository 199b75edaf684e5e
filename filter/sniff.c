/* sniff.c — tells pages from text, gzip and binaries (libmagic plus a look of our own), and
 * unwraps gzip within a size limit. */
#include "sniff.h"

#define ZLIB_CONST
#include <errno.h>
#include <limits.h>
#include <magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "text.h"

enum {
	/* Markup and text-ness are judged on the first 64 KiB: a page's <html> or first <div>
	 * comes long before that, even after a saved-page preamble. */
	SNIFF_LOOK = 64 * 1024,
	/* libmagic reads up to 7 MiB of a buffer by itself (its bytes_max); no magic it has for
	 * the formats winnow meets looks past the first MiB, so it gets no more than that. */
	SNIFF_MAGIC_MAX = 1024 * 1024,
	GUNZIP_CHUNK = 64 * 1024,
};

static magic_t cookie;

int sniff_init(err *e)
{
	if (cookie)
		return 0;
	magic_t m = magic_open(MAGIC_MIME_TYPE);
	if (!m)
		return err_set(e, ERR_SOFTWARE, "cannot start libmagic: %s", strerror(errno));
	if (magic_load(m, NULL) < 0) {
		const char *why = magic_error(m);
		err_set(e, ERR_SOFTWARE, "cannot load the libmagic database: %s",
			why ? why : "unknown error");
		magic_close(m);
		return -1;
	}
	cookie = m;
	return 0;
}

void sniff_done(void)
{
	if (cookie)
		magic_close(cookie);
	cookie = NULL;
}

/* libmagic's answer with the given flags, copied (it owns its string until the next call);
 * "" without libmagic. */
static void ask_magic(const char *bytes, size_t n, int flags, char *out, size_t size)
{
	const char *r = NULL;
	if (cookie && magic_setflags(cookie, flags) == 0)
		r = magic_buffer(cookie, bytes, n < SNIFF_MAGIC_MAX ? n : SNIFF_MAGIC_MAX);
	snprintf(out, size, "%s", r ? r : "");
}

enum order { BYTES, LE, BE };

/* Whether to read the bytes as UTF-16: by the byte-order mark (*skip is its length), or when
 * the input starts with '<' and a zero byte, which libmagic calls "data". */
static enum order byte_order(const unsigned char *s, size_t n, size_t *skip)
{
	*skip = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		*skip = 3;
		return BYTES;
	}
	if (n < 2)
		return BYTES;
	if ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))
		*skip = 2;
	if ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == '<' && s[1] == 0))
		return LE;
	if ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0 && s[1] == '<'))
		return BE;
	return BYTES;
}

static bool ascii_space(unsigned c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool blank(const unsigned char *s, size_t n, enum order o)
{
	if (o == BYTES) {
		for (size_t i = 0; i < n; i++)
			if (!ascii_space(s[i]))
				return false;
		return true;
	}
	if (n % 2)
		return false;
	for (size_t i = 0; i < n; i += 2) {
		unsigned lo = o == LE ? s[i] : s[i + 1], hi = o == LE ? s[i + 1] : s[i];
		if (hi || !ascii_space(lo))
			return false;
	}
	return true;
}

/* UTF-16 seen as bytes: ASCII units as themselves, the rest as 0x80, which reads as
 * ordinary non-ASCII text below.  Returns the length of the view. */
static size_t project(const unsigned char *s, size_t n, enum order o, char *view)
{
	size_t k = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		unsigned lo = o == LE ? s[i] : s[i + 1], hi = o == LE ? s[i + 1] : s[i];
		view[k++] = (char)(hi || lo >= 0x80 ? 0x80 : lo);
	}
	return k;
}

/* For what libmagic calls data: legacy CJK text has no bytes below 0x20 but tab, newlines
 * and escape (ISO-2022), while uniformly random bytes (compressed, encrypted, media) hit
 * these 27 values about 10% of the time.  1% leaves room for a stray control in a real
 * page. */
static bool looks_like_text(const char *s, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !ascii_space(c) && c != 0x1B) || c == 0x7F)
			bad++;
	}
	return n > 0 && bad * 100 <= n;
}

/* Tags that only HTML has.  libmagic looks for them only near the start (measured: a page
 * after 2 KB of text preamble was text/html, after 10 KB text/plain) and calls a fragment
 * that opens with <div> text/plain. */
static bool has_markup(const char *s, size_t n)
{
	static const char *const tags[] = {
		"<html", "<!doctype html", "<head", "<body", "<div", "<p>", "<p ", "<meta",
		"<title", "<br", "<a href",
	};
	const char *end = s + n;
	for (const char *p = s; (p = memchr(p, '<', (size_t)(end - p))); p++) {
		for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
			size_t k = strlen(tags[i]);
			if ((size_t)(end - p) >= k && strncasecmp(p, tags[i], k) == 0)
				return true;
		}
	}
	return false;
}

static bool starts_with(const char *s, const char *with)
{
	return strncmp(s, with, strlen(with)) == 0;
}

/* MIME types outside text/ that are text all the same. */
static bool text_format(const char *mime)
{
	static const char *const types[] = {
		"application/javascript", "application/ecmascript", "application/json",
		"application/xml", "application/x-php", "application/x-httpd-php",
		"application/xhtml+xml", "application/x-wine-extension-ini", "message/rfc822",
		"message/news",
	};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(mime, types[i]) == 0)
			return true;
	return false;
}

/* The root element of an XML document: after the declaration, comments, processing
 * instructions and a doctype.  RSS is <rss> (0.9x, 2.0) or <rdf:RDF> (1.0), Atom <feed>. */
static const char *feed_root(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		p = memchr(p, '<', (size_t)(end - p));
		if (!p || end - p < 5)
			return NULL;
		if (p[1] == '?' || p[1] == '!') {
			const char *close = memchr(p, '>', (size_t)(end - p));
			if (!close)
				return NULL;
			p = close + 1;
			continue;
		}
		static const struct { const char *tag, *kind; } roots[] = {
			{ "<rss", "RSS" }, { "<rdf:RDF", "RSS 1.0" }, { "<feed", "Atom" },
		};
		for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
			size_t k = strlen(roots[i].tag);
			if ((size_t)(end - p) > k && strncmp(p, roots[i].tag, k) == 0 &&
			    (ascii_space((unsigned char)p[k]) || p[k] == '>'))
				return roots[i].kind;
		}
		return NULL;
	}
	return NULL;
}

void sniff_type(const char *bytes, size_t n, sniff_result *r)
{
	const unsigned char *u = (const unsigned char *)bytes;
	char mime[96], u16[SNIFF_LOOK / 2];
	size_t skip;
	enum order o = byte_order(u, n, &skip);
	r->what[0] = '\0';
	if (blank(u + skip, n - skip, o)) {
		r->type = SNIFF_EMPTY;
		return;
	}
	if (n >= 2 && u[0] == 0x1F && u[1] == 0x8B) {
		r->type = SNIFF_GZIP;
		return;
	}
	size_t look = n - skip < SNIFF_LOOK ? n - skip : SNIFF_LOOK;
	const char *view = bytes + skip;
	if (o != BYTES) {
		look = project(u + skip, look, o, u16);
		view = u16;
	}
	/* libmagic names formats well but is no judge of legacy text: it calls GBK, Big5 and
	 * EUC-JP ISO-8859 text, Shift_JIS "Non-ISO extended-ASCII", and anything with a few
	 * control bytes in it "data". */
	ask_magic(bytes, n, MAGIC_MIME_TYPE, mime, sizeof mime);
	bool text;
	if (starts_with(mime, "text/"))
		text = true;
	else if (!mime[0] || strcmp(mime, "application/octet-stream") == 0)
		text = looks_like_text(view, look);
	else
		/* A page with a big inline script first is "JavaScript source" (application/
		 * javascript) to libmagic, one with inline JSON "application/json": text formats
		 * all, so markup decides. */
		text = text_format(mime) && looks_like_text(view, look);
	if (!text) {
		r->type = SNIFF_OTHER;
		ask_magic(bytes, n, MAGIC_NONE, r->what, sizeof r->what);
		if (!r->what[0])
			snprintf(r->what, sizeof r->what, "data");
		return;
	}
	size_t lead = 0;
	while (lead < look && ascii_space((unsigned char)view[lead]))
		lead++;
	const char *feed = feed_root(view + lead, look - lead);
	if (feed) {
		r->type = SNIFF_FEED;
		snprintf(r->what, sizeof r->what, "%s", feed);
		return;
	}
	if (strcmp(mime, "message/rfc822") == 0 || strcmp(mime, "message/news") == 0) {
		r->type = SNIFF_MAIL;
		return;
	}
	bool xml = strcmp(mime, "text/xml") == 0 ||
		   (look - lead >= 5 && memcmp(view + lead, "<?xml", 5) == 0);
	if (xml && (text_find_ci(view, look, "http://www.w3.org/1999/xhtml") ||
		    text_find_ci(view, look, "//DTD XHTML"))) {
		r->type = SNIFF_XHTML;
	} else if (strcmp(mime, "text/html") == 0 || has_markup(view, look)) {
		r->type = SNIFF_HTML;
	} else {
		r->type = SNIFF_TEXT;
	}
}

int sniff_gunzip(const char *bytes, size_t n, buf *out, err *e)
{
	z_stream z;
	unsigned char chunk[GUNZIP_CHUNK];
	size_t fed = 0;   /* bytes handed to zlib so far */
	memset(&z, 0, sizeof z);
	int ret = inflateInit2(&z, 16 + MAX_WBITS);
	if (ret == Z_MEM_ERROR)
		oom();
	if (ret != Z_OK)
		return err_set(e, ERR_SOFTWARE, "cannot start zlib: %s", z.msg ? z.msg : zError(ret));
	buf_reset(out);
	int rc = -1;
	for (;;) {
		/* avail_in is 32 bits wide: a bigger input goes in in parts. */
		if (z.avail_in == 0 && fed < n) {
			size_t k = n - fed < UINT_MAX ? n - fed : UINT_MAX;
			z.next_in = (const Bytef *)bytes + fed;
			z.avail_in = (uInt)k;
			fed += k;
		}
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		ret = inflate(&z, Z_NO_FLUSH);
		if (buf_add(out, chunk, sizeof chunk - z.avail_out) < 0) {
			err_set(e, ERR_DATA, "gzip data inflates past %zu bytes", out->max);
			break;
		}
		if (ret == Z_OK)
			continue;
		if (ret == Z_STREAM_END) {
			/* Another member may follow (gzip -c a b); anything else after the last
			 * member, such as zero padding, is ignored as gzip(1) does. */
			size_t at = (size_t)((const char *)z.next_in - bytes);
			if (n - at >= 2 && (unsigned char)bytes[at] == 0x1F &&
			    (unsigned char)bytes[at + 1] == 0x8B && inflateReset(&z) == Z_OK)
				continue;
			rc = 0;
			break;
		}
		if (ret == Z_MEM_ERROR)
			oom();
		if (ret == Z_BUF_ERROR && fed < n)
			continue;
		if (ret == Z_BUF_ERROR)
			err_set(e, ERR_DATA, "gzip data ends early (truncated stream)");
		else
			err_set(e, ERR_DATA, "gzip data is corrupt: %s", z.msg ? z.msg : zError(ret));
		break;
	}
	inflateEnd(&z);
	return rc;
}
