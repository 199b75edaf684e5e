/* sandbox.c — one child process per run, fed one page at a time over a pipe.  The child
 * confines itself with a seccomp filter (libseccomp) before it reads the first page: from
 * then on every system call but reading its request pipe, writing its answer pipe and
 * standard error, and managing memory fails with EPERM.  The pipes are socket pairs, so
 * that the parent can write without SIGPIPE; messages are a 32-bit length and the bytes of
 * result.c. */
#include "sandbox.h"

#include <errno.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "result.h"

struct sandbox {
	sandbox_fn fn;
	void *ctx;
	size_t max_answer;
	pid_t pid;              /* 0 when there is no child */
	int req, ans;           /* the parent's ends */
};

/* The system calls a cleaning needs once its input is in memory: I/O on its two pipes and
 * standard error, memory, time, signals' plumbing (abort, the sanitizers' reports). */
int sandbox_enter(int in, int out, winnow_error *e)
{
	scmp_filter_ctx f = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!f)
		return err_set(e, ERR_SOFTWARE, "cannot start the sandbox: seccomp_init failed");
	static const int memory[] = {
		SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
		SCMP_SYS(madvise), SCMP_SYS(mprotect), SCMP_SYS(exit), SCMP_SYS(exit_group),
		SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
		SCMP_SYS(sigaltstack), SCMP_SYS(futex), SCMP_SYS(clock_gettime),
		SCMP_SYS(gettimeofday), SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(tgkill),
		SCMP_SYS(sched_yield), SCMP_SYS(getrandom),
	};
	int r = 0;
	for (size_t i = 0; i < sizeof memory / sizeof *memory && !r; i++)
		r = seccomp_rule_add(f, SCMP_ACT_ALLOW, memory[i], 0);
	if (!r)
		r = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, in));
	if (!r)
		r = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A0(SCMP_CMP_EQ, out));
	if (!r)
		r = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A0(SCMP_CMP_EQ, 2));
	if (!r)
		r = seccomp_load(f);
	seccomp_release(f);
	return r ? err_set(e, ERR_SOFTWARE, "cannot start the sandbox: %s", strerror(-r)) : 0;
}

