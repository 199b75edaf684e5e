/* main.c — the winnow command: reads the options, cleans each input, writes each article. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "err.h"
#include "opts.h"
#include "source.h"
#include "winnow.h"

/* The user's config file: $XDG_CONFIG_HOME/winnow/winnow.conf or ~/.config/winnow/winnow.conf. */
static char *user_conf(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	buf b;
	buf_init(&b, 0);
	if (xdg && *xdg)
		buf_printf(&b, "%s/winnow/winnow.conf", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.config/winnow/winnow.conf", home);
	return b.len ? buf_steal(&b) : NULL;
}

/* DIR/NAME.EXT where NAME is the input's file name less its extension (and less .gz). */
static void out_path(buf *p, const char *dir, const char *input, const char *ext)
{
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
	buf_reset(p);
	buf_printf(p, "%s/%.*s.%s", dir, (int)n, base, ext);
}

/* Writes data to path through a temporary file and a rename, so a reader never sees half. */
static int write_file(const char *path, const buf *data, err *e)
{
	buf tmp;
	buf_init(&tmp, 0);
	buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp.data, "wb");
	int r = 0;
	if (!f)
		r = err_set(e, ERR_IO, "%s: %s", tmp.data, strerror(errno));
	else {
		size_t w = data->len ? fwrite(data->data, 1, data->len, f) : 0;
		if (w != data->len || fclose(f) != 0)
			r = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
		else if (rename(tmp.data, path) != 0)
			r = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
		if (r)
			unlink(tmp.data);
	}
	buf_free(&tmp);
	return r;
}

static int write_stdout(const buf *data, err *e)
{
	if ((data->len && fwrite(data->data, 1, data->len, stdout) != data->len) || fflush(stdout) != 0)
		return err_set(e, ERR_IO, "standard output: %s", strerror(errno));
	return 0;
}

/* One input: read, clean, write every requested format. */
static int one(winnow *w, const opts *o, const char *input, err *e)
{
	buf in, out, path;
	buf_init(&in, 0);
	buf_init(&out, 0);
	buf_init(&path, 0);
	doc *d = NULL;
	const char *name = strcmp(input, "-") == 0 ? "standard input" : input;
	int r = source_read(input, o->max_size, &in, e);
	if (!r)
		r = winnow_clean(w, in.data ? in.data : "", in.len, name, o->url, &d, e);
	if (!r) {
		for (size_t i = 0; i < d->nnotes; i++)
			fprintf(stderr, "winnow: %s: %s\n", name, d->notes[i]);
		if (!o->explain && !doc_kept(d))
			r = err_set(e, ERR_NOARTICLE, "no article found");
	}
	for (int f = 0; f < EMIT_COUNT && !r; f++) {
		bool explain = o->explain && f == 0;
		if (!explain && !(o->formats & (1u << f)))
			continue;
		buf_reset(&out);
		static const char *const explain_ext[] = { "", "explain.txt", "explain.html",
							   "explain.tsv" };
		if (o->explain == OPTS_EXPLAIN_TSV)
			emit_explain_tsv(d, &out);
		else if (o->explain == OPTS_EXPLAIN_HTML)
			emit_explain_html(d, &out);
		else if (explain)
			emit_explain(d, &out);
		else
			emit(f, d, &out);
		if (o->output_dir) {
			out_path(&path, o->output_dir, input,
				 explain ? explain_ext[o->explain] : emit_format_ext(f));
			r = write_file(path.data, &out, e);
		} else {
			r = write_stdout(&out, e);
		}
		if (explain)
			break;
	}
	doc_free(d);
	buf_free(&in);
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

int main(int argc, char **argv)
{
	opts o;
	err e = { 0 };
	opts_init(&o);
	char *uc = user_conf();
	int r = opts_load(&o, argc, argv, WINNOW_SYSCONFDIR "/winnow.conf", uc, &e);
	free(uc);
	if (!r && !o.formats)
		o.formats = 1u << EMIT_TEXT;
	if (!r && !o.output_dir && (o.formats & (o.formats - 1)))
		r = err_set(&e, ERR_USAGE, "several formats need --output-dir");
	if (r) {
		fprintf(stderr, "winnow: %s\n", e.msg);
		opts_free(&o);
		return e.code;
	}
	if (o.help || o.version) {
		buf b;
		buf_init(&b, 0);
		if (o.help)
			opts_help(&b);
		else
			buf_adds(&b, "winnow " WINNOW_VERSION "\n");
		r = write_stdout(&b, &e);
		buf_free(&b);
		opts_free(&o);
		if (r)
			fprintf(stderr, "winnow: %s\n", e.msg);
		return r ? ERR_IO : 0;
	}
	if (o.output_dir && mkdir(o.output_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "winnow: %s: %s\n", o.output_dir, strerror(errno));
		opts_free(&o);
		return ERR_IO;
	}
	winnow *w;
	if (winnow_new(&o, &w, &e) < 0) {
		fprintf(stderr, "winnow: %s\n", e.msg);
		opts_free(&o);
		return e.code;
	}

	static char *const stdin_only[] = { "-" };
	char *const *inputs = o.ninputs ? o.inputs : stdin_only;
	size_t n = o.ninputs ? o.ninputs : 1, failed = 0;
	bool progress = o.output_dir && isatty(2);
	double start = now(), shown = 0;
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		err_clear(&e);
		if (one(w, &o, inputs[i], &e) < 0) {
			const char *name = strcmp(inputs[i], "-") == 0 ? "standard input" : inputs[i];
			fprintf(stderr, "%swinnow: %s: %s\n", progress ? "\r\033[K" : "", name, e.msg);
			failed++;
			if (!status)
				status = e.code;   /* the first failure wins */
			if (e.code == ERR_IO && !o.output_dir)
				break;   /* standard output is gone: nothing more can be written */
		}
		double t = now();
		if (progress && (t - shown > 0.1 || i + 1 == n)) {
			shown = t;
			fprintf(stderr, "\r\033[K%zu/%zu pages, %.1f/s, %zu failed%s", i + 1, n,
				(double)(i + 1) / (t - start > 1e-6 ? t - start : 1e-6), failed,
				i + 1 == n ? "\n" : "");
		}
	}
	winnow_free(w);
	opts_free(&o);
	return status;
}
