/* emit_html.c — the article as a small, safe, readable page: its language and direction, a
 * viewport and a column of reading width, the title, a byline (author, the source linked to
 * the page, the date), the body with its structure, and a Content-Security-Policy that lets
 * no script run.  Every text and address is escaped; links keep only http, https and
 * mailto. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "doc.h"
#include "emit.h"

int emit_html_escape(buf *out, const char *s, size_t n, bool br)
{
	int r = 0;
	const char *run = s;
	for (const char *p = s; p < s + n; p++) {
		const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" :
				  *p == '"' ? "&quot;" : *p == '\'' ? "&#39;" :
				  *p == '\n' && br ? "<br>\n" : NULL;
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

struct html_ctx {
	buf *out;
	bool br;     /* line breaks as <br> (not in <pre>) */
	int links;   /* open links: a link inside a link is its text */
};

static int h_text(void *ctx, const char *s, size_t n)
{
	struct html_ctx *c = ctx;
	return emit_html_escape(c->out, s, n, c->br);
}

static const char *tag_of(const span *s)
{
	return s->kind == SPAN_EM ? "em" : s->kind == SPAN_STRONG ? "strong"
		: s->kind == SPAN_CODE ? "code" : NULL;
}

static int h_open(void *ctx, const span *s)
{
	struct html_ctx *c = ctx;
	if (s->kind == SPAN_LINK)
		return c->links++ ? 0 : buf_adds(c->out, "<a href=\"") | escs(c->out, s->url) |
					 buf_adds(c->out, "\">");
	const char *t = tag_of(s);
	return t ? buf_printf(c->out, "<%s>", t) : 0;
}

static int h_close(void *ctx, const span *s)
{
	struct html_ctx *c = ctx;
	if (s->kind == SPAN_LINK)
		return --c->links ? 0 : buf_adds(c->out, "</a>");
	const char *t = tag_of(s);
	return t ? buf_printf(c->out, "</%s>", t) : 0;
}

static int img(buf *out, const char *src, const char *alt)
{
	return buf_adds(out, "<img src=\"") | escs(out, src) | buf_adds(out, "\" alt=\"") |
	       escs(out, alt ? alt : "") | buf_adds(out, "\">");
}

static int h_image(void *ctx, const span *s)
{
	struct html_ctx *c = ctx;
	return img(c->out, s->url, s->alt);
}

static const emit_inline_ops html_ops = { h_text, h_open, h_close, h_image };

static int inline_html(buf *out, const block *b)
{
	struct html_ctx c = { out, b->kind != BLOCK_PRE, 0 };
	return emit_walk(b, &html_ops, &c);
}

/* The lists open around the current item, innermost last: "ol" or "ul". */
struct lists {
	const char *open[16];
	int n;
};

static int close_lists(buf *out, struct lists *l, int keep)
{
	int r = 0;
	while (l->n > keep)
		r |= buf_printf(out, "</%s>\n", l->open[--l->n]);
	return r;
}

static int item(buf *out, struct lists *l, const block *b)
{
	int depth = b->list_depth ? b->list_depth : 1;
	if (depth > 15)
		depth = 15;
	const char *kind = b->list == LIST_ORDERED ? "ol" : "ul";
	int r = close_lists(out, l, depth);
	if (l->n == depth && strcmp(l->open[depth - 1], kind) != 0)
		r |= close_lists(out, l, depth - 1);
	while (l->n < depth) {
		const char *k = l->n == depth - 1 ? kind : "ul";
		if (strcmp(k, "ol") == 0 && b->list_number > 1)
			r |= buf_printf(out, "<ol start=\"%u\">\n", b->list_number);
		else
			r |= buf_printf(out, "<%s>\n", k);
		l->open[l->n++] = k;
	}
	return r | buf_adds(out, "<li>") | inline_html(out, b) | buf_adds(out, "</li>\n");
}

static int table(buf *out, const doc *d, const emit_table_t *t)
{
	int r = buf_adds(out, "<table>\n");
	int32_t row = -2, cell = -2;
	const char *cell_tag = NULL;
	bool in_row = false;
	for (size_t k = t->first; k < t->end; k++) {
		const block *b = &d->blocks[k];
		if (b->label != LABEL_BODY)
			continue;
		bool new_row, new_cell = emit_table_step(d, k, &row, &cell, &new_row);
		if (new_cell && cell_tag)
			r |= buf_printf(out, "</%s>", cell_tag);
		if (new_row) {
			if (in_row)
				r |= buf_adds(out, "</tr>\n");
			r |= buf_adds(out, "<tr>");
			in_row = true;
		}
		if (new_cell) {
			cell_tag = b->header_cell ? "th" : "td";
			r |= buf_printf(out, "<%s>", cell_tag);
		} else {
			r |= buf_addc(out, ' ');
		}
		r |= inline_html(out, b);
	}
	if (cell_tag)
		r |= buf_printf(out, "</%s>", cell_tag);
	return r | buf_adds(out, in_row ? "</tr>\n</table>\n" : "</table>\n");
}

