/* segment.c — blocks of text with their features, from the DOM or from a text page. */
#include "segment.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "dom.h"

static const char *const label_names[LABEL_COUNT] = {
	[LABEL_NONE] = "none",          [LABEL_BODY] = "body",
	[LABEL_TITLE] = "title",        [LABEL_ATTRIBUTION] = "attribution",
	[LABEL_SPAM] = "spam",          [LABEL_TRENDING] = "trending",
	[LABEL_NAV] = "nav",            [LABEL_FOOTER] = "footer",
	[LABEL_DISCLAIMER] = "disclaimer", [LABEL_COMMENT] = "comment",
	[LABEL_AD] = "ad",              [LABEL_HIDDEN] = "hidden",
	[LABEL_BOILERPLATE] = "boilerplate",
};

const char *segment_label_name(enum label l)
{
	return l < LABEL_COUNT ? label_names[l] : "?";
}

bool segment_label_kept(enum label l)
{
	return l == LABEL_BODY || l == LABEL_TITLE || l == LABEL_ATTRIBUTION;
}

/* segment_prose: XXX measure */
enum { PROSE_MIN = 100, PROSE_MIN_UNENDED = 250, PROSE_MIN_LINE = 50 };
#define PROSE_MAX_LINKS 0.3f

/* A growable array of blocks in the arena. */
struct blocks {
	arena *a;
	block *b;
	size_t n, cap;
};

static block *push(struct blocks *bs)
{
	if (bs->n == bs->cap) {
		size_t cap = bs->cap ? bs->cap * 2 : 256;
		block *nb = arena_alloc(bs->a, cap * sizeof *nb);
		if (bs->n)
			memcpy(nb, bs->b, bs->n * sizeof *nb);
		bs->b = nb;
		bs->cap = cap;
	}
	block *b = &bs->b[bs->n++];
	memset(b, 0, sizeof *b);
	b->node = b->first = b->last = -1;
	b->table = b->row = b->cell = -1;
	return b;
}

void segment_features(block *b)
{
	text_count(b->text, b->len, &b->tc);
	b->latin = text_latin_len(&b->tc);
	if (b->link_chars > b->tc.chars)
		b->link_chars = b->tc.chars;
	b->link_density = b->tc.chars ? (float)b->link_chars / (float)b->tc.chars : 0;
	/* The last character, closing quotes and brackets aside: "He left." ends a sentence. */
	uint32_t last = 0;
	for (const char *p = b->text, *end = b->text + b->len; p < end;) {
		uint32_t c = text_next(&p, end);
		if (!text_is_space(c) && c != '"' && c != '\'' && c != ')' && c != 0x201D &&
		    c != 0x2019 && c != 0x300D && c != 0x300F && c != 0xFF09)
			last = c;
	}
	b->sentence_end = text_is_stop(last);
	size_t dlen;
	b->has_date = date_find(b->text, b->len, &dlen) != NULL;
}

bool segment_prose(const block *b)
{
	if (b->link_density >= PROSE_MAX_LINKS || b->kind == BLOCK_HEADING)
		return false;
	uint32_t lines = 1;
	for (const char *p = b->text, *end = b->text + b->len; (p = memchr(p, '\n', (size_t)(end - p)));
	     p++)
		lines++;
	if (lines >= 3 && b->latin < PROSE_MIN_LINE * lines)
		return false;
	uint32_t marks = b->tc.commas + b->tc.stops;
	return (b->latin >= PROSE_MIN && b->sentence_end && marks >= 2) ||
	       (b->latin >= PROSE_MIN_UNENDED && marks >= 3);
}

/* Characters between which a line break is no space: CJK text is written without spaces, and
 * CSS Text 3 drops a segment break between two such characters. */
