/* feed.h — RSS 2.0, RSS 1.0 and Atom feeds through libxml2: the items and their links, each
 * item's content replaced by a clean article, and the feed written back otherwise as it was. */
#ifndef WINNOW_FEED_H
#define WINNOW_FEED_H

#include <stddef.h>

struct buf;
struct err;

enum feed_kind { FEED_RSS2, FEED_RSS1, FEED_ATOM };

typedef struct feed feed;

/* Parses bytes[0..n) (at most max bytes; 0 means no limit) as a feed: no network, no
 * external entities or DTD, entities not substituted, libxml2's own size and depth limits
 * on.  ERR_DATA with one line of text when it is not XML, is not one of the three kinds (the
 * message says what the root element is), or is a bomb (an entity loop, an amplification,
 * past a limit). */
int feed_parse(const char *bytes, size_t n, size_t max, feed **out, struct err *e);
void feed_free(feed *f);

enum feed_kind feed_kind(const feed *f);
const char *feed_kind_name(enum feed_kind k);   /* "RSS 2.0", "RSS 1.0", "Atom" */

size_t feed_count(const feed *f);   /* items (RSS) or entries (Atom), in document order */

/* The article an item points to: RSS <link>, else a <guid> that is a permalink; RSS 1.0
 * <link>, else rdf:about; Atom <link rel="alternate"> (or with no rel), resolved against
 * xml:base and the feed's own address.  NULL when the item has none.  The string lives as
 * long as the feed. */
const char *feed_link(const feed *f, size_t i);
const char *feed_title(const feed *f, size_t i);   /* the item's title, or NULL */

/* Sets item i's full content to html (a fragment, UTF-8): RSS items get <content:encoded>
 * (the content namespace declared on the root when missing), Atom entries <content
 * type="html">; an existing one is replaced, the summary or description is kept, and every
 * other element of the item stays as it was. */
void feed_set_content(feed *f, size_t i, const char *html);

/* The feed as XML, UTF-8, with its XML declaration. */
int feed_write(const feed *f, struct buf *out, struct err *e);

#endif
