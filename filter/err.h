/* err.h — how modules report failure: an exit status from sysexits and one line of text. */
#ifndef WINNOW_ERR_H
#define WINNOW_ERR_H

#include "winnow.h"

/* Modules return 0 or -1 and fill an err; they never print and never exit.  The first failure
 * wins: err_set on an err that already holds one keeps the old message.  code is a process exit
 * status (ERR_* below, the sysexits values winnow documents). */
enum {
	ERR_OK = 0,
	ERR_NOARTICLE = 1,   /* the page parsed but holds no article */
	ERR_USAGE = 64,      /* EX_USAGE */
	ERR_DATA = 65,       /* EX_DATAERR: not a page, or cannot be decoded */
	ERR_NOINPUT = 66,    /* EX_NOINPUT: cannot open the input */
	ERR_UNAVAILABLE = 69, /* EX_UNAVAILABLE: refused for good (4xx, a bad redirect) */
	ERR_SOFTWARE = 70,   /* EX_SOFTWARE: internal error */
	ERR_IO = 74,         /* EX_IOERR: cannot write the output */
	ERR_TEMPFAIL = 75,   /* EX_TEMPFAIL: try again later (network, timeout, 429, 5xx) */
	ERR_CONFIG = 78,     /* EX_CONFIG: bad configuration */
};

typedef struct err err;   /* winnow.h's winnow_error */

/* Records the failure (unless one is already recorded) and returns -1, so a caller can write
 * `return err_set(e, ERR_DATA, "...")`. */
int err_set(err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void err_clear(err *e);

#endif