bool sandbox_available(void)
{
	/* A filter that allows everything: whether the kernel takes filters at all. */
	pid_t pid = fork();
	if (pid == 0) {
		scmp_filter_ctx f = seccomp_init(SCMP_ACT_ALLOW);
		_exit(f && seccomp_load(f) == 0 ? 0 : 1);
	}
	int status;
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

static int read_all(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t k = read(fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The parent writes with send: a child that died must not take the parent with SIGPIPE. */
static int write_all(int fd, const void *p, size_t n, bool parent)
{
	const char *c = p;
	while (n) {
		ssize_t k = parent ? send(fd, c, n, MSG_NOSIGNAL) : write(fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int send_msg(int fd, const buf *b, bool parent)
{
	uint32_t n = (uint32_t)b->len;
	unsigned char len[4] = { (unsigned char)n, (unsigned char)(n >> 8), (unsigned char)(n >> 16),
				 (unsigned char)(n >> 24) };
	return write_all(fd, len, 4, parent) < 0 ||
			       write_all(fd, b->data ? b->data : "", b->len, parent) < 0
		       ? -1
		       : 0;
}

/* One message into b: -1 at the end of the pipe, -2 when it is longer than b may hold. */
static int recv_msg(int fd, buf *b)
{
	unsigned char len[4];
	if (read_all(fd, len, 4) < 0)
		return -1;
	uint32_t n = (uint32_t)len[0] | (uint32_t)len[1] << 8 | (uint32_t)len[2] << 16 |
		     (uint32_t)len[3] << 24;
	buf_reset(b);
	if (buf_reserve(b, n) < 0)
		return -2;
	if (read_all(fd, b->data, n) < 0)
		return -1;
	b->len = n;
	b->data[n] = '\0';
	return 0;
}

/* The child: confine, then clean page after page until the parent closes the pipe. */
static _Noreturn void serve(sandbox *s, int in, int out)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	winnow_error e = { 0 };
	if (sandbox_enter(in, out, &e) < 0) {
		fprintf(stderr, "winnow: %s\n", e.msg);
		_exit(ERR_SOFTWARE);
	}
	buf msg, answer;
	buf_init(&msg, 0);
	buf_init(&answer, 0);
	for (;;) {
		if (recv_msg(in, &msg) < 0)
			_exit(0);
		winnow_input wi;
		winnow_request rq;
		winnow_result *r = NULL;
		err_clear(&e);
		if (result_read_request(msg.data, msg.len, &wi, &rq) < 0)
			err_set(&e, ERR_SOFTWARE, "the sandbox got a malformed request");
		else
			s->fn(s->ctx, &wi, &rq, &r, &e);
		buf_reset(&answer);
		result_write(r, &e, &answer);
		winnow_result_free(r);
		if (send_msg(out, &answer, false) < 0)
			_exit(0);
	}
}

static int spawn(sandbox *s, winnow_error *e)
{
	int req[2], ans[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, req) < 0)
		return err_set(e, ERR_SOFTWARE, "cannot start the sandbox: %s", strerror(errno));
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ans) < 0) {
		close(req[0]);
		close(req[1]);
		return err_set(e, ERR_SOFTWARE, "cannot start the sandbox: %s", strerror(errno));
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(req[0]), close(req[1]), close(ans[0]), close(ans[1]);
		return err_set(e, ERR_SOFTWARE, "cannot start the sandbox: %s", strerror(errno));
	}
	if (pid == 0) {
		close(req[1]);
		close(ans[0]);
		serve(s, req[0], ans[1]);
	}
	close(req[0]);
	close(ans[1]);
	s->pid = pid;
	s->req = req[1];
	s->ans = ans[0];
	return 0;
}

/* Ends the child: it exits when its pipe closes; kill says not to wait for that. */
static int reap(sandbox *s, bool kill_it)
{
	if (!s->pid)
		return 0;
	close(s->req);
	close(s->ans);
	if (kill_it)
		kill(s->pid, SIGKILL);
	int status = 0;
	while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
		;
	s->pid = 0;
	return status;
}

int sandbox_start(sandbox_fn fn, void *ctx, size_t max_answer, sandbox **out, winnow_error *e)
{
	sandbox *s = xcalloc(1, sizeof *s);
	s->fn = fn;
	s->ctx = ctx;
	s->max_answer = max_answer;
	if (spawn(s, e) < 0) {
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void sandbox_stop(sandbox *s)
{
	if (!s)
		return;
	reap(s, false);
	free(s);
}

/* Waits for the answer until the deadline: 0 when there is something to read. */
static int wait_answer(int fd, double deadline)
{
	for (;;) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double left = deadline - ((double)now.tv_sec + (double)now.tv_nsec / 1e9);
		if (left <= 0)
			return -1;
		struct pollfd p = { fd, POLLIN, 0 };
		int k = poll(&p, 1, (int)(left * 1000) + 1);
		if (k > 0)
			return 0;
		if (k < 0 && errno != EINTR)
			return -1;
	}
}

int sandbox_clean(sandbox *s, const winnow_input *in, const winnow_request *rq, unsigned timeout,
		  winnow_result **out, winnow_error *e)
{
	if (!s->pid && spawn(s, e) < 0)
		return -1;
	if (in->n >= 0xFFFFFFF0u)
		return err_set(e, ERR_DATA, "too large for the sandbox (4 GiB)");
	buf msg;
	buf_init(&msg, 0);
	result_write_request(in, rq, &msg);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	double deadline = (double)t0.tv_sec + (double)t0.tv_nsec / 1e9 + timeout;
	int sent = send_msg(s->req, &msg, true), rc = -1;
	buf_free(&msg);
	buf answer;
	buf_init(&answer, s->max_answer);
	int got = sent < 0 ? -1 : wait_answer(s->ans, deadline) < 0 ? -3 : recv_msg(s->ans, &answer);
	if (got == 0) {
		rc = result_read(answer.data, answer.len, out, e);
	} else if (got == -3) {
		reap(s, true);
		err_set(e, ERR_DATA, "cleaning took longer than %u s and was stopped", timeout);
	} else if (got == -2) {
		reap(s, true);
		err_set(e, ERR_SOFTWARE, "the sandbox's answer passes %zu bytes", s->max_answer);
	} else {
		int status = reap(s, true);
		if (WIFSIGNALED(status))
			err_set(e, ERR_SOFTWARE, "the page crashed the sandboxed parser (signal %d, %s)",
				WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			err_set(e, ERR_SOFTWARE, "the sandboxed parser stopped (status %d)",
				WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	buf_free(&answer);
	return rc;
}
