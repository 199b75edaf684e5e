/* classify.c — the plugin runner: each plugin in table order, then the leftovers and the body
 * blocks with nothing to show. */
#include "classify.h"

#include <stdlib.h>

#include "arena.h"
#include "doc.h"
#include "err.h"
#include "plugin.h"
#include "text.h"

struct classify {
	size_t n;
	void **state;   /* one per plugin of plugin_table */
};

int classify_new(classify **out, err *e)
{
	classify *c = xcalloc(1, sizeof *c);
	while (plugin_table[c->n])
		c->n++;
	c->state = xcalloc(c->n, sizeof *c->state);
	for (size_t i = 0; i < c->n; i++)
		if (plugin_table[i]->init && plugin_table[i]->init(&c->state[i], e) < 0) {
			classify_free(c);
			return -1;
		}
	*out = c;
	return 0;
}

void classify_free(classify *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (plugin_table[i]->free && c->state[i])
			plugin_table[i]->free(c->state[i]);
	free(c->state);
	free(c);
}

void classify_doc(classify *c, doc *d)
{
	for (size_t i = 0; i < c->n; i++)
		plugin_table[i]->classify(c->state[i], d);
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (b->label == LABEL_NONE) {
			b->label = LABEL_BOILERPLATE;
			b->rule = "outside the article";
		} else if (b->label == LABEL_BODY && !text_visible(b->text, b->len)) {
			/* It counted as a block for its neighbours; the reader would see an empty
			 * paragraph. */
			b->label = LABEL_BOILERPLATE;
			b->rule = "nothing visible (zero-width marks)";
		}
	}
}
