/* seo_spam.c — finds the keyword spam that hacked and mirrored sites inject: lists of adult,
 * gambling and pirated-video words in the <title>, the <meta> keywords and description, hidden
 * elements (link farms) and the first lines of the page.
 *
 * A text is cut into segments at the separators keyword lists use (| ｜ , ， 、 _ - and line
 * breaks), and each segment scores the weights of the conf/spam-terms.txt entries it holds.
 * Two entries in one segment ("无码成人电影") weigh more; a list of many short segments weighs
 * more; an entry the article itself uses (a report on a casino, on the lottery) weighs less.
 * Pipes alone never make spam: real titles are pipe-separated keyword lists too ("新闻|体育|
 * 财经_网易", "Politics | World | The Guardian").  The thresholds and factors, and the
 * measurements behind them, are in conf/spam-thresholds.txt. */
#include <gumbo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "err.h"
#include "lexicon.h"
#include "plugin.h"
#include "text.h"

struct seo_spam {
	lexicon terms;
	float spam, hidden, pair, list, overlap, mirror;
};

static int seo_spam_init(void **state, err *e)
{
	struct seo_spam *s = xcalloc(1, sizeof *s);
	*state = s;
	const conf_number set[] = {
		{ "spam-score", &s->spam },
		{ "hidden-score", &s->hidden },
		{ "pair", &s->pair },
		{ "list", &s->list },
		{ "overlap", &s->overlap },
		{ "mirror", &s->mirror },
	};
	if (lexicon_load(&s->terms, "spam-terms.txt", e) < 0)
		return -1;
	return conf_numbers("spam-thresholds.txt", set, sizeof set / sizeof *set, e);
}

static void seo_spam_free(void *state)
{
	struct seo_spam *s = state;
	lexicon_free(&s->terms);
	free(s);
}

/* Keyword lists longer than this are judged on their beginning, and the hidden blocks of a
 * page on their first 64 KB in all: a list that is spam shows it early, and 20 MB of hidden
 * text must not cost the lexicon's size times 20 MB. */
enum { JUDGED_BYTES = 4096, HIDDEN_BYTES = 64 * 1024 };

/* The first visible blocks: those before the first paragraph of prose, at most this many.
 * Injected keyword lines come first (the seed's first line, the NetEase sample's first block);
 * the corpus pages show a median of 19 blocks of menus before their first paragraph. */
enum { HEAD_BLOCKS = 30 };

/* One page being judged. */
struct page {
	const struct seo_spam *s;
	doc *d;
	const char *vocab;     /* the article's prose, joined; NULL until needed */
	size_t vlen;
	size_t *found;         /* scratch: the entries found in a segment */
	int8_t *used;          /* per entry: 1 the article uses it, -1 not, 0 not looked up */
};

/* A segment of a judged text, and what it scored. */
struct seg {
	size_t from, to;       /* byte offsets */
	float score;
};

/* What judging a text found. */
struct verdict {
	float score;
	size_t nseg, hit;      /* segments, and those holding a spam term */
	const char *top;       /* the heaviest term found, for --explain */
	struct seg *seg;       /* nseg segments, in the arena */
};

/* Prose: a block long enough to be a sentence and ending like one, not a list of links. */
static bool prose(const block *b)
{
	return !b->hidden && b->latin >= 70 && b->sentence_end && b->link_density < 0.5f;
}

/* The article's vocabulary: the text of the paragraphs of prose on the page, up to
 * VOCAB_BYTES (each spam term found is looked up in it). */
enum { VOCAB_BYTES = 256 * 1024 };

static void build_vocab(struct page *pg)
{
	if (pg->vocab)
		return;
	buf v;
	buf_init(&v, VOCAB_BYTES);
	for (size_t i = 0; i < pg->d->nblocks; i++) {
		const block *b = &pg->d->blocks[i];
		if (prose(b) && (buf_add(&v, b->text, b->len) < 0 || buf_addc(&v, '\n') < 0))
			break;
	}
	pg->vlen = v.len;
	pg->vocab = arena_strndup(pg->d->a, v.data ? v.data : "", v.len);
	buf_free(&v);
}

/* What keyword lists put between their items. */
static bool separator(uint32_t c)
{
	return c == '|' || c == 0xFF5C || c == ',' || c == 0xFF0C || c == 0x3001 || c == '_' ||
	       c == '-' || c == '\n' || c == '\t';
}

