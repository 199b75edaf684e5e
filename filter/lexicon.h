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
	char **key;   /* lexicon_key of each entry ("=" dropped), for lexicon_cover */
} lexicon;

/* The longest key lexicon_key writes, terminator included. */
enum { LEXICON_KEY_MAX = 256 };

/* Where lexicon_cover looks for an entry in a text's key. */
enum lexicon_where {
	LEXICON_ANYWHERE = 0,
	LEXICON_START = 1,   /* the key starts with the entry */
	LEXICON_END = 2,     /* the key ends with the entry */
	LEXICON_EDGE = 3,    /* either */
};

int lexicon_load(lexicon *x, const char *name, struct err *e);
void lexicon_free(lexicon *x);

/* Sum of the weights of the entries found in the class and id values; *hit (may be NULL) gets
 * the first entry that matched, for --explain. */
float lexicon_class(const lexicon *x, const char *cls, const char *id, const char **hit);

/* Sum of the weights of the entries found in text[0..n) (UTF-8, case-insensitive for ASCII;
 * "=" entries must not touch ASCII letters on either side). */
float lexicon_text(const lexicon *x, const char *text, size_t n, const char **hit);

/* The form in which lexicon_cover compares a short text with the entries: letters, digits and
 * Han characters only, ASCII in lower case, one space where punctuation or white space
 * separated two words of an alphabetic script, and the pinyin glosses that mirrors glue onto
 * Han characters ("網(wǎng)" reads as "網") left out.  out holds LEXICON_KEY_MAX bytes and is
 * NUL-terminated; -1 when the key would not fit (the text is not short). */
int lexicon_key(const char *s, size_t n, char *out, size_t *len);

/* How much of text[0..n) the best entry found in it covers, from 0 (none) to 1 (the text is
 * the entry), measured on the keys in Latin-equivalent characters (a Han character counts
 * three).  An entry matches only as whole words of an alphabetic script ("related" not in
 * "unrelated"), and only where `where` allows.  Made for short texts: 0 when the text's key
 * is too long.  *hit (may be NULL) gets the entry. */
float lexicon_cover(const lexicon *x, const char *text, size_t n, enum lexicon_where where,
		    const char **hit);

/* Whether entry i of x occurs in text[0..n), matched as lexicon_text matches it: for callers
 * that weigh each entry found on its own. */
bool lexicon_entry_in(const lexicon *x, size_t i, const char *text, size_t n);

/* Whether an entry of x stands next to a number: right after one ("439文章数", "2.3万粉丝",
 * "12K followers", "已有3条评论", white space between allowed) or right before one ("粉丝：2376",
 * "Followers 12", "阅读(3727)", white space, a colon or an opening bracket between allowed).
 * Entries match as plain text, case-insensitively. */
bool lexicon_counted(const lexicon *x, const char *s, size_t n);

#endif
