/* source.h — reading an input whole: a file, or standard input for "-", with a size cap. */
#ifndef WINNOW_SOURCE_H
#define WINNOW_SOURCE_H

#include <stddef.h>

struct buf;
struct err;

/* Reads all of path ("-" is standard input) into out, at most max bytes.  ERR_NOINPUT when it
 * cannot be opened or read (a directory, no permission), ERR_DATA when it is larger than max
 * (or than out's own maximum, when it has one).  Messages do not name the input. */
int source_read(const char *path, size_t max, struct buf *out, struct err *e);

#endif