static bool cjk(uint32_t c)
{
	return text_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

bool segment_put(segment_run *r, const char *s, size_t n, bool pre, size_t *first)
{
	const char *end = s + n;
	bool wrote = false;
	while (s < end) {
		const char *c0 = s;
		uint32_t c = text_next(&s, end);
		if (!pre && text_is_space(c) && c != 0xA0 && c != 0x3000) {
			r->space = true;
			if (c == '\n')
				r->newline = true;
			continue;
		}
		if (pre && c == '\r')
			continue;
		if (r->space && r->out->len > r->start && r->lastc != '\n' &&
		    !(r->newline && cjk(r->lastc) && cjk(c)))
			buf_addc(r->out, ' ');
		r->space = r->newline = false;
		if (!wrote && first)
			*first = r->out->len;
		if (c == 0xFFFD && s - c0 != 3)
			buf_add(r->out, "\xEF\xBF\xBD", 3);
		else
			buf_add(r->out, c0, (size_t)(s - c0));
		r->lastc = c;
		wrote = true;
	}
	return wrote;
}

void segment_break(segment_run *r)
{
	if (r->out->len > r->start) {
		buf_addc(r->out, '\n');
		r->lastc = '\n';
		r->space = false;
	}
}

/* The block being built while walking the DOM. */
struct pending {
	buf text;
	segment_run run;         /* how text goes into it */
	int32_t first, last;
	uint32_t link_chars, links;
	int brs;                 /* <br>s since the last text */
	bool hidden;
};

static void add_text(struct pending *p, const dom_node *n, int32_t idx, bool pre)
{
	if (!segment_put(&p->run, n->text, n->len, pre, NULL))
		return;
	if (p->first < 0)
		p->first = idx;
	p->last = idx;
	p->brs = 0;
	if (n->flags & DOM_IN_LINK)
		p->link_chars += n->chars ? n->chars : 0;
	if (!(n->flags & DOM_HIDDEN))
		p->hidden = false;
}

static enum block_kind kind_of(const dom *d, int32_t owner, uint8_t *level, bool in_quote)
{
	*level = 0;
	if (owner < 0)
		return BLOCK_TEXT;
	switch (d->node[owner].tag) {
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		*level = (uint8_t)(d->node[owner].tag - GUMBO_TAG_H1 + 1);
		return BLOCK_HEADING;
	case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
		return BLOCK_ITEM;
	case GUMBO_TAG_PRE:
		return BLOCK_PRE;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH:
		return BLOCK_CELL;
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
		return BLOCK_CAPTION;
	default:
		return in_quote ? BLOCK_QUOTE : BLOCK_TEXT;
	}
}

static void flush(struct blocks *bs, struct pending *p, const dom *d, int32_t owner, bool in_quote)
{
	/* Drop trailing line breaks. */
	while (p->text.len && (p->text.data[p->text.len - 1] == '\n' || p->text.data[p->text.len - 1] == ' '))
		p->text.len--;
	if (p->text.len) {
		block *b = push(bs);
		b->node = owner;
		b->first = p->first;
		b->last = p->last;
		b->text = arena_strndup(bs->a, p->text.data, p->text.len);
		b->len = (uint32_t)p->text.len;
		b->kind = (uint8_t)kind_of(d, owner, &b->level, in_quote);
		b->hidden = p->hidden;
		b->link_chars = p->link_chars;
		b->links = p->links;
		segment_features(b);
	}
	buf_reset(&p->text);
	p->first = p->last = -1;
	p->link_chars = p->links = 0;
	p->brs = 0;
	p->run = (segment_run){ .out = &p->text };
	p->hidden = true;
}

static uint16_t inside_bit(const dom_node *n)
{
	const char *role = dom_attr_get(n, "role");
	switch (n->tag) {
	case GUMBO_TAG_ARTICLE: return IN_ARTICLE;
	case GUMBO_TAG_MAIN: return IN_MAIN;
	case GUMBO_TAG_NAV: return IN_NAV;
	case GUMBO_TAG_ASIDE: return IN_ASIDE;
	case GUMBO_TAG_FOOTER: return IN_FOOTER;
	case GUMBO_TAG_HEADER: return IN_HEADER;
	case GUMBO_TAG_FORM: return IN_FORM;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: return IN_LIST;
	case GUMBO_TAG_TABLE: return IN_TABLE;
	default: break;
	}
	if (!role)
		return 0;
	if (strcmp(role, "main") == 0)
		return IN_MAIN;
	if (strcmp(role, "navigation") == 0 || strcmp(role, "menu") == 0)
		return IN_NAV;
	if (strcmp(role, "complementary") == 0)
		return IN_ASIDE;
	if (strcmp(role, "contentinfo") == 0)
		return IN_FOOTER;
	if (strcmp(role, "banner") == 0)
		return IN_HEADER;
	return 0;
}

/* Where each block sits: its semantic ancestors, its depth, its group of like siblings. */
static void structure(arena *a, const dom *d, block *b, size_t n)
{
	uint32_t *run = dom_sibling_runs(a, d);
	for (size_t i = 0; i < n; i++) {
		block *x = &b[i];
		x->group = 1;
		if (x->node < 0)
			continue;
		x->depth = d->node[x->node].depth;
		int level = 0;
		for (int32_t k = x->node; k >= 0; k = d->node[k].parent, level++) {
			x->inside |= inside_bit(&d->node[k]);
			/* the nearest repeated element within a few levels: a list item, a card */
			if (x->group == 1 && level < 6 && run[k] >= 2)
				x->group = run[k];
		}
		/* one link holding all of the text: a headline in a list, a menu entry */
		if (x->first >= 0 && x->link_chars == x->tc.chars && x->links == 1)
			x->inside |= IN_LINK;
	}
}

void segment_html(arena *a, const dom *d, block **out, size_t *nout)
{
	struct blocks bs = { a, NULL, 0, 0 };
	struct pending p = { .first = -1, .last = -1, .hidden = true };
	buf_init(&p.text, 0);
	p.run = (segment_run){ .out = &p.text };

	/* Walk in document order with a stack of open elements; an element is left when the next
	 * node is no longer inside it (its `end`).  owner = innermost open block element. */
	int32_t *stack = xmalloc(((size_t)d->n + 1) * sizeof *stack);
	int32_t sn = 0, owner_depth = 0, quote_depth = 0, pre_depth = 0;
	int32_t *owners = xmalloc(((size_t)d->n + 1) * sizeof *owners);
	owners[0] = -1;
	bool cur_hidden = false;

	for (int32_t i = 0; i <= d->n; i++) {
		/* Close the elements that end before node i. */
		while (sn && (i == d->n || i >= d->node[stack[sn - 1]].end)) {
			const dom_node *c = &d->node[stack[--sn]];
			if (dom_is_block(c->tag) && !(c->flags & DOM_SKIP)) {
				flush(&bs, &p, d, owners[owner_depth], quote_depth > 0);
				owner_depth--;
			}
			if (c->tag == GUMBO_TAG_BLOCKQUOTE)
				quote_depth--;
			if (c->tag == GUMBO_TAG_PRE)
				pre_depth--;
		}
		if (i == d->n)
			break;
		const dom_node *n = &d->node[i];
		if (n->flags & DOM_SKIP) {
			/* Skipped subtrees contribute nothing; jump over them. */
			if (n->tag != DOM_TEXT) {
				i = n->end - 1;
			}
			continue;
		}
		bool h = (n->flags & DOM_HIDDEN) != 0;
		if (n->tag == DOM_TEXT) {
			if (h != cur_hidden && p.text.len)
				flush(&bs, &p, d, owners[owner_depth], quote_depth > 0);
			cur_hidden = h;
			add_text(&p, n, i, pre_depth > 0);
			continue;
		}
		if (n->tag == GUMBO_TAG_BR) {
			/* jusText splits at two <br> in a row: many Chinese pages write paragraphs as
			 * text separated by <br><br> inside one container. */
			if (++p.brs >= 2 && p.text.len)
				flush(&bs, &p, d, owners[owner_depth], quote_depth > 0);
			else
				segment_break(&p.run);
		}
		if (n->tag == GUMBO_TAG_A && (n->flags & DOM_IN_LINK) && n->chars)
			p.links++;
		if (n->end > i + 1) {
			stack[sn++] = i;
			if (dom_is_block(n->tag)) {
				flush(&bs, &p, d, owners[owner_depth], quote_depth > 0);
				owners[++owner_depth] = i;
			}
			if (n->tag == GUMBO_TAG_BLOCKQUOTE)
				quote_depth++;
			if (n->tag == GUMBO_TAG_PRE)
				pre_depth++;
		} else if (dom_is_block(n->tag)) {
			/* An empty block element (<hr>, <p></p>) still separates text. */
			flush(&bs, &p, d, owners[owner_depth], quote_depth > 0);
		}
	}
	flush(&bs, &p, d, -1, false);
	free(stack);
	free(owners);
	buf_free(&p.text);
	structure(a, d, bs.b, bs.n);
	*out = bs.b;
	*nout = bs.n;
}

/* A line that starts with a bullet, as text dumps render list items. */
static bool bulleted(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	const char *q = s;
	uint32_t c = q < end ? text_next(&q, end) : 0;
	return c == 0x2022 || c == 0x25CF || c == 0x00B7 || c == 0x25AA || c == 0x2023 ||
	       ((c == '*' || c == '-' || c == '+') && q < end && *q == ' ');
}

/* Hard-wrapped text (lynx -dump, fmt): most long lines end near the same column. */
static bool hard_wrapped(const char *text, size_t len)
{
	size_t lines = 0, near = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t cols = 0;
		for (const char *q = p; q < e;) {
			uint32_t c = text_next(&q, e);
			cols += text_is_han(c) || cjk(c) ? 2 : 1;
		}
		if (cols > 20) {
			lines++;
			if (cols >= 60 && cols <= 80)
				near++;
		}
		p = nl ? nl + 1 : end;
	}
	return lines >= 5 && near * 10 >= lines * 6;
}

