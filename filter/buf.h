/* buf.h — a growable byte buffer with a hard maximum, always NUL-terminated. */
#ifndef WINNOW_BUF_H
#define WINNOW_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* b->data is always NUL-terminated (the NUL is not counted in len) and may hold NULs.
 * Appending past b->max fails with -1 and leaves the buffer as it was before the call:
 * the caller reports a data error.  max == 0 means no limit.  Any append may move data,
 * so pointers into it are invalidated by every append. */
typedef struct buf {
	char *data;
	size_t len, cap, max;
} buf;

void buf_init(buf *b, size_t max);
void buf_free(buf *b);                 /* back to the state of buf_init(b, b->max) */
void buf_reset(buf *b);                /* len = 0, memory kept */
int buf_reserve(buf *b, size_t extra); /* room for extra more bytes; -1 past max */
int buf_add(buf *b, const void *p, size_t n);
int buf_adds(buf *b, const char *s);
int buf_addc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
char *buf_steal(buf *b);               /* hands data (malloc'ed) to the caller, buffer empty */

#endif
