/* dom.c — gumbo's tree copied into our node table in one iterative walk, then counted. */
#include "dom.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "text.h"

static void *gumbo_arena_alloc(void *ud, size_t size)
{
	return arena_alloc(ud, size);
}

static void gumbo_arena_free(void *ud, void *p)
{
	/* gumbo never reallocs; what it frees stays in the arena until the parse is over. */
	(void)ud;
	(void)p;
}

bool dom_alike(const dom_node *x, const dom_node *y)
{
	return x->tag == y->tag && x->tag != DOM_TEXT && strcmp(x->cls, y->cls) == 0 &&
	       (x->tag != GUMBO_TAG_UNKNOWN || strcmp(x->name, y->name) == 0);
}

/* One pass over every child list. */
uint32_t *dom_sibling_runs(arena *a, const dom *d)
{
	uint32_t *run = arena_zalloc(a, ((size_t)d->n + 1) * sizeof *run);
	for (int32_t p = 0; p < d->n; p++) {
		if (d->node[p].tag == DOM_TEXT)
			continue;
		int32_t start = -1;
		uint32_t len = 0;
		for (int32_t k = p + 1;; k = d->node[k].next) {
			bool stop = k < 0 || k >= d->node[p].end;
			if (!stop && d->node[k].tag == DOM_TEXT)
				continue;
			if (stop || start < 0 || !dom_alike(&d->node[start], &d->node[k])) {
				for (int32_t j = start; j >= 0 && j != k; j = d->node[j].next)
					if (d->node[j].tag != DOM_TEXT)
						run[j] = len;
				if (stop)
					break;
				start = k;
				len = 0;
			}
			len++;
		}
	}
	return run;
}

bool dom_is_block(uint16_t tag)
{
	switch (tag) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML:
	case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
	case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
	case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
	case GUMBO_TAG_UL: case GUMBO_TAG_OPTION: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_LEGEND: case GUMBO_TAG_NOSCRIPT:
		return true;
	default:
		return false;
	}
}

const char *dom_attr_get(const dom_node *n, const char *name)
{
	for (unsigned i = 0; i < n->nattr; i++)
		if (strcmp(n->attr[i].name, name) == 0)
			return n->attr[i].value;
	return NULL;
}

bool dom_cell(const dom *d, int32_t i, int32_t *cell, int32_t *row, int32_t *table)
{
	int32_t c = i;
	while (c >= 0 && d->node[c].tag != GUMBO_TAG_TD && d->node[c].tag != GUMBO_TAG_TH)
		c = d->node[c].parent;
	if (c < 0)
		return false;
	int32_t r = d->node[c].parent;
	while (r >= 0 && d->node[r].tag != GUMBO_TAG_TR)
		r = d->node[r].parent;
	int32_t t = r;
	while (t >= 0 && d->node[t].tag != GUMBO_TAG_TABLE)
		t = d->node[t].parent;
	if (t < 0)
		return false;
	*cell = c;
	*row = r;
	*table = t;
	return true;
}

const char *dom_describe(arena *a, const dom *d, int32_t i)
{
	if (i < 0 || i >= d->n)
		return "(none)";
	const dom_node *n = &d->node[i];
	if (n->tag == DOM_TEXT)
		return "#text";
	buf b;
	buf_init(&b, 256);
	buf_adds(&b, n->name);
	if (*n->id)
		buf_printf(&b, "#%s", n->id);
	for (const char *p = n->cls; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *s = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (p > s)
			buf_printf(&b, ".%.*s", (int)(p - s), s);
	}
	const char *r = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* Text that is not shown: scripts (JSON-LD is kept for attribution, but flagged), styles,
 * templates and the like. */
static bool skipped_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
	case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP:
		return true;
	default:
		return false;
	}
}

/* A page saved from a browser that ran its scripts holds each <noscript>'s markup as escaped
 * text ("&lt;div class=…"): markup for browsers without scripts, never words to read. */
static bool escaped_noscript(const GumboElement *el)
{
	if (el->tag != GUMBO_TAG_NOSCRIPT)
		return false;
	for (unsigned i = 0; i < el->children.length; i++) {
		const GumboNode *c = el->children.data[i];
		if (c->type == GUMBO_NODE_WHITESPACE)
			continue;
		if (c->type != GUMBO_NODE_TEXT)
			return false;
		const char *t = c->v.text.text;
		t += strspn(t, " \t\r\n");
		return t[0] == '<' && (isalpha((unsigned char)t[1]) || t[1] == '!');
	}
	return false;
}

/* Hidden the way a reader view sees it: the hidden attribute, an inline style that hides,
 * aria-hidden="true", or a hidden form field. */
