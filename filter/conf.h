/* conf.h — the files of conf/ (compiled in) and the directories that override them. */
#ifndef WINNOW_CONF_H
#define WINNOW_CONF_H

#include <stddef.h>

struct err;

/* One file of conf/, compiled into the program by make (build/confdata.c). */
struct conf_blob {
	const char *name;   /* "winnow.conf", "boilerplate.txt" */
	const char *data;   /* NUL-terminated */
	size_t len;
};
extern const struct conf_blob conf_blobs[];   /* ends with a {0} entry */

/* Directories searched for a file before the compiled-in copy, first match wins:
 * the --conf-dir directory, $XDG_CONFIG_HOME/winnow (or ~/.config/winnow), then
 * SYSCONFDIR/winnow.  dir may be NULL.  The strings are copied. */
void conf_set_dirs(const char *dir);

/* The text of conf file `name`: from the first directory that holds it, else compiled in.
 * *out is NUL-terminated and lives until the process ends.  -1 with ERR_CONFIG when the file
 * exists but cannot be read, or when no such file exists anywhere.  *from says where it was
 * found ("built-in" or the path). */
int conf_read(const char *name, const char **out, size_t *len, const char **from, struct err *e);

/* A word list: one entry per line, '#' starts a comment line, blank lines skipped, an
 * optional weight after a tab ("赌场\t3").  Entries are trimmed. */
typedef struct conf_list {
	char **item;
	float *weight;        /* 1 when the line gives none */
	size_t n;
	const char *from;     /* where it was read from */
} conf_list;

int conf_list_load(const char *name, conf_list *l, struct err *e);
void conf_list_free(conf_list *l);

/* A plugin's thresholds: conf file `name` is a list of "name<TAB>number" lines, and each of
 * the n settings gets the number of its entry.  -1 with ERR_CONFIG when the file or one of
 * the entries is missing. */
typedef struct conf_number {
	const char *name;
	float *value;
} conf_number;
int conf_numbers(const char *name, const conf_number *set, size_t n, struct err *e);

#endif
