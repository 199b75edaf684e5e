/* opts.c — one sorted table of options serves the command line, the environment and config
 * files, so a flag, a WINNOW_* variable and a config line can never disagree. */
#include "opts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "emit.h"
#include "err.h"
#include "screen.h"

enum arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };
enum where { IN_ARGV = 1, IN_ENV = 2, IN_CONF = 4, EVERYWHERE = 7 };

struct opt {
	const char *name;       /* --name, the config key, and WINNOW_NAME in the environment */
	char letter;
	enum arg arg;
	unsigned where;
	int (*set)(opts *o, const char *value, const char *where, err *e);
	const char *metavar, *help;
};

static void replace(char **slot, const char *v)
{
	free(*slot);
	*slot = v ? xstrdup(v) : NULL;
}

static int set_format(opts *o, const char *v, const char *w, err *e)
{
	unsigned formats = 0;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%s", v);
	for (char *save, *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int f = emit_format_parse(tok);
		if (f < 0)
			return err_set(e, ERR_USAGE, "%sunknown format \"%s\" (text, markdown, json, html)",
				       w, tok);
		formats |= 1u << f;
	}
	if (!formats)
		return err_set(e, ERR_USAGE, "%s--format needs a value", w);
	o->formats = formats;
	return 0;
}

static int set_url(opts *o, const char *v, const char *w, err *e)
{
	(void)w, (void)e;
	replace(&o->url, v);
	return 0;
}

static int set_output_dir(opts *o, const char *v, const char *w, err *e)
{
	(void)w, (void)e;
	replace(&o->output_dir, v);
	return 0;
}

static int set_conf_dir(opts *o, const char *v, const char *w, err *e)
{
	(void)w, (void)e;
	replace(&o->conf_dir, v);
	return 0;
}

static int set_config(opts *o, const char *v, const char *w, err *e)
{
	(void)w, (void)e;
	replace(&o->config, v);
	return 0;
}

static int set_explain(opts *o, const char *v, const char *w, err *e)
{
	if (!v || strcmp(v, "text") == 0 || strcmp(v, "yes") == 0)
		o->explain = OPTS_EXPLAIN_TEXT;
	else if (strcmp(v, "html") == 0)
		o->explain = OPTS_EXPLAIN_HTML;
	else if (strcmp(v, "tsv") == 0)
		o->explain = OPTS_EXPLAIN_TSV;
	else if (strcmp(v, "no") == 0)
		o->explain = 0;
	else
		return err_set(e, ERR_USAGE, "%sunknown --explain kind \"%s\" (text, html, tsv)", w, v);
	return 0;
}

/* "32M", "512k", "1G" or plain bytes. */
static int parse_size(const char *v, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 10);
	if (end == v || errno || *v == '-')
		return -1;
	unsigned shift = 0;
	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10, end++; break;
	case 'M': shift = 20, end++; break;
	case 'G': shift = 30, end++; break;
	}
	if (toupper((unsigned char)*end) == 'B' || toupper((unsigned char)*end) == 'I')
		end++;
	if (*end || n == 0 || n > (~0ULL >> 1) >> shift)
		return -1;
	*out = (size_t)(n << shift);
	return 0;
}

static int set_max_size(opts *o, const char *v, const char *w, err *e)
{
	if (parse_size(v, &o->max_size) < 0)
		return err_set(e, ERR_USAGE, "%sbad size \"%s\" (bytes, or with K, M, G)", w, v);
	return 0;
}

static int count(const char *v, unsigned *out, const char *w, const char *what, err *e)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (end == v || *end || errno || n == 0 || n > 100000000 || *v == '-')
		return err_set(e, ERR_USAGE, "%sbad %s \"%s\" (a positive number)", w, what, v);
	*out = (unsigned)n;
	return 0;
}

static int set_max_depth(opts *o, const char *v, const char *w, err *e)
{
	return count(v, &o->max_depth, w, "depth", e);
}

static int set_max_attrs(opts *o, const char *v, const char *w, err *e)
{
	return count(v, &o->max_attrs, w, "attribute count", e);
}

static int set_max_elements(opts *o, const char *v, const char *w, err *e)
{
	return count(v, &o->max_elements, w, "element count", e);
}

static int set_help(opts *o, const char *v, const char *w, err *e)
{
	(void)v, (void)w, (void)e;
	o->help = true;
	return 0;
}

static int set_version(opts *o, const char *v, const char *w, err *e)
{
	(void)v, (void)w, (void)e;
	o->version = true;
	return 0;
}

