/* opts.c — one sorted table of options serves the command line, the environment and config
 * files, so a flag, a WINNOW_* variable and a config line can never disagree. */
#include "opts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "decode.h"
#include "emit.h"
#include "err.h"
#include "screen.h"

enum arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };
enum where { IN_ARGV = 1, IN_ENV = 2, IN_CONF = 4, EVERYWHERE = 7 };
enum {
	ALL = OPTS_CLEAN | OPTS_FETCH | OPTS_MAIL | OPTS_FEED,
	PAGES = OPTS_CLEAN | OPTS_FETCH,
	FEEDS = OPTS_FETCH | OPTS_FEED,
};

/* How a value is stored: most options are a string, a flag or a number in a field of opts
 * (off); the rest have a function of their own. */
enum kind { K_STRING, K_FLAG, K_COUNT, K_SECONDS, K_SIZE, K_OWN };

struct opt {
	const char *name;       /* --name, the config key, and WINNOW_NAME in the environment */
	char letter;
	enum arg arg;
	unsigned where;
	unsigned commands;      /* enum opts_command bits */
	enum kind kind;
	size_t off;             /* the field, for every kind but K_OWN */
	int (*set)(opts *o, const char *value, const char *where, err *e);   /* K_OWN */
	const char *metavar, *help;
};

