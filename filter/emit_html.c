/* emit_html.c — the article as a small, clean, self-contained HTML page. */
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "emit.h"

int emit_html_escape(buf *out, const char *s, size_t n, bool br)
{
	int r = 0;
	const char *run = s;
	for (const char *p = s; p < s + n; p++) {
		const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" :
				  *p == '"' ? "&quot;" : *p == '\n' && br ? "<br>\n" : NULL;
		if (!rep)
			continue;
		r |= buf_add(out, run, (size_t)(p - run)) | buf_adds(out, rep);
		run = p + 1;
	}
	return r | buf_add(out, run, (size_t)(s + n - run));
}

static int escs(buf *out, const char *s)
{
	return emit_html_escape(out, s, strlen(s), false);
}

int emit_html(const doc *d, buf *out)
{
	const meta *m = &d->meta;
	int r = buf_adds(out, "<!DOCTYPE html>\n<html");
	if (m->lang)
		r |= buf_adds(out, " lang=\"") | escs(out, m->lang) | buf_addc(out, '"');
	r |= buf_adds(out, ">\n<head>\n<meta charset=\"utf-8\">\n");
	if (m->title)
		r |= buf_adds(out, "<title>") | escs(out, m->title) | buf_adds(out, "</title>\n");
	if (m->canonical_url)
		r |= buf_adds(out, "<link rel=\"canonical\" href=\"") | escs(out, m->canonical_url) |
		     buf_adds(out, "\">\n");
	for (size_t i = 0; i < m->n_author; i++)
		r |= buf_adds(out, "<meta name=\"author\" content=\"") | escs(out, m->author[i]) |
		     buf_adds(out, "\">\n");
	if (m->date)
		r |= buf_adds(out, "<meta name=\"date\" content=\"") | escs(out, m->date) |
		     buf_adds(out, "\">\n");
	r |= buf_adds(out, "</head>\n<body>\n<article>\n");
	if (m->title)
		r |= buf_adds(out, "<h1>") | escs(out, m->title) | buf_adds(out, "</h1>\n");
	r |= emit_html_body(d, out);
	r |= buf_adds(out, "</article>\n</body>\n</html>\n");
	return r ? -1 : 0;
}

int emit_html_body(const doc *d, buf *out)
{
	int r = 0;
	bool in_list = false;
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		if (b->label != LABEL_BODY)
			continue;
		if (in_list != (b->kind == BLOCK_ITEM)) {
			r |= buf_adds(out, in_list ? "</ul>\n" : "<ul>\n");
			in_list = !in_list;
		}
		const char *open, *close;
		char h[8] = "", hc[8] = "";
		switch (b->kind) {
		case BLOCK_HEADING:
			h[0] = '<', h[1] = 'h', h[2] = (char)('0' + (b->level < 2 ? 2 : b->level)), h[3] = '>';
			memcpy(hc, "</h", 3), hc[3] = h[2], hc[4] = '>';
			open = h, close = hc;
			break;
		case BLOCK_ITEM: open = "<li>", close = "</li>"; break;
		case BLOCK_QUOTE: open = "<blockquote><p>", close = "</p></blockquote>"; break;
		case BLOCK_PRE: open = "<pre>", close = "</pre>"; break;
		default: open = "<p>", close = "</p>"; break;
		}
		r |= buf_adds(out, open) | emit_html_escape(out, b->text, b->len, b->kind != BLOCK_PRE) |
		     buf_adds(out, close) | buf_addc(out, '\n');
	}
	if (in_list)
		r |= buf_adds(out, "</ul>\n");
	return r ? -1 : 0;
}
