/* mail.c — the mail filter's work: find the part of a message that holds a page (the first
 * HTML part that is not an attachment) or an article's address (a short text body), clean
 * it, and put the clean text into the message, which GMime parses and writes back. */
#include "mail.h"

#include <gmime/gmime.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "emit.h"
#include "err.h"
#include "fetch.h"
#include "text.h"
#include "winnow.h"

/* A message with more multiparts than this is passed as it is: GMime's parser recurses into
 * nested multiparts, and no newsletter has anywhere near so many. */
enum { MAX_BOUNDARIES = 200 };

/* A text body is "little more than an article's URL" when, without its URLs and signature,
 * it holds at most this many characters and at most this many distinct URLs: a "read this"
 * mail, a feed item with its title and link. */
enum { URL_BODY_TEXT = 300, URL_BODY_URLS = 2 };

/* The length of a leading mbox "From " line, 0 when there is none. */
static size_t envelope(const char *s, size_t n)
{
	if (n < 5 || memcmp(s, "From ", 5) != 0)
		return 0;
	const char *nl = memchr(s, '\n', n);
	return nl ? (size_t)(nl - s) + 1 : n;
}

/* Where the header block ends (the offset of its blank line), and whether there is one: the
 * first line must be a header field "Name: value". */
static bool header_block(const char *s, size_t n, size_t *end)
{
	size_t k = 0;
	while (k < n && s[k] > 32 && s[k] < 127 && s[k] != ':')
		k++;
	if (k == 0 || k >= n || s[k] != ':')
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' && (i + 1 == n || s[i + 1] == '\n' ||
				     (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n'))) {
			*end = i + 1;
			return true;
		}
	*end = n;
	return true;
}

/* Whether the header block s[0..n) has an X-Winnow line: a message filtered before. */
static bool marked(const char *s, size_t n)
{
	for (size_t i = 0; i + 9 <= n; i++)
		if ((i == 0 || s[i - 1] == '\n') && strncasecmp(s + i, "X-Winnow:", 9) == 0)
			return true;
	return false;
}

void mail_mark(const char *bytes, size_t n, const char *why, buf *out)
{
	size_t env = envelope(bytes, n), end;
	if (!header_block(bytes + env, n - env, &end) || marked(bytes + env, end)) {
		buf_add(out, bytes, n);
		return;
	}
	end += env;
	bool crlf = end >= 2 && bytes[end - 2] == '\r';
	buf_add(out, bytes, end);
	if (end > 0 && bytes[end - 1] != '\n')
		buf_adds(out, crlf ? "\r\n" : "\n");
	buf_printf(out, "X-Winnow: %s%s", why, crlf ? "\r\n" : "\n");
	buf_add(out, bytes + end, n - end);
}

static size_t count_ci(const char *s, size_t n, const char *what)
{
	size_t k = strlen(what), c = 0;
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, what, k) == 0)
			c++;
	return c;
}

static bool is_attachment(GMimeObject *o)
{
	GMimeContentDisposition *cd = g_mime_object_get_content_disposition(o);
	return cd && g_mime_content_disposition_is_attachment(cd);
}

static bool is_type(GMimeObject *o, const char *type, const char *subtype)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	return ct && g_mime_content_type_is_type(ct, type, subtype);
}

/* The decoded bytes of a leaf part (its transfer encoding undone, its charset kept). */
static void part_bytes(GMimePart *p, buf *out)
{
	GMimeDataWrapper *w = g_mime_part_get_content(p);
	if (!w)
		return;
	GMimeStream *st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	GByteArray *b = g_mime_stream_mem_get_byte_array((GMimeStreamMem *)st);
	buf_add(out, b->data, b->len);
	g_object_unref(st);
}

