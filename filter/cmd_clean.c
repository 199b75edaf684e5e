/* cmd_clean.c — winnow [FILE|URL]...: each input read (or fetched), cleaned and written in
 * every requested format, to standard output (several articles kept apart: JSON Lines, a
 * form feed between texts, an mbox of messages) or one file per format in -o DIR, where no
 * file overwrites another of the same run or an input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cmd.h"
#include "deliver.h"
#include "err.h"
#include "fetch.h"
#include "opts.h"
#include "source.h"
#include "winnow.h"

/* Outputs that took the same name get -2, -3 …; past this many, the run stops naming. */
enum { MAX_SUFFIX = 10000 };

typedef struct run {
	const opts *o;
	winnow *w;
	deliver *stream;           /* standard output */
	size_t written;            /* articles on standard output so far */
	bool jsonl;                /* JSON on standard output is JSON Lines */
	char **taken;              /* -o: the paths written in this run */
	size_t ntaken;
	dev_t *in_dev;             /* -o: the inputs, never to be written over */
	ino_t *in_ino;
	size_t nin;
} run;

/* NAME for an input: its file name less its extension (and less .gz), for a URL its host and
 * path, for standard input "stdin"; with --keep-tree its path, made relative and without "..". */
static void base_name(const run *r, const char *input, buf *p)
{
	if (cmd_is_url(input)) {
		cmd_url_name(input, p);
		return;
	}
	const char *base = strcmp(input, "-") == 0 ? "stdin" : input;
	const char *slash = strrchr(base, '/');
	if (r->o->keep_tree && slash) {
		for (const char *s = base; s < slash;) {
			const char *e = strchr(s, '/');
			size_t k = (size_t)(e - s);
			if (k && !(k == 1 && s[0] == '.') && !(k == 2 && s[0] == '.' && s[1] == '.'))
				buf_printf(p, "%.*s/", (int)k, s);
			s = e + 1;
		}
	}
	if (slash)
		base = slash + 1;
	size_t n = strlen(base);
	for (int pass = 0; pass < 2; pass++) {
		const char *dot = NULL;
		for (size_t i = n; i > 0; i--)
			if (base[i - 1] == '.') {
				dot = base + i - 1;
				break;
			}
		if (!dot || dot == base)
			break;
		bool gz = base + n - dot == 3 && strncmp(dot, ".gz", 3) == 0;
		n = (size_t)(dot - base);
		if (!gz)
			break;
	}
	buf_printf(p, "%.*s", (int)n, base);
}

static bool taken(const run *r, const char *path)
{
	for (size_t i = 0; i < r->ntaken; i++)
		if (strcmp(r->taken[i], path) == 0)
			return true;
	return false;
}

/* Whether writing path would write over one of the inputs (the same file, by device and
 * inode: "winnow -o DIR DIR/page.txt"). */
static bool is_input(const run *r, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	for (size_t i = 0; i < r->nin; i++)
		if (r->in_dev[i] == st.st_dev && r->in_ino[i] == st.st_ino)
			return true;
	return false;
}

