/* doc.h — one page on its way through the pipeline; everything in it lives in its arena. */
#ifndef WINNOW_DOC_H
#define WINNOW_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "attrib.h"
#include "decode.h"
#include "dom.h"
#include "segment.h"

struct arena;

/* An image of the article that stands between its blocks (a figure, a photo in its own <p>);
 * images inside a paragraph's text are spans of that block. */
typedef struct doc_image {
	const char *src;          /* absolute http(s) */
	const char *alt;          /* "" when the page gives none */
	size_t before;            /* the index of the kept block it stands before */
} doc_image;

typedef struct doc {
	struct arena *a;          /* owns every pointer below */
	const char *name;         /* the input as the user named it, for messages */
	const char *url;          /* where the page came from (--url, or after redirects), or NULL */
	const char *asked_url;    /* the URL the user gave, when the page was fetched, or NULL */
	long long seen;           /* when it was fetched or read (seconds since the epoch) */
	const char *title_hint;   /* what the container calls the page (a mail's Subject): the
				     <title> attribution reads, in place of the page's own */
	bool is_text;             /* a page saved as text: no DOM, blocks from paragraphs */
	decode_choice charset;
	const char *utf8;         /* the page as UTF-8 */
	size_t utf8_len;
	dom dom;                  /* empty (n = 0) for text pages */
	block *blocks;
	size_t nblocks;
	doc_image *images;        /* in document order (inline.c) */
	size_t nimages;
	meta meta;                /* attribution */
	bool title_spam;          /* the <title> is keyword spam (seo_spam): never the title */
	unsigned pinyin_glosses;  /* pinyin glosses the pinyin plugin removed: a mirror's mark */
	const char **notes;       /* what the user should hear about on stderr: cuts, fallbacks */
	size_t nnotes;
	const char **why;         /* how the classifier decided, for --explain */
	size_t nwhy;
	const float *features;    /* the content model's inputs: nfeatures per block, named by */
	size_t nfeatures;         /* feature_names; for --explain=tsv and the fitting script */
	const char *const *feature_names;
} doc;

/* A new empty document with its own arena; name and url are copied into it. */
doc *doc_new(const char *name, const char *url);
void doc_free(doc *d);   /* the arena, and with it everything the document holds */
void doc_note(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_why(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t doc_kept(const doc *d);   /* blocks labelled body */

#endif
