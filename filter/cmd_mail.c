/* cmd_mail.c — winnow mail, the filter of procmail, maildrop and mutt: one message in, the
 * same message out with its article cleaned.  It never loses mail: all of standard input is
 * read before anything else (a filter that leaves its pipe unread fails in procmail), and on
 * any failure, even a bad config file, the original goes back out byte for byte. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "err.h"
#include "mail.h"
#include "opts.h"
#include "winnow.h"

/* What mail mode holds in memory; a larger message is copied through unread by winnow. */
#define MAIL_MAX_MEMORY ((size_t)256 << 20)

/* Standard input, whole: *rest is set when it passed MAIL_MAX_MEMORY (the rest is still in
 * the pipe, to be copied through). */
static int slurp(buf *in, bool *rest)
{
	*rest = false;
	for (;;) {
		if (buf_reserve(in, 65536) < 0) {
			*rest = true;
			return 0;
		}
		ssize_t n = read(0, in->data + in->len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		in->len += (size_t)n;
		in->data[in->len] = '\0';
	}
}

static int write_out(const char *p, size_t n)
{
	return n && fwrite(p, 1, n, stdout) != n ? -1 : 0;
}

/* What is left on standard input after MAIL_MAX_MEMORY, copied through. */
static int copy_rest(void)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(0, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return (int)n;
		if (write_out(chunk, (size_t)n) < 0)
			return -1;
	}
}

/* --fail-open from the command line alone: it must hold even when the options cannot load. */
static bool fail_open_asked(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--fail-open") == 0)
			return true;
	return false;
}

static int clean(const opts *o, const buf *in, buf *out, err *e)
{
	/* A format from a config file is for pages: a message stays a message. */
	unsigned formats = o->formats && o->formats_argv ? o->formats : 1u << WINNOW_MAIL;
	if (formats != 1u << WINNOW_MAIL && formats != 1u << WINNOW_TEXT)
		return err_set(e, ERR_USAGE, "winnow mail writes -f mail (the message) or -f text");
	if (o->ninputs)
		return err_set(e, ERR_USAGE, "winnow mail reads its message from standard input, "
					     "not from \"%s\"", o->inputs[0]);
	mail_opts mo = {
		.drop_html = o->drop_html,
		.fetch = !o->no_fetch,
		.text = formats == 1u << WINNOW_TEXT,
		.no_links = o->no_links,
		.max_size = o->max_size,
		.limits = cmd_fetch_limits(o),
	};
	winnow *w;
	if (cmd_winnow(o, &w, e) < 0)
		return -1;
	mail_result res;
	int r = mail_clean(w, &mo, in->data ? in->data : "", in->len, out, &res, e);
	winnow_free(w);
	if (!r && o->verbose && !res.changed)
		fprintf(stderr, "winnow: mail: %s\n", res.why);
	return r;
}

/* The original, as it came (and what is still in the pipe). */
static int write_original(const buf *in, bool rest)
{
	return write_out(in->data, in->len) < 0 || (rest && copy_rest() < 0) ? -1 : 0;
}

int cmd_mail(int argc, char **argv)
{
	int status = 0;
	if (cmd_help_or_version(OPTS_MAIL, argc, argv, &status))
		return status;
	buf in, out;
	buf_init(&in, MAIL_MAX_MEMORY);
	buf_init(&out, 0);
	bool rest;
	if (slurp(&in, &rest) < 0) {
		fprintf(stderr, "winnow: mail: standard input: %s\n", strerror(errno));
		buf_free(&in);
		return ERR_TEMPFAIL;
	}
	bool failed = true, fail_open = fail_open_asked(argc, argv);
	if (rest) {
		failed = false;   /* too large to clean: it passes as it is */
	} else {
		opts o;
		err e = { 0 };
		if (cmd_options(&o, OPTS_MAIL, argc, argv, &status) > 0) {
			fail_open = o.fail_open;
			failed = clean(&o, &in, &out, &e) < 0;
			if (failed)
				cmd_error("mail", &e);
		}
		opts_free(&o);
	}
	if (!failed && !rest)
		status = write_out(out.data, out.len) < 0 ? ERR_IO : 0;
	else
		status = write_original(&in, rest) < 0 ? ERR_IO : failed && !fail_open ? ERR_TEMPFAIL : 0;
	if (fflush(stdout) != 0)
		status = ERR_IO;
	if (status == ERR_IO)
		fprintf(stderr, "winnow: mail: standard output: %s\n", strerror(errno));
	buf_free(&in);
	buf_free(&out);
	return status;
}