void segment_text(arena *a, const char *text, size_t len, block **out, size_t *nout)
{
	struct blocks bs = { a, NULL, 0, 0 };
	bool wrapped = hard_wrapped(text, len);
	buf para;
	buf_init(&para, 0);
	bool item = false;
	for (const char *p = text, *end = text + len;;) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *e = nl ? nl : end;
		const char *s = p, *t = e;
		while (s < t && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		bool blank = s == t;
		bool bullet = !blank && bulleted(s, t);
		/* A paragraph ends at a blank line, at the end, and before a bulleted line. */
		if ((blank || p >= end || bullet) && para.len) {
			block *b = push(&bs);
			b->text = arena_strndup(a, para.data, para.len);
			b->len = (uint32_t)para.len;
			b->kind = item ? BLOCK_ITEM : BLOCK_TEXT;
			segment_features(b);
			buf_reset(&para);
		}
		if (p >= end)
			break;
		if (!blank) {
			if (para.len == 0) {
				item = bullet;
				if (bullet) {   /* the bullet itself is not text */
					text_next(&s, t);
					while (s < t && (*s == ' ' || *s == '\t'))
						s++;
				}
			} else {
				const char *lp = para.data + para.len - 1;
				while (lp > para.data && (*lp & 0xC0) == 0x80)
					lp--;
				const char *q = s;
				uint32_t prev = text_next(&lp, para.data + para.len), next = text_next(&q, t);
				if (!wrapped)
					buf_addc(&para, '\n');
				else if (!(cjk(prev) && cjk(next)))
					buf_addc(&para, ' ');
			}
			buf_add(&para, s, (size_t)(t - s));
		}
		p = nl ? nl + 1 : end;
	}
	buf_free(&para);
	*out = bs.b;
	*nout = bs.n;
}
