/* result.c — results and requests as bytes: little-endian 32-bit counts, strings as a length
 * and their bytes (a NULL string as the length 0xFFFFFFFF), nothing that needs trusting. */
#include "result.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"

#define NONE 0xFFFFFFFFu

winnow_result *result_new(void)
{
	winnow_result *r = xcalloc(1, sizeof *r);
	for (int p = 0; p < WINNOW_PRODUCTS; p++)
		buf_init(&r->product[p], 0);
	return r;
}

void result_note(winnow_result *r, const char *note)
{
	r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
	r->notes[r->nnotes++] = xstrdup(note);
}

static void put_u32(buf *out, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	buf_add(out, b, 4);
}

static void put_str(buf *out, const char *s, size_t n)
{
	if (!s) {
		put_u32(out, NONE);
		return;
	}
	put_u32(out, (uint32_t)n);
	buf_add(out, s, n);
}

static void put_cstr(buf *out, const char *s)
{
	put_str(out, s, s ? strlen(s) : 0);
}

/* Reading: a cursor that fails once and stays failed. */
struct in {
	const char *p, *end;
	bool bad;
};

static uint32_t get_u32(struct in *c)
{
	if (c->bad || c->end - c->p < 4) {
		c->bad = true;
		return 0;
	}
	const unsigned char *b = (const unsigned char *)c->p;
	c->p += 4;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* A string of the message (not NUL-terminated in it): *len its length; NULL for NONE. */
static const char *get_str(struct in *c, size_t *len)
{
	uint32_t n = get_u32(c);
	*len = 0;
	if (c->bad || n == NONE)
		return NULL;
	if ((size_t)(c->end - c->p) < n) {
		c->bad = true;
		return NULL;
	}
	const char *s = c->p;
	c->p += n;
	*len = n;
	return s;
}

/* A string copied NUL-terminated into the arena a. */
static const char *get_cstr(struct in *c, arena *a)
{
	size_t n;
	const char *s = get_str(c, &n);
	return s ? arena_strndup(a, s, n) : NULL;
}

void result_write_request(const winnow_input *in, const winnow_request *rq, buf *out)
{
	put_str(out, in->bytes ? in->bytes : "", in->n);
	put_cstr(out, in->name);
	put_cstr(out, in->url);
	put_cstr(out, in->asked_url);
	put_cstr(out, in->charset);
	put_cstr(out, in->title);
	put_u32(out, (uint32_t)((uint64_t)in->seen & 0xFFFFFFFFu));
	put_u32(out, (uint32_t)((uint64_t)in->seen >> 32));
	put_u32(out, rq->products);
	put_u32(out, (uint32_t)rq->no_links | (uint32_t)rq->body_only << 1 |
			     (uint32_t)rq->json_html << 2);
	put_u32(out, rq->revision);
}

int result_read_request(const char *msg, size_t n, winnow_input *in, winnow_request *rq)
{
	static arena *strings;   /* the request's strings, until the next one */
	arena_free(strings);
	strings = arena_new();
	struct in c = { msg, msg + n, false };
	memset(in, 0, sizeof *in);
	memset(rq, 0, sizeof *rq);
	in->bytes = get_str(&c, &in->n);
	in->name = get_cstr(&c, strings);
	in->url = get_cstr(&c, strings);
	in->asked_url = get_cstr(&c, strings);
	in->charset = get_cstr(&c, strings);
	in->title = get_cstr(&c, strings);
	uint64_t lo = get_u32(&c), hi = get_u32(&c);
	in->seen = (time_t)(lo | hi << 32);
	rq->products = get_u32(&c);
	uint32_t flags = get_u32(&c);
	rq->no_links = flags & 1;
	rq->body_only = flags & 2;
	rq->json_html = flags & 4;
	rq->revision = get_u32(&c);
	return c.bad || c.p != c.end ? -1 : 0;
}

void result_write(const winnow_result *r, const winnow_error *e, buf *out)
{
	put_u32(out, e && e->code ? (uint32_t)e->code : 0);
	if (e && e->code) {
		put_cstr(out, e->msg);
		return;
	}
	put_u32(out, (uint32_t)r->kept);
	put_u32(out, (uint32_t)r->nnotes);
	for (size_t i = 0; i < r->nnotes; i++)
		put_cstr(out, r->notes[i]);
	for (int p = 0; p < WINNOW_PRODUCTS; p++)
		if (r->asked[p])
			put_str(out, r->product[p].data ? r->product[p].data : "", r->product[p].len);
		else
			put_str(out, NULL, 0);
}

int result_read(const char *msg, size_t n, winnow_result **out, winnow_error *e)
{
	struct in c = { msg, msg + n, false };
	uint32_t code = get_u32(&c);
	if (!c.bad && code) {
		size_t len;
		const char *m = get_str(&c, &len);
		if (c.bad || !m)
			return err_set(e, ERR_SOFTWARE, "the sandbox sent a malformed answer");
		e->code = (int)code;
		snprintf(e->msg, sizeof e->msg, "%.*s", (int)(len < sizeof e->msg ? len : sizeof e->msg - 1),
			 m);
		return -1;
	}
	winnow_result *r = result_new();
	r->kept = get_u32(&c);
	uint32_t notes = get_u32(&c);
	for (uint32_t i = 0; i < notes && !c.bad; i++) {
		size_t len;
		const char *s = get_str(&c, &len);
		if (s) {
			char *t = xcalloc(1, len + 1);
			memcpy(t, s, len);
			r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
			r->notes[r->nnotes++] = t;
		}
	}
	for (int p = 0; p < WINNOW_PRODUCTS && !c.bad; p++) {
		size_t len;
		const char *s = get_str(&c, &len);
		if (s) {
			r->asked[p] = true;
			buf_add(&r->product[p], s, len);
		}
	}
	if (c.bad || c.p != c.end) {
		winnow_result_free(r);
		return err_set(e, ERR_SOFTWARE, "the sandbox sent a malformed answer");
	}
	*out = r;
	return 0;
}
