/* fetch.h — pages over HTTP(S) with libcurl: only http and https, hard limits on redirects,
 * time and size, conditional requests, and many transfers at once with a cap per host. */
#ifndef WINNOW_FETCH_H
#define WINNOW_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "err.h"

/* Redirects followed before a transfer fails (Debian's libcurl 7.88 sets no limit itself). */
enum { FETCH_MAX_REDIRECTS = 10, FETCH_PER_HOST = 2 };

/* A host that asked to be left alone (429 or 503 with Retry-After) is waited for within a run
 * when the wait is at most this many seconds; a longer wait fails its transfers as temporary,
 * for the next run. */
enum { FETCH_MAX_WAIT = 30 };

typedef struct fetch_limits {
	long timeout;            /* seconds for a whole transfer */
	long connect_timeout;    /* seconds to connect */
	size_t max_size;         /* bytes of body, counted after content decoding */
	const char *user_agent;  /* NULL: "winnow/VERSION" */
	const char *cacert;      /* a CA bundle instead of the system's, or NULL */
	unsigned jobs;           /* transfers under way at once, at least 1 */
} fetch_limits;
/* The strings of a fetch_limits must outlive the fetch made from it. */

/* One finished transfer.  Every pointer is owned by the result (fetch_result_free). */
typedef struct fetch_result {
	char *url;               /* as asked */
	char *final_url;         /* after redirects: the page's address */
	char *host;              /* of url, lower case */
	long status;             /* HTTP status of the last response; 0 when none came */
	char *media_type;        /* "text/html", lower case, or NULL when none was sent */
	char *charset;           /* the Content-Type charset parameter, or NULL */
	char *etag, *last_modified;   /* validators for the next conditional request, or NULL */
	long retry_after;        /* seconds a 429 or 503 asked to wait, 0 when it did not say */
	bool not_modified;       /* 304: the page is as the validators said */
	bool deferred;           /* not tried: its host asked to be left alone past
				    FETCH_MAX_WAIT (e says until when) */
	buf body;                /* the body, content encoding undone; empty on 304 */
	err e;                   /* e.code 0: a page (or 304); else ERR_TEMPFAIL (retry later),
				    ERR_UNAVAILABLE (4xx, a bad redirect) or ERR_DATA (not a page,
				    too large); e.msg says why, without the URL */
	void *user;              /* as given to fetch_add */
} fetch_result;

typedef struct fetch fetch;

/* ERR_USAGE unless url is an absolute http or https URL with a host. */
int fetch_check_url(const char *url, err *e);

fetch *fetch_new(const fetch_limits *l);   /* never NULL */
void fetch_free(fetch *f);                 /* stops what is under way */

/* Queues url (checked with fetch_check_url first: a bad one is handed back by fetch_next as
 * an ERR_USAGE result).  etag and last_modified, either may be NULL, make the request
 * conditional.  The strings are copied. */
void fetch_add(fetch *f, const char *url, const char *etag, const char *last_modified,
	       void *user);

/* Starts nothing for host before until (a Retry-After). */
void fetch_hold(fetch *f, const char *host, time_t until);

/* Runs the transfers until one finishes and hands it over in *out (free it with
 * fetch_result_free).  Returns 1 with a result, 0 when nothing is queued or under way. */
int fetch_next(fetch *f, fetch_result **out);

void fetch_result_free(fetch_result *r);

/* One transfer, start to finish: fetch_new, fetch_add, fetch_next. */
fetch_result *fetch_one(const fetch_limits *l, const char *url);

#endif