/* The multipart that holds part, and part's index in it; NULL for the top part. */
static GMimeObject *parent_of(GMimeObject *top, GMimeObject *part, int *index)
{
	GMimePartIter *it = g_mime_part_iter_new(top);
	GMimeObject *parent = NULL;
	*index = -1;
	do {
		if (g_mime_part_iter_get_current(it) == part) {
			parent = g_mime_part_iter_get_parent(it);
			break;
		}
	} while (g_mime_part_iter_next(it));
	g_mime_part_iter_free(it);
	if (parent && GMIME_IS_MULTIPART(parent))
		for (int i = 0; i < g_mime_multipart_get_count((GMimeMultipart *)parent); i++)
			if (g_mime_multipart_get_part((GMimeMultipart *)parent, i) == part)
				*index = i;
	return parent;
}

/* The first part of the given type that is not an attachment, depth first. */
static GMimeObject *first_part(GMimeObject *top, const char *subtype)
{
	if (!GMIME_IS_MULTIPART(top))
		return GMIME_IS_PART(top) && is_type(top, "text", subtype) && !is_attachment(top)
			       ? top
			       : NULL;
	GMimePartIter *it = g_mime_part_iter_new(top);
	GMimeObject *found = NULL;
	do {
		GMimeObject *o = g_mime_part_iter_get_current(it);
		if (o && GMIME_IS_PART(o) && is_type(o, "text", subtype) && !is_attachment(o))
			found = o;
	} while (!found && g_mime_part_iter_next(it));
	g_mime_part_iter_free(it);
	return found;
}

/* Puts the clean text beside the HTML part h: into the multipart/alternative that holds it
 * (or the multipart/related around it), in place of the alternative's own text/plain, or
 * into a new multipart/alternative in h's place.  drop_html puts the text there instead. */
static void put_text(GMimeMessage *msg, GMimeObject *h, GMimeObject *text, bool drop_html)
{
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	int at;
	GMimeObject *parent = h == top ? NULL : parent_of(top, h, &at);
	if (parent && is_type(parent, "multipart", "related") && parent != top) {
		h = parent;
		parent = parent_of(top, h, &at);
	} else if (parent && is_type(parent, "multipart", "related")) {
		h = parent;
		parent = NULL;
	}
	if (parent && is_type(parent, "multipart", "alternative")) {
		GMimeMultipart *alt = (GMimeMultipart *)parent;
		int plain = -1;
		for (int i = 0; i < g_mime_multipart_get_count(alt); i++)
			if (is_type(g_mime_multipart_get_part(alt, i), "text", "plain"))
				plain = i;
		if (drop_html) {
			g_object_unref(g_mime_multipart_replace(alt, at, text));
			if (plain >= 0)
				g_object_unref(g_mime_multipart_remove_at(alt, plain));
		} else if (plain >= 0) {
			g_object_unref(g_mime_multipart_replace(alt, plain, text));
		} else {
			g_mime_multipart_insert(alt, 0, text);
		}
		return;
	}
	GMimeObject *repl = text;
	if (!drop_html) {
		GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
		g_mime_multipart_add(alt, text);
		g_mime_multipart_add(alt, h);
		repl = (GMimeObject *)alt;
	}
	if (parent && GMIME_IS_MULTIPART(parent))
		g_object_unref(g_mime_multipart_replace((GMimeMultipart *)parent, at, repl));
	else
		g_mime_message_set_mime_part(msg, repl);
	if (repl != text)
		g_object_unref(repl);
}

/* The article in place of the text part it was linked from. */
static void put_article(GMimeMessage *msg, GMimeObject *plain, GMimeObject *text)
{
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	int at;
	GMimeObject *parent = plain == top ? NULL : parent_of(top, plain, &at);
	if (parent && GMIME_IS_MULTIPART(parent))
		g_object_unref(g_mime_multipart_replace((GMimeMultipart *)parent, at, text));
	else
		g_mime_message_set_mime_part(msg, text);
}

