/* result.h — what winnow_clean hands back, inside the library: the products asked for, the
 * kept count and the notes, in a form that can cross a pipe (the sandbox writes it, the
 * parent reads it). */
#ifndef WINNOW_RESULT_H
#define WINNOW_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "winnow.h"

struct winnow_result {
	size_t kept;
	char **notes;              /* malloc'ed, nnotes of them */
	size_t nnotes;
	buf product[WINNOW_PRODUCTS];
	bool asked[WINNOW_PRODUCTS];
};

winnow_result *result_new(void);
void result_note(winnow_result *r, const char *note);   /* copied */

/* A request (input and what is asked) and a result as bytes, and back.  The _read functions
 * take msg[0..n) as one whole message and fail (-1) on one that is cut or malformed; the
 * strings of a read input point into msg. */
void result_write_request(const winnow_input *in, const winnow_request *rq, buf *out);
int result_read_request(const char *msg, size_t n, winnow_input *in, winnow_request *rq);
void result_write(const winnow_result *r, const winnow_error *e, buf *out);
int result_read(const char *msg, size_t n, winnow_result **r, winnow_error *e);

#endif
