/* sniff.h — what the input bytes are (libmagic plus a look for markup), and gzip unwrapping. */
#ifndef WINNOW_SNIFF_H
#define WINNOW_SNIFF_H

#include <stddef.h>

struct buf;
struct err;

enum sniff_type {
	SNIFF_EMPTY,   /* nothing but white space */
	SNIFF_HTML,
	SNIFF_XHTML,
	SNIFF_TEXT,    /* a page saved as text */
	SNIFF_GZIP,
	SNIFF_FEED,    /* an RSS or Atom feed (what says which: r->what) */
	SNIFF_MAIL,    /* a mail or news message */
	SNIFF_OTHER,   /* an image, a PDF, a binary: not a page */
};

typedef struct sniff_result {
	enum sniff_type type;
	char what[96];  /* libmagic's description of SNIFF_OTHER input ("PDF document, version 1.4"),
			   the kind of a SNIFF_FEED ("RSS", "Atom") */
} sniff_result;

/* Loads libmagic's database; once per process, before any sandbox.  -1 with ERR_SOFTWARE when
 * the database cannot be loaded. */
int sniff_init(struct err *e);
void sniff_done(void);

void sniff_type(const char *bytes, size_t n, sniff_result *r);

/* Inflates a gzip stream (several members allowed) into out; passing out->max is a gzip bomb
 * and fails with ERR_DATA, as does a corrupt stream. */
int sniff_gunzip(const char *bytes, size_t n, struct buf *out, struct err *e);

#endif
