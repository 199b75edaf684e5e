/* jsonld.h — what a page's JSON-LD (schema.org) blocks say about its article. */
#ifndef WINNOW_JSONLD_H
#define WINNOW_JSONLD_H

#include <stddef.h>

struct arena;
struct conf_list;
struct dom;

/* Every string lives in the arena given to jsonld_find; NULL (or n_author 0) when absent. */
typedef struct jsonld {
	const char *type;        /* the @type of the node the headline came from, for --explain */
	float rank;              /* the best node's weight in jsonld-types.txt: 3 an article, 0 none */
	const char *headline;    /* headline */
	const char *name;        /* name: often the headline, sometimes the headline is a summary */
	const char **author;     /* author names, n_author of them */
	size_t n_author;
	const char *publisher;   /* publisher name */
	const char *date;        /* datePublished (else dateCreated) as written */
	const char *url;
	const char *lang;        /* inLanguage */
} jsonld;

/* Reads the application/ld+json scripts of d (arrays, @graph, @id references) and fills ld
 * from the nodes whose @type is in types (conf/jsonld-types.txt; the weight ranks them).  A
 * script that is not valid JSON, or larger than JSONLD_MAX_SCRIPT bytes, is skipped. */
void jsonld_find(struct arena *a, const struct dom *d, const struct conf_list *types, jsonld *ld);

/* Larger scripts are not parsed: a JSON-LD block describing one page is a few kilobytes, and
 * the largest in the corpora (seven hundred pages) is 52 KB. */
enum { JSONLD_MAX_SCRIPT = 1 << 20 };

#endif
