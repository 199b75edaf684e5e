/* attrib.h — the article's attribution: title, author, source, date, addresses, language. */
#ifndef WINNOW_ATTRIB_H
#define WINNOW_ATTRIB_H

#include <stddef.h>

struct doc;
struct err;

enum meta_field {
	META_TITLE,
	META_AUTHOR,
	META_SOURCE,
	META_DATE,
	META_CANONICAL,
	META_LANG,
	META_ORIGINAL,
	META_DISCLAIMER,
	META_COUNT
};

/* Every string lives in the document's arena; NULL when unknown.  from[f] names where a field
 * came from ("json-ld headline", "og:title", "<h1>", "byline 作者"), for --explain. */
typedef struct meta {
	const char *title;
	const char **author;      /* n_author names */
	size_t n_author;
	const char *source;       /* publisher, site, or the account that posted it */
	const char *date;         /* ISO 8601; a time carries its offset (+08:00 for Chinese pages
				     that give none) */
	const char *url;          /* the address the page was read from (--url) */
	const char *canonical_url;   /* the page's own address; another host than url: a mirror */
	const char *lang;         /* BCP 47 tag */
	const char *original_url; /* the source of a repost or translation ("原文如下 … https://…") */
	const char *disclaimer;   /* a platform disclaimer that was dropped from the body */
	const char *from[META_COUNT];
} meta;

/* The word lists attribution reads (conf/jsonld-types.txt, byline-*.txt, original-url.txt,
 * disclaimer.txt, author-box.txt), loaded once per process. */
typedef struct attrib attrib;

int attrib_new(attrib **out, struct err *e);   /* -1 with ERR_CONFIG on a bad list */
void attrib_free(attrib *at);

/* Fills d->meta from the DOM and the blocks; labels the block that repeats the title
 * LABEL_TITLE, and the attribution lines at the head and tail of the article
 * LABEL_ATTRIBUTION. */
void attrib_find(const attrib *at, struct doc *d);

#endif
