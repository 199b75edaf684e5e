/* cmd.h — the commands main dispatches to, and what they share: reporting a failure,
 * writing standard output, naming an output file, the limits of a transfer. */
#ifndef WINNOW_CMD_H
#define WINNOW_CMD_H

#include <stdbool.h>

#include "fetch.h"
#include "winnow.h"

struct buf;
struct err;
struct opts;

/* Each command gets its own words (argv[0] is the command's name), loads its options with
 * cmd_options, and returns the process's exit status. */
int cmd_clean(int argc, char **argv);   /* winnow [FILE|URL]... */
int cmd_fetch(int argc, char **argv);   /* winnow fetch */
int cmd_mail(int argc, char **argv);    /* winnow mail */
int cmd_feed(int argc, char **argv);    /* winnow feed, winnow-feed */

/* Loads the options of command c: the config files, the environment, then argv.  --help and
 * --version are answered first, whatever the config files say.  Returns 1 when the command
 * is to run; 0 when it is done (help, version written) and -1 when the options are bad
 * (reported), with *status the exit status then.  Free o with opts_free. */
int cmd_options(struct opts *o, int c, int argc, char **argv, int *status);

/* --help or --version on the command line, answered from argv alone: 1 when answered (with
 * *status), else 0. */
int cmd_help_or_version(int c, int argc, char **argv, int *status);

/* "winnow: NAME: message" (or "winnow: message" when name is NULL) on standard error; when
 * a progress line is on the terminal it is cleared first. */
void cmd_error(const char *name, const struct err *e);
extern bool cmd_progress_shown;

int cmd_write_stdout(const struct buf *data, struct err *e);

/* A file name for what came from url: its host and path, with every character that is not
 * a letter, digit, dot or dash made "_", at most 120 bytes ("www.example.com_news_a1"). */
void cmd_url_name(const char *url, struct buf *out);

/* Whether an input names a URL ("scheme://…") rather than a file. */
bool cmd_is_url(const char *input);

fetch_limits cmd_fetch_limits(const struct opts *o);

/* The cleaning library set up as the options say (winnow_new); -1 with the error reported. */
struct winnow;
int cmd_winnow(const struct opts *o, struct winnow **w, struct err *e);

/* What the writers are asked for besides the products: the options' --no-links and the like. */
struct winnow_request cmd_request(const struct opts *o, unsigned products);

#endif
