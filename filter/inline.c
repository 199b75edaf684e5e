/* inline.c — links, emphasis, code and images of the kept blocks, where list items and table
 * cells stand, and the images between blocks.  It walks each body block's DOM nodes again with
 * segment's own white-space rules, so that the spans it records are byte ranges of the very
 * text the classifier saw; nothing it does can change a label. */
#include "inline.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "dom.h"
#include "segment.h"
#include "url.h"

/* Images this small (a width or height attribute) are icons, spacers and tracking pixels. */
enum { IMAGE_MIN_SIDE = 48 };

/* An element open while a block's nodes are walked. */
struct open {
	int32_t node;
	int kind;          /* enum span_kind, or -1 for an element that makes no span */
	uint32_t start;    /* where its first character went; UNSET until one did */
	const char *url;
};

#define UNSET UINT32_MAX

struct spans {
	span *s;
	size_t n, cap;
};

static void add_span(arena *a, struct spans *sp, span x)
{
	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 8;
		span *grown = arena_alloc(a, cap * sizeof *grown);
		if (sp->n)
			memcpy(grown, sp->s, sp->n * sizeof *grown);
		sp->s = grown;
		sp->cap = cap;
	}
	sp->s[sp->n++] = x;
}

/* What relative addresses resolve against: where the page came from, else the address it
 * gives itself. */
static const char *base(const doc *d)
{
	return d->url ? d->url : d->meta.canonical_url;
}

/* A link's target as the writers may use it: absolute http or https (resolved against the
 * page), or mailto; NULL for anything else (javascript:, data:, a fragment of the page). */
static const char *target(const doc *d, const char *href)
{
	if (!href)
		return NULL;
	while (*href == ' ' || *href == '\t' || *href == '\n')
		href++;
	if (strncasecmp(href, "mailto:", 7) == 0 && href[7])
		return arena_strdup(d->a, href);
	if (*href == '#')
		return NULL;
	return url_resolve(d->a, base(d), href);
}

static int span_kind_of(const doc *d, const dom_node *n, const char **url)
{
	*url = NULL;
	switch (n->tag) {
	case GUMBO_TAG_A:
		*url = target(d, dom_attr_get(n, "href"));
		return *url ? SPAN_LINK : -1;
	case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE: case GUMBO_TAG_DFN:
		return SPAN_EM;
	case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
		return SPAN_STRONG;
	case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
		return SPAN_CODE;
	default:
		return -1;
	}
}

/* An image's source: src, or the attribute a lazy loader keeps it in. */
static const char *image_src(const doc *d, const dom_node *n)
{
	static const char *const attrs[] = { "src", "data-src", "data-original", "data-lazy-src" };
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++) {
		const char *v = dom_attr_get(n, attrs[i]);
		if (v && *v && strncmp(v, "data:", 5) != 0) {
			const char *u = url_resolve(d->a, base(d), v);
			if (u)
				return u;
		}
	}
	return NULL;
}

static bool small_image(const dom_node *n)
{
	const char *w = dom_attr_get(n, "width"), *h = dom_attr_get(n, "height");
	return (w && atoi(w) > 0 && atoi(w) < IMAGE_MIN_SIDE) ||
	       (h && atoi(h) > 0 && atoi(h) < IMAGE_MIN_SIDE);
}

static void close_open(struct spans *sp, arena *a, const struct open *o, uint32_t end)
{
	if (o->kind >= 0 && o->start != UNSET && end > o->start)
		add_span(a, sp, (span){ o->start, end, (uint8_t)o->kind, o->url, NULL });
}

/* Rebuilds block b's text from its nodes with segment's rules, recording spans as it goes;
 * keeps them only when the text comes out as the block has it. */
static void block_spans(doc *d, block *b, buf *text, struct open *stack)
{
	const dom *dm = &d->dom;
	struct spans sp = { 0 };
	segment_run run = { .out = text };
	buf_reset(text);
	size_t sn = 0;
	/* The inline elements around the first text node, up to the block's own element. */
	for (int32_t k = dm->node[b->first].parent; k >= 0 && k != b->node; k = dm->node[k].parent)
		sn++;
	size_t depth = sn;
	for (int32_t k = dm->node[b->first].parent; k >= 0 && k != b->node; k = dm->node[k].parent) {
		const char *url;
		int kind = span_kind_of(d, &dm->node[k], &url);
		stack[--depth] = (struct open){ k, kind, UNSET, url };
	}
	bool pre = b->kind == BLOCK_PRE;
	for (int32_t i = b->first; i <= b->last; i++) {
		while (sn && i >= dm->node[stack[sn - 1].node].end)
			close_open(&sp, d->a, &stack[--sn], (uint32_t)text->len);
		const dom_node *n = &dm->node[i];
		if (n->flags & DOM_SKIP) {
			if (n->tag != DOM_TEXT)
				i = n->end - 1;
			continue;
		}
		if (n->tag == DOM_TEXT) {
			size_t first;
			if (segment_put(&run, n->text, n->len, pre, &first))
				for (size_t k = sn; k > 0 && stack[k - 1].start == UNSET; k--)
					stack[k - 1].start = (uint32_t)first;
		} else if (n->tag == GUMBO_TAG_BR) {
			segment_break(&run);
		} else if (n->tag == GUMBO_TAG_IMG) {
			const char *src = small_image(n) ? NULL : image_src(d, n);
			const char *alt = dom_attr_get(n, "alt");
			if (src)
				add_span(d->a, &sp, (span){ (uint32_t)text->len, (uint32_t)text->len,
							    SPAN_IMAGE, src,
							    arena_strdup(d->a, alt ? alt : "") });
		} else if (n->end > i + 1) {
			const char *url;
			int kind = span_kind_of(d, n, &url);
			stack[sn++] = (struct open){ i, kind, UNSET, url };
		}
	}
	while (text->len && (text->data[text->len - 1] == '\n' || text->data[text->len - 1] == ' '))
		text->len--;
	while (sn)
		close_open(&sp, d->a, &stack[--sn], (uint32_t)text->len);
	if (text->len != b->len || memcmp(text->data, b->text, b->len) != 0)
		return;   /* repaired since: written as plain text */
	for (size_t i = 0; i < sp.n; i++) {
		if (sp.s[i].end > b->len)
			sp.s[i].end = b->len;
		if (sp.s[i].start > sp.s[i].end)
			sp.s[i].start = sp.s[i].end;
	}
	/* Outer spans first: by start, then the longer one. */
	for (size_t i = 1; i < sp.n; i++)
		for (size_t j = i; j > 0 && (sp.s[j].start < sp.s[j - 1].start ||
					     (sp.s[j].start == sp.s[j - 1].start &&
					      sp.s[j].end > sp.s[j - 1].end)); j--) {
			span t = sp.s[j];
			sp.s[j] = sp.s[j - 1];
			sp.s[j - 1] = t;
		}
	b->spans = sp.s;
	b->nspans = (uint32_t)sp.n;
}

