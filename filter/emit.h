/* emit.h — the writers: a cleaned document into text, Markdown, JSON, HTML or an explanation. */
#ifndef WINNOW_EMIT_H
#define WINNOW_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct block;
struct buf;
struct doc;
struct span;
struct _GMimeObject;

enum emit_format {
	EMIT_TEXT,
	EMIT_MARKDOWN,
	EMIT_JSON,
	EMIT_HTML,
	EMIT_MAIL,
	EMIT_JSONL,   /* JSON, one compact object on one line */
	EMIT_COUNT
};

/* What the user asked of the writers beyond the format. */
typedef struct emit_opts {
	bool no_links;    /* text: no numbered references to the links */
	bool body_only;   /* text: the title and the paragraphs only, as make eval scores them */
	bool json_html;   /* json: the clean article HTML too */
} emit_opts;

/* Each writer appends to out and returns -1 only when out passes its maximum; eo may be NULL
 * for the defaults. */
/* The title, the byline, the address, a blank line, the body; links as numbered references
 * at the end, as lynx -dump writes them. */
int emit_text(const struct doc *d, const emit_opts *eo, struct buf *out);
int emit_markdown(const struct doc *d, const emit_opts *eo, struct buf *out);   /* CommonMark */
/* One object, stable key order; compact on one line for JSON Lines. */
int emit_json(const struct doc *d, const emit_opts *eo, bool compact, struct buf *out);
int emit_html(const struct doc *d, struct buf *out);      /* a clean, self-contained page */
int emit_mail(const struct doc *d, struct buf *out);      /* an RFC 5322 message */
void emit_mail_init(void);   /* GMime's start, done before a sandbox forbids what it needs */
/* The body alone as an HTML fragment (no title): the full text a feed item carries. */
int emit_html_body(const struct doc *d, struct buf *out);
int emit_explain(const struct doc *d, struct buf *out);   /* every block, label and reason */
/* One line per block: index, label, the content model's features, the text; a header first. */
int emit_explain_tsv(const struct doc *d, struct buf *out);
/* One self-contained HTML page: the attribution with its sources, then every block in order,
 * tinted by its label, with the rule and the numbers that decided it. */
int emit_explain_html(const struct doc *d, struct buf *out);

/* s[0..n) with & < > " escaped for HTML; newlines become <br> when br. */
int emit_html_escape(struct buf *out, const char *s, size_t n, bool br);

int emit(enum emit_format f, const struct doc *d, const emit_opts *eo, struct buf *out);
const char *emit_format_name(enum emit_format f);   /* "text", "markdown", ... */
const char *emit_format_ext(enum emit_format f);    /* "txt", "md", "json", "html", "eml" */
int emit_format_parse(const char *name);            /* -1 when unknown */

/* The article's body as plain text, paragraphs separated by blank lines (no title). */
int emit_body_text(const struct doc *d, struct buf *out);

/* For the writers: a block's text and spans as a stream of events, in order. */
typedef struct emit_inline_ops {
	int (*text)(void *ctx, const char *s, size_t n);
	int (*open)(void *ctx, const struct span *s);
	int (*close)(void *ctx, const struct span *s);
	int (*image)(void *ctx, const struct span *s);
} emit_inline_ops;
enum { EMIT_SPAN_DEPTH = 32 };   /* spans nested deeper come as their text */
int emit_walk(const struct block *b, const emit_inline_ops *ops, void *ctx);

/* A table of the article: the body blocks first..end-1, cells of one <table> (non-body blocks
 * among them skipped), rows x cols at most. */
typedef struct emit_table_t {
	size_t first, end, rows, cols;
	bool header;   /* its first cell is a <th> */
} emit_table_t;
void emit_table(const struct doc *d, size_t i, emit_table_t *t);
/* Steps to body block k of a table: whether it starts a new cell (*new_row: a new row);
 * *row and *cell start at -2. */
bool emit_table_step(const struct doc *d, size_t k, int32_t *row, int32_t *cell, bool *new_row);

/* The byline's parts, what is known of author(s), source and date, in that order; returns
 * how many (at most max). */
int emit_byline_parts(const struct doc *d, const char **part, size_t max);
const char *emit_page_url(const struct doc *d);   /* canonical, else the page's address */

/* The article as a reader sees it in a mail: the title, the byline, a blank line, the body. */
int emit_article(const struct doc *d, struct buf *out);

/* The attribution under the title: a line "author · source · date" (what is known) and a
 * line with the page's address; nothing when nothing is known. */
int emit_byline(const struct doc *d, struct buf *out);

/* The mail message of an article: revision 0 is its first version; a later revision (a
 * changed article delivered again) gets its own Message-ID and refers to the first. */
int emit_mail_revision(const struct doc *d, unsigned revision, struct buf *out);

/* A text/plain part (GMime's; the caller holds the one reference) of UTF-8 text[0..n), in
 * quoted-printable. */
struct _GMimeObject *emit_mail_text_part(const char *text, size_t n);

/* The Message-ID of an article's revision, without angle brackets: a hash of its canonical
 * URL, so the same article is always the same message. */
void emit_mail_id(const struct doc *d, unsigned revision, struct buf *out);

#endif
