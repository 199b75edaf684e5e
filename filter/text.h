/* text.h — UTF-8 decoding and the character classes every stage counts with (Han, punctuation). */
#ifndef WINNOW_TEXT_H
#define WINNOW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at *p (p < end), advances *p.  Invalid bytes decode as U+FFFD one
 * byte at a time, so any input advances. */
uint32_t text_next(const char **p, const char *end);
/* Decodes the code point that ends at *p (start < *p), moves *p back to where it starts.  A
 * byte that ends no valid sequence decodes as U+FFFD on its own. */
uint32_t text_prev(const char **p, const char *start);
/* Appends the UTF-8 form of cp to out (at least 4 bytes of room); returns the bytes written. */
size_t text_put(char *out, uint32_t cp);
bool text_valid_utf8(const char *s, size_t n);   /* well-formed UTF-8, no surrogates */
/* Writes s[0..n) to out (n + 1 bytes of room) with each run of white space made one space and
 * none at either end; NUL-terminates, returns the length. */
size_t text_collapse(char *out, const char *s, size_t n);

bool text_is_space(uint32_t cp);      /* Unicode white space, including U+3000 and NBSP */
/* Whether s[0..n) holds a character that shows: not white space, and not an invisible mark
 * (zero-width joiner and non-joiner, word joiner, soft hyphen, variation selector) that some
 * pages set on a line of its own. */
bool text_visible(const char *s, size_t n);
bool text_is_han(uint32_t cp);        /* CJK ideographs, kana: one token each when scoring */
bool text_is_punct(uint32_t cp);      /* ASCII and CJK punctuation (，。、；：！？「」…) */
bool text_is_comma(uint32_t cp);      /* , ， 、 ; ； — Readability's comma count, CJK-aware */
bool text_is_stop(uint32_t cp);       /* sentence-final . ! ? 。！？ … */
bool text_is_word(uint32_t cp);       /* letters and digits outside the Han range */

/* Counts over a UTF-8 string, in the units the classifier uses. */
typedef struct text_counts {
	uint32_t chars;    /* non-space code points */
	uint32_t han;      /* Han/kana code points */
	uint32_t words;    /* runs of text_is_word code points */
	uint32_t punct;    /* text_is_punct */
	uint32_t commas;   /* text_is_comma */
	uint32_t stops;    /* text_is_stop */
} text_counts;

void text_count(const char *s, size_t n, text_counts *c);
/* Length in Latin-equivalent characters: one Han character reads like about three Latin ones
 * (a Chinese word averages 1.5 characters, an English one 5 letters and a space). */
uint32_t text_latin_len(const text_counts *c);

/* Case-insensitive ASCII search for needle in s[0..n). */
const char *text_find_ci(const char *s, size_t n, const char *needle);

#endif
