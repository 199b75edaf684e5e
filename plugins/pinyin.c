/* pinyin.c — removes pinyin glosses glued to Han characters ("網(wǎng)易" → "網易") when they are
 * a mirror's artifact, from every block, the <title> and the <meta> contents.
 *
 * Spam mirrors re-encode pages through a converter that writes the reading of some characters
 * after them in parentheses.  A gloss is one pinyin syllable (conf/pinyin-syllables.txt) in
 * lower case with at most one tone mark, in ASCII or full-width parentheses, right after a Han
 * character.  Language-learning pages gloss nearly every character on purpose and news pages
 * gloss a rare character now and then: both are left alone (conf/pinyin-thresholds.txt). */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "doc.h"
#include "err.h"
#include "plugin.h"
#include "text.h"

struct pinyin {
	conf_list syllables;   /* sorted, for bsearch */
	float min_glosses, max_ratio;
};

static int compare(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int pinyin_init(void **state, err *e)
{
	struct pinyin *py = xcalloc(1, sizeof *py);
	*state = py;
	const conf_number set[] = {
		{ "min-glosses", &py->min_glosses },
		{ "max-ratio", &py->max_ratio },
	};
	if (conf_list_load("pinyin-syllables.txt", &py->syllables, e) < 0)
		return -1;
	qsort(py->syllables.item, py->syllables.n, sizeof *py->syllables.item, compare);
	return conf_numbers("pinyin-thresholds.txt", set, sizeof set / sizeof *set, e);
}

static void pinyin_free(void *state)
{
	struct pinyin *py = state;
	conf_list_free(&py->syllables);
	free(py);
}

/* The toneless letter of a pinyin vowel with a tone mark, or 0.  ü and its tones become 'v',
 * spelled back as ü when the syllable is looked up (as is a plain v, the keyboard's ü). */
static char untoned(uint32_t c)
{
	static const struct { uint32_t c[4]; char base; } tones[] = {
		{ { 0x101, 0xE1, 0x1CE, 0xE0 }, 'a' }, { { 0x113, 0xE9, 0x11B, 0xE8 }, 'e' },
		{ { 0x12B, 0xED, 0x1D0, 0xEC }, 'i' }, { { 0x14D, 0xF3, 0x1D2, 0xF2 }, 'o' },
		{ { 0x16B, 0xFA, 0x1D4, 0xF9 }, 'u' }, { { 0x1D6, 0x1D8, 0x1DA, 0x1DC }, 'v' },
	};
	for (size_t i = 0; i < sizeof tones / sizeof *tones; i++)
		for (int k = 0; k < 4; k++)
			if (tones[i].c[k] == c)
				return tones[i].base;
	return 0;
}

enum gloss { NOT_GLOSS, TONELESS, TONED };

/* Whether s (just after a Han character) starts a gloss; *len gets its length in bytes. */
static enum gloss gloss_at(const struct pinyin *py, const char *s, const char *end, size_t *len)
{
	const char *p = s;
	uint32_t c = text_next(&p, end);
	if (c != '(' && c != 0xFF08)
		return NOT_GLOSS;
	/* "zhuang" is the longest syllable: six letters, ü spelled with two bytes. */
	char base[16];
	size_t k = 0;
	int tones = 0, letters = 0;
	while (p < end && letters <= 6) {
		c = text_next(&p, end);
		if (c == ')' || c == 0xFF09)
			break;
		char u = untoned(c);
		tones += u != 0;
		if (c >= 'a' && c <= 'z')
			u = (char)c;
		else if (c == 0xFC)
			u = 'v';
		if (!u)
			return NOT_GLOSS;
		if (u == 'v') {
			memcpy(base + k, "ü", 2);
			k += 2;
		} else {
			base[k++] = u;
		}
		letters++;
	}
	/* "(a)", "(e)" after a character number the items of a list. */
	if ((c != ')' && c != 0xFF09) || tones > 1 || letters > 6 || (letters < 2 && !tones))
		return NOT_GLOSS;
	base[k] = '\0';
	const char *key = base;
	if (!bsearch(&key, py->syllables.item, py->syllables.n, sizeof *py->syllables.item,
		     compare))
		return NOT_GLOSS;
	*len = (size_t)(p - s);
	return tones ? TONED : TONELESS;
}

struct tally {
	unsigned toned, glosses;   /* glosses with a tone mark, and all of them */
	unsigned han;              /* Han characters */
};

/* Counts the glosses of s[0..n) into t; with out (room for n + 1 bytes) also writes s without
 * them and returns the length written. */
static size_t scan(const struct pinyin *py, const char *s, size_t n, struct tally *t, char *out)
{
	const char *p = s, *end = s + n;
	char *o = out;
	while (p < end) {
		const char *c0 = p;
		uint32_t c = text_next(&p, end);
		if (o) {
			memcpy(o, c0, (size_t)(p - c0));
			o += p - c0;
		}
		if (!text_is_han(c))
			continue;
		t->han++;
		size_t len;
		enum gloss g = p < end ? gloss_at(py, p, end, &len) : NOT_GLOSS;
		if (g == NOT_GLOSS)
			continue;
		t->glosses++;
		t->toned += g == TONED;
		p += len;
	}
	if (o)
		*o = '\0';
	return (size_t)(o - out);
}

/* s without its glosses, in the arena; s itself when it has none.  Adds the number removed to
 * *removed. */
static const char *repair(const struct pinyin *py, arena *a, const char *s, size_t n,
			  size_t *out_len, unsigned *removed)
{
	struct tally t = { 0 };
	*out_len = n;
	scan(py, s, n, &t, NULL);
	if (!t.glosses)
		return s;
	char *o = arena_alloc(a, n + 1);
	*out_len = scan(py, s, n, &(struct tally){ 0 }, o);
	*removed += t.glosses;
	return o;
}

static void pinyin_classify(void *state, doc *d)
{
	const struct pinyin *py = state;
	/* The decision looks at the visible blocks only: the <title> and the <meta> contents
	 * repeat the headline, and one gloss in it would count four times. */
	unsigned toned = 0, glosses = 0, han = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		struct tally t = { 0 };
		if (b->hidden)
			continue;
		scan(py, b->text, b->len, &t, NULL);
		if (!t.glosses)
			continue;
		toned += t.toned;
		glosses += t.glosses;
		han += t.han;
	}
	if (!toned)
		return;
	/* Several glosses, and a fraction of the characters of the blocks that hold them: how
	 * many and how large a fraction are measured in conf/pinyin-thresholds.txt.  Toneless
	 * glosses do not count towards "several" (English words spell pinyin syllables too:
	 * "(long)", "(pin)"), but they do count towards the fraction a learning text glosses
	 * (its neutral tones: 的(de), 了(le)). */
	float ratio = (float)glosses / (float)han;
	if ((float)toned < py->min_glosses) {
		doc_why(d, "pinyin: %u gloss%s left alone: %u with a tone mark, fewer than %.0f",
			glosses, glosses == 1 ? "" : "es", toned, py->min_glosses);
		return;
	}
	if (ratio >= py->max_ratio) {
		doc_why(d, "pinyin: %u glosses left alone: they gloss %.0f %% of the characters "
			"around them, a learning text", glosses, ratio * 100);
		return;
	}
	unsigned removed = 0;
	size_t len;
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		const char *s = repair(py, d->a, b->text, b->len, &len, &removed);
		if (s != b->text) {
			b->text = (char *)s;
			b->len = (uint32_t)len;
			segment_features(b);
		}
	}
	if (d->dom.title)
		d->dom.title = repair(py, d->a, d->dom.title, strlen(d->dom.title), &len, &removed);
	for (int32_t i = 0; i < d->dom.n; i++) {
		dom_node *n = &d->dom.node[i];
		for (uint16_t k = 0; k < n->nattr && n->tag == GUMBO_TAG_META; k++)
			if (strcmp(n->attr[k].name, "content") == 0)
				n->attr[k].value = repair(py, d->a, n->attr[k].value,
							  strlen(n->attr[k].value), &len, &removed);
	}
	d->pinyin_glosses = removed;
	doc_why(d, "pinyin: %u glosses removed: they gloss %.0f %% of the characters around them, "
		"a mirror's artifact", removed, ratio * 100);
}

const plugin plugin_pinyin = {
	"pinyin", pinyin_init, pinyin_classify, pinyin_free,
};
