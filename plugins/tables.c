/* tables.c — a table of the article keeps all its cells.  The classifier judges each cell
 * as a block of its own, and a cell holding "2" or "beta" reads like chaff, so a data table
 * whose cells are mostly kept loses the short ones ("beta | 2" kept "beta").  A table is a
 * data table when its rows have one width and its cells are short and not links (a layout
 * table holds the page in a few long cells; a menu is links); then, when at least kept-share
 * of its cells are body, every cell the earlier plugins did not call hidden, spam or
 * navigation is body too.  Thresholds are in conf/tables-limits.txt. */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "doc.h"
#include "dom.h"
#include "err.h"
#include "plugin.h"

struct tables {
	float min_rows, min_cols, regular_rows, max_mean_cell, max_links, kept_share;
};

static int tables_init(void **state, err *e)
{
	struct tables *t = xcalloc(1, sizeof *t);
	*state = t;
	const conf_number names[] = {
		{ "min-rows", &t->min_rows },
		{ "min-cols", &t->min_cols },
		{ "regular-rows", &t->regular_rows },
		{ "max-mean-cell-latin", &t->max_mean_cell },
		{ "max-link-density", &t->max_links },
		{ "kept-share", &t->kept_share },
	};
	return conf_numbers("tables-limits.txt", names, sizeof names / sizeof *names, e);
}

static void tables_free(void *state)
{
	free(state);
}

/* Whether the table at node t is a grid of data: its own rows (not a nested table's), of
 * one width for the most part. */
static bool grid(const struct tables *t, const dom *d, int32_t table)
{
	uint32_t widths[64] = { 0 }, rows = 0, cells = 0, most = 0;
	for (int32_t i = table + 1; i < d->node[table].end; i++) {
		const dom_node *n = &d->node[i];
		if (n->tag == GUMBO_TAG_TABLE)
			return false;   /* a table in a table: layout */
		if (n->tag != GUMBO_TAG_TR)
			continue;
		uint32_t w = 0;
		for (int32_t k = i + 1; k < n->end; k = d->node[k].end)
			w += d->node[k].tag == GUMBO_TAG_TD || d->node[k].tag == GUMBO_TAG_TH;
		rows++;
		cells += w;
		if (w < 64 && ++widths[w] > widths[most])
			most = w;
	}
	return rows >= t->min_rows && most >= t->min_cols &&
	       widths[most] >= t->regular_rows * (float)rows && cells;
}

static void tables_classify(void *state, doc *d)
{
	const struct tables *t = state;
	for (size_t i = 0; i < d->nblocks;) {
		int32_t cell, row, table;
		const block *b = &d->blocks[i];
		if (b->kind != BLOCK_CELL || b->node < 0 ||
		    !dom_cell(&d->dom, b->node, &cell, &row, &table)) {
			i++;
			continue;
		}
		/* The blocks of this table: they come one after another. */
		size_t end = i, kept = 0, cells = 0, latin = 0, links = 0, chars = 0;
		for (; end < d->nblocks; end++) {
			const block *x = &d->blocks[end];
			int32_t c2, r2, t2;
			if (x->node < 0 || x->node < table || x->node >= d->dom.node[table].end)
				break;
			if (x->kind != BLOCK_CELL || !dom_cell(&d->dom, x->node, &c2, &r2, &t2) ||
			    t2 != table)
				continue;
			cells++;
			kept += x->label == LABEL_BODY;
			latin += x->latin;
			links += x->link_chars;
			chars += x->tc.chars;
		}
		bool data = cells && grid(t, &d->dom, table) &&
			    (float)latin <= t->max_mean_cell * (float)cells &&
			    (float)links <= t->max_links * (float)(chars ? chars : 1) &&
			    (float)kept >= t->kept_share * (float)cells;
		for (size_t k = i; data && k < end; k++) {
			block *x = &d->blocks[k];
			if (x->label == LABEL_BODY || x->label == LABEL_HIDDEN || x->label == LABEL_SPAM ||
			    x->label == LABEL_NAV || x->hidden)
				continue;
			x->label = LABEL_BODY;
			x->rule = "a cell of a table of the article";
		}
		i = end > i ? end : i + 1;
	}
}

const plugin plugin_tables = {
	"tables", tables_init, tables_classify, tables_free,
};