static int set_format(opts *o, const char *v, const char *w, err *e)
{
	unsigned formats = 0;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%s", v);
	for (char *save, *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int f = emit_format_parse(tok);
		if (f < 0)
			return err_set(e, ERR_USAGE,
				       "%sunknown format \"%s\" (text, markdown, json, jsonl, html, mail)", w,
				       tok);
		formats |= 1u << f;
	}
	if (!formats)
		return err_set(e, ERR_USAGE, "%s--format needs a value", w);
	o->formats = formats;
	o->formats_argv = !*w;   /* argv names no place: "" */
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

/* -o - and an empty value mean standard output: a config file's output-dir can be undone on
 * the command line. */
static int set_output_dir(opts *o, const char *v, const char *w, err *e)
{
	(void)w, (void)e;
	free(o->output_dir);
	o->output_dir = *v && strcmp(v, "-") != 0 ? xstrdup(v) : NULL;
	return 0;
}

static int set_charset(opts *o, const char *v, const char *w, err *e)
{
	free(o->charset);
	o->charset = NULL;
	if (!*v)
		return 0;   /* none: a mailcap entry's %{charset} of a part that names none */
	if (!decode_label(v, strlen(v)))
		return err_set(e, ERR_USAGE, "%sunknown charset \"%s\" (a WHATWG encoding label)", w,
			       v);
	o->charset = xstrdup(v);
	return 0;
}

#define F(field) offsetof(opts, field)

/* Sorted by name. */
static const struct opt table[] = {
	{ "body-only", 0, ARG_NONE, EVERYWHERE, PAGES, K_FLAG, F(body_only), NULL, NULL,
	  "text: the title and the paragraphs only, without the byline and the references" },
	{ "cacert", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_STRING, F(cacert), NULL, "FILE",
	  "trust the certificates in FILE instead of the system's" },
	{ "charset", 0, ARG_REQUIRED, IN_ARGV, OPTS_CLEAN, K_OWN, 0, set_charset, "LABEL",
	  "the charset files and standard input are in, as a server's Content-Type would say (it outranks <meta>)" },
	{ "conf-dir", 0, ARG_REQUIRED, IN_ARGV | IN_ENV, ALL, K_STRING, F(conf_dir), NULL, "DIR",
	  "look for conf files (word lists, weights) in DIR first" },
	{ "config", 'c', ARG_REQUIRED, IN_ARGV | IN_ENV, ALL, K_STRING, F(config), NULL, "FILE",
	  "read settings from FILE instead of ~/.config/winnow/winnow.conf" },
	{ "connect-timeout", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_SECONDS, F(connect_timeout), NULL,
	  "SECS", "give up connecting to a server after SECS (default 15)" },
	{ "drop-html", 0, ARG_NONE, EVERYWHERE, OPTS_MAIL, K_FLAG, F(drop_html), NULL, NULL,
	  "put the clean text in place of the HTML part instead of beside it" },
	{ "explain", 0, ARG_OPTIONAL, EVERYWHERE, OPTS_CLEAN, K_OWN, 0, set_explain, "KIND",
	  "print every block with its label, numbers and rule instead of the article; KIND text (default), html (a page to open in a browser) or tsv (the model's features, for scripts)" },
	{ "fail-open", 0, ARG_NONE, EVERYWHERE, OPTS_MAIL | OPTS_FEED, K_FLAG, F(fail_open), NULL, NULL,
	  "exit 0 after writing the original message (or feed) back when cleaning failed "
	  "(for recipes that must always deliver)" },
	{ "forget", 0, ARG_REQUIRED, IN_ARGV, OPTS_FETCH, K_STRING, F(forget), NULL, "URL",
	  "drop what the state remembers of URL, then exit" },
	{ "format", 'f', ARG_REQUIRED, EVERYWHERE, ALL, K_OWN, 0, set_format, "FMT",
	  "text (the default for pages), markdown, json, jsonl (JSON on one line), html, or mail (an RFC 5322 message, the default of fetch); with -o, several joined by commas" },
	{ "help", 'h', ARG_NONE, IN_ARGV, ALL, K_FLAG, F(help), NULL, NULL,
	  "show this help and exit" },
	{ "jobs", 'j', ARG_REQUIRED, EVERYWHERE, FEEDS, K_COUNT, F(jobs), NULL, "N",
	  "run N transfers at once, at most 2 per host (default 4)" },
	{ "json-html", 0, ARG_NONE, EVERYWHERE, PAGES, K_FLAG, F(json_html), NULL, NULL,
	  "put the clean article's HTML into the JSON too (\"html\")" },
	{ "keep-tree", 0, ARG_NONE, EVERYWHERE, OPTS_CLEAN, K_FLAG, F(keep_tree), NULL, NULL,
	  "with -o, mirror the inputs' paths under DIR instead of using their names alone" },
	{ "list", 0, ARG_NONE, IN_ARGV, OPTS_FETCH, K_FLAG, F(list), NULL, NULL,
	  "print what the state remembers of each URL, then exit" },
	{ "maildir", 0, ARG_REQUIRED, EVERYWHERE, OPTS_FETCH, K_STRING, F(maildir), NULL, "DIR",
	  "deliver each new article into the Maildir DIR" },
	{ "max-attrs", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_COUNT, F(max_attrs), NULL, "N",
	  "keep at most N attributes per element (default 256)" },
	{ "max-depth", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_COUNT, F(max_depth), NULL, "N",
	  "nest elements at most N deep; deeper ones become siblings (default 256)" },
	{ "max-elements", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_COUNT, F(max_elements), NULL, "N",
	  "parse at most N elements; text after them is kept (default 200000)" },
	{ "max-items", 0, ARG_REQUIRED, EVERYWHERE, FEEDS, K_COUNT, F(max_items), NULL, "N",
	  "look at the first N items of a feed only (default all)" },
	{ "max-size", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_SIZE, F(max_size), NULL, "SIZE",
	  "refuse inputs and pages larger than SIZE, also once inflated (default 32M)" },
	{ "mbox", 0, ARG_REQUIRED, EVERYWHERE, OPTS_FETCH, K_STRING, F(mbox), NULL, "FILE",
	  "append each new article to the mbox FILE (mboxrd, locked)" },
	{ "no-fetch", 0, ARG_NONE, EVERYWHERE, OPTS_MAIL, K_FLAG, F(no_fetch), NULL, NULL,
	  "leave a message whose body is an article's URL as it is" },
	{ "no-links", 0, ARG_NONE, EVERYWHERE, PAGES | OPTS_MAIL, K_FLAG, F(no_links), NULL, NULL,
	  "text: leave out the numbered references to the links" },
	{ "no-sandbox", 0, ARG_NONE, EVERYWHERE, ALL, K_FLAG, F(no_sandbox), NULL, NULL,
	  "clean pages in this process, not in a child confined by seccomp" },
	{ "output-dir", 'o', ARG_REQUIRED, EVERYWHERE, PAGES, K_OWN, 0, set_output_dir, "DIR",
	  "write DIR/NAME.txt (.md, .json, .html, .eml) for each input" },
	{ "quiet", 'q', ARG_NONE, IN_ARGV | IN_ENV, ALL, K_FLAG, F(quiet), NULL, NULL,
	  "say nothing on standard error, not even why an input failed: the exit status "
	  "only" },
	{ "redeliver-changed", 0, ARG_NONE, EVERYWHERE, OPTS_FETCH, K_FLAG, F(redeliver_changed),
	  NULL, NULL, "deliver an article again when its text has changed" },
	{ "state", 0, ARG_REQUIRED, EVERYWHERE, FEEDS, K_STRING, F(state), NULL, "FILE",
	  "remember what was fetched and delivered in FILE (default $XDG_STATE_HOME/winnow/state.db)" },
	{ "timeout", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_SECONDS, F(timeout), NULL, "SECS",
	  "give up a transfer after SECS in all (default 60)" },
	{ "url", 0, ARG_REQUIRED, IN_ARGV, OPTS_CLEAN, K_STRING, F(url), NULL, "URL",
	  "the address the page was saved from (links, attribution); with no FILE, fetch URL" },
	{ "urls", 0, ARG_REQUIRED, EVERYWHERE, OPTS_FETCH, K_STRING, F(urls), NULL, "FILE",
	  "read the URLs (one a line, # comments) from FILE, not standard input" },
	{ "user-agent", 0, ARG_REQUIRED, EVERYWHERE, ALL, K_STRING, F(user_agent), NULL, "STRING",
	  "send STRING as the User-Agent (default winnow/VERSION)" },
	{ "verbose", 'v', ARG_NONE, IN_ARGV | IN_ENV, ALL, K_FLAG, F(verbose), NULL, NULL,
	  "also report warnings and what was skipped" },
	{ "version", 'V', ARG_NONE, IN_ARGV, ALL, K_FLAG, F(version), NULL, NULL,
	  "show the version and exit" },
};
enum { NOPTS = sizeof table / sizeof *table };

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

/* A flag takes no value on the command line; a config line or a variable may say yes or no. */
static int parse_flag(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" }, *const no[] = { "no", "false",
										      "off", "0" };
	for (int i = 0; i < 4; i++) {
		if (!v || strcasecmp(v, yes[i]) == 0)
			return *out = true, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = false, 0;
	}
	return -1;
}

