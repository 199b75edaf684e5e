/* cmd.h — the commands main dispatches to, and what they share: reporting a failure,
 * writing standard output, naming an output file, the limits of a transfer. */
#ifndef WINNOW_CMD_H
#define WINNOW_CMD_H

#include <stdbool.h>

#include "fetch.h"

struct buf;
struct err;
struct opts;

/* Each command runs with its options loaded and returns the process's exit status. */
int cmd_clean(struct opts *o);   /* winnow [FILE|URL]... */
int cmd_fetch(struct opts *o);   /* winnow fetch */

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

#endif
