/* sandbox.h — cleaning in a child process that may only read its request pipe, write its
 * answer pipe (and standard error) and manage its memory, under seccomp: a page that crashes
 * or hangs the parser takes the child with it, not winnow, and reaches no file or socket. */
#ifndef WINNOW_SANDBOX_H
#define WINNOW_SANDBOX_H

#include <stdbool.h>

#include "winnow.h"

/* What the child runs for each request: winnow_clean's own work, in process. */
typedef int (*sandbox_fn)(void *ctx, const winnow_input *in, const winnow_request *rq,
			  winnow_result **out, winnow_error *e);

typedef struct sandbox sandbox;

/* Whether this build and this kernel can confine a child (libseccomp, seccomp filters). */
bool sandbox_available(void);

/* Forks the child (again, each time one is lost): everything fn needs must be loaded before
 * (conf, libmagic, the charset converters).  max_answer bounds what the parent reads back. */
int sandbox_start(sandbox_fn fn, void *ctx, size_t max_answer, sandbox **out, winnow_error *e);
void sandbox_stop(sandbox *s);

/* fn of the child for one page.  A child that crashes fails the page with code 70, one that
 * passes timeout seconds is killed and fails it with 65; the next page gets a new child. */
int sandbox_clean(sandbox *s, const winnow_input *in, const winnow_request *rq,
		  unsigned timeout, winnow_result **out, winnow_error *e);

/* Confines the calling process to reading fd in, writing fd out and standard error, and
 * memory: what the child does first (the tests call it to prove open() is refused). */
int sandbox_enter(int in, int out, winnow_error *e);

#endif
