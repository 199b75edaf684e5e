/* lexicon.c — matching conf word lists against class/id values and text. */
#include "lexicon.h"

#include <ctype.h>
#include <string.h>

#include "text.h"

int lexicon_load(lexicon *x, const char *name, struct err *e)
{
	return conf_list_load(name, &x->list, e);
}

void lexicon_free(lexicon *x)
{
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
