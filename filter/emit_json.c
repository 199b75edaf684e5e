/* emit_json.c — one JSON object per page, keys always in the same order, null when unknown. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "text.h"

/* A JSON string: quotes, backslashes and control characters escaped; text is valid UTF-8
 * already (decoding made it so), U+2028/2029 escaped for JavaScript readers. */
static int str(buf *out, const char *s, size_t n)
{
	int r = buf_addc(out, '"');
	const char *run = s;
	for (const char *p = s, *end = s + n; p < end && !r;) {
		const char *c0 = p;
		uint32_t c = text_next(&p, end);
		char esc[8] = "";
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof esc, "\\%c", (char)c);
		else if (c == '\n')
			snprintf(esc, sizeof esc, "\\n");
		else if (c == '\t')
			snprintf(esc, sizeof esc, "\\t");
		else if (c < 0x20 || c == 0x2028 || c == 0x2029)
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
		if (!esc[0])
			continue;
		r |= buf_add(out, run, (size_t)(c0 - run)) | buf_adds(out, esc);
		run = p;
	}
	r |= buf_add(out, run, (size_t)(s + n - run)) | buf_addc(out, '"');
	return r ? -1 : 0;
}

/* Pretty (two-space indent, a key a line) or compact (one line, for JSON Lines). */
struct json {
	buf *out;
	bool compact;
	bool first;
};

static int key(struct json *j, const char *k)
{
	int r = buf_adds(j->out, j->first ? (j->compact ? "{" : "{\n") : (j->compact ? "," : ",\n"));
	j->first = false;
	return r | buf_printf(j->out, j->compact ? "\"%s\":" : "  \"%s\": ", k);
}

static int field(struct json *j, const char *k, const char *value)
{
	int r = key(j, k);
	return r | (value ? str(j->out, value, strlen(value)) : buf_adds(j->out, "null"));
}

static int sep(const struct json *j, size_t i)
{
	return i ? buf_adds(j->out, j->compact ? "," : ", ") : 0;
}

/* Every link of the body, in order: its text and where it goes. */
static int links(struct json *j, const doc *d)
{
	int r = key(j, "links") | buf_addc(j->out, '[');
	size_t n = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (b->label != LABEL_BODY)
			continue;
		for (uint32_t k = 0; k < b->nspans; k++) {
			const span *s = &b->spans[k];
			if (s->kind != SPAN_LINK)
				continue;
			r |= sep(j, n++) | buf_adds(j->out, j->compact ? "{\"text\":" : "{\"text\": ") |
			     str(j->out, b->text + s->start, s->end - s->start) |
			     buf_adds(j->out, j->compact ? ",\"url\":" : ", \"url\": ") |
			     str(j->out, s->url, strlen(s->url)) | buf_addc(j->out, '}');
		}
	}
	return r | buf_addc(j->out, ']');
}

static int image(struct json *j, size_t n, const char *src, const char *alt)
{
	return sep(j, n) | buf_adds(j->out, j->compact ? "{\"src\":" : "{\"src\": ") |
	       str(j->out, src, strlen(src)) |
	       buf_adds(j->out, j->compact ? ",\"alt\":" : ", \"alt\": ") |
	       str(j->out, alt ? alt : "", alt ? strlen(alt) : 0) | buf_addc(j->out, '}');
}

/* Every image of the article, between its blocks and inside them, in order. */
static int images(struct json *j, const doc *d)
{
	int r = key(j, "images") | buf_addc(j->out, '[');
	size_t n = 0, next = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		for (; next < d->nimages && d->images[next].before <= i; next++)
			r |= image(j, n++, d->images[next].src, d->images[next].alt);
		const block *b = &d->blocks[i];
		for (uint32_t k = 0; b->label == LABEL_BODY && k < b->nspans; k++)
			if (b->spans[k].kind == SPAN_IMAGE)
				r |= image(j, n++, b->spans[k].url, b->spans[k].alt);
	}
	return r | buf_addc(j->out, ']');
}

int emit_json(const doc *d, const emit_opts *eo, bool compact, buf *out)
{
	const meta *m = &d->meta;
	struct json j = { out, compact, true };
	int r = field(&j, "title", m->title);
	r |= key(&j, "author");
	if (m->n_author) {
		r |= buf_addc(out, '[');
		for (size_t i = 0; i < m->n_author; i++)
			r |= sep(&j, i) | str(out, m->author[i], strlen(m->author[i]));
		r |= buf_addc(out, ']');
	} else {
		r |= buf_adds(out, "null");
	}
	r |= field(&j, "source", m->source);
	r |= field(&j, "date", m->date);
	r |= field(&j, "url", m->url);
	r |= field(&j, "canonical_url", m->canonical_url);
	r |= field(&j, "lang", m->lang);
	r |= field(&j, "original_url", m->original_url);
	r |= field(&j, "disclaimer", m->disclaimer);
	r |= links(&j, d);
	r |= images(&j, d);
	buf body;
	buf_init(&body, out->max);
	r |= emit_body_text(d, &body);
	/* The body without its final newline, so "text" round-trips as the paragraphs. */
	while (body.len && body.data[body.len - 1] == '\n')
		body.len--;
	r |= key(&j, "text") | str(out, body.data ? body.data : "", body.len);
	if (eo && eo->json_html) {
		buf_reset(&body);
		r |= emit_html_body(d, &body);
		r |= key(&j, "html") | str(out, body.data ? body.data : "", body.len);
	}
	buf_free(&body);
	r |= buf_adds(out, compact ? "}\n" : "\n}\n");
	return r ? -1 : 0;
}
