/* winnow.h — the library: a page's bytes in, its article and attribution out. */
#ifndef WINNOW_WINNOW_H
#define WINNOW_WINNOW_H

#include <stddef.h>
#include <time.h>

struct doc;
struct err;
struct opts;

typedef struct winnow winnow;

/* Everything a run needs before it reads a page: libmagic's database, the plugins' conf lists
 * and the limits from o (copied).  -1 with ERR_CONFIG or ERR_SOFTWARE. */
int winnow_new(const struct opts *o, winnow **out, struct err *e);
void winnow_free(winnow *w);

/* One page as it came.  The strings are copied into the document. */
typedef struct winnow_input {
	const char *bytes;        /* as read: HTML in any charset, gzip, or text */
	size_t n;
	const char *name;         /* for messages: the file, "standard input", or the URL */
	const char *url;          /* the page's address (after redirects), or NULL */
	const char *asked_url;    /* the URL the user gave, when the page was fetched, or NULL */
	const char *charset;      /* the transport's charset label (HTTP, MIME, --charset), or NULL */
	const char *title;        /* what the container calls the page (a mail's Subject), taken
				     as its <title>; NULL for the page's own */
	time_t seen;              /* when it was fetched or read */
} winnow_input;

/* Cleans one page.  On success *out is a document (free it with doc_free) whose body may
 * still be empty: doc_kept() tells.  Fails with ERR_DATA when the input is not a page or
 * cannot be decoded, ERR_SOFTWARE on internal errors.  Messages do not name the input: the
 * caller does. */
int winnow_clean(winnow *w, const winnow_input *in, struct doc **out, struct err *e);

#endif
