/* explain.c — --explain: where the charset and every attribution field came from, then every
 * block with its label, the numbers that decided it and the rule. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "text.h"

/* At most `cols` characters of s on one line, for the excerpt. */
static int excerpt(buf *out, const char *s, size_t n, int cols)
{
	int r = 0, k = 0;
	const char *p = s, *end = s + n;
	while (p < end && k < cols) {
		const char *c0 = p;
		uint32_t c = text_next(&p, end);
		if (c == '\n' || c == '\t')
			r |= buf_addc(out, ' ');
		else
			r |= buf_add(out, c0, (size_t)(p - c0));
		k += text_is_han(c) ? 2 : 1;
	}
	if (p < end)
		r |= buf_adds(out, "…");
	return r;
}

static const char *const field[META_COUNT] = { "title", "author", "source", "date",
					       "canonical_url", "lang", "original_url",
					       "disclaimer" };

/* The value of each attribution field as one string (authors joined), in the arena. */
static void values(const doc *d, const char **value)
{
	const meta *m = &d->meta;
	const char *v[META_COUNT] = { m->title, NULL, m->source, m->date, m->canonical_url,
				      m->lang, m->original_url, m->disclaimer };
	if (m->n_author) {
		buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < m->n_author; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", m->author[i]);
		v[META_AUTHOR] = arena_strndup(d->a, b.data, b.len);
		buf_free(&b);
	}
	memcpy(value, v, sizeof v);
}

int emit_explain(const doc *d, buf *out)
{
	const meta *m = &d->meta;
	int r = buf_printf(out, "input: %s\n", d->name);
	r |= buf_printf(out, "charset: %s (%s%s%s)\n", d->charset.charset,
			decode_source_name(d->charset.source), d->charset.label[0] ? ", declared " : "",
			d->charset.label);
	r |= buf_printf(out, "mode: %s, %zu blocks, %zu kept\n", d->is_text ? "text" : "html",
			d->nblocks, doc_kept(d));
	const char *value[META_COUNT];
	values(d, value);
	for (int f = 0; f < META_COUNT; f++)
		if (value[f])
			r |= buf_printf(out, "%s: %s  [from %s]\n", field[f], value[f],
					m->from[f] ? m->from[f] : "?");
	for (size_t i = 0; i < d->nnotes; i++)
		r |= buf_printf(out, "note: %s\n", d->notes[i]);
	for (size_t i = 0; i < d->nwhy; i++)
		r |= buf_printf(out, "%s\n", d->why[i]);
	r |= buf_adds(out, "\n");
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		r |= buf_printf(out, "#%-4zu %-11s %s  (len %u, links %.2f, punct %u, score %.1f)\n",
				i, segment_label_name(b->label), b->rule ? b->rule : "",
				b->latin, b->link_density, b->tc.punct, b->score);
		r |= buf_adds(out, "      ") | excerpt(out, b->text, b->len, 72) | buf_addc(out, '\n');
	}
	return r ? -1 : 0;
}

int emit_explain_tsv(const doc *d, buf *out)
{
	int r = buf_adds(out, "block\tlabel\tlatin");
	for (size_t k = 0; k < d->nfeatures; k++)
		r |= buf_printf(out, "\t%s", d->feature_names[k]);
	r |= buf_adds(out, "\ttext\n");
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		r |= buf_printf(out, "%zu\t%s\t%u", i, segment_label_name(b->label), b->latin);
		for (size_t k = 0; k < d->nfeatures; k++)
			r |= buf_printf(out, "\t%.4g", d->features[i * d->nfeatures + k]);
		r |= buf_addc(out, '\t');
		/* the text on one line */
		const char *run = b->text;
		for (const char *p = b->text; p < b->text + b->len; p++)
			if (*p == '\t' || *p == '\n' || *p == '\r') {
				r |= buf_add(out, run, (size_t)(p - run)) | buf_addc(out, ' ');
				run = p + 1;
			}
		r |= buf_add(out, run, (size_t)(b->text + b->len - run)) | buf_addc(out, '\n');
	}
	return r ? -1 : 0;
}

/* Tints per label: kept text green, the title blue, chaff in warm or grey tones by kind. */
static const char *const tint[LABEL_COUNT] = {
	[LABEL_NONE] = "#eeeeee",        [LABEL_BODY] = "#d8f5d0",
	[LABEL_TITLE] = "#cfe3ff",       [LABEL_ATTRIBUTION] = "#e6dcff",
	[LABEL_SPAM] = "#ffc9c9",        [LABEL_TRENDING] = "#ffe0b8",
	[LABEL_NAV] = "#e4e4e4",         [LABEL_FOOTER] = "#dddddd",
	[LABEL_DISCLAIMER] = "#fff3b0",  [LABEL_COMMENT] = "#f5dcef",
	[LABEL_AD] = "#ffd6e0",          [LABEL_HIDDEN] = "#f2f2f2",
	[LABEL_BOILERPLATE] = "#ececec",
};

