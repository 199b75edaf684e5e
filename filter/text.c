/* text.c — UTF-8 decoding and character classes, CJK-aware. */
#include "text.h"

#include <ctype.h>
#include <strings.h>
#include <string.h>

uint32_t text_next(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	const unsigned char *e = (const unsigned char *)end;
	uint32_t c = *p;
	int n;
	uint32_t min;
	if (c < 0x80) {
		*pp += 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 1, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3, c &= 0x07, min = 0x10000;
	} else {
		*pp += 1;
		return 0xFFFD;
	}
	if (e - p <= n) {
		*pp += 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*pp += 1;
			return 0xFFFD;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*pp += 1;
		return 0xFFFD;
	}
	*pp += n + 1;
	return c;
}

uint32_t text_prev(const char **pp, const char *start)
{
	const char *p = *pp, *q = p - 1;
	while (q > start && p - q < 4 && ((unsigned char)*q & 0xC0) == 0x80)
		q--;
	const char *r = q;
	uint32_t c = text_next(&r, p);
	if (r != p) {
		q = p - 1;
		c = 0xFFFD;
	}
	*pp = q;
	return c;
}

size_t text_put(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

bool text_valid_utf8(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		const char *q = p;
		uint32_t c = text_next(&p, end);
		/* U+FFFD is legitimate when it was spelled out as EF BF BD. */
		if (c == 0xFFFD && !(p - q == 3 && (unsigned char)q[0] == 0xEF))
			return false;
	}
	return true;
}

bool text_is_space(uint32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	       c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool text_visible(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		uint32_t c = text_next(&p, end);
		if (!text_is_space(c) && c != 0x200C && c != 0x200D && c != 0x2060 && c != 0xAD &&
		    !(c >= 0xFE00 && c <= 0xFE0F))
			return true;
	}
	return false;
}

bool text_is_han(uint32_t c)
{
	/* The ranges score.py tokenises one character at a time: kana, CJK extension A, the unified
	 * ideographs, compatibility ideographs and the supplementary ideographic planes. */
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

bool text_is_comma(uint32_t c)
{
	return c == ',' || c == ';' || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF64;
}

bool text_is_stop(uint32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
	       c == 0x2026 || c == 0xFF0E || c == 0xFF61;
}

bool text_is_punct(uint32_t c)
{
	if (c < 0x80)
		return ispunct((int)c) != 0;
	return (c >= 0x2010 && c <= 0x2027) ||  /* dashes, quotes, ellipsis */
	       (c >= 0x3001 && c <= 0x3003) ||  /* 、。〃 */
	       (c >= 0x3008 && c <= 0x3011) ||  /* 〈〉《》「」『』【】 */
	       (c >= 0x3014 && c <= 0x301F) ||
	       (c >= 0xFF01 && c <= 0xFF0F) ||  /* full-width ASCII punctuation */
	       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	       (c >= 0xFF5B && c <= 0xFF65) || c == 0x00B7 || c == 0x00AB || c == 0x00BB;
}

bool text_is_word(uint32_t c)
{
	if (c < 0x80)
		return isalnum((int)c) != 0;
	if (text_is_han(c) || text_is_space(c) || text_is_punct(c))
		return false;
	/* Letters of other scripts (Latin-1 accents, Cyrillic, Greek, Hangul, full-width
	 * digits and letters); symbols and box drawing are not words. */
	return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F) ||
	       (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xFF10 && c <= 0xFF19) ||
	       (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
	       (c >= 0x0590 && c <= 0x06FF) || (c >= 0x0E00 && c <= 0x0E7F);
}

void text_count(const char *s, size_t n, text_counts *c)
{
	const char *p = s, *end = s + n;
	bool in_word = false;
	memset(c, 0, sizeof *c);
	while (p < end) {
		uint32_t cp = text_next(&p, end);
		bool w = false;
		if (text_is_space(cp)) {
			in_word = false;
			continue;
		}
		c->chars++;
		if (text_is_han(cp)) {
			c->han++;
		} else if (text_is_punct(cp)) {
			c->punct++;
			if (text_is_comma(cp))
				c->commas++;
			if (text_is_stop(cp))
				c->stops++;
		} else if (text_is_word(cp)) {
			w = true;
			if (!in_word)
				c->words++;
		}
		in_word = w;
	}
}

uint32_t text_latin_len(const text_counts *c)
{
	return c->chars + 2 * c->han;
}

const char *text_find_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0)
		return s;
	/* First-character filter: this runs over every class and id of a page for every word
	 * of several lists. */
	int first = tolower((unsigned char)needle[0]);
	for (size_t i = 0; i + m <= n; i++)
		if (tolower((unsigned char)s[i]) == first && strncasecmp(s + i, needle, m) == 0)
			return s + i;
	return NULL;
}

size_t text_collapse(char *out, const char *s, size_t n)
{
	char *q = out;
	bool space = false;
	for (const char *p = s, *end = s + n; p < end;) {
		const char *c0 = p;
		uint32_t c = text_next(&p, end);
		if (text_is_space(c)) {
			space = q > out;
			continue;
		}
		if (space)
			*q++ = ' ';
		space = false;
		memcpy(q, c0, (size_t)(p - c0));
		q += p - c0;
	}
	*q = '\0';
	return (size_t)(q - out);
}
