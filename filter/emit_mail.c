/* emit_mail.c — an article as an RFC 5322 message, written by GMime: the title as Subject
 * (RFC 2047), the author or source as From, the publication date as Date, a Message-ID from
 * the canonical URL, and a UTF-8 text/plain body in quoted-printable with the attribution on
 * top. */
#include <gmime/gmime.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "hash.h"
#include "url.h"

/* Hex digits of the canonical URL's hash in a Message-ID: 128 bits, no collision in practice. */
enum { ID_DIGITS = 32 };

/* g_mime_init ignores SIGPIPE for the whole process; winnow writes its messages into memory
 * and, as a filter, should end quietly when the reader of its output goes away. */
static void init_gmime(void)
{
	static bool done;
	if (!done) {
		struct sigaction was;
		sigaction(SIGPIPE, NULL, &was);
		g_mime_init();
		sigaction(SIGPIPE, &was, NULL);
		done = true;
	}
}

void emit_mail_init(void)
{
	init_gmime();
}

/* The address the article is "from": the site's host under .invalid (RFC 2606), so a
 * reply goes nowhere and a filter can still sort by site. */
static const char *host(const doc *d)
{
	const char *u = d->meta.canonical_url ? d->meta.canonical_url
					       : d->meta.url ? d->meta.url : d->asked_url;
	const char *h = url_host(d->a, u);
	return h && *h ? h : "localhost";
}

void emit_mail_id(const doc *d, unsigned revision, buf *out)
{
	const meta *m = &d->meta;
	const char *key = m->canonical_url ? m->canonical_url
					   : m->url ? m->url : d->asked_url ? d->asked_url : d->name;
	char hex[HASH_HEX + 1];
	hash_hex(key, strlen(key), hex);
	buf_printf(out, "%.*s", ID_DIGITS, hex);
	if (revision)
		buf_printf(out, ".r%u", revision + 1);
	buf_printf(out, ".winnow@%s", host(d));
}

/* The publication date when it has a day, else when the page was seen.  Dates without a
 * time are midnight UTC; times without an offset are UTC. */
static GDateTime *date(const doc *d)
{
	const char *s = d->meta.date;
	GDateTime *t = NULL;
	if (s && strlen(s) >= 10) {
		char iso[64];
		snprintf(iso, sizeof iso, strlen(s) == 10 ? "%sT00:00:00Z" : "%s", s);
		GTimeZone *utc = g_time_zone_new_utc();
		t = g_date_time_new_from_iso8601(iso, utc);
		g_time_zone_unref(utc);
	}
	if (!t)
		t = g_date_time_new_from_unix_utc(d->seen);
	if (!t)
		oom();
	return t;
}

static void from(const doc *d, GMimeMessage *msg)
{
	const meta *m = &d->meta;
	buf name, addr;
	buf_init(&name, 0);
	buf_init(&addr, 0);
	for (size_t i = 0; i < m->n_author; i++)
		buf_printf(&name, "%s%s", i ? ", " : "", m->author[i]);
	if (!name.len && m->source)
		buf_adds(&name, m->source);
	buf_printf(&addr, "winnow@%s.invalid", host(d));
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, name.len ? name.data : NULL,
				   addr.data);
	buf_free(&name);
	buf_free(&addr);
}

static void headers(const doc *d, unsigned revision, GMimeMessage *msg)
{
	GMimeObject *o = (GMimeObject *)msg;
	const meta *m = &d->meta;
	from(d, msg);
	g_mime_message_set_subject(msg, m->title ? m->title : host(d), "utf-8");
	GDateTime *t = date(d);
	g_mime_message_set_date(msg, t);
	g_date_time_unref(t);
	buf b;
	buf_init(&b, 0);
	emit_mail_id(d, revision, &b);
	g_mime_message_set_message_id(msg, b.data);
	if (revision) {
		buf_reset(&b);
		buf_addc(&b, '<');
		emit_mail_id(d, 0, &b);
		buf_addc(&b, '>');
		g_mime_object_set_header(o, "References", b.data, NULL);
	}
	if (d->asked_url || m->url)
		g_mime_object_set_header(o, "X-Winnow-URL", d->asked_url ? d->asked_url : m->url,
					 NULL);
	/* RFC 2919: one "list" per site, so a reader can group and filter by it. */
	buf_reset(&b);
	buf_printf(&b, "<%s.localhost>", host(d));
	g_mime_object_set_header(o, "List-Id", b.data, NULL);
	buf_free(&b);
}

GMimeObject *emit_mail_text_part(const char *text, size_t n)
{
	init_gmime();
	/* The bytes as they are: g_mime_text_part_set_text would recode them to the smallest
	 * charset that holds them. */
	GMimePart *part = (GMimePart *)g_mime_text_part_new_with_subtype("plain");
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(text, n);
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, w);
	g_mime_object_set_content_type_parameter((GMimeObject *)part, "charset", "utf-8");
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	g_object_unref(w);
	g_object_unref(st);
	return (GMimeObject *)part;
}

static GMimeObject *body(const doc *d)
{
	buf text;
	buf_init(&text, 0);
	emit_article(d, &text);
	GMimeObject *part = emit_mail_text_part(text.data ? text.data : "", text.len);
	buf_free(&text);
	return part;
}

int emit_mail_revision(const doc *d, unsigned revision, buf *out)
{
	init_gmime();
	GMimeMessage *msg = g_mime_message_new(TRUE);
	headers(d, revision, msg);
	GMimeObject *part = body(d);
	g_mime_message_set_mime_part(msg, part);
	GMimeStream *st = g_mime_stream_mem_new();
	g_mime_object_write_to_stream((GMimeObject *)msg, NULL, st);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array((GMimeStreamMem *)st);
	int r = buf_add(out, bytes->data, bytes->len);
	g_object_unref(st);
	g_object_unref(part);
	g_object_unref(msg);
	return r;
}

int emit_mail(const doc *d, buf *out)
{
	return emit_mail_revision(d, 0, out);
}
