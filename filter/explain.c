/* explain.c — --explain: where the charset and every attribution field came from, then every
 * block with its label, the numbers that decided it and the rule. */
#include <string.h>

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

int emit_explain(const doc *d, buf *out)
{
	static const char *const field[META_COUNT] = { "title", "author", "source", "date",
						       "canonical_url", "lang", "original_url",
						       "disclaimer" };
	const meta *m = &d->meta;
	int r = buf_printf(out, "input: %s\n", d->name);
	r |= buf_printf(out, "charset: %s (%s%s%s)\n", d->charset.charset,
			decode_source_name(d->charset.source), d->charset.label[0] ? ", declared " : "",
			d->charset.label);
	r |= buf_printf(out, "mode: %s, %zu blocks, %zu kept\n", d->is_text ? "text" : "html",
			d->nblocks, doc_kept(d));
	const char *value[META_COUNT] = { m->title, m->n_author ? m->author[0] : NULL, m->source,
					  m->date, m->canonical_url, m->lang, m->original_url,
					  m->disclaimer };
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