/* The first http(s) URL of text when the text is little more than it, else NULL (malloc'ed). */
static char *article_url(const char *text)
{
	size_t n = strlen(text);
	const char *sig = strstr(text, "\n-- \n");
	if (sig)
		n = (size_t)(sig - text);
	char *first = NULL;
	size_t urls = 0, rest = 0;
	const char *seen[URL_BODY_URLS + 1];
	size_t seen_len[URL_BODY_URLS + 1];
	for (const char *p = text, *end = text + n; p < end;) {
		if ((end - p > 7 && strncasecmp(p, "http://", 7) == 0) ||
		    (end - p > 8 && strncasecmp(p, "https://", 8) == 0)) {
			const char *q = p;
			while (q < end && (unsigned char)*q > ' ' && !strchr("<>\"'", *q))
				q++;
			while (q > p && strchr(".,;:!?)]}", q[-1]))
				q--;
			size_t k = (size_t)(q - p);
			bool dup = false;
			for (size_t i = 0; i < urls && i <= URL_BODY_URLS; i++)
				dup |= seen_len[i] == k && strncmp(seen[i], p, k) == 0;
			if (!dup) {
				if (urls <= URL_BODY_URLS) {
					seen[urls] = p;
					seen_len[urls] = k;
				}
				if (!first)
					first = g_strndup(p, k);
				urls++;
			}
			p = q > p ? q : p + 1;
			continue;
		}
		if (text_next(&p, end) > ' ')
			rest++;
	}
	if (!first || urls > URL_BODY_URLS || rest > URL_BODY_TEXT) {
		g_free(first);
		return NULL;
	}
	char *r = xstrdup(first);
	g_free(first);
	return r;
}

/* *d the page's article as text, or NULL when it holds none or is no page (an empty part, a
 * PDF): then the message is left alone, and `why` (room for 160 bytes) says so.  -1 only when
 * cleaning itself failed. */
static int clean_page(struct winnow *w, const mail_opts *mo, winnow_input *in, winnow_result **d,
		      const char *what, char *why, err *e)
{
	err ce = { 0 };
	winnow_request rq = { .products = 1u << WINNOW_TEXT, .no_links = mo->no_links };
	*d = NULL;
	if (winnow_clean(w, in, &rq, d, &ce) < 0) {
		if (ce.code != ERR_DATA)
			return err_set(e, ce.code, "%s", ce.msg);
		snprintf(why, 160, "left alone: %s: %.120s", what, ce.msg);
		return 0;
	}
	if (!winnow_result_kept(*d)) {
		winnow_result_free(*d);
		*d = NULL;
		snprintf(why, 160, "left alone: no article in %s", what);
	}
	return 0;
}

/* The article at url, fetched and cleaned; *d NULL when the link holds none or is no page
 * (an image, a PDF): the message is left alone.  A page that cannot be had (the network, a
 * 404) is a failure, so that the message is tried again or kept as it came. */
static int fetch_article(struct winnow *w, const mail_opts *mo, const char *url,
			 winnow_result **d, char *why, err *e)
{
	fetch_result *r = fetch_one(&mo->limits, url);
	int rc = 0;
	*d = NULL;
	if (r->e.code == ERR_DATA) {
		snprintf(why, 160, "left alone: the linked page: %.120s", r->e.msg);
	} else if (r->e.code) {
		rc = err_set(e, r->e.code, "%s: %s", url, r->e.msg);
	} else {
		winnow_input in = { .bytes = r->body.data, .n = r->body.len, .name = url,
				    .url = r->final_url, .asked_url = url, .charset = r->charset,
				    .seen = time(NULL) };
		rc = clean_page(w, mo, &in, d, "the linked page", why, e);
	}
	fetch_result_free(r);
	return rc;
}

/* The header block of the original as it came, X-Winnow added, then the clean text. */
static void text_view(const char *bytes, size_t n, const winnow_result *d, const char *why,
		      buf *out)
{
	size_t env = envelope(bytes, n), end = 0;
	header_block(bytes + env, n - env, &end);
	buf_add(out, bytes + env, end);
	if (end && bytes[env + end - 1] != '\n')
		buf_addc(out, '\n');
	buf_printf(out, "X-Winnow: %s\n\n", why);
	size_t len;
	const char *text = winnow_result_get(d, WINNOW_TEXT, &len);
	buf_add(out, text, len);
}

/* A message left as it is: X-Winnow says why, but not in a pager's view, where the line
 * would only be noise on every message read. */