static bool hidden(const dom_node *n)
{
	/* React's streaming renderer sends late parts of the page inside <div hidden id="S:0">
	 * and moves them into place with a script: that text is shown. */
	if (dom_attr_get(n, "hidden") &&
	    !(n->id[0] == 'S' && n->id[1] == ':' && n->id[2] >= '0' && n->id[2] <= '9'))
		return true;
	const char *v = dom_attr_get(n, "aria-hidden");
	if (v && strcasecmp(v, "true") == 0)
		return true;
	v = dom_attr_get(n, "type");
	if (v && n->tag == GUMBO_TAG_INPUT && strcasecmp(v, "hidden") == 0)
		return true;
	const char *style = dom_attr_get(n, "style");
	if (style) {
		/* Compare with the blanks removed: "display : none" hides as well. */
		char tight[256];
		size_t k = 0;
		for (const char *p = style; *p && k < sizeof tight - 1; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				tight[k++] = *p;
		tight[k] = '\0';
		if (text_find_ci(tight, k, "display:none") || text_find_ci(tight, k, "visibility:hidden"))
			return true;
	}
	return false;
}

static const char *element_name(arena *a, const GumboElement *el)
{
	if (el->tag != GUMBO_TAG_UNKNOWN)
		return gumbo_normalized_tagname(el->tag);
	GumboStringPiece s = el->original_tag;
	gumbo_tag_from_original_text(&s);   /* strips the < > and attributes */
	char *name = arena_strndup(a, s.data ? s.data : "", s.data ? s.length : 0);
	for (char *p = name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return name;
}

/* Collapses runs of white space to one space and trims, for the title. */
static const char *collapse(arena *a, const char *s, size_t n)
{
	char *o = arena_alloc(a, n + 1);
	text_collapse(o, s, n);
	return o;
}

struct frame {
	const GumboNode *g;
	unsigned child;
	int32_t idx;
};

static int32_t add_node(dom *d, int32_t *cap, arena *a)
{
	if (d->n == *cap) {
		int32_t ncap = *cap ? *cap * 2 : 1024;
		dom_node *nn = arena_alloc(a, (size_t)ncap * sizeof *nn);
		if (d->n)
			memcpy(nn, d->node, (size_t)d->n * sizeof *nn);
		d->node = nn;
		*cap = ncap;
	}
	dom_node *n = &d->node[d->n];
	memset(n, 0, sizeof *n);
	n->parent = n->next = -1;
	n->id = n->cls = "";
	return d->n++;
}

static void count_text(dom_node *n)
{
	text_counts c;
	text_count(n->text, n->len, &c);
	n->chars = c.chars;
	n->han = c.han;
	n->punct = c.punct;
	n->commas = c.commas;
	if (n->flags & DOM_IN_LINK)
		n->link_chars = c.chars;
}

int dom_parse(arena *a, const char *html, size_t len, dom *d, err *e)
{
	/* gumbo's own tree goes to a scratch arena that dies as soon as it is copied. */
	arena *scratch = arena_new();
	GumboOptions opt = kGumboDefaultOptions;
	opt.allocator = gumbo_arena_alloc;
	opt.deallocator = gumbo_arena_free;
	opt.userdata = scratch;
	opt.max_errors = 0;
	GumboOutput *out = gumbo_parse_with_options(&opt, html, len);
	if (!out || !out->document) {
		arena_free(scratch);
		return err_set(e, ERR_SOFTWARE, "the HTML parser returned no tree");
	}

	memset(d, 0, sizeof *d);
	d->html = d->head = d->body = -1;
	int32_t cap = 0;

	/* An explicit stack instead of recursion: 100 000 nested elements must not reach the C
	 * stack.  The screen pass bounds the depth gumbo builds, but the walk does not rely on it. */
	size_t scap = 64, sn = 0;
	struct frame *stack = xmalloc(scap * sizeof *stack);
	int32_t *last_child = NULL;   /* per node: its last child so far, to link siblings */
	int32_t lc_cap = 0;

	stack[sn++] = (struct frame){ out->document, 0, -1 };
	while (sn) {
		struct frame *f = &stack[sn - 1];
		const GumboVector *kids = f->g->type == GUMBO_NODE_DOCUMENT ?
					  &f->g->v.document.children : &f->g->v.element.children;
		if (f->child >= kids->length) {
			if (f->idx >= 0)
				d->node[f->idx].end = d->n;
			sn--;
			continue;
		}
		const GumboNode *g = kids->data[f->child++];
		int32_t parent = f->idx;
		const dom_node *pn = parent >= 0 ? &d->node[parent] : NULL;
		uint8_t inherit = pn ? (uint8_t)(pn->flags & (DOM_HIDDEN | DOM_IN_LINK | DOM_SKIP | DOM_IN_HEAD)) : 0;
		int32_t idx;

		if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
		    g->type == GUMBO_NODE_CDATA) {
			idx = add_node(d, &cap, a);
			dom_node *n = &d->node[idx];
			n->tag = DOM_TEXT;
			n->flags = inherit;
			n->len = (uint32_t)strlen(g->v.text.text);
			n->text = arena_strndup(a, g->v.text.text, n->len);
			n->end = idx + 1;
			if (!(n->flags & DOM_SKIP))
				count_text(n);
		} else if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
			const GumboElement *el = &g->v.element;
			idx = add_node(d, &cap, a);
			dom_node *n = &d->node[idx];
			n->tag = (uint16_t)el->tag;
			n->name = element_name(a, el);
			n->nattr = (uint16_t)(el->attributes.length > 0xFFFF ? 0xFFFF : el->attributes.length);
			n->attr = arena_alloc(a, (n->nattr ? n->nattr : 1) * sizeof *n->attr);
			for (unsigned i = 0; i < n->nattr; i++) {
				const GumboAttribute *at = el->attributes.data[i];
				n->attr[i].name = arena_strdup(a, at->name);
				n->attr[i].value = arena_strdup(a, at->value);
				if (strcmp(at->name, "id") == 0)
					n->id = n->attr[i].value;
				else if (strcmp(at->name, "class") == 0)
					n->cls = n->attr[i].value;
			}
			n->flags = inherit;
			if (g->type == GUMBO_NODE_TEMPLATE || skipped_tag(el->tag) ||
			    escaped_noscript(el))
				n->flags |= DOM_SKIP;
			if (el->tag == GUMBO_TAG_HEAD)
				n->flags |= DOM_IN_HEAD;
			if (el->tag == GUMBO_TAG_A && dom_attr_get(n, "href"))
				n->flags |= DOM_IN_LINK;
			if (hidden(n))
				n->flags |= DOM_HIDDEN;
			n->tags = 1;
			n->link_tags = el->tag == GUMBO_TAG_A;
			if (el->tag == GUMBO_TAG_HTML && d->html < 0)
				d->html = idx;
			else if (el->tag == GUMBO_TAG_HEAD && d->head < 0)
				d->head = idx;
			else if (el->tag == GUMBO_TAG_BODY && d->body < 0)
				d->body = idx;
			if (el->tag == GUMBO_TAG_HTML && !d->lang) {
				const char *l = dom_attr_get(n, "lang");
				if (!l)
					l = dom_attr_get(n, "xml:lang");
				if (l && *l)
					d->lang = l;
			}
			if (el->tag == GUMBO_TAG_TITLE && el->tag_namespace == GUMBO_NAMESPACE_HTML &&
			    !d->title && el->children.length) {
				const GumboNode *t = el->children.data[0];
				if (t->type == GUMBO_NODE_TEXT)
					d->title = collapse(a, t->v.text.text, strlen(t->v.text.text));
			}
		} else {
			continue;   /* comments and the document node itself */
		}

		dom_node *n = &d->node[idx];
		n->parent = parent;
		n->depth = pn ? (uint16_t)(pn->depth < 0xFFFF ? pn->depth + 1 : 0xFFFF) : 0;
		if (idx >= lc_cap) {
			int32_t ncap = lc_cap ? lc_cap * 2 : 1024;
			while (ncap <= idx)
				ncap *= 2;
			last_child = xrealloc(last_child, (size_t)ncap * sizeof *last_child);
			lc_cap = ncap;
		}
		last_child[idx] = -1;
		if (parent >= 0) {
			if (last_child[parent] >= 0)
				d->node[last_child[parent]].next = idx;
			last_child[parent] = idx;
		}
		if (n->tag != DOM_TEXT) {
			if (sn == scap) {
				scap *= 2;
				stack = xrealloc(stack, scap * sizeof *stack);
			}
			stack[sn++] = (struct frame){ g, 0, idx };
		}
	}
	free(stack);
	free(last_child);
	arena_free(scratch);

	/* A page whose text is nearly all hidden is revealed by its scripts (a sprite <div hidden>
	 * left open over the whole page, a body hidden until a framework starts): a reader sees
	 * it, so winnow does too.  Measured on the corpora: such pages hide over 80 % of their
	 * text; pages that hide menus or SEO text hide far less. */
	uint64_t shown = 0, hid = 0;
	for (int32_t i = 0; i < d->n; i++) {
		const dom_node *n = &d->node[i];
		if (n->tag == DOM_TEXT && !(n->flags & DOM_SKIP))
			*(n->flags & DOM_HIDDEN ? &hid : &shown) += n->chars;
	}
	if (hid > 1000 && hid > 4 * shown) {
		d->hidden_shown = true;
		for (int32_t i = 0; i < d->n; i++)
			d->node[i].flags &= (uint8_t)~DOM_HIDDEN;
	}
	for (int32_t i = 0; i < d->n; i++) {
		dom_node *n = &d->node[i];
		if (n->tag == DOM_TEXT && (n->flags & DOM_HIDDEN))
			n->chars = n->han = n->punct = n->commas = n->link_chars = 0;
	}
	/* Children come after their parent, so one backward sweep sums every subtree. */
	for (int32_t i = d->n - 1; i > 0; i--) {
		dom_node *n = &d->node[i];
		if (n->parent < 0 || (n->flags & (DOM_SKIP | DOM_HIDDEN)))
			continue;
		dom_node *p = &d->node[n->parent];
		p->chars += n->chars;
		p->han += n->han;
		p->punct += n->punct;
		p->commas += n->commas;
		p->link_chars += n->link_chars;
		p->tags += n->tags;
		p->link_tags += n->link_tags;
	}
	return 0;
}