/* Sorted by name. */
static const struct opt table[] = {
	{ "conf-dir", 0, ARG_REQUIRED, IN_ARGV | IN_ENV, set_conf_dir, "DIR",
	  "look for conf files (word lists, weights) in DIR first" },
	{ "config", 'c', ARG_REQUIRED, IN_ARGV | IN_ENV, set_config, "FILE",
	  "read settings from FILE instead of ~/.config/winnow/winnow.conf" },
	{ "explain", 0, ARG_OPTIONAL, EVERYWHERE, set_explain, "KIND",
	  "print every block with its label, numbers and rule instead of the article;\n"
	  "                               KIND text (default), html (a page to open in a\n"
	  "                               browser) or tsv (the model's features, for scripts)" },
	{ "format", 'f', ARG_REQUIRED, EVERYWHERE, set_format, "FMT",
	  "text (default), markdown, json or html; with -o, several joined by commas" },
	{ "help", 'h', ARG_NONE, IN_ARGV, set_help, NULL, "show this help and exit" },
	{ "max-attrs", 0, ARG_REQUIRED, EVERYWHERE, set_max_attrs, "N",
	  "keep at most N attributes per element (default 256)" },
	{ "max-depth", 0, ARG_REQUIRED, EVERYWHERE, set_max_depth, "N",
	  "nest elements at most N deep; deeper ones become siblings (default 256)" },
	{ "max-elements", 0, ARG_REQUIRED, EVERYWHERE, set_max_elements, "N",
	  "parse at most N elements; text after them is kept (default 200000)" },
	{ "max-size", 0, ARG_REQUIRED, EVERYWHERE, set_max_size, "SIZE",
	  "refuse inputs larger than SIZE, also once inflated (default 32M)" },
	{ "output-dir", 'o', ARG_REQUIRED, EVERYWHERE, set_output_dir, "DIR",
	  "write DIR/NAME.txt (.md, .json, .html) for each input NAME.*" },
	{ "url", 0, ARG_REQUIRED, IN_ARGV, set_url, "URL",
	  "the address the page was saved from (links, attribution)" },
	{ "version", 'V', ARG_NONE, IN_ARGV, set_version, NULL, "show the version and exit" },
};
enum { NOPTS = sizeof table / sizeof *table };

void opts_init(opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_size = OPTS_MAX_SIZE_DEFAULT;
	o->max_depth = SCREEN_MAX_DEPTH;
	o->max_attrs = SCREEN_MAX_ATTRS;
	o->max_elements = SCREEN_MAX_ELEMENTS;
}

void opts_free(opts *o)
{
	free(o->url);
	free(o->output_dir);
	free(o->conf_dir);
	free(o->config);
	for (size_t i = 0; i < o->ninputs; i++)
		free(o->inputs[i]);
	free(o->inputs);
	memset(o, 0, sizeof *o);
}

static const struct opt *by_name(const char *name, size_t n)
{
	for (int i = 0; i < NOPTS; i++)
		if (strlen(table[i].name) == n && strncmp(table[i].name, name, n) == 0)
			return &table[i];
	return NULL;
}

int opts_conf_text(opts *o, const char *text, size_t len, const char *file, err *e)
{
	int line = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		char l[1024];
		size_t k = (size_t)(eol - p);
		line++;
		if (k >= sizeof l)
			return err_set(e, ERR_CONFIG, "%s:%d: line too long", file, line);
		memcpy(l, p, k);
		l[k] = '\0';
		p = nl ? nl + 1 : end;
		/* name = value, or name value; # comments; blanks trimmed */
		char *s = l;
		while (isspace((unsigned char)*s))
			s++;
		if (!*s || *s == '#')
			continue;
		char *t = s + strlen(s);
		while (t > s && isspace((unsigned char)t[-1]))
			*--t = '\0';
		char *name_end = s;
		while (*name_end && !isspace((unsigned char)*name_end) && *name_end != '=')
			name_end++;
		char *v = name_end;
		while (isspace((unsigned char)*v))
			v++;
		if (*v == '=')
			v++;
		while (isspace((unsigned char)*v))
			v++;
		const struct opt *op = by_name(s, (size_t)(name_end - s));
		char where[600];
		snprintf(where, sizeof where, "%s:%d: ", file, line);
		if (!op || !(op->where & IN_CONF))
			return err_set(e, ERR_CONFIG, "%sunknown setting \"%.*s\"", where,
				       (int)(name_end - s), s);
		if (op->arg == ARG_REQUIRED && !*v)
			return err_set(e, ERR_CONFIG, "%s%s needs a value", where, op->name);
		if (op->set(o, *v ? v : NULL, where, e) < 0) {
			e->code = ERR_CONFIG;
			return -1;
		}
	}
	return 0;
}