static void unchanged(const mail_opts *mo, const char *bytes, size_t n, const char *why, buf *out,
		      mail_result *res)
{
	res->changed = false;
	snprintf(res->why, sizeof res->why, "%s", why);
	if (mo->text)
		buf_add(out, bytes, n);
	else
		mail_mark(bytes, n, why, out);
}

int mail_clean(struct winnow *w, const mail_opts *mo, const char *bytes, size_t n, buf *out,
	       mail_result *res, err *e)
{
	memset(res, 0, sizeof *res);
	size_t env = envelope(bytes, n), hend;
	if (!header_block(bytes + env, n - env, &hend)) {
		snprintf(res->why, sizeof res->why, "not a mail message");
		buf_add(out, bytes, n);
		return 0;
	}
	if (mo->max_size && n > mo->max_size) {
		unchanged(mo, bytes, n, "left alone: larger than --max-size", out, res);
		return 0;
	}
	if (count_ci(bytes, n, "boundary=") > MAX_BOUNDARIES) {
		unchanged(mo, bytes, n, "left alone: too many MIME parts", out, res);
		return 0;
	}
	emit_mail_init();
	GMimeStream *in = g_mime_stream_mem_new_with_buffer(bytes + env, n - env);
	GMimeParser *parser = g_mime_parser_new_with_stream(in);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(in);
	GMimeObject *top = msg ? g_mime_message_get_mime_part(msg) : NULL;
	if (!top) {
		unchanged(mo, bytes, n, "left alone: no body that MIME can read", out, res);
		if (msg)
			g_object_unref(msg);
		return 0;
	}
	int rc = 0;
	winnow_result *d = NULL;
	char reason[160] = "";
	const char *why = reason;
	GMimeObject *html = first_part(top, "html"), *plain = html ? NULL : first_part(top, "plain");
	buf page;
	buf_init(&page, mo->max_size);
	if (html) {
		part_bytes((GMimePart *)html, &page);
		winnow_input wi = { .bytes = page.data, .n = page.len, .name = "the HTML part",
				    .charset = g_mime_object_get_content_type_parameter(html, "charset"),
				    .title = g_mime_message_get_subject(msg), .seen = time(NULL) };
		rc = clean_page(w, mo, &wi, &d, "the HTML part", reason, e);
		if (d)
			why = "cleaned";
	} else if (plain) {
		char *text = g_mime_text_part_get_text((GMimeTextPart *)plain);
		char *url = text ? article_url(text) : NULL;
		g_free(text);
		if (url && mo->fetch) {
			rc = fetch_article(w, mo, url, &d, reason, e);
			if (d)
				why = "cleaned: the article of the link fetched";
		} else {
			why = url ? "left alone: a link, not fetched (--no-fetch)"
				  : "left alone: a text message, nothing to clean";
		}
		free(url);
	} else {
		why = "left alone: no text or HTML part";
	}
	if (!rc && !d) {
		unchanged(mo, bytes, n, why, out, res);
	} else if (!rc && mo->text) {
		res->changed = true;
		snprintf(res->why, sizeof res->why, "%s", why);
		text_view(bytes, n, d, why, out);
	} else if (!rc) {
		res->changed = true;
		snprintf(res->why, sizeof res->why, "%s", why);
		size_t len;
		const char *text = winnow_result_get(d, WINNOW_TEXT, &len);
		GMimeObject *t = emit_mail_text_part(text, len);
		if (html)
			put_text(msg, html, t, mo->drop_html);
		else
			put_article(msg, plain, t);
		g_object_unref(t);
		g_mime_object_set_header((GMimeObject *)msg, "X-Winnow", why, NULL);
		GMimeStream *st = g_mime_stream_mem_new();
		g_mime_object_write_to_stream((GMimeObject *)msg, NULL, st);
		GByteArray *b = g_mime_stream_mem_get_byte_array((GMimeStreamMem *)st);
		buf_add(out, bytes, env);
		buf_add(out, b->data, b->len);
		g_object_unref(st);
	}
	winnow_result_free(d);
	buf_free(&page);
	g_object_unref(msg);
	return rc;
}