static bool han_at(const char *p, const char *end)
{
	return p < end && text_is_han(text_next(&p, end));
}

/* An entry without its "=" mark. */
static const char *bare(const char *item)
{
	return item[0] == '=' ? item + 1 : item;
}

/* The score of one segment: the weights of the entries in it, an entry inside a longer one
 * found there counting once, terms the article uses itself discounted, pairs raised. */
static float score_segment(struct page *pg, const char *s, size_t n, const char **top)
{
	const lexicon *x = &pg->s->terms;
	size_t k = 0;
	for (size_t i = 0; i < x->list.n; i++)
		if (lexicon_entry_in(x, i, s, n))
			pg->found[k++] = i;
	float sum = 0, best = 0;
	unsigned terms = 0;
	for (size_t a = 0; a < k; a++) {
		size_t i = pg->found[a];
		const char *term = bare(x->list.item[i]);
		bool inside = false;
		for (size_t b = 0; b < k && !inside; b++) {
			const char *longer = bare(x->list.item[pg->found[b]]);
			inside = b != a && strlen(longer) > strlen(term) &&
				 text_find_ci(longer, strlen(longer), term) != NULL;
		}
		if (inside)
			continue;
		if (!pg->used[i]) {
			build_vocab(pg);
			pg->used[i] = lexicon_entry_in(x, i, pg->vocab, pg->vlen) ? 1 : -1;
		}
		float w = x->list.weight[i] * (pg->used[i] > 0 ? pg->s->overlap : 1);
		sum += w;
		terms++;
		if (w > best) {
			best = w;
			*top = x->list.item[i];
		}
	}
	return terms >= 2 ? sum * pg->s->pair : sum;
}