static int set(const struct opt *op, opts *o, const char *v, const char *w, err *e)
{
	void *field = (char *)o + op->off;
	switch (op->kind) {
	case K_STRING: {
		char **slot = field;
		free(*slot);
		*slot = xstrdup(v);
		return 0;
	}
	case K_FLAG:
		if (parse_flag(v, field) < 0)
			return err_set(e, ERR_USAGE, "%s%s is yes or no, not \"%s\"", w, op->name, v);
		return 0;
	case K_COUNT:
	case K_SECONDS: {
		char *end;
		errno = 0;
		unsigned long n = strtoul(v, &end, 10);
		if (end == v || *end || errno || n == 0 || n > 100000000 || *v == '-')
			return err_set(e, ERR_USAGE, "%sbad %s \"%s\" (a positive number%s)", w,
				       op->name, v, op->kind == K_SECONDS ? " of seconds" : "");
		*(unsigned *)field = (unsigned)n;
		return 0;
	}
	case K_SIZE:
		if (parse_size(v, field) < 0)
			return err_set(e, ERR_USAGE, "%sbad size \"%s\" (bytes, or with K, M, G)", w, v);
		return 0;
	case K_OWN:
		return op->set(o, v, w, e);
	}
	return 0;
}

void opts_init(opts *o)
{
	memset(o, 0, sizeof *o);
	o->command = OPTS_CLEAN;
	o->max_size = OPTS_MAX_SIZE_DEFAULT;
	o->max_depth = SCREEN_MAX_DEPTH;
	o->max_attrs = SCREEN_MAX_ATTRS;
	o->max_elements = SCREEN_MAX_ELEMENTS;
	o->timeout = OPTS_TIMEOUT_DEFAULT;
	o->connect_timeout = OPTS_CONNECT_TIMEOUT_DEFAULT;
	o->jobs = OPTS_JOBS_DEFAULT;
}

