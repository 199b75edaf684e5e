/* lexicon.c — matching conf word lists against class/id values and text. */
#include "lexicon.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "text.h"

int lexicon_load(lexicon *x, const char *name, struct err *e)
{
	x->key = NULL;
	if (conf_list_load(name, &x->list, e) < 0)
		return -1;
	x->key = xcalloc(x->list.n + 1, sizeof *x->key);
	for (size_t i = 0; i < x->list.n; i++) {
		const char *w = x->list.item[i];
		char key[LEXICON_KEY_MAX];
		size_t len;
		if (w[0] == '=')
			w++;
		if (lexicon_key(w, strlen(w), key, &len) < 0) {
			err_set(e, ERR_CONFIG, "%s: entry too long: %.40s", x->list.from, w);
			lexicon_free(x);
			return -1;
		}
		x->key[i] = xstrdup(key);
	}
	return 0;
}

void lexicon_free(lexicon *x)
{
	if (x->key)
		for (size_t i = 0; i < x->list.n; i++)
			free(x->key[i]);
	free(x->key);
	x->key = NULL;
	conf_list_free(&x->list);
}

static bool sep(char c)
{
	return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n' || c == '\0';
}

/* Case-insensitive search of word in s; whole-token when `token`, with `boundary` deciding what
 * may stand around it. */
static bool find(const char *s, size_t n, const char *word, bool token, bool (*boundary)(char))
{
	size_t m = strlen(word);
	for (const char *p = s; (p = text_find_ci(p, n - (size_t)(p - s), word)); p++) {
		if (!token)
			return true;
		bool left = p == s || boundary(p[-1]);
		bool right = (size_t)(p - s) + m == n || boundary(p[m]);
		if (left && right)
			return true;
	}
	return false;
}

float lexicon_class(const lexicon *x, const char *cls, const char *id, const char **hit)
{
	float sum = 0;
	size_t nc = strlen(cls), ni = strlen(id);
	if (hit)
		*hit = NULL;
	if (!nc && !ni)
		return 0;
	for (size_t i = 0; i < x->list.n; i++) {
		const char *w = x->list.item[i];
		bool token = w[0] == '=';
		if (token)
			w++;
		if (find(cls, nc, w, token, sep) || find(id, ni, w, token, sep)) {
			sum += x->list.weight[i];
			if (hit && !*hit)
				*hit = x->list.item[i];
		}
	}
	return sum;
}

static bool not_alpha(char c)
{
	return !isalpha((unsigned char)c);
}

bool lexicon_entry_in(const lexicon *x, size_t i, const char *text, size_t n)
{
	const char *w = x->list.item[i];
	bool token = w[0] == '=';
	return find(text, n, token ? w + 1 : w, token, not_alpha);
}

float lexicon_text(const lexicon *x, const char *text, size_t n, const char **hit)
{
	float sum = 0;
	if (hit)
		*hit = NULL;
	for (size_t i = 0; i < x->list.n; i++) {
		if (lexicon_entry_in(x, i, text, n)) {
			sum += x->list.weight[i];
			if (hit && !*hit)
				*hit = x->list.item[i];
		}
	}
	return sum;
}

static bool digit_or_magnitude(uint32_t c)
{
	return (c >= '0' && c <= '9') || c == 'k' || c == 'K' || c == 'M' || c == 0x4E07 ||
	       c == 0x842C || c == 0x5343 || c == 0x4EBF || c == 0x5104 || c == '+';
}

bool lexicon_counted(const lexicon *x, const char *s, size_t n)
{
	const char *end = s + n;
	for (size_t i = 0; i < x->list.n; i++) {
		const char *w = x->list.item[i];
		size_t m = strlen(w);
		for (const char *p = s; (p = text_find_ci(p, (size_t)(end - p), w)); p += m) {
			const char *q = p;
			uint32_t c = 0;
			while (q > s && text_is_space(c = text_prev(&q, s)))
				;
			if (p > s && digit_or_magnitude(c))
				return true;
			for (q = p + m; q < end;) {
				c = text_next(&q, end);
				if (c >= '0' && c <= '9')
					return true;
				if (!text_is_space(c) && c != ':' && c != 0xFF1A && c != '(' &&
				    c != 0xFF08 && c != '[' && c != 0x3010)
					break;
			}
		}
	}
	return false;
}

/* A pinyin gloss right after a Han character, "(guān)": up to six letters, tone marks allowed.
 * Returns the position past it, or NULL. */
static const char *gloss_end(const char *p, const char *end)
{
	if (p >= end || *p != '(')
		return NULL;
	int letters = 0;
	for (const char *q = p + 1; q < end;) {
		uint32_t c = text_next(&q, end);
		if (c == ')')
			return letters ? q : NULL;
		if (!((c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F)) || ++letters > 6)
			return NULL;
	}
	return NULL;
}

int lexicon_key(const char *s, size_t n, char *out, size_t *len)
{
	size_t k = 0;
	bool gap = false, word_before = false;
	for (const char *p = s, *end = s + n; p < end;) {
		uint32_t c = text_next(&p, end);
		bool han = text_is_han(c);
		if (han) {
			const char *g = gloss_end(p, end);
			if (g)
				p = g;
		} else if (!text_is_word(c)) {
			gap = true;
			continue;
		}
		char tmp[8];
		size_t m = 0;
		if (gap && !han && word_before)
			tmp[m++] = ' ';
		m += text_put(tmp + m, c < 0x80 ? (uint32_t)tolower((int)c) : c);
		if (k + m >= LEXICON_KEY_MAX)
			return -1;
		memcpy(out + k, tmp, m);
		k += m;
		gap = false;
		word_before = !han;
	}
	out[k] = '\0';
	*len = k;
	return 0;
}

/* Latin-equivalent length of a key: a Han character reads like three Latin ones. */
static unsigned key_weight(const char *s, size_t n)
{
	unsigned w = 0;
	for (const char *p = s, *end = s + n; p < end;)
		w += text_is_han(text_next(&p, end)) ? 3 : 1;
	return w;
}

static bool alnum_at(const char *key, size_t i)
{
	return isalnum((unsigned char)key[i]) != 0;
}

float lexicon_cover(const lexicon *x, const char *text, size_t n, enum lexicon_where where,
		    const char **hit)
{
	char key[LEXICON_KEY_MAX];
	size_t len;
	float best = 0;
	if (hit)
		*hit = NULL;
	if (lexicon_key(text, n, key, &len) < 0 || len == 0)
		return 0;
	unsigned total = key_weight(key, len);
	for (size_t i = 0; i < x->list.n; i++) {
		const char *w = x->key[i];
		size_t m = strlen(w);
		if (m == 0 || m > len)
			continue;
		for (const char *p = key; (p = strstr(p, w)); p++) {
			size_t at = (size_t)(p - key);
			if ((where & LEXICON_START) && !(where & LEXICON_END) && at != 0)
				break;
			if ((where & LEXICON_END) && !(where & LEXICON_START) && at + m != len)
				continue;
			if (where == LEXICON_EDGE && at != 0 && at + m != len)
				continue;
			/* whole words only: no letter or digit of an alphabetic script glued on */
			if ((at > 0 && alnum_at(key, at - 1) && alnum_at(w, 0)) ||
			    (at + m < len && alnum_at(key, at + m) && alnum_at(w, m - 1)))
				continue;
			float c = (float)key_weight(w, m) / (float)total;
			if (c > best) {
				best = c;
				if (hit)
					*hit = x->list.item[i];
			}
			break;
		}
	}
	return best;
}
