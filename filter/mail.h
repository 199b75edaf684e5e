/* mail.h — a message with a web page in it, rewritten around the clean article: an HTML part
 * (a newsletter) gets a clean text/plain alternative, a body that is little more than an
 * article's URL becomes the article.  GMime reads and writes the MIME. */
#ifndef WINNOW_MAIL_H
#define WINNOW_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "fetch.h"

struct buf;
struct err;
struct winnow;

typedef struct mail_opts {
	bool drop_html;        /* the clean text replaces the HTML instead of standing beside it */
	bool fetch;            /* a body that is an article's URL is fetched */
	bool text;             /* write the headers and the clean text, for a pager, not MIME */
	bool no_links;         /* no numbered references in the clean text */
	size_t max_size;       /* a message larger than this passes unchanged */
	fetch_limits limits;   /* for that fetch */
} mail_opts;

/* What mail_clean did, for X-Winnow and the caller's messages. */
typedef struct mail_result {
	bool changed;          /* the message was rewritten (else *out is the original plus
				  X-Winnow, or nothing when the input is no message at all) */
	char why[160];         /* the X-Winnow value: "cleaned", or why nothing was done */
} mail_result;

/* Cleans message bytes[0..n) (a leading mbox "From " line is kept as it is) into out.  A
 * message that needs or allows no cleaning (plain text, no article in its HTML, larger than
 * max_size, too many parts, not a message at all) is no failure: out is the original with an
 * X-Winnow header saying why (byte for byte the original when it has no header block, or
 * for mo->text).
 * -1 (out unspecified) when cleaning failed: the page could not be fetched (ERR_TEMPFAIL,
 * ERR_UNAVAILABLE, ERR_DATA) or an internal error; the caller then writes the original. */
int mail_clean(struct winnow *w, const mail_opts *mo, const char *bytes, size_t n,
	       struct buf *out, mail_result *res, struct err *e);

/* Inserts "X-Winnow: why" as the last header of message bytes[0..n) into out, keeping every
 * other byte (and the message's line ends); a text with no header block is copied as is. */
void mail_mark(const char *bytes, size_t n, const char *why, struct buf *out);

#endif
