/* test_opts.c — one table for argv, environment and config; each layer overrides the last. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "emit.h"
#include "err.h"
#include "opts.h"

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/winnow-opts-XXXXXX");
	int fd = mkstemp(path);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			path[0] = '\0';
		close(fd);
	}
	return path;
}

void test_opts(void)
{
	opts o;
	err e = { 0 };

	/* defaults */
	opts_init(&o);
	CHECK(o.max_size == OPTS_MAX_SIZE_DEFAULT && o.formats == 0 && o.max_depth == 256);
	opts_free(&o);

	/* each layer: system < user < environment < argv */
	char *sys = write_tmp("# system\nformat = json\nmax-size = 1M\nmax-depth 100\n");
	char *user = write_tmp("format=markdown\nmax-depth = 50\n");
	char *argv1[] = { "winnow", NULL };
	opts_init(&o);
	CHECK(opts_load(&o, 1, argv1, sys, "/nonexistent/winnow.conf", &e) == 0);
	CHECK(o.formats == 1u << EMIT_JSON && o.max_size == 1u << 20 && o.max_depth == 100);
	opts_free(&o);

	opts_init(&o);
	CHECK(opts_load(&o, 1, argv1, sys, user, &e) == 0);
	CHECK(o.formats == 1u << EMIT_MARKDOWN && o.max_size == 1u << 20 && o.max_depth == 50);
	opts_free(&o);

	setenv("WINNOW_FORMAT", "html", 1);
	setenv("WINNOW_MAX_SIZE", "2k", 1);
	opts_init(&o);
	CHECK(opts_load(&o, 1, argv1, sys, user, &e) == 0);
	CHECK(o.formats == 1u << EMIT_HTML && o.max_size == 2048 && o.max_depth == 50);
	opts_free(&o);

	char *argv2[] = { "winnow", "-f", "text,json", "--max-size=3K", "--url", "http://x/",
			  "-o", "out", "a.html", "--", "-b.html", NULL };
	opts_init(&o);
	CHECK(opts_load(&o, 11, argv2, sys, user, &e) == 0);
	CHECK(o.formats == ((1u << EMIT_TEXT) | (1u << EMIT_JSON)));
	CHECK(o.max_size == 3072);
	CHECK_STR(o.url, "http://x/");
	CHECK_STR(o.output_dir, "out");
	CHECK(o.ninputs == 2);
	CHECK(o.ninputs == 2 && strcmp(o.inputs[1], "-b.html") == 0);
	opts_free(&o);

	/* --config replaces the user file */
	char *alt = write_tmp("max-depth = 7\n");
	char *argv3[] = { "winnow", "--config", alt, NULL };
	unsetenv("WINNOW_FORMAT");
	unsetenv("WINNOW_MAX_SIZE");
	opts_init(&o);
	CHECK(opts_load(&o, 3, argv3, sys, user, &e) == 0);
	CHECK(o.max_depth == 7 && o.formats == 1u << EMIT_JSON);
	opts_free(&o);

	/* errors name the place */
	opts_init(&o);
	err_clear(&e);
	CHECK(opts_conf_text(&o, "\n\nbogus = 1\n", 11, "x.conf", &e) == -1);
	CHECK(e.code == ERR_CONFIG && strstr(e.msg, "x.conf:3:") != NULL);
	err_clear(&e);
	CHECK(opts_conf_text(&o, "url = http://a/\n", 16, "x.conf", &e) == -1);   /* argv only */
	err_clear(&e);
	char *bad[] = { "winnow", "--max-size", "lots", NULL };
	CHECK(opts_argv(&o, 3, bad, &e) == -1 && e.code == ERR_USAGE);
	err_clear(&e);
	char *unknown[] = { "winnow", "--frobnicate", NULL };
	CHECK(opts_argv(&o, 2, unknown, &e) == -1 && strstr(e.msg, "--frobnicate"));
	err_clear(&e);
	char *fmt[] = { "winnow", "-f", "pdf", NULL };
	CHECK(opts_argv(&o, 3, fmt, &e) == -1 && strstr(e.msg, "pdf"));
	err_clear(&e);
	char *cluster[] = { "winnow", "-hfjson", NULL };
	CHECK(opts_argv(&o, 2, cluster, &e) == 0 && o.help && o.formats == 1u << EMIT_JSON);
	opts_free(&o);

	/* options belong to commands: argv refuses another command's, a config line for one is
	 * left for it; flags take yes or no in a config line */
	opts_init(&o);
	err_clear(&e);
	char *fetch_only[] = { "winnow", "--maildir", "M", NULL };
	CHECK(opts_argv(&o, 3, fetch_only, &e) == -1 && e.code == ERR_USAGE &&
	      strstr(e.msg, "winnow fetch"));
	err_clear(&e);
	const char *conf = "maildir = ~/Mail\nredeliver-changed = yes\ntimeout = 5\n";
	CHECK(opts_conf_text(&o, conf, strlen(conf), "c", &e) == 0 && !o.maildir &&
	      !o.redeliver_changed && o.timeout == 5);
	opts_free(&o);
	opts_init(&o);
	o.command = OPTS_FETCH;
	CHECK(opts_conf_text(&o, conf, strlen(conf), "c", &e) == 0 && o.redeliver_changed);
	CHECK_STR(o.maildir, "~/Mail");
	char *fetch_argv[] = { "winnow", "-j3", "--state=s.db", "--list", NULL };
	CHECK(opts_argv(&o, 4, fetch_argv, &e) == 0 && o.jobs == 3 && o.list);
	CHECK_STR(o.state, "s.db");
	err_clear(&e);
	CHECK(opts_conf_text(&o, "list = yes\n", 11, "c", &e) == -1);   /* argv only */
	err_clear(&e);
	CHECK(opts_conf_text(&o, "redeliver-changed = maybe\n", 26, "c", &e) == -1 &&
	      e.code == ERR_CONFIG);
	err_clear(&e);
	char *explain[] = { "winnow", "--explain", NULL };
	CHECK(opts_argv(&o, 2, explain, &e) == -1 && strstr(e.msg, "of winnow, not of winnow fetch"));
	opts_free(&o);
	opts_init(&o);
	err_clear(&e);
	char *charset[] = { "winnow", "--charset", "gb2312", NULL }, *badcs[] = { "winnow",
		"--charset", "klingon", NULL };
	CHECK(opts_argv(&o, 3, charset, &e) == 0);
	CHECK_STR(o.charset, "gb2312");
	CHECK(opts_argv(&o, 3, badcs, &e) == -1 && e.code == ERR_USAGE);
	opts_free(&o);

	/* a comment after a value; -o - and an empty -o undo a config's output-dir; --explain
	 * takes its kind as the next word */
	opts_init(&o);
	err_clear(&e);
	const char *commented = "output-dir = out   # where the articles go\njobs = 2#x\n";
	CHECK(opts_conf_text(&o, commented, strlen(commented), "c", &e) == 0);
	CHECK_STR(o.output_dir, "out");
	char *undo[] = { "winnow", "-o", "-", NULL };
	CHECK(opts_argv(&o, 3, undo, &e) == 0 && o.output_dir == NULL);
	CHECK(opts_conf_text(&o, commented, strlen(commented), "c", &e) == 0 && o.output_dir);
	char *undo2[] = { "winnow", "--output-dir=", NULL };
	CHECK(opts_argv(&o, 2, undo2, &e) == 0 && o.output_dir == NULL);
	char *kind[] = { "winnow", "--explain", "html", "page.html", NULL };
	CHECK(opts_argv(&o, 4, kind, &e) == 0 && o.explain == OPTS_EXPLAIN_HTML && o.ninputs == 1);
	CHECK(o.ninputs == 1 && strcmp(o.inputs[0], "page.html") == 0);
	char *writers[] = { "winnow", "--no-links", "--body-only", "-q", "-fjsonl", NULL };
	CHECK(opts_argv(&o, 5, writers, &e) == 0 && o.no_links && o.body_only && o.quiet &&
	      o.formats == 1u << EMIT_JSONL);
	opts_free(&o);

	unlink(sys);
	unlink(user);
	unlink(alt);
	free(sys);
	free(user);
	free(alt);
}
