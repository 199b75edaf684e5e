/* opts.h — every option in one table, read from config files, WINNOW_* variables and argv. */
#ifndef WINNOW_OPTS_H
#define WINNOW_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "winnow.h"

struct buf;
struct err;

enum { OPTS_EXPLAIN_TEXT = 1, OPTS_EXPLAIN_HTML, OPTS_EXPLAIN_TSV };

/* The commands; an option belongs to one or more of them. */
enum opts_command { OPTS_CLEAN = 1, OPTS_FETCH = 2, OPTS_MAIL = 4, OPTS_FEED = 8 };

typedef struct opts {
	enum opts_command command;   /* set before opts_load: which options argv may give */
	unsigned formats;         /* a bit per enum emit_format; 0 means the command's default */
	bool formats_argv;        /* formats came from the command line (mail takes no other) */
	char *url;                /* the address a saved page came from */
	char *output_dir;         /* -o: one file per input in this directory */
	int explain;              /* 0 or OPTS_EXPLAIN_* */
	size_t max_size;          /* bytes read from any input, and its inflated size */
	char *conf_dir;           /* searched first for conf files */
	char *config;             /* a config file instead of the user's */
	unsigned max_depth, max_attrs, max_elements;   /* the screen pass's limits */
	char *charset;            /* the transport charset of files and standard input */
	unsigned timeout, connect_timeout;   /* seconds, for every transfer */
	char *user_agent, *cacert;
	unsigned jobs;            /* transfers at once (fetch) */
	char *urls;               /* fetch: the URL list; NULL is standard input */
	char *maildir, *mbox;     /* fetch: where articles are delivered */
	char *state;              /* fetch: the state database; NULL is the default place */
	char *forget;             /* fetch: drop this URL from the state */
	bool redeliver_changed, list, verbose, quiet;
	bool no_links, body_only, json_html, keep_tree;   /* the writers, -o */
	bool no_sandbox;          /* clean in this process, not in a confined child */
	bool drop_html, no_fetch, fail_open;   /* mail (and feed: fail_open) */
	unsigned max_items;       /* feed, fetch: items of a feed looked at, 0 for all */
	bool help, version;
	char **inputs;            /* file names or URLs; "-" is standard input */
	size_t ninputs;
} opts;

#define OPTS_MAX_SIZE_DEFAULT WINNOW_MAX_SIZE
enum { OPTS_TIMEOUT_DEFAULT = 60, OPTS_CONNECT_TIMEOUT_DEFAULT = 15, OPTS_JOBS_DEFAULT = 4 };

void opts_init(opts *o);   /* the defaults, for the clean command */
void opts_free(opts *o);

/* Layers the settings: defaults < system_conf < user_conf (or --config / WINNOW_CONFIG) <
 * environment < argv.  A conf path that does not exist is skipped; a config line or a
 * variable for another command's option is accepted and left for that command.  argv[0] is
 * skipped, so a command passes its own words (argv + 1 after "fetch").  -1 with ERR_USAGE for
 * a bad command line, ERR_CONFIG for a bad file or variable ("file:line: what is wrong"). */
int opts_load(opts *o, int argc, char **argv, const char *system_conf, const char *user_conf,
	      struct err *e);

/* The layers one at a time (opts_load uses them; the tests call them directly). */
int opts_conf_text(opts *o, const char *text, size_t len, const char *file, struct err *e);
int opts_env(opts *o, struct err *e);
int opts_argv(opts *o, int argc, char **argv, struct err *e);

int opts_help(struct buf *out, enum opts_command c);   /* --help, written from the table */

#endif