int emit_explain_html(const doc *d, buf *out)
{
	const meta *m = &d->meta;
	int r = buf_adds(out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
			      "<title>winnow --explain: ");
	r |= emit_html_escape(out, d->name, strlen(d->name), false);
	r |= buf_adds(out,
		"</title>\n<style>\n"
		"body{font:15px/1.45 sans-serif;margin:1.5em auto;max-width:62em;color:#222}\n"
		"table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .6em;"
		"border-bottom:1px solid #ddd;text-align:left;vertical-align:top}\n"
		".b{margin:.35em 0;padding:.35em .6em;border-left:5px solid #999;border-radius:3px}\n"
		".b .h{font:12px/1.3 monospace;color:#555}.b .t{white-space:pre-wrap}\n"
		".body{border-color:#3a9a2a}.title{border-color:#2a62c9}.spam{border-color:#d33}\n"
		".trending{border-color:#e08a1e}.disclaimer{border-color:#c9a800}\n"
		".k{display:inline-block;padding:0 .5em;margin:.1em;border-radius:3px}\n"
		"</style>\n</head>\n<body>\n<h1>");
	r |= emit_html_escape(out, d->name, strlen(d->name), false);
	r |= buf_printf(out, "</h1>\n<p>charset %s (%s%s%s), %s page, %zu blocks, %zu kept</p>\n",
			d->charset.charset, decode_source_name(d->charset.source),
			d->charset.label[0] ? ", declared " : "", d->charset.label,
			d->is_text ? "text" : "HTML", d->nblocks, doc_kept(d));
	r |= buf_adds(out, "<h2>Attribution</h2>\n<table>\n<tr><th>field</th><th>value</th>"
			   "<th>from</th></tr>\n");
	const char *value[META_COUNT];
	values(d, value);
	for (int f = 0; f < META_COUNT; f++) {
		r |= buf_printf(out, "<tr><td>%s</td><td>", field[f]);
		if (value[f])
			r |= emit_html_escape(out, value[f], strlen(value[f]), false);
		else
			r |= buf_adds(out, "<i>unknown</i>");
		r |= buf_adds(out, "</td><td>");
		if (value[f] && m->from[f])
			r |= emit_html_escape(out, m->from[f], strlen(m->from[f]), false);
		r |= buf_adds(out, "</td></tr>\n");
	}
	r |= buf_adds(out, "</table>\n");
	if (d->nnotes || d->nwhy) {
		r |= buf_adds(out, "<h2>How it was decided</h2>\n<ul>\n");
		for (size_t i = 0; i < d->nnotes; i++)
			r |= buf_adds(out, "<li>") |
			     emit_html_escape(out, d->notes[i], strlen(d->notes[i]), false) |
			     buf_adds(out, "</li>\n");
		for (size_t i = 0; i < d->nwhy; i++)
			r |= buf_adds(out, "<li>") |
			     emit_html_escape(out, d->why[i], strlen(d->why[i]), false) |
			     buf_adds(out, "</li>\n");
		r |= buf_adds(out, "</ul>\n");
	}
	r |= buf_adds(out, "<h2>Blocks</h2>\n<p>");
	for (int l = LABEL_BODY; l < LABEL_COUNT; l++)
		r |= buf_printf(out, "<span class=\"k\" style=\"background:%s\">%s</span>", tint[l],
				segment_label_name(l));
	r |= buf_adds(out, "</p>\n");
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		r |= buf_printf(out, "<div class=\"b %s\" style=\"background:%s\" id=\"b%zu\">"
				     "<div class=\"h\">#%zu %s — ",
				segment_label_name(b->label), tint[b->label], i, i,
				segment_label_name(b->label));
		if (b->rule)
			r |= emit_html_escape(out, b->rule, strlen(b->rule), false);
		r |= buf_printf(out, " (len %u, links %.2f, punct %u, score %.2f)</div>"
				     "<div class=\"t\">", b->latin, b->link_density, b->tc.punct,
				b->score);
		if (b->kind == BLOCK_HEADING)
			r |= buf_adds(out, "<b>");
		r |= emit_html_escape(out, b->text, b->len, false);
		if (b->kind == BLOCK_HEADING)
			r |= buf_adds(out, "</b>");
		r |= buf_adds(out, "</div></div>\n");
	}
	r |= buf_adds(out, "</body>\n</html>\n");
	return r ? -1 : 0;
}