void opts_free(opts *o)
{
	for (int i = 0; i < NOPTS; i++)
		if (table[i].kind == K_STRING) {
			char **slot = (char **)((char *)o + table[i].off);
			free(*slot);
		}
	free(o->charset);
	free(o->output_dir);
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

static const char *command_name(unsigned c)
{
	return c & OPTS_CLEAN ? "winnow" : c & OPTS_FETCH ? "winnow fetch"
		: c & OPTS_MAIL ? "winnow mail" : "winnow feed";
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
		/* A comment may follow the value after white space: "jobs = 8   # the server copes" */
		for (char *c = v; *c; c++)
			if (*c == '#' && c > v && isspace((unsigned char)c[-1])) {
				*c = '\0';
				while (c > v && isspace((unsigned char)c[-1]))
					*--c = '\0';
				break;
			}
		const struct opt *op = by_name(s, (size_t)(name_end - s));
		char where[600];
		snprintf(where, sizeof where, "%s:%d: ", file, line);
		if (!op || !(op->where & IN_CONF))
			return err_set(e, ERR_CONFIG, "%sunknown setting \"%.*s\"", where,
				       (int)(name_end - s), s);
		if (op->arg == ARG_REQUIRED && !*v)
			return err_set(e, ERR_CONFIG, "%s%s needs a value", where, op->name);
		if (!(op->commands & o->command))
			continue;   /* another command's setting */
		if (set(op, o, *v ? v : NULL, where, e) < 0) {
			e->code = ERR_CONFIG;
			return -1;
		}
	}
	return 0;
}