/* DIR/NAME.EXT, made unique within the run (NAME-2.EXT …, with a warning) and never an input. */
static int out_path(run *r, const char *input, const char *ext, buf *p, err *e)
{
	buf name;
	buf_init(&name, 0);
	base_name(r, input, &name);
	unsigned k = 1;
	for (;; k++) {
		buf_reset(p);
		buf_printf(p, "%s/%s", r->o->output_dir, name.data);
		if (k > 1)
			buf_printf(p, "-%u", k);
		buf_printf(p, ".%s", ext);
		if (!taken(r, p->data) && !is_input(r, p->data))
			break;
		if (k == MAX_SUFFIX) {
			buf_free(&name);
			return err_set(e, ERR_IO, "no free name for %s in %s", ext, r->o->output_dir);
		}
	}
	if (k > 1 && !r->o->quiet)
		fprintf(stderr, "winnow: %s: %s/%s.%s is taken; writing %s\n",
			strcmp(input, "-") ? input : "standard input", r->o->output_dir, name.data,
			ext, p->data);
	buf_free(&name);
	r->taken = xrealloc(r->taken, (r->ntaken + 1) * sizeof *r->taken);
	r->taken[r->ntaken++] = xstrdup(p->data);
	/* --keep-tree: the folders under DIR. */
	for (char *s = p->data + strlen(r->o->output_dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		int made = mkdir(p->data, 0777);
		*s = '/';
		if (made != 0 && errno != EEXIST)
			return err_set(e, ERR_IO, "%.*s: %s", (int)(s - p->data), p->data,
				       strerror(errno));
	}
	return 0;
}

/* What one input is asked for: the formats, or the explanation of the blocks. */
static unsigned products(const run *r)
{
	const opts *o = r->o;
	if (o->explain)
		return 1u << (o->explain == OPTS_EXPLAIN_TSV    ? WINNOW_EXPLAIN_TSV
			      : o->explain == OPTS_EXPLAIN_HTML ? WINNOW_EXPLAIN_HTML
								: WINNOW_EXPLAIN);
	unsigned p = o->formats;
	if (r->jsonl && !o->output_dir && (p & (1u << WINNOW_JSON)))
		p = (p & ~(1u << WINNOW_JSON)) | 1u << WINNOW_JSONL;
	return p;
}

/* Reads a file or standard input, or fetches a URL, and cleans it. */
static int clean(const run *r, const char *input, winnow_result **out, err *e)
{
	const opts *o = r->o;
	winnow_input in = { .name = input, .seen = time(NULL) };
	winnow_request rq = cmd_request(o, products(r));
	if (cmd_is_url(input)) {
		if (fetch_check_url(input, e) < 0)
			return -1;
		fetch_limits l = cmd_fetch_limits(o);
		fetch_result *res = fetch_one(&l, input);
		int status = -1;
		if (res->e.code) {
			*e = res->e;
		} else {
			in.bytes = res->body.data;
			in.n = res->body.len;
			in.url = res->final_url;
			in.asked_url = res->url;
			in.charset = res->charset;
			status = winnow_clean(r->w, &in, &rq, out, e);
		}
		fetch_result_free(res);
		return status;
	}
	buf bytes;
	buf_init(&bytes, 0);
	if (strcmp(input, "-") == 0)
		in.name = "standard input";
	int rc = source_read(input, o->max_size, &bytes, e);
	if (!rc) {
		in.bytes = bytes.data;
		in.n = bytes.len;
		in.url = o->url;
		in.charset = o->charset;
		rc = winnow_clean(r->w, &in, &rq, out, e);
	}
	buf_free(&bytes);
	return rc;
}

/* Several articles on standard output: a form feed line between texts (and Markdown and
 * explanations), as pagers and splitters know it; JSON Lines and mbox frame themselves. */
static int separate(run *r, int p)
{
	if (r->written++ == 0 || p == WINNOW_JSON || p == WINNOW_JSONL || p == WINNOW_MAIL ||
	    p == WINNOW_EXPLAIN_TSV)
		return 0;
	return fputs("\f\n", stdout) == EOF ? -1 : 0;
}

static const char *extension(int p)
{
	switch (p) {
	case WINNOW_EXPLAIN: return "explain.txt";
	case WINNOW_EXPLAIN_HTML: return "explain.html";
	case WINNOW_EXPLAIN_TSV: return "explain.tsv";
	default: return winnow_format_ext(p);
	}
}

/* One input: clean it, write every product asked for. */
static int one(run *r, const char *input, err *e)
{
	const opts *o = r->o;
	buf path;
	buf_init(&path, 0);
	winnow_result *res = NULL;
	int rc = clean(r, input, &res, e);
	if (!rc) {
		const char *const *notes;
		size_t n = winnow_result_notes(res, &notes);
		for (size_t i = 0; o->verbose && i < n; i++)
			fprintf(stderr, "winnow: %s: %s\n",
				strcmp(input, "-") ? input : "standard input", notes[i]);
		if (!o->explain && !winnow_result_kept(res))
			rc = err_set(e, ERR_NOARTICLE, "no article found");
	}
	for (int p = 0; p < WINNOW_PRODUCTS && !rc; p++) {
		size_t len;
		const char *out = winnow_result_get(res, (enum winnow_product)p, &len);
		if (!out)
			continue;
		if (o->output_dir) {
			rc = out_path(r, input, extension(p), &path, e);
			if (!rc)
				rc = deliver_file(path.data, out, len, e);
		} else if (separate(r, p) < 0) {
			rc = err_set(e, ERR_IO, "standard output: %s", strerror(errno));
		} else {
			rc = deliver_put(r->stream, "", out, len, e);
		}
	}
	winnow_result_free(res);
	buf_free(&path);
	return rc;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The inputs that are files, so that -o never writes over one. */
static void note_inputs(run *r, char *const *inputs, size_t n)
{
	r->in_dev = xcalloc(n + 1, sizeof *r->in_dev);
	r->in_ino = xcalloc(n + 1, sizeof *r->in_ino);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (!cmd_is_url(inputs[i]) && strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0) {
			r->in_dev[r->nin] = st.st_dev;
			r->in_ino[r->nin++] = st.st_ino;
		}
	}
}

static int usage(const char *msg)
{
	fprintf(stderr, "winnow: %s\n", msg);
	return ERR_USAGE;
}

static int clean_all(opts *o)
{
	err e = { 0 };
	run r = { .o = o };
	if (!o->formats)
		o->formats = 1u << WINNOW_TEXT;
	if (!o->output_dir && (o->formats & (o->formats - 1)))
		return usage("several formats need --output-dir");
	if (o->url && o->ninputs > 1)
		return usage("--url names the address of one page: give one FILE with it");
	if (o->keep_tree && !o->output_dir)
		return usage("--keep-tree is for --output-dir");
	if (o->output_dir && mkdir(o->output_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "winnow: %s: %s\n", o->output_dir, strerror(errno));
		return ERR_IO;
	}
	if (cmd_winnow(o, &r.w, &e) < 0) {
		cmd_error(NULL, &e);
		return e.code;
	}
	/* --url with no file fetches it; no input at all reads standard input. */
	char *const stdin_only[] = { "-" }, *const url_only[] = { o->url };
	char *const *inputs = o->ninputs ? o->inputs : o->url ? url_only : stdin_only;
	size_t n = o->ninputs ? o->ninputs : 1, failed = 0;
	r.jsonl = n > 1;
	note_inputs(&r, inputs, n);
	/* Several mail messages on standard output are an mbox stream, so they can be split. */
	deliver_open(DELIVER_STREAM, NULL, stdout, o->formats == 1u << WINNOW_MAIL && n > 1,
		     &r.stream, &e);
	bool progress = o->output_dir && isatty(2) && !o->quiet;
	double start = now(), shown = 0;
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		err_clear(&e);
		if (one(&r, inputs[i], &e) < 0) {
			if (!o->quiet)
				cmd_error(strcmp(inputs[i], "-") == 0 ? "standard input" : inputs[i], &e);
			failed++;
			if (!status)
				status = e.code;   /* the first failure wins */
			if (e.code == ERR_IO && !o->output_dir)
				break;   /* standard output is gone: nothing more can be written */
		}
		double t = now();
		if (progress && (t - shown > 0.1 || i + 1 == n)) {
			shown = t;
			fprintf(stderr, "\r\033[K%zu/%zu pages, %.1f/s, %zu failed%s", i + 1, n,
				(double)(i + 1) / (t - start > 1e-6 ? t - start : 1e-6), failed,
				i + 1 == n ? "\n" : "");
			cmd_progress_shown = i + 1 < n;
		}
	}
	for (size_t i = 0; i < r.ntaken; i++)
		free(r.taken[i]);
	free(r.taken);
	free(r.in_dev);
	free(r.in_ino);
	deliver_close(r.stream);
	winnow_free(r.w);
	return status;
}

int cmd_clean(int argc, char **argv)
{
	opts o;
	int status;
	if (cmd_options(&o, OPTS_CLEAN, argc, argv, &status) > 0)
		status = clean_all(&o);
	opts_free(&o);
	return status;
}