static int block_html(buf *out, const block *b)
{
	const char *open, *close;
	char h[8] = "", hc[8] = "";
	switch (b->kind) {
	case BLOCK_HEADING:
		snprintf(h, sizeof h, "<h%d>", b->level < 2 ? 2 : b->level);
		snprintf(hc, sizeof hc, "</h%d>", b->level < 2 ? 2 : b->level);
		open = h, close = hc;
		break;
	case BLOCK_QUOTE: open = "<blockquote><p>", close = "</p></blockquote>"; break;
	case BLOCK_PRE: open = "<pre>", close = "</pre>"; break;
	case BLOCK_CAPTION: open = "<p class=\"caption\">", close = "</p>"; break;
	default: open = "<p>", close = "</p>"; break;
	}
	return buf_adds(out, open) | inline_html(out, b) | buf_adds(out, close) | buf_addc(out, '\n');
}

int emit_html_body(const doc *d, buf *out)
{
	int r = 0;
	struct lists lists = { .n = 0 };
	size_t image = 0;
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		if (b->label != LABEL_BODY)
			continue;
		for (; image < d->nimages && d->images[image].before <= i; image++)
			r |= close_lists(out, &lists, 0) | buf_adds(out, "<figure>") |
			     img(out, d->images[image].src, d->images[image].alt) |
			     buf_adds(out, "</figure>\n");
		if (b->kind == BLOCK_ITEM) {
			r |= item(out, &lists, b);
			continue;
		}
		r |= close_lists(out, &lists, 0);
		if (b->kind == BLOCK_CELL && b->table >= 0) {
			emit_table_t t;
			emit_table(d, i, &t);
			r |= table(out, d, &t);
			i = t.end - 1;
			continue;
		}
		r |= block_html(out, b);
	}
	return r | close_lists(out, &lists, 0) ? -1 : 0;
}

/* Scripts written right to left. */
static bool rtl(const char *lang)
{
	static const char *const tags[] = { "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug",
					    "dv", "ckb" };
	for (size_t i = 0; lang && i < sizeof tags / sizeof *tags; i++) {
		size_t k = strlen(tags[i]);
		if (strncasecmp(lang, tags[i], k) == 0 && (lang[k] == '\0' || lang[k] == '-'))
			return true;
	}
	return false;
}

/* No script, no frame, no form, nothing fetched but images; styles only the page's own. */
#define CSP "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; " \
	    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

static const char style[] =
	"body{max-width:40em;margin:0 auto;padding:1em;font:1.05em/1.55 Georgia,serif;"
	"color:#222;background:#fff}"
	"h1{font-size:1.7em;line-height:1.25}.byline{color:#555;font-size:.95em}"
	"img{max-width:100%;height:auto}figure{margin:1em 0}"
	"pre{overflow-x:auto;background:#f4f4f4;padding:.6em}"
	"blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #ccc;color:#444}"
	"table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
	".caption{color:#555;font-size:.9em}";

int emit_html(const doc *d, buf *out)
{
	const meta *m = &d->meta;
	int r = buf_adds(out, "<!DOCTYPE html>\n<html");
	if (m->lang)
		r |= buf_adds(out, " lang=\"") | escs(out, m->lang) | buf_addc(out, '"');
	r |= buf_printf(out, " dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
			m->lang ? (rtl(m->lang) ? "rtl" : "ltr") : "auto");
	r |= buf_adds(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			   "<meta name=\"referrer\" content=\"no-referrer\">\n");
	if (m->title)
		r |= buf_adds(out, "<title>") | escs(out, m->title) | buf_adds(out, "</title>\n");
	const char *url = emit_page_url(d);
	if (url)
		r |= buf_adds(out, "<link rel=\"canonical\" href=\"") | escs(out, url) |
		     buf_adds(out, "\">\n");
	for (size_t i = 0; i < m->n_author; i++)
		r |= buf_adds(out, "<meta name=\"author\" content=\"") | escs(out, m->author[i]) |
		     buf_adds(out, "\">\n");
	if (m->date)
		r |= buf_adds(out, "<meta name=\"date\" content=\"") | escs(out, m->date) |
		     buf_adds(out, "\">\n");
	r |= buf_printf(out, "<style>%s</style>\n</head>\n<body>\n<article>\n", style);
	if (m->title)
		r |= buf_adds(out, "<h1>") | escs(out, m->title) | buf_adds(out, "</h1>\n");
	/* The byline: the author, the source as a link to the page, the date. */
	const char *part[3];
	int n = emit_byline_parts(d, part, 3);
	if (n || url) {
		r |= buf_adds(out, "<p class=\"byline\">");
		for (int i = 0; i < n; i++) {
			r |= i ? buf_adds(out, " \u00b7 ") : 0;
			bool source = part[i] == m->source && url;
			bool date = part[i] == m->date;
			if (source)
				r |= buf_adds(out, "<a href=\"") | escs(out, url) | buf_adds(out, "\">");
			else if (date)
				r |= buf_adds(out, "<time datetime=\"") | escs(out, m->date) |
				     buf_adds(out, "\">");
			r |= escs(out, part[i]);
			r |= source ? buf_adds(out, "</a>") : date ? buf_adds(out, "</time>") : 0;
		}
		bool linked = false;
		for (int i = 0; i < n; i++)
			linked |= part[i] == m->source;
		if (url && !linked)
			r |= (n ? buf_adds(out, " \u00b7 ") : 0) | buf_adds(out, "<a href=\"") |
			     escs(out, url) | buf_adds(out, "\">") | escs(out, url) | buf_adds(out, "</a>");
		r |= buf_adds(out, "</p>\n");
	}
	r |= emit_html_body(d, out);
	r |= buf_adds(out, "</article>\n</body>\n</html>\n");
	return r ? -1 : 0;
}
