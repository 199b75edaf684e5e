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

static int field(buf *out, const char *key, const char *value, bool last)
{
	int r = buf_printf(out, "  \"%s\": ", key);
	if (value)
		r |= str(out, value, strlen(value));
	else
		r |= buf_adds(out, "null");
	return r | buf_adds(out, last ? "\n" : ",\n");
}

int emit_json(const doc *d, buf *out)
{
	const meta *m = &d->meta;
	int r = buf_adds(out, "{\n");
	r |= field(out, "title", m->title, false);
	r |= buf_adds(out, "  \"author\": ");
	if (m->n_author) {
		r |= buf_addc(out, '[');
		for (size_t i = 0; i < m->n_author; i++)
			r |= (i ? buf_adds(out, ", ") : 0) | str(out, m->author[i], strlen(m->author[i]));
		r |= buf_adds(out, "],\n");
	} else {
		r |= buf_adds(out, "null,\n");
	}
	r |= field(out, "source", m->source, false);
	r |= field(out, "date", m->date, false);
	r |= field(out, "url", m->url, false);
	r |= field(out, "canonical_url", m->canonical_url, false);
	r |= field(out, "lang", m->lang, false);
	r |= field(out, "original_url", m->original_url, false);
	r |= field(out, "disclaimer", m->disclaimer, false);
	buf body;
	buf_init(&body, out->max);
	r |= emit_body_text(d, &body);
	/* The body without its final newline, so "text" round-trips as the paragraphs. */
	while (body.len && body.data[body.len - 1] == '\n')
		body.len--;
	r |= buf_adds(out, "  \"text\": ") | str(out, body.data ? body.data : "", body.len);
	buf_free(&body);
	r |= buf_adds(out, "\n}\n");
	return r ? -1 : 0;
}