/* A list item's list: bullets or numbers, how deep, and which number. */
static void list_item(const doc *d, block *b)
{
	const dom *dm = &d->dom;
	if (b->node < 0 || dm->node[b->node].tag != GUMBO_TAG_LI)
		return;
	int32_t list = -1;
	for (int32_t k = dm->node[b->node].parent; k >= 0; k = dm->node[k].parent)
		if (dm->node[k].tag == GUMBO_TAG_OL || dm->node[k].tag == GUMBO_TAG_UL) {
			if (list < 0)
				list = k;
			b->list_depth++;
		}
	b->list = list >= 0 && dm->node[list].tag == GUMBO_TAG_OL ? LIST_ORDERED : LIST_BULLET;
	if (b->list != LIST_ORDERED)
		return;
	const char *start = dom_attr_get(&dm->node[list], "start");
	uint32_t n = start && atoi(start) > 0 ? (uint32_t)atoi(start) : 1;
	for (int32_t k = list + 1; k >= 0 && k < b->node; k = dm->node[k].next)
		n += dm->node[k].tag == GUMBO_TAG_LI;
	const char *value = dom_attr_get(&dm->node[b->node], "value");
	b->list_number = value && atoi(value) > 0 ? (uint32_t)atoi(value) : n;
}

/* A table cell's row and table. */
static void table_cell(const doc *d, block *b)
{
	int32_t cell, row, table;
	if (b->node < 0 || !dom_cell(&d->dom, b->node, &cell, &row, &table))
		return;
	b->cell = cell;
	b->row = row;
	b->table = table;
	b->header_cell = d->dom.node[cell].tag == GUMBO_TAG_TH;
}

/* Images outside every block's text that stand between kept blocks, the next one body. */
static void images_between(doc *d)
{
	const dom *dm = &d->dom;
	size_t at = 0, n = 0;
	doc_image *img = NULL;
	const char *last = NULL;
	for (int32_t i = 0; i < dm->n; i++) {
		const dom_node *x = &dm->node[i];
		if (x->flags & DOM_SKIP) {
			if (x->tag != DOM_TEXT)
				i = x->end - 1;
			continue;
		}
		if (x->tag != GUMBO_TAG_IMG || (x->flags & DOM_HIDDEN))
			continue;
		while (at < d->nblocks && (d->blocks[at].last < i || d->blocks[at].first < 0))
			at++;
		if (at == d->nblocks || d->blocks[at].first <= i || d->blocks[at].label != LABEL_BODY ||
		    (at > 0 && !segment_label_kept(d->blocks[at - 1].label)) || small_image(x))
			continue;
		const char *src = image_src(d, x);
		if (!src || (last && strcmp(src, last) == 0))
			continue;
		const char *alt = dom_attr_get(x, "alt");
		doc_image *grown = arena_alloc(d->a, (n + 1) * sizeof *grown);
		if (n)
			memcpy(grown, img, n * sizeof *grown);
		img = grown;
		img[n++] = (doc_image){ src, arena_strdup(d->a, alt ? alt : ""), at };
		last = src;
	}
	d->images = img;
	d->nimages = n;
}

void inline_build(doc *d)
{
	if (d->is_text || !d->dom.n)
		return;
	buf text;
	buf_init(&text, 0);
	/* A block's open elements are its node's ancestors and descendants: no more than the
	 * DOM is deep. */
	size_t deepest = 0;
	for (int32_t i = 0; i < d->dom.n; i++)
		if (d->dom.node[i].depth > deepest)
			deepest = d->dom.node[i].depth;
	struct open *stack = xmalloc((deepest + 2) * sizeof *stack);
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (b->label != LABEL_BODY)
			continue;
		if (b->first >= 0)
			block_spans(d, b, &text, stack);
		if (b->kind == BLOCK_ITEM)
			list_item(d, b);
		if (b->kind == BLOCK_CELL)
			table_cell(d, b);
	}
	free(stack);
	buf_free(&text);
	images_between(d);
}
