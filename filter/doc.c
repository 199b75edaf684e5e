/* doc.c — a document's lifetime and the notes it collects for the user. */
#include "doc.h"

#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "buf.h"

doc *doc_new(const char *name, const char *url)
{
	arena *a = arena_new();
	doc *d = arena_zalloc(a, sizeof *d);
	d->a = a;
	d->name = arena_strdup(a, name);
	d->url = url ? arena_strdup(a, url) : NULL;
	return d;
}

void doc_free(doc *d)
{
	if (d)
		arena_free(d->a);   /* d itself lives in the arena */
}

static void add_line(doc *d, const char ***lines, size_t *n, const char *fmt, va_list ap)
{
	buf b;
	buf_init(&b, 0);
	buf_vprintf(&b, fmt, ap);
	const char **grown = arena_alloc(d->a, (*n + 1) * sizeof *grown);
	if (*n)
		memcpy(grown, *lines, *n * sizeof *grown);
	grown[(*n)++] = arena_strndup(d->a, b.data ? b.data : "", b.len);
	*lines = grown;
	buf_free(&b);
}

void doc_note(doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(d, &d->notes, &d->nnotes, fmt, ap);
	va_end(ap);
}

void doc_why(doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(d, &d->why, &d->nwhy, fmt, ap);
	va_end(ap);
}

size_t doc_kept(const doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].label == LABEL_BODY;
	return n;
}
