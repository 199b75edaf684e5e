/* segment.h — the page cut into blocks of text, each with the features the classifier reads. */
#ifndef WINNOW_SEGMENT_H
#define WINNOW_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

struct arena;
struct buf;
struct dom;

enum block_kind {
	BLOCK_TEXT,      /* a paragraph, or text directly in a container */
	BLOCK_HEADING,   /* h1-h6; level says which */
	BLOCK_ITEM,      /* li, dt, dd, or a bulleted line of a text page */
	BLOCK_QUOTE,     /* inside a blockquote */
	BLOCK_PRE,       /* preformatted: white space kept */
	BLOCK_CELL,      /* td, th */
	BLOCK_CAPTION,   /* figcaption, caption */
};

/* What a block is, as the classifier decides it.  Only BODY blocks are the article's text; the
 * title and attribution lines (责任编辑：…, 来源：…, a dateline header) feed the attribution
 * fields instead; the rest say why a block was dropped.  A byline inside the article's flow
 * ("By Xu Zheqi, …" heading a translated original) stays body. */
enum label {
	LABEL_NONE,          /* undecided */
	LABEL_BODY,
	LABEL_TITLE,
	LABEL_ATTRIBUTION,
	LABEL_SPAM,
	LABEL_TRENDING,
	LABEL_NAV,
	LABEL_FOOTER,
	LABEL_DISCLAIMER,
	LABEL_COMMENT,
	LABEL_AD,
	LABEL_HIDDEN,
	LABEL_BOILERPLATE,   /* outside the article, no more specific reason */
	LABEL_COUNT
};

/* Elements a block sits inside, as bits of block.inside. */
enum block_inside {
	IN_ARTICLE = 1 << 0,   /* <article> */
	IN_MAIN = 1 << 1,      /* <main> or role=main */
	IN_NAV = 1 << 2,       /* <nav> or role=navigation */
	IN_ASIDE = 1 << 3,     /* <aside> or role=complementary */
	IN_FOOTER = 1 << 4,    /* <footer> or role=contentinfo */
	IN_HEADER = 1 << 5,    /* <header> or role=banner */
	IN_FORM = 1 << 6,
	IN_LIST = 1 << 7,      /* <ul>, <ol>, <dl> */
	IN_TABLE = 1 << 8,
	IN_LINK = 1 << 9,      /* all of its text is one link */
};

/* Inline structure of a kept block (inline.c fills it in after the classifier has decided):
 * byte ranges of the block's text, nested as the page nested them, sorted by start (the
 * outer one first). */
enum span_kind {
	SPAN_LINK,     /* url: where it goes, absolute http, https or mailto; NULL for others */
	SPAN_EM,
	SPAN_STRONG,
	SPAN_CODE,
	SPAN_IMAGE,    /* start == end: an image in the text; url its source, alt its text */
};

typedef struct span {
	uint32_t start, end;
	uint8_t kind;
	const char *url, *alt;
} span;

enum block_list { LIST_NONE, LIST_BULLET, LIST_ORDERED };

typedef struct block {
	int32_t node;          /* innermost block-level element holding the text; -1 for text pages */
	int32_t first, last;   /* first and last DOM node of the text; -1 for text pages */
	char *text;            /* white space collapsed; "\n" for <br> and kept line breaks */
	uint32_t len;
	uint8_t kind, level;   /* enum block_kind; heading level 1-6 */
	bool hidden;           /* all of its text is hidden */
	/* features */
	text_counts tc;
	uint32_t latin;        /* text_latin_len */
	uint32_t link_chars;   /* non-space characters inside links */
	uint32_t links;        /* <a href> elements starting in the block */
	float link_density;    /* link_chars / chars */
	bool sentence_end;     /* ends with sentence-final punctuation */
	bool has_date;         /* holds a date or time stamp (date_find) */
	uint16_t inside;       /* enum block_inside bits */
	uint16_t depth;        /* DOM depth of its element */
	uint32_t group;        /* size of the run of like siblings (same tag and class) around the
				  nearest list item or repeated element holding it; 1 when alone */
	/* the decision */
	uint8_t label;         /* enum label */
	float score;           /* the number that decided it, in the plugin's own units */
	const char *rule;      /* the rule that decided it, static text */
	/* the inline structure, for kept blocks (inline.c) */
	span *spans;
	uint32_t nspans;
	uint8_t list;          /* enum block_list, for BLOCK_ITEM */
	uint8_t list_depth;    /* lists around it, 1 for a top-level item */
	uint32_t list_number;  /* its number in an ordered list */
	int32_t table, row, cell;   /* BLOCK_CELL: the <table>, <tr> and <td>/<th> nodes; -1 */
	bool header_cell;      /* a <th> */
} block;

/* Cuts the DOM into blocks at block-level boundaries and at two <br> in a row.  The array and
 * the texts are allocated from a. */
void segment_html(struct arena *a, const struct dom *d, block **out, size_t *n);

/* Cuts a page saved as text into blocks at blank lines.  Lines inside a paragraph are joined
 * with a space when the text is hard-wrapped, and kept as lines otherwise. */
void segment_text(struct arena *a, const char *text, size_t len, block **out, size_t *n);

/* How text goes into a block: each run of white space one space, none at the start, none
 * across a line break between two CJK characters (CSS Text 3), a <br> a newline; in <pre>
 * white space is kept.  out receives the text from its length at start on. */
typedef struct segment_run {
	struct buf *out;
	size_t start;            /* where the block's text begins in out */
	bool space, newline;     /* white space seen since the last character */
	uint32_t lastc;          /* the last character written */
} segment_run;

/* Appends text node s[0..n) as a block's text has it; whether any character was written, and
 * where the first one went (*first, when not NULL: after the space that fell before it). */
bool segment_put(segment_run *r, const char *s, size_t n, bool pre, size_t *first);
void segment_break(segment_run *r);   /* a <br> */

/* Recomputes the text features of b after its text changed (a repair). */
void segment_features(block *b);

/* Reads like an article's prose: long enough, written in sentences, few links, not a list of
 * short lines.  Lists of headlines, menus and widgets around an article never do. */
bool segment_prose(const block *b);

const char *segment_label_name(enum label l);
bool segment_label_kept(enum label l);   /* BODY, TITLE, ATTRIBUTION: not chaff */

#endif
