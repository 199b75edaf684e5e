/* cmd_clean.c — winnow [FILE|URL]...: each input read (or fetched), cleaned and written in
 * every requested format, to standard output or one file per format in -o DIR. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "deliver.h"
#include "doc.h"
#include "emit.h"
#include "err.h"
#include "fetch.h"
#include "opts.h"
#include "source.h"
#include "winnow.h"

/* DIR/NAME.EXT where NAME is the input's file name less its extension (and less .gz), or
 * for a URL its host and path. */
static void out_path(buf *p, const char *dir, const char *input, const char *ext)
{
	buf_reset(p);
	buf_printf(p, "%s/", dir);
	if (cmd_is_url(input)) {
		cmd_url_name(input, p);
		buf_printf(p, ".%s", ext);
		return;
	}
	const char *base = strcmp(input, "-") == 0 ? "stdin" : input;
	const char *slash = strrchr(base, '/');
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
		bool gz = strncmp(dot, ".gz", (size_t)(base + n - dot)) == 0 && base + n - dot == 3;
		n = (size_t)(dot - base);
		if (!gz)
			break;
	}
	buf_printf(p, "%.*s.%s", (int)n, base, ext);
}

/* Reads a file or standard input, or fetches a URL, and cleans it. */
static int clean(winnow *w, const opts *o, const char *input, doc **d, err *e)
{
	winnow_input in = { .name = input, .seen = time(NULL) };
	if (cmd_is_url(input)) {
		if (fetch_check_url(input, e) < 0)
			return -1;
		fetch_limits l = cmd_fetch_limits(o);
		fetch_result *r = fetch_one(&l, input);
		int status = -1;
		if (r->e.code) {
			*e = r->e;
		} else {
			in.bytes = r->body.data;
			in.n = r->body.len;
			in.url = r->final_url;
			in.asked_url = r->url;
			in.charset = r->charset;
			status = winnow_clean(w, &in, d, e);
		}
		fetch_result_free(r);
		return status;
	}
	buf bytes;
	buf_init(&bytes, 0);
	if (strcmp(input, "-") == 0)
		in.name = "standard input";
	int r = source_read(input, o->max_size, &bytes, e);
	if (!r) {
		in.bytes = bytes.data;
		in.n = bytes.len;
		in.url = o->url;
		in.charset = o->charset;
		r = winnow_clean(w, &in, d, e);
	}
	buf_free(&bytes);
	return r;
}

static int render(const opts *o, const doc *d, int f, buf *out)
{
	if (o->explain == OPTS_EXPLAIN_TSV)
		return emit_explain_tsv(d, out);
	if (o->explain == OPTS_EXPLAIN_HTML)
		return emit_explain_html(d, out);
	if (o->explain)
		return emit_explain(d, out);
	return emit(f, d, out);
}

/* One input: clean it, write every requested format. */
static int one(winnow *w, const opts *o, const char *input, deliver *stream, err *e)
{
	buf out, path;
	buf_init(&out, 0);
	buf_init(&path, 0);
	doc *d = NULL;
	int r = clean(w, o, input, &d, e);
	if (!r) {
		for (size_t i = 0; i < d->nnotes; i++)
			fprintf(stderr, "winnow: %s: %s\n", d->name, d->notes[i]);
		if (!o->explain && !doc_kept(d))
			r = err_set(e, ERR_NOARTICLE, "no article found");
	}
	static const char *const explain_ext[] = { "", "explain.txt", "explain.html",
						   "explain.tsv" };
	for (int f = 0; f < EMIT_COUNT && !r; f++) {
		if (!o->explain && !(o->formats & (1u << f)))
			continue;
		buf_reset(&out);
		render(o, d, f, &out);
		if (o->output_dir) {
			out_path(&path, o->output_dir, input,
				 o->explain ? explain_ext[o->explain] : emit_format_ext(f));
			r = deliver_file(path.data, out.data, out.len, e);
		} else {
			r = deliver_put(stream, "", out.data, out.len, e);
		}
		if (o->explain)
			break;
	}
	doc_free(d);
	buf_free(&out);
	buf_free(&path);
	return r;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run(opts *o)
{
	err e = { 0 };
	if (!o->formats)
		o->formats = 1u << EMIT_TEXT;
	if (!o->output_dir && (o->formats & (o->formats - 1))) {
		fprintf(stderr, "winnow: several formats need --output-dir\n");
		return ERR_USAGE;
	}
	if (o->output_dir && mkdir(o->output_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "winnow: %s: %s\n", o->output_dir, strerror(errno));
		return ERR_IO;
	}
	winnow *w;
	if (winnow_new(o, &w, &e) < 0) {
		cmd_error(NULL, &e);
		return e.code;
	}
	/* --url with no file fetches it; no input at all reads standard input. */
	char *const stdin_only[] = { "-" }, *const url_only[] = { o->url };
	char *const *inputs = o->ninputs ? o->inputs : o->url ? url_only : stdin_only;
	size_t n = o->ninputs ? o->ninputs : 1, failed = 0;
	/* Several mail messages on standard output are an mbox stream, so they can be split. */
	deliver *stream;
	deliver_open(DELIVER_STREAM, NULL, stdout, o->formats == 1u << EMIT_MAIL && n > 1, &stream,
		     &e);
	bool progress = o->output_dir && isatty(2);
	double start = now(), shown = 0;
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		err_clear(&e);
		if (one(w, o, inputs[i], stream, &e) < 0) {
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
	deliver_close(stream);
	winnow_free(w);
	return status;
}

int cmd_clean(int argc, char **argv)
{
	opts o;
	int status;
	if (cmd_options(&o, OPTS_CLEAN, argc, argv, &status) > 0)
		status = run(&o);
	opts_free(&o);
	return status;
}
