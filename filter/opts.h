/* opts.h — every option in one table, read from config files, WINNOW_* variables and argv. */
#ifndef WINNOW_OPTS_H
#define WINNOW_OPTS_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct err;

enum { OPTS_EXPLAIN_TEXT = 1, OPTS_EXPLAIN_HTML, OPTS_EXPLAIN_TSV };

typedef struct opts {
	unsigned formats;         /* a bit per enum emit_format; 0 means text */
	char *url;                /* the address a saved page came from */
	char *output_dir;         /* -o: one file per input in this directory */
	int explain;              /* 0 or OPTS_EXPLAIN_* */
	size_t max_size;          /* bytes read from any input, and its inflated size */
	char *conf_dir;           /* searched first for conf files */
	char *config;             /* a config file instead of the user's */
	unsigned max_depth, max_attrs, max_elements;   /* the screen pass's limits */
	bool help, version;
	char **inputs;            /* file names; "-" is standard input */
	size_t ninputs;
} opts;

#define OPTS_MAX_SIZE_DEFAULT ((size_t)32 << 20)

void opts_init(opts *o);   /* the defaults */
void opts_free(opts *o);

/* Layers the settings: defaults < system_conf < user_conf (or --config / WINNOW_CONFIG) <
 * environment < argv.  A conf path that does not exist is skipped.  -1 with ERR_USAGE for a bad
 * command line, ERR_CONFIG for a bad file or variable ("file:line: what is wrong"). */
int opts_load(opts *o, int argc, char **argv, const char *system_conf, const char *user_conf,
	      struct err *e);

/* The layers one at a time (opts_load uses them; the tests call them directly). */
int opts_conf_text(opts *o, const char *text, size_t len, const char *file, struct err *e);
int opts_env(opts *o, struct err *e);
int opts_argv(opts *o, int argc, char **argv, struct err *e);

int opts_help(struct buf *out);   /* --help, written from the table */

#endif
