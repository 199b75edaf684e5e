/* attrib.h — the article's attribution: title, author, source, date, addresses, language. */
#ifndef WINNOW_ATTRIB_H
#define WINNOW_ATTRIB_H

#include <stddef.h>

struct doc;

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
 * came from ("og:title", "<h1>", "<title>"), for --explain. */
typedef struct meta {
	const char *title;
	const char **author;      /* n_author names */
	size_t n_author;
	const char *source;       /* publisher or site */
	const char *date;         /* ISO 8601 */
	const char *url;          /* the address the page was read from */
	const char *canonical_url;
	const char *lang;         /* BCP 47 tag */
	const char *original_url; /* the source of a repost or translation ("原文如下 … https://…") */
	const char *disclaimer;   /* a platform disclaimer that was dropped from the body */
	const char *from[META_COUNT];
} meta;

/* Fills d->meta from the DOM (and the blocks), and labels the block that holds the title. */
void attrib_find(struct doc *d);

#endif
