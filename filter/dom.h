/* dom.h — the page parsed by gumbo, copied once into a flat table of nodes with their counts. */
#ifndef WINNOW_DOM_H
#define WINNOW_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct err;

enum { DOM_TEXT = 0xFFFF };   /* tag of a text node; elements carry their GumboTag */

enum dom_flag {
	DOM_HIDDEN = 1 << 0,   /* hidden attribute, display:none, aria-hidden, or inside such */
	DOM_IN_LINK = 1 << 1,  /* inside an <a href> */
	DOM_SKIP = 1 << 2,     /* not visible text: script, style, template, noscript, svg ... */
	DOM_IN_HEAD = 1 << 3,
};

typedef struct dom_attr {
	const char *name, *value;
} dom_attr;

/* Nodes are stored in document order (pre-order), so a node's descendants are the nodes
 * after it up to the index `end`; parents come before their children.  All strings live in
 * the document's arena. */
typedef struct dom_node {
	int32_t parent, next;      /* -1 when none; next is the next sibling */
	int32_t end;               /* one past the last descendant */
	uint16_t tag;              /* GumboTag, or DOM_TEXT */
	uint16_t depth;
	uint16_t nattr;
	uint8_t flags;             /* enum dom_flag */
	const char *name;          /* element name, lower case ("div", "my-widget") */
	const char *text;          /* text nodes: the text as written, NUL-terminated */
	uint32_t len;              /* its length in bytes */
	const char *id, *cls;      /* the id and class attributes, "" when absent */
	dom_attr *attr;
	/* Totals over the subtree, visible text only (not DOM_SKIP or DOM_HIDDEN). */
	uint32_t chars, han, punct, commas;   /* as text_count() counts them */
	uint32_t link_chars;                  /* chars inside links */
	uint32_t tags, link_tags;             /* elements, and <a> elements, in the subtree */
} dom_node;

typedef struct dom {
	dom_node *node;
	int32_t n;
	int32_t html, head, body;  /* -1 when absent */
	const char *title;         /* the <title> text, whitespace collapsed, or NULL */
	const char *lang;          /* <html lang>, or NULL */
	bool hidden_shown;         /* nearly all text was hidden, so nothing is treated as hidden */
} dom;

/* Parses UTF-8 html with gumbo (max_errors = 0) and walks the tree once, without recursion,
 * into d.  Everything is allocated from a.  Fails only on internal errors. */
int dom_parse(struct arena *a, const char *html, size_t len, dom *d, struct err *e);

const char *dom_attr_get(const dom_node *n, const char *name);   /* NULL when absent */
bool dom_is_block(uint16_t tag);   /* a tag that starts a new block of text */
/* Two elements of the same kind: same tag (same name for unknown tags) and same class value.
 * Runs of alike siblings are list items, teaser cards, menu entries. */
bool dom_alike(const dom_node *x, const dom_node *y);
/* run[i]: the length of the run of consecutive alike element siblings that node i is in (text
 * between them ignored), 0 for text nodes and the root.  Allocated from a. */
uint32_t *dom_sibling_runs(struct arena *a, const dom *d);

/* The table cell (<td>/<th>) at or above node i, its row (<tr>) and its <table>: false when i
 * is in no table's cell. */
bool dom_cell(const dom *d, int32_t i, int32_t *cell, int32_t *row, int32_t *table);

/* "div#main.post.body" for node i, for --explain; allocated from a. */
const char *dom_describe(struct arena *a, const dom *d, int32_t i);

#endif