/* Judges text[0..n) (its first JUDGED_BYTES). */
static void judge(struct page *pg, const char *text, size_t n, struct verdict *v)
{
	if (n > JUDGED_BYTES) {
		n = JUDGED_BYTES;
		while (n && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	memset(v, 0, sizeof *v);
	v->seg = arena_alloc(pg->d->a, (n / 2 + 1) * sizeof *v->seg);
	float top_w = 0;
	v->top = "";
	for (const char *p = text, *end = text + n; p < end;) {
		const char *s = p, *t = p;
		uint32_t prev = 0;
		while (p < end) {
			uint32_t c = text_next(&p, end);
			/* Chinese writes no spaces inside a phrase: a space between two Han
			 * characters separates keywords (and a list's links) as a comma would. */
			if (separator(c) || (c == ' ' && text_is_han(prev) && han_at(p, end)))
				break;
			prev = c;
			t = p;
		}
		while (s < t && *s == ' ')
			s++;
		while (t > s && t[-1] == ' ')
			t--;
		if (s == t)
			continue;
		const char *top = "";
		struct seg *g = &v->seg[v->nseg++];
		g->from = (size_t)(s - text);
		g->to = (size_t)(t - text);
		g->score = score_segment(pg, s, (size_t)(t - s), &top);
		v->score += g->score;
		v->hit += g->score > 0;
		if (g->score > top_w) {
			top_w = g->score;
			v->top = top;
		}
	}
	/* A list: four or more segments of a few words each, and no more than one full stop
	 * (the seed's header and the NetEase sample's meta data list ten to fifteen). */
	text_counts c;
	text_count(text, n, &c);
	if (v->nseg >= 4 && c.stops <= 1 && text_latin_len(&c) <= 40 * v->nseg)
		v->score *= pg->s->list;
}

/* The rule string for --explain, in the arena. */
static const char *why(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *why(doc *d, const char *fmt, ...)
{
	buf b;
	va_list ap;
	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	const char *s = arena_strndup(d->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

static bool in_vocab(const struct page *pg, const char *s, size_t n)
{
	char part[64];
	if (n >= sizeof part)
		n = sizeof part - 1;
	memcpy(part, s, n);
	part[n] = '\0';
	return text_find_ci(pg->vocab, pg->vlen, part) != NULL;
}

/* The share of text's Han bigrams and Latin words that the article uses as well: a real title
 * speaks of what the article says.  Words of one or two letters ("of", "AI") say little. */
static float shared(struct page *pg, const char *text, size_t n)
{
	build_vocab(pg);
	unsigned parts = 0, found = 0;
	const char *prev = NULL, *word = NULL, *end = text + n;
	for (const char *p = text; p < end;) {
		const char *c0 = p;
		uint32_t c = text_next(&p, end);
		if (text_is_han(c) && prev) {
			parts++;
			found += in_vocab(pg, prev, (size_t)(p - prev));
		}
		prev = text_is_han(c) ? c0 : NULL;
		bool letter = c < 0x80 && text_is_word(c);
		if (letter && !word)
			word = c0;
		if (word && (!letter || p == end)) {
			const char *we = letter ? p : c0;
			if (we - word >= 3) {
				parts++;
				found += in_vocab(pg, word, (size_t)(we - word));
			}
			word = NULL;
		}
	}
	return parts ? (float)found / (float)parts : 0;
}

/* Keyword spam is a list: the score must come from two segments at least, or from a list of
 * links.  One phrase with two terms is a headline ("台湾首位AV女优…", hidden in a carousel of a
 * corpus page, scores 6 in one segment). */
static bool is_spam(const struct verdict *v, float threshold, uint32_t links)
{
	return v->score >= threshold && (v->hit >= 2 || links >= 2);
}

/* The links of a hidden block: segment counts those of visible text only. */
static uint32_t hidden_links(const dom *dm, const block *b)
{
	uint32_t links = 0;
	int32_t last = -1;
	for (int32_t j = b->first; j >= 0 && j <= b->last; j++) {
		const dom_node *n = &dm->node[j];
		if (n->tag != DOM_TEXT || !(n->flags & DOM_IN_LINK))
			continue;
		int32_t a = n->parent;
		while (a >= 0 && dm->node[a].tag != GUMBO_TAG_A)
			a = dm->node[a].parent;
		if (a != last)
			links++;
		last = a;
	}
	return links;
}

/* Hidden blocks: a list of links or keywords nobody sees is there for search engines. */
static unsigned judge_hidden(struct page *pg)
{
	const struct seo_spam *s = pg->s;
	size_t budget = HIDDEN_BYTES;
	unsigned farms = 0;
	for (size_t i = 0; i < pg->d->nblocks && budget >= JUDGED_BYTES; i++) {
		block *b = &pg->d->blocks[i];
		if (!b->hidden || b->label != LABEL_NONE)
			continue;
		struct verdict v;
		judge(pg, b->text, b->len, &v);
		budget -= b->len < JUDGED_BYTES ? b->len : JUDGED_BYTES;
		uint32_t nlinks = hidden_links(&pg->d->dom, b);
		bool links = nlinks >= 2;
		if (!is_spam(&v, links ? s->hidden : s->spam, nlinks))
			continue;
		b->label = LABEL_SPAM;
		b->score = v.score;
		b->rule = why(pg->d, "hidden %s: %zu of %zu segments hold spam terms (\"%s\")",
			      links ? "link farm" : "keyword spam", v.hit, v.nseg, bare(v.top));
		farms++;
	}
	return farms;
}

/* <meta name=keywords> and <meta name=description>, for --explain.  The first of each is
 * judged, as search engines read it; a page of 100 000 <meta> tags must not cost 100 000
 * judgements. */
static void judge_meta(struct page *pg, float threshold)
{
	static const char *const names[] = { "keywords", "description" };
	const dom *dm = &pg->d->dom;
	bool seen[2] = { false, false };
	for (int32_t i = 0; i < dm->n && !(seen[0] && seen[1]); i++) {
		const dom_node *n = &dm->node[i];
		const char *name = n->tag == GUMBO_TAG_META ? dom_attr_get(n, "name") : NULL;
		const char *content = name ? dom_attr_get(n, "content") : NULL;
		int k = !content ? -1 : strcasecmp(name, names[0]) == 0 ? 0 :
			strcasecmp(name, names[1]) == 0 ? 1 : -1;
		if (k < 0 || seen[k])
			continue;
		seen[k] = true;
		struct verdict v;
		judge(pg, content, strlen(content), &v);
		if (!is_spam(&v, threshold, 0))
			continue;
		doc_why(pg->d, "meta %s: keyword spam, score %.1f, %zu of %zu segments (\"%s\")",
			names[k], v.score, v.hit, v.nseg, bare(v.top));
	}
}

/* <title>: a spam title loses its spam segments when the rest is the article's own title;
 * otherwise it is marked, and attribution looks elsewhere. */
static bool judge_title(struct page *pg, float threshold)
{
	doc *d = pg->d;
	const char *t = d->dom.title;
	if (!t)
		return false;
	struct verdict v;
	judge(pg, t, strlen(t), &v);
	if (v.score <= 0)
		return false;
	if (!is_spam(&v, threshold, 0)) {
		doc_why(d, "title: not spam, score %.1f in %zu of %zu segments (spam: %.1f in two "
			"or more; \"%s\")", v.score, v.hit, v.nseg, threshold, bare(v.top));
		return false;
	}
	/* The longest run of segments without a spam term. */
	size_t best_from = 0, best_to = 0;
	for (size_t i = 0; i < v.nseg;) {
		size_t j = i;
		while (j < v.nseg && v.seg[j].score == 0)
			j++;
		if (j > i && v.seg[j - 1].to - v.seg[i].from > best_to - best_from) {
			best_from = v.seg[i].from;
			best_to = v.seg[j - 1].to;
		}
		i = j > i ? j : i + 1;
	}
	/* It is the real title when it is more than a word or two (12 Latin-equivalent
	 * characters: four Han), no longer than a headline runs (300), and half of it is in the
	 * article: the NetEase sample's real title shares 61 % (its site name, 網易訂閱, is not in
	 * the article), spam-meta-keywords' 73 %; a keyword the lexicon lacks ("看片神器") shares
	 * nothing with an article. */
	text_counts c;
	text_count(t + best_from, best_to - best_from, &c);
	uint32_t latin = text_latin_len(&c);
	float sh = latin >= 12 && latin <= 300 ? shared(pg, t + best_from, best_to - best_from) : 0;
	if (sh >= 0.5f) {
		d->dom.title = arena_strndup(d->a, t + best_from, best_to - best_from);
		doc_why(d, "title: keyword spam, score %.1f, %zu of %zu segments (\"%s\"); kept "
			"its real part, %.0f %% of it in the article: %s", v.score, v.hit, v.nseg,
			bare(v.top), sh * 100, d->dom.title);
	} else {
		d->title_spam = true;
		doc_why(d, "title: keyword spam, score %.1f, %zu of %zu segments (\"%s\"): not the "
			"title", v.score, v.hit, v.nseg, bare(v.top));
	}
	return true;
}

/* The first visible blocks: a keyword line or a block of spam links above the article. */
static void judge_head(struct page *pg, float threshold)
{
	doc *d = pg->d;
	size_t seen = 0;
	for (size_t i = 0; i < d->nblocks && seen < HEAD_BLOCKS; i++) {
		block *b = &d->blocks[i];
		if (b->hidden)
			continue;
		if (prose(b))
			break;
		seen++;
		if (b->label != LABEL_NONE)
			continue;
		struct verdict v;
		judge(pg, b->text, b->len, &v);
		if (!is_spam(&v, threshold, b->links))
			continue;
		b->label = LABEL_SPAM;
		b->score = v.score;
		b->rule = why(d, "keyword spam: %zu of %zu segments hold spam terms (\"%s\")",
			      v.hit, v.nseg, bare(v.top));
	}
}

static void seo_spam_classify(void *state, doc *d)
{
	const struct seo_spam *s = state;
	struct page pg = { s, d, NULL, 0, NULL, NULL };
	pg.found = arena_alloc(d->a, (s->terms.list.n + 1) * sizeof *pg.found);
	pg.used = arena_zalloc(d->a, s->terms.list.n + 1);
	/* A page that shows a mirror's or an intruder's hand elsewhere (pinyin glosses, a hidden
	 * list of spam) needs less evidence in its title and first lines.  Spam meta data is no
	 * such mark: lawful video sites list "在线观看, 免费观看, 高清" there. */
	bool mirror = d->pinyin_glosses > 0;
	if (judge_hidden(&pg))
		mirror = true;
	judge_meta(&pg, s->spam);
	if (mirror)
		doc_why(d, "spam: thresholds at %.0f %%: the page bears a mirror's or an "
			"intruder's marks (above)", s->mirror * 100);
	float threshold = mirror ? s->spam * s->mirror : s->spam;
	if (judge_title(&pg, threshold))
		threshold = s->spam * s->mirror;
	judge_head(&pg, threshold);
}

const plugin plugin_seo_spam = {
	"seo_spam", seo_spam_init, seo_spam_classify, seo_spam_free,
};
