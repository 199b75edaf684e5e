/* buf.c — growable byte buffer; grows geometrically, never past its maximum. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void buf_init(buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void buf_free(buf *b)
{
	free(b->data);
	buf_init(b, b->max);
}

void buf_reset(buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int buf_reserve(buf *b, size_t extra)
{
	if (b->max && (extra > b->max || b->len > b->max - extra))
		return -1;
	if (extra >= b->cap - b->len || !b->data) {
		size_t want = b->cap ? b->cap : 256;
		while (want - b->len <= extra) {
			if (want > ((size_t)-1) / 2)
				oom();
			want *= 2;
		}
		b->data = xrealloc(b->data, want);
		b->cap = want;
		b->data[b->len] = '\0';
	}
	return 0;
}

int buf_add(buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_adds(buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addc(buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_reserve(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *buf_steal(buf *b)
{
	if (buf_reserve(b, 0) < 0)
		return NULL;
	char *p = b->data;
	buf_init(b, b->max);
	return p;
}
