/* test_sandbox.c — the sandbox refuses what a cleaning does not need (open, socket, a write to
 * another file), survives a child that crashes or hangs, and gives what the child made. */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "result.h"
#include "sandbox.h"

/* In a child confined as the sandbox's is, each forbidden call fails with EPERM; the child
 * exits with a bit set for each one that did not. */
static int confined_child(void)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		winnow_error e = { 0 };
		if (sandbox_enter(p[0], p[1], &e) < 0)
			_exit(64);
		int bad = 0;
		errno = 0;
		if (open("/etc/passwd", O_RDONLY) >= 0 || errno != EPERM)
			bad |= 1;
		errno = 0;
		if (socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPERM)
			bad |= 2;
		errno = 0;
		if (write(1, "x", 1) >= 0 || errno != EPERM)   /* only its answer pipe and stderr */
			bad |= 4;
		if (write(p[1], "ok", 2) != 2)                 /* its own pipe stays open to it */
			bad |= 8;
		void *big = malloc(1 << 24);                   /* memory still comes */
		if (!big)
			bad |= 16;
		free(big);
		_exit(bad);
	}
	int status;
	waitpid(pid, &status, 0);
	close(p[0]);
	close(p[1]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A cleaning stand-in: "crash" crashes, "hang" never ends, anything else is echoed back. */
static int fake(void *ctx, const winnow_input *in, const winnow_request *rq, winnow_result **out,
		winnow_error *e)
{
	(void)ctx, (void)rq, (void)e;
	if (in->n == 5 && memcmp(in->bytes, "crash", 5) == 0)
		raise(SIGSEGV);
	if (in->n == 4 && memcmp(in->bytes, "hang", 4) == 0)
		for (;;)
			pause();
	if (in->n == 4 && memcmp(in->bytes, "fail", 4) == 0)
		return err_set(e, ERR_DATA, "not a web page (a test)");
	winnow_result *r = result_new();
	r->kept = 3;
	result_note(r, "a note");
	r->asked[WINNOW_TEXT] = true;
	buf_add(&r->product[WINNOW_TEXT], in->bytes, in->n);
	*out = r;
	return 0;
}

static int ask(sandbox *s, const char *bytes, unsigned timeout, winnow_result **r, winnow_error *e)
{
	winnow_input in = { .bytes = bytes, .n = strlen(bytes), .name = "t" };
	winnow_request rq = { .products = 1u << WINNOW_TEXT };
	err_clear(e);
	*r = NULL;
	return sandbox_clean(s, &in, &rq, timeout, r, e);
}

void test_sandbox(void)
{
	CHECK(sandbox_available());
	CHECK(confined_child() == 0);

	sandbox *s;
	winnow_error e = { 0 };
	winnow_result *r;
	CHECK(sandbox_start(fake, NULL, 1 << 20, &s, &e) == 0);
	CHECK(ask(s, "hello", 5, &r, &e) == 0 && r);
	size_t len;
	const char *text = r ? winnow_result_get(r, WINNOW_TEXT, &len) : NULL;
	CHECK(text && len == 5 && memcmp(text, "hello", 5) == 0);
	const char *const *notes;
	CHECK(r && winnow_result_kept(r) == 3 && winnow_result_notes(r, &notes) == 1 &&
	      strcmp(notes[0], "a note") == 0);
	CHECK(r && winnow_result_get(r, WINNOW_HTML, NULL) == NULL);
	winnow_result_free(r);

	/* the child's own error comes through as it was */
	CHECK(ask(s, "fail", 5, &r, &e) == -1 && e.code == ERR_DATA && strstr(e.msg, "a test"));
	/* a crash fails the page with 70 and says so; the next page gets a new child */
	CHECK(ask(s, "crash", 5, &r, &e) == -1 && e.code == ERR_SOFTWARE && strstr(e.msg, "crashed"));
	CHECK(ask(s, "again", 5, &r, &e) == 0 && r);
	winnow_result_free(r);
	/* a page that takes too long is stopped and fails with 65 */
	CHECK(ask(s, "hang", 1, &r, &e) == -1 && e.code == ERR_DATA && strstr(e.msg, "longer"));
	CHECK(ask(s, "after", 5, &r, &e) == 0 && r);
	winnow_result_free(r);
	sandbox_stop(s);
}
