/* arena.c — bump allocator in chunks that double in size; one free for a whole document. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ARENA_FIRST_CHUNK = 64 * 1024, ARENA_ALIGN = 16 };

struct chunk {
	struct chunk *prev;
	size_t size, used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct chunk *top;
	size_t total;
};

_Noreturn void oom(void)
{
	static const char msg[] = "winnow: out of memory\n";
	/* write(2), not stdio: stdio may itself need memory. */
	if (write(2, msg, sizeof msg - 1) < 0) { /* nothing left to try */ }
	_exit(70);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->top, *prev; c; c = prev) {
		prev = c->prev;
		free(c);
	}
	free(a);
}

void *arena_alloc(arena *a, size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	struct chunk *c = a->top;
	if (!c || c->size - c->used < size) {
		/* Chunks double with the arena so a big page needs few of them; an allocation
		 * larger than that gets a chunk of its own size. */
		size_t want = c ? c->size * 2 : ARENA_FIRST_CHUNK;
		if (want < size)
			want = size;
		if (want > SIZE_MAX - sizeof *c)
			oom();
		struct chunk *n = xmalloc(sizeof *n + want);
		n->size = want;
		n->used = 0;
		n->prev = c;
		a->top = c = n;
	}
	void *p = c->data + c->used;
	c->used += size;
	a->total += size;
	return p;
}

void *arena_zalloc(arena *a, size_t size)
{
	return memset(arena_alloc(a, size), 0, size);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const arena *a)
{
	return a->total;
}
