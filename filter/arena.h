/* arena.h — bump allocation for one document, and the one place out-of-memory ends up. */
#ifndef WINNOW_ARENA_H
#define WINNOW_ARENA_H

#include <stddef.h>

/* A document's memory: every node, block, string and metadata field of one page lives in one
 * arena, and freeing the page is one arena_free().  Allocations are 16-byte aligned and never
 * NULL: running out of memory calls oom() and does not return. */
typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);                    /* frees everything allocated from a */
void *arena_alloc(arena *a, size_t size);     /* uninitialised */
void *arena_zalloc(arena *a, size_t size);    /* zeroed */
char *arena_strndup(arena *a, const char *s, size_t n);   /* NUL-terminated copy */
char *arena_strdup(arena *a, const char *s);
size_t arena_used(const arena *a);            /* bytes handed out so far, for the benchmark */

/* The single out-of-memory exit: prints "winnow: out of memory" and exits with 70
 * (EX_SOFTWARE), the documented status for internal errors. */
_Noreturn void oom(void);

/* Checked wrappers around the C allocator for memory that outlives one document. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

#endif