int opts_env(opts *o, err *e)
{
	for (int i = 0; i < NOPTS; i++) {
		if (!(table[i].where & IN_ENV) || !(table[i].commands & o->command))
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
		if (set(&table[i], o, v, where, e) < 0) {
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

/* An option of argv: known, allowed there, and one of this command's. */
static int argv_opt(const opts *o, const struct opt *op, const char *a, err *e)
{
	if (!op || !(op->where & IN_ARGV))
		return err_set(e, ERR_USAGE, "unknown option %s (see %s --help)", a,
			       command_name(o->command));
	if (!(op->commands & o->command))
		return err_set(e, ERR_USAGE, "%s is an option of %s, not of %s", a,
			       command_name(op->commands), command_name(o->command));
	return 0;
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
			if (argv_opt(o, op, a, e) < 0)
				return -1;
			if (eq) {
				if (op->arg == ARG_NONE)
					return err_set(e, ERR_USAGE, "--%s takes no value", op->name);
				value = eq + 1;
			} else if (op->arg == ARG_REQUIRED) {
				if (i + 1 >= argc)
					return err_set(e, ERR_USAGE, "--%s needs a value", op->name);
				value = argv[++i];
			} else if (op->arg == ARG_OPTIONAL && i + 1 < argc && op->set == set_explain &&
				   (strcmp(argv[i + 1], "text") == 0 || strcmp(argv[i + 1], "html") == 0 ||
				    strcmp(argv[i + 1], "tsv") == 0)) {
				value = argv[++i];   /* "--explain html page.html" */
			}
		} else {
			/* A cluster of short options: -hV, or -fjson / -f json. */
			for (const char *p = a + 1; *p; p++) {
				op = NULL;
				for (int k = 0; k < NOPTS; k++)
					if (table[k].letter == *p)
						op = &table[k];
				char shown[3] = { '-', *p, '\0' };
				if (argv_opt(o, op, shown, e) < 0)
					return -1;
				if (op->arg == ARG_NONE) {
					if (set(op, o, NULL, "", e) < 0)
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
		if (set(op, o, value, "", e) < 0)
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
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return err_set(e, ERR_CONFIG, "%s: is a directory, not a config file", path);
	}
	buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	int r = 0;
	while (!r && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&b, chunk, n) < 0)
			r = err_set(e, ERR_CONFIG, "%s: larger than 1 MiB", path);
	if (!r && ferror(f))
		r = err_set(e, ERR_CONFIG, "%s: %s", path, strerror(errno));
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
	pre.command = o->command;
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

static const char *const usage[] = {
	[OPTS_CLEAN] =
		"Usage: winnow [OPTIONS] [FILE|URL|-]...\n"
		"       winnow fetch [OPTIONS]      (see winnow fetch --help)\n"
		"       winnow mail [OPTIONS] < MESSAGE, winnow feed [OPTIONS] < FEED\n"
		"Keep the article of a web page (HTML in any charset, gzip'ed HTML, or a page\n"
		"saved as text) and its attribution; drop spam headers, trending lists,\n"
		"navigation, share widgets, disclaimers and footers.  A URL (http or https) is\n"
		"fetched.  Reads standard input when no FILE is given.\n",
	[OPTS_FETCH] =
		"Usage: winnow fetch [OPTIONS] [--urls FILE]\n"
		"Fetch each URL of a list (one a line, # comments; standard input without\n"
		"--urls), clean it, and deliver each new article once: into a Maildir, an mbox,\n"
		"files in a directory (-o), or standard output as an mbox stream.  What was\n"
		"fetched and delivered is remembered in a state file, so a second run sends\n"
		"conditional requests and delivers nothing twice.  Made for cron: silent unless\n"
		"something failed.\n",
	[OPTS_MAIL] =
		"Usage: winnow mail [OPTIONS] < MESSAGE\n"
		"Read one mail message on standard input and write it back with the clean\n"
		"article: an HTML part (a newsletter) gets a clean text/plain alternative, a\n"
		"body that is little more than an article's URL becomes the article.  Every\n"
		"header is kept and X-Winnow says what was done.  It never loses mail: on any\n"
		"failure the original is written back byte for byte and the exit status is 75\n"
		"(0 with --fail-open); a message that needs no cleaning passes unchanged.\n",
	[OPTS_FEED] =
		"Usage: winnow feed [OPTIONS] < FEED      (or winnow-feed, for newsboat)\n"
		"Read an RSS 2.0, RSS 1.0 or Atom feed on standard input and write it back with\n"
		"each item's content replaced by the clean full text of the article its link\n"
		"points to (content:encoded, or Atom content); everything else stays.  An item\n"
		"whose article cannot be fetched or cleaned keeps what it had.  Articles cleaned\n"
		"once are kept in the state file and not fetched again.\n",
};

enum { HELP_INDENT = 31, HELP_WIDTH = 80 };

/* text from column indent to width, broken at spaces, each further line indented. */
static int wrap(buf *out, const char *text, int indent, int width)
{
	int r = 0, col = indent;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " ");
		if (col > indent && col + 1 + (int)n > width) {
			r |= buf_printf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			r |= buf_addc(out, ' ');
			col++;
		}
		r |= buf_add(out, p, n);
		col += (int)n;
		p += n;
		p += strspn(p, " ");
	}
	return r | buf_addc(out, '\n');
}

int opts_help(buf *out, enum opts_command c)
{
	int r = buf_printf(out, "%s\nOptions:\n", usage[c]);
	for (int i = 0; i < NOPTS; i++) {
		const struct opt *op = &table[i];
		if (!(op->commands & c))
			continue;
		char left[64];
		int k = op->letter ? snprintf(left, sizeof left, "-%c, --%s", op->letter, op->name)
				   : snprintf(left, sizeof left, "    --%s", op->name);
		if (op->arg == ARG_OPTIONAL)
			snprintf(left + k, sizeof left - (size_t)k, "[=%s]", op->metavar);
		else if (op->arg == ARG_REQUIRED)
			snprintf(left + k, sizeof left - (size_t)k, " %s", op->metavar);
		r |= buf_printf(out, "  %-28s ", left);
		r |= wrap(out, op->help, HELP_INDENT, HELP_WIDTH);
	}
	r |= buf_adds(out,
		      "\nSettings also come from " WINNOW_SYSCONFDIR "/winnow.conf, then\n"
		      "~/.config/winnow/winnow.conf (lines \"name = value\"), then WINNOW_NAME\n"
		      "variables (WINNOW_FORMAT=json), then the command line.\n");
	if (c == OPTS_FEED)
		r |= buf_adds(out,
			      "\nExit status: 0 the feed was written, 65 the input is not a feed (the\n"
			      "original is written and the status is 0 with --fail-open), 74 standard\n"
			      "output failed.  See winnow(1).\n");
	else if (c == OPTS_MAIL)
		r |= buf_adds(out,
			      "\nExit status: 0 the message was written (cleaned or unchanged), 75 cleaning\n"
			      "failed and the original was written (0 with --fail-open), 74 standard\n"
			      "output failed.  See winnow(1).\n");
	else if (c == OPTS_CLEAN)
		r |= buf_adds(out,
			      "\nExit status: 0 article written, 1 no article found, 64 usage error,\n"
			      "65 input is not a page or cannot be decoded, 66 input cannot be opened,\n"
			      "69 the server refused the page, 70 internal error, 74 output error,\n"
			      "75 temporary failure (network, timeout, server busy), 78 configuration\n"
			      "error.  See winnow(1).\n");
	else
		r |= buf_adds(out,
			      "\nExit status: 0 every URL was fetched (or unchanged), 69 a URL failed\n"
			      "for good (4xx, not a page, no article), 75 a URL failed for now (network,\n"
			      "timeout, 429, 5xx), 64 usage, 74 delivery failed, 78 configuration.\n"
			      "See winnow(1).\n");
	return r ? -1 : 0;
}