int opts_env(opts *o, err *e)
{
	for (int i = 0; i < NOPTS; i++) {
		if (!(table[i].where & IN_ENV))
			continue;
		char var[64] = "WINNOW_";
		size_t k = strlen(var);
		for (const char *p = table[i].name; *p && k < sizeof var - 1; p++)
			var[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
		var[k] = '\0';
		const char *v = getenv(var);
		if (!v || !*v)
			continue;
		char where[80];
		snprintf(where, sizeof where, "%s: ", var);
		if (table[i].set(o, v, where, e) < 0) {
			e->code = ERR_CONFIG;
			return -1;
		}
	}
	return 0;
}

static void add_input(opts *o, const char *name)
{
	o->inputs = xrealloc(o->inputs, (o->ninputs + 1) * sizeof *o->inputs);
	o->inputs[o->ninputs++] = xstrdup(name);
}

int opts_argv(opts *o, int argc, char **argv, err *e)
{
	bool no_more = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (no_more || a[0] != '-' || strcmp(a, "-") == 0) {
			add_input(o, a);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			no_more = true;
			continue;
		}
		const struct opt *op = NULL;
		const char *value = NULL;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			op = by_name(a + 2, n);
			if (!op || !(op->where & IN_ARGV))
				return err_set(e, ERR_USAGE, "unknown option %s (see winnow --help)", a);
			if (eq) {
				if (op->arg == ARG_NONE)
					return err_set(e, ERR_USAGE, "--%s takes no value", op->name);
				value = eq + 1;
			} else if (op->arg == ARG_REQUIRED) {
				if (i + 1 >= argc)
					return err_set(e, ERR_USAGE, "--%s needs a value", op->name);
				value = argv[++i];
			}
		} else {
			/* A cluster of short options: -hV, or -fjson / -f json. */
			for (const char *p = a + 1; *p; p++) {
				op = NULL;
				for (int k = 0; k < NOPTS; k++)
					if (table[k].letter == *p)
						op = &table[k];
				if (!op)
					return err_set(e, ERR_USAGE, "unknown option -%c (see winnow --help)", *p);
				if (op->arg == ARG_NONE) {
					if (op->set(o, NULL, "", e) < 0)
						return -1;
					continue;
				}
				if (p[1])
					value = p + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return err_set(e, ERR_USAGE, "-%c needs a value", *p);
				break;
			}
			if (!op || op->arg == ARG_NONE)
				continue;
		}
		if (op->set(o, value, "", e) < 0)
			return -1;
	}
	return 0;
}

static int conf_file(opts *o, const char *path, err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, ERR_CONFIG, "%s: %s", path, strerror(errno));
	}
	buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	int r = 0;
	while (!r && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&b, chunk, n) < 0)
			r = err_set(e, ERR_CONFIG, "%s: larger than 1 MiB", path);
	fclose(f);
	if (!r)
		r = opts_conf_text(o, b.data ? b.data : "", b.len, path, e);
	buf_free(&b);
	return r;
}

int opts_load(opts *o, int argc, char **argv, const char *system_conf, const char *user_conf,
	      err *e)
{
	/* --config and WINNOW_CONFIG pick the user layer, so look for them before reading it. */
	opts pre;
	opts_init(&pre);
	if (opts_env(&pre, e) < 0 || opts_argv(&pre, argc, argv, e) < 0) {
		opts_free(&pre);
		return -1;
	}
	if (pre.config)
		user_conf = pre.config;
	int r = 0;
	if (system_conf && !r)
		r = conf_file(o, system_conf, e);
	if (user_conf && !r) {
		if (pre.config && access(pre.config, R_OK) != 0)
			r = err_set(e, ERR_CONFIG, "%s: %s", pre.config, strerror(errno));
		else
			r = conf_file(o, user_conf, e);
	}
	opts_free(&pre);
	if (!r)
		r = opts_env(o, e);
	if (!r)
		r = opts_argv(o, argc, argv, e);
	return r;
}

int opts_help(buf *out)
{
	int r = buf_adds(out,
			 "Usage: winnow [OPTIONS] [FILE|-]...\n"
			 "Keep the article of a web page (HTML in any charset, gzip'ed HTML, or a page\n"
			 "saved as text) and its attribution; drop spam headers, trending lists,\n"
			 "navigation, share widgets, disclaimers and footers.  Reads standard input\n"
			 "when no FILE is given.\n\nOptions:\n");
	for (int i = 0; i < NOPTS; i++) {
		const struct opt *op = &table[i];
		char left[64];
		int k = op->letter ? snprintf(left, sizeof left, "-%c, --%s", op->letter, op->name)
				   : snprintf(left, sizeof left, "    --%s", op->name);
		if (op->arg == ARG_OPTIONAL)
			snprintf(left + k, sizeof left - (size_t)k, "[=%s]", op->metavar);
		else if (op->arg == ARG_REQUIRED)
			snprintf(left + k, sizeof left - (size_t)k, " %s", op->metavar);
		r |= buf_printf(out, "  %-28s %s\n", left, op->help);
	}
	r |= buf_adds(out,
		      "\nSettings also come from " WINNOW_SYSCONFDIR "/winnow.conf, then\n"
		      "~/.config/winnow/winnow.conf (lines \"name = value\"), then WINNOW_NAME\n"
		      "variables (WINNOW_FORMAT=json), then the command line.\n"
		      "\nExit status: 0 article written, 1 no article found, 64 usage error,\n"
		      "65 input is not a page or cannot be decoded, 66 input cannot be opened,\n"
		      "70 internal error, 74 output error, 78 configuration error.\n"
		      "See winnow(1).\n");
	return r ? -1 : 0;
}
