/* emit_inline.c — what every writer walks the same way: a block's text with its spans as a
 * stream of text runs and span boundaries, the tables of the article as rows and cells, and
 * the byline's parts. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "emit.h"

int emit_walk(const block *b, const emit_inline_ops *ops, void *ctx)
{
	const span *open[EMIT_SPAN_DEPTH];
	uint32_t ends[EMIT_SPAN_DEPTH];
	size_t depth = 0, next = 0;
	uint32_t at = 0;
	int r = 0;
	while (!r) {
		/* The next boundary: a span that ends, or one that starts. */
		uint32_t stop = b->len;
		if (depth && ends[depth - 1] < stop)
			stop = ends[depth - 1];
		if (next < b->nspans && b->spans[next].start < stop)
			stop = b->spans[next].start;
		if (stop > at)
			r |= ops->text(ctx, b->text + at, stop - at);
		at = stop;
		if (depth && ends[depth - 1] == at) {
			r |= ops->close(ctx, open[--depth]);
			continue;
		}
		if (next < b->nspans && b->spans[next].start == at) {
			const span *s = &b->spans[next++];
			if (s->kind == SPAN_IMAGE) {
				r |= ops->image(ctx, s);
				continue;
			}
			if (depth == EMIT_SPAN_DEPTH || s->end == s->start)
				continue;   /* too deep to mark: its text comes as text */
			/* Spans nest as the page nested them; one clamped at a block's end may not
			 * reach past the span around it. */
			uint32_t end = depth && s->end > ends[depth - 1] ? ends[depth - 1] : s->end;
			r |= ops->open(ctx, s);
			open[depth] = s;
			ends[depth++] = end;
			continue;
		}
		if (at >= b->len && !depth)
			break;
	}
	return r ? -1 : 0;
}

/* A table of the article: the kept cells of one <table> that follow block i, as rows (by
 * their <tr>) of cells (by their <td>/<th>), each cell the blocks it holds. */
void emit_table(const doc *d, size_t i, emit_table_t *t)
{
	memset(t, 0, sizeof *t);
	int32_t table = d->blocks[i].table;
	size_t end = i;
	while (end < d->nblocks &&
	       (d->blocks[end].label != LABEL_BODY ||
		(d->blocks[end].kind == BLOCK_CELL && d->blocks[end].table == table)))
		end++;
	while (end > i && d->blocks[end - 1].label != LABEL_BODY)
		end--;
	t->first = i;
	t->end = end;
	/* Rows and cells in the order their nodes come. */
	int32_t row = -2, cell = -2;
	size_t in_row = 0;
	for (size_t k = i; k < end; k++) {
		bool new_row;
		if (d->blocks[k].label != LABEL_BODY || !emit_table_step(d, k, &row, &cell, &new_row))
			continue;
		if (new_row) {
			t->rows++;
			in_row = 0;
		}
		if (++in_row > t->cols)
			t->cols = in_row;
	}
	t->header = d->blocks[i].header_cell;
}

bool emit_table_step(const doc *d, size_t k, int32_t *row, int32_t *cell, bool *new_row)
{
	const block *b = &d->blocks[k];
	*new_row = b->row != *row;
	bool new_cell = *new_row || b->cell != *cell;
	*row = b->row;
	*cell = b->cell;
	return new_cell;
}

int emit_byline_parts(const doc *d, const char **part, size_t max)
{
	const meta *m = &d->meta;
	size_t n = 0;
	if (m->n_author && n < max) {
		buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < m->n_author; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", m->author[i]);
		part[n++] = arena_strndup(d->a, b.data, b.len);
		buf_free(&b);
	}
	if (m->source && n < max && !(m->n_author == 1 && strcmp(m->source, m->author[0]) == 0))
		part[n++] = m->source;
	if (m->date && n < max)
		part[n++] = m->date;
	return (int)n;
}

const char *emit_page_url(const doc *d)
{
	return d->meta.canonical_url ? d->meta.canonical_url : d->meta.url;
}
