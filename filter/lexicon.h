/* lexicon.h — word lists from conf/ matched against class/id attributes and against text. */
#ifndef WINNOW_LEXICON_H
#define WINNOW_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

struct err;

/* A conf list whose entries are matched case-insensitively.  An entry "=word" matches only a
 * whole token of a class/id value (tokens split at space, '-' and '_'); any other entry
 * matches anywhere. */
typedef struct lexicon {
	conf_list list;
} lexicon;

int lexicon_load(lexicon *x, const char *name, struct err *e);
void lexicon_free(lexicon *x);

/* Sum of the weights of the entries found in the class and id values; *hit (may be NULL) gets
 * the first entry that matched, for --explain. */
float lexicon_class(const lexicon *x, const char *cls, const char *id, const char **hit);

/* Sum of the weights of the entries found in text[0..n) (UTF-8, case-insensitive for ASCII;
 * "=" entries must not touch ASCII letters on either side). */
float lexicon_text(const lexicon *x, const char *text, size_t n, const char **hit);

/* Whether entry i of x occurs in text[0..n), matched as lexicon_text matches it: for callers
 * that weigh each entry found on its own. */
bool lexicon_entry_in(const lexicon *x, size_t i, const char *text, size_t n);

#endif
