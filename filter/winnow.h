/* winnow.h — the library: a page's bytes in, its article and attribution out. */
#ifndef WINNOW_WINNOW_H
#define WINNOW_WINNOW_H

#include <stddef.h>

struct doc;
struct err;
struct opts;

typedef struct winnow winnow;

/* Everything a run needs before it reads a page: libmagic's database, the plugins' conf lists
 * and the limits from o (copied).  -1 with ERR_CONFIG or ERR_SOFTWARE. */
int winnow_new(const struct opts *o, winnow **out, struct err *e);
void winnow_free(winnow *w);

/* Cleans one page.  bytes[0..n) is the input as read (HTML in any charset, gzip, or text);
 * name is for messages; url may be NULL.  On success *out is a document (free it with
 * doc_free) whose body may still be empty: doc_kept() tells.  Fails with ERR_DATA when the
 * input is not a page or cannot be decoded, ERR_SOFTWARE on internal errors.  Messages do
 * not name the input: the caller does. */
int winnow_clean(winnow *w, const char *bytes, size_t n, const char *name, const char *url,
		 struct doc **out, struct err *e);

#endif
