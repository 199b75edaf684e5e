/* state.h — what winnow fetch remembers between runs, in SQLite: per URL its validators, the
 * last outcome and the article delivered for it; per article (Message-ID) that it was
 * delivered; per host how long it asked to be left alone. */
#ifndef WINNOW_STATE_H
#define WINNOW_STATE_H

#include <stdbool.h>
#include <time.h>

struct buf;
struct err;

typedef struct state state;

/* What the state holds for one URL; strings are NULL when unknown, owned by the entry. */
typedef struct state_entry {
	bool known;
	char *etag, *last_modified;
	char *status;            /* the last outcome, in words ("delivered", "HTTP 404" …) */
	long long checked;       /* when it was last fetched */
	char *message_id, *hash; /* the article delivered for it and a hash of its text */
	long long delivered;     /* when, or 0 */
	char *pending;           /* a delivery that was under way (deliver_token), or NULL */
	char *pending_article, *pending_id, *pending_hash;
} state_entry;

/* The default place: $XDG_STATE_HOME/winnow/state.db, else ~/.local/state/winnow/state.db. */
char *state_default_path(void);

/* Opens (creating it and its directory) the state at path.  exclusive takes its lock for as
 * long as it is open, for a run that delivers: ERR_TEMPFAIL when another winnow fetch holds
 * it.  ERR_IO or ERR_CONFIG when it cannot be opened or is not a state file. */
int state_open(const char *path, bool exclusive, state **out, struct err *e);
void state_close(state *s);

int state_get(state *s, const char *url, state_entry *out, struct err *e);
void state_entry_free(state_entry *en);

/* A fetch that delivered nothing: the outcome and, when given, the new validators. */
int state_checked(state *s, const char *url, const char *status, const char *etag,
		  const char *last_modified, struct err *e);

/* Before a delivery: its token, article, Message-ID and text hash, committed, so that a
 * crash leaves a trace. */
int state_pending(state *s, const char *url, const char *token, const char *article,
		  const char *message_id, const char *hash, struct err *e);

/* After a delivery is durable, in one transaction: the URL's message, validators and
 * outcome, one more version of the article, and the pending mark cleared. */
int state_delivered(state *s, const char *url, const char *article, const char *message_id,
		    const char *hash, const char *etag, const char *last_modified, struct err *e);

/* A pending mark found at start-up, settled: landed makes it a delivery, otherwise it goes. */
int state_settle(state *s, const char *url, bool landed, struct err *e);

/* The URLs with a pending mark, NULL-terminated (free each and the array). */
char **state_pending_urls(state *s, struct err *e);

/* How many versions of an article were delivered (0: never) and the hash of the last one's
 * text (*hash malloc'ed, NULL when never). */
int state_article(state *s, const char *article, unsigned *revisions, char **hash,
		  struct err *e);

/* A host's Retry-After: until when, 0 when it asked nothing. */
time_t state_host_wait(state *s, const char *host);
int state_set_host_wait(state *s, const char *host, time_t until, struct err *e);

/* Calls fn for each host whose wait has not ended. */
int state_each_hold(state *s, void (*fn)(void *ctx, const char *host, time_t until), void *ctx,
		    struct err *e);

/* The feed filter's cache: the clean article (an HTML fragment) of a URL, malloc'ed, or NULL
 * when none was kept; put replaces it. */
char *state_cache_get(state *s, const char *url);
int state_cache_put(state *s, const char *url, const char *html, struct err *e);

/* Drops cached articles not used for this many days, so the cache follows the feeds. */
int state_cache_expire(state *s, int days, struct err *e);

/* --forget: the URL and the articles delivered for it, so that the next run fetches it
 * afresh and delivers it again; ERR_USAGE when the URL is not in the state. */
int state_forget(state *s, const char *url, struct err *e);

/* --list: a header line, then one tab-separated line per URL. */
int state_list(state *s, struct buf *out, struct err *e);

#endif
