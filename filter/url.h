/* url.h — resolving and taking apart page addresses, with libcurl's URL parser. */
#ifndef WINNOW_URL_H
#define WINNOW_URL_H

struct arena;

/* ref resolved against base (either may be NULL or relative); NULL when the result is not an
 * absolute http(s) URL.  Allocated from a. */
const char *url_resolve(struct arena *a, const char *base, const char *ref);

/* The host of an absolute URL, lower case, or NULL. */
const char *url_host(struct arena *a, const char *url);

#endif
