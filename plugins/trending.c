/* trending.c — labels the related, trending and most-read lists and the author boxes around an
 * article as trending, so neither the content plugin nor the reader takes them for the article.
 *
 * Four rules, in this order: a heading from conf/trending-headings.txt opens a list that runs
 * until prose resumes; a box whose short lines count articles or followers is an author box;
 * a run of teaser cards that each carry a date and a link is a headline list; a run of cards
 * that are nearly all link text is a link farm.  Thresholds are in conf/trending-limits.txt. */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "err.h"
#include "lexicon.h"
#include "plugin.h"

struct trending {
	lexicon headings, counters;
	float heading_cover, heading_cover_start, heading_max, counter_max, box_max;
	float card_max, card_min, card_share, card_links;
	float farm_links, farm_max, farm_min, farm_share, farm_min_mean;
	float scope_levels, region_links;
};

static int trending_init(void **state, err *e)
{
	struct trending *t = xcalloc(1, sizeof *t);
	*state = t;
	if (lexicon_load(&t->headings, "trending-headings.txt", e) < 0 ||
	    lexicon_load(&t->counters, "trending-counters.txt", e) < 0)
		return -1;
	const conf_number names[] = {
		{ "heading-cover", &t->heading_cover },
		{ "heading-cover-start", &t->heading_cover_start },
		{ "heading-max-latin", &t->heading_max },
		{ "counter-max-latin", &t->counter_max },
		{ "box-max-latin", &t->box_max },
		{ "card-max-latin", &t->card_max },
		{ "card-min-run", &t->card_min },
		{ "card-share", &t->card_share },
		{ "card-links", &t->card_links },
		{ "farm-links", &t->farm_links },
		{ "farm-max-latin", &t->farm_max },
		{ "farm-min-run", &t->farm_min },
		{ "farm-share", &t->farm_share },
		{ "farm-min-mean-latin", &t->farm_min_mean },
		{ "scope-levels", &t->scope_levels },
		{ "region-links", &t->region_links },
	};
	return conf_numbers("trending-limits.txt", names, sizeof names / sizeof *names, e);
}

static void trending_free(void *state)
{
	struct trending *t = state;
	lexicon_free(&t->headings);
	lexicon_free(&t->counters);
	free(t);
}

/* Labels an undecided block trending. */
static void mark(block *b, const char *rule, float score)
{
	if (b->label != LABEL_NONE)
		return;
	b->label = LABEL_TRENDING;
	b->rule = rule;
	b->score = score;
}

/* The first line of a block: on text pages a heading often shares its paragraph with the list
 * it opens ("相关推荐\n热点推荐\n高市早苗…"). */
static size_t first_line(const block *b)
{
	const char *nl = memchr(b->text, '\n', b->len);
	return nl ? (size_t)(nl - b->text) : b->len;
}

/* How well text[0..n) reads as a trending heading: the share of it that a heading of the list
 * covers, or 0. */
static float heading_cover(const struct trending *t, const char *s, size_t n)
{
	text_counts tc;
	text_count(s, n, &tc);
	if (text_latin_len(&tc) > t->heading_max)
		return 0;
	float c = lexicon_cover(&t->headings, s, n, LEXICON_ANYWHERE, NULL);
	if (c >= t->heading_cover)
		return c;
	c = lexicon_cover(&t->headings, s, n, LEXICON_START, NULL);
	return c >= t->heading_cover_start ? c : 0;
}

/* How well a block reads as a trending heading: the share of its text, or of its first line,
 * that a heading of the list covers, or 0.  The whole text counts when it is short: a label set
 * upright, one character a line ("今<br>日<br>推<br>荐"), has a first line of one character. */
static float heading(const struct trending *t, const block *b)
{
	size_t n = first_line(b);
	if (b->hidden || b->label != LABEL_NONE || (b->sentence_end && n == b->len))
		return 0;
	float c = heading_cover(t, b->text, b->len);
	return c > 0 || n == b->len ? c : heading_cover(t, b->text, n);
}

/* One past the last block that the list opened by heading block i may reach: on HTML pages the
 * smallest element that holds the heading and the block after it (the heading's box), on text
 * pages the end of the page.  Prose stops the list earlier (see label_headings). */
static size_t scope_end(const struct trending *t, const doc *d, size_t i)
{
	if (d->is_text || i + 1 >= d->nblocks)
		return d->nblocks;
	const dom *dm = &d->dom;
	int32_t next = d->blocks[i + 1].first, a = d->blocks[i].node;
	int32_t prev_end = i > 0 ? d->blocks[i - 1].first : -1;
	/* Boxes that hold the heading alone (a table or a cell of its own) do not count. */
	while (a >= 0 && dm->node[a].parent >= 0 && dm->node[a].parent != dm->body &&
	       dm->node[a].parent > prev_end && next >= dm->node[dm->node[a].parent].end)
		a = dm->node[a].parent;
	for (int level = 0; a >= 0 && !(next >= a && next < dm->node[a].end); level++) {
		if (level == (int)t->scope_levels)
			return i + 1;
		a = dm->node[a].parent;
	}
	if (a < 0 || a == dm->body || a == dm->html)
		return d->nblocks;
	size_t j = i + 1;
	while (j < d->nblocks && d->blocks[j].first >= a && d->blocks[j].first < dm->node[a].end)
		j++;
	return j;
}

/* Rule 1: a trending heading and the list after it.  The list ends where prose resumes, at a
 * heading that opens something else, or at the end of the heading's box. */
static void label_headings(const struct trending *t, doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		block *h = &d->blocks[i];
		float c = heading(t, h);
		if (c == 0)
			continue;
		size_t end = scope_end(t, d, i), j = i + 1;
		uint32_t chars = 0, links = 0;
		for (; j < end; j++) {
			block *b = &d->blocks[j];
			if (segment_prose(b) || (b->kind == BLOCK_HEADING && !heading(t, b) &&
						 b->label == LABEL_NONE))
				break;
			if (!heading(t, b)) {
				chars += b->tc.chars;
				links += b->link_chars;
			}
		}
		/* A heading with nothing list-like after it is the article's own subheading; on HTML
		 * pages the list must be links too (tabs of headings alone count), or the heading is a
		 * table's or a section's ("Recommended settings" above a table of settings). */
		bool own = first_line(h) < h->len;
		if ((j == i + 1 && !own) ||
		    (!d->is_text && links < t->region_links * (float)chars))
			continue;
		mark(h, "trending heading", c);
		for (size_t k = i + 1; k < j; k++)
			mark(&d->blocks[k], "list under a trending heading", c);
		i = j - 1;
	}
}

/* Latin-equivalent length of the visible text under a DOM node. */
static uint32_t node_latin(const dom_node *n)
{
	return n->chars + 2 * n->han;
}

/* Rule 2: an author or channel box.  The box is the largest element around the counter that
 * holds no more than box-max-latin of text (name, channel, counters, a follow button). */
static void label_author_boxes(const struct trending *t, doc *d)
{
	const dom *dm = &d->dom;
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (b->label != LABEL_NONE || segment_prose(b) ||
		    !lexicon_counted(&t->counters, b->text, b->len))
			continue;
		if (d->is_text || b->node < 0) {
			mark(b, "author box", 0);
			continue;
		}
		if (b->latin > t->counter_max)
			continue;
		int32_t box = b->node;
		for (int32_t a = dm->node[box].parent; a >= 0 && a != dm->body &&
		     node_latin(&dm->node[a]) <= t->box_max; a = dm->node[a].parent)
			box = a;
		/* blocks are in document order: the box's are the run around block i */
		size_t from = i, to = i + 1;
		while (from > 0 && d->blocks[from - 1].first >= box)
			from--;
		while (to < d->nblocks && d->blocks[to].first < dm->node[box].end)
			to++;
		for (size_t j = from; j < to; j++)
			mark(&d->blocks[j], "author box", (float)node_latin(&dm->node[box]));
	}
}

/* How far above a block its card may be: the six levels segment.c looks up for a group. */
enum { CARD_LEVELS = 6 };

/* The card each block belongs to: of the repeated elements within a few levels above it (list
 * items, teaser boxes, table rows), the one with the most alike siblings, the outer one on a
 * tie, so that a teaser's title, meta list and links count together while two tabs that each
 * hold a list do not make their lists one card; a table cell is no card.  -1 when none. */
static int32_t *find_cards(const doc *d)
{
	const dom *dm = &d->dom;
	uint32_t *run = dom_sibling_runs(d->a, dm);
	int32_t *card = arena_alloc(d->a, (d->nblocks + 1) * sizeof *card);
	for (size_t i = 0; i < d->nblocks; i++) {
		card[i] = -1;
		int32_t a = d->blocks[i].node;
		for (int level = 0; a >= 0 && level < CARD_LEVELS; level++, a = dm->node[a].parent)
			if (run[a] >= 2 && (card[i] < 0 || run[a] >= run[card[i]]) &&
			    dm->node[a].tag != GUMBO_TAG_TD && dm->node[a].tag != GUMBO_TAG_TH)
				card[i] = a;
	}
	return card;
}

/* What the blocks of one card add up to. */
struct card {
	uint32_t latin, chars, link_chars;
	bool dated, prose, counted;
	bool in_page;   /* all its links point into the page: a table of contents */
};

/* Whether every link under node c is to an anchor of the same page ("#section-2"). */
static bool in_page_links(const dom *dm, int32_t c)
{
	bool any = false;
	for (int32_t k = c; k < dm->node[c].end; k++) {
		if (dm->node[k].tag != GUMBO_TAG_A)
			continue;
		const char *href = dom_attr_get(&dm->node[k], "href");
		if (!href)
			continue;
		if (href[0] != '#')
			return false;
		any = true;
	}
	return any;
}

/* Rules 3 and 4 on HTML pages: runs of like sibling cards (list items, teaser boxes).  A run
 * of at least card-min-run cards, card-share of them short and carrying a date and a link, is
 * a headline list with sources and times; a run of at least farm-min-run cards, farm-share of
 * them short and nearly all link text, is a link farm.  Menus inside <nav> and page headers and
 * footers are left to the boilerplate plugin. */
static void label_cards(const struct trending *t, doc *d)
{
	const dom *dm = &d->dom;
	struct card *cards = arena_zalloc(d->a, ((size_t)dm->n + 1) * sizeof *cards);
	bool *seen = arena_zalloc(d->a, ((size_t)dm->n + 1) * sizeof *seen);
	const char **rule = arena_zalloc(d->a, ((size_t)dm->n + 1) * sizeof *rule);
	int32_t *card = find_cards(d);
	uint32_t prose = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (!b->hidden && segment_prose(b))
			prose += b->latin;
		if (card[i] < 0 || b->hidden)
			continue;
		struct card *c = &cards[card[i]];
		if (!c->counted)
			c->in_page = in_page_links(dm, card[i]);
		c->counted = true;
		c->latin += b->latin;
		c->chars += b->tc.chars;
		c->link_chars += b->link_chars;
		c->dated |= b->has_date;
		c->prose |= segment_prose(b);
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		if (card[i] < 0 || seen[dm->node[card[i]].parent])
			continue;
		int32_t p = dm->node[card[i]].parent;
		seen[p] = true;
		/* Each run of alike element children of p. */
		for (int32_t k = p + 1; k >= 0 && k < dm->node[p].end;) {
			if (dm->node[k].tag == DOM_TEXT) {
				k = dm->node[k].next;
				continue;
			}
			int32_t last = k;
			uint32_t run = 0, dated = 0, farm = 0, latin = 0;
			/* numbered lists with dates are notes and references, not headlines */
			bool numbered = dm->node[p].tag == GUMBO_TAG_OL;
			for (int32_t x = k; x >= 0 && x < dm->node[p].end; x = dm->node[x].next) {
				if (dm->node[x].tag == DOM_TEXT)
					continue;
				if (!dom_alike(&dm->node[k], &dm->node[x]))
					break;
				const struct card *c = &cards[x];
				run++;
				last = x;
				if (c->prose)
					continue;
				latin += c->latin;
				dated += c->dated && !numbered && c->latin <= t->card_max &&
					 c->link_chars >= t->card_links * (float)c->chars;
				farm += c->chars && !c->in_page && c->latin <= t->farm_max &&
					c->link_chars >= t->farm_links * (float)c->chars;
			}
			/* A run longer than the page's prose is what the page is about (a list of
			 * news, a shop's shelf), not a list beside an article. */
			const char *r = NULL;
			if (latin <= prose && run >= t->card_min && dated >= t->card_share * (float)run)
				r = "dated headline list";
			else if (latin <= prose && run >= t->farm_min &&
				 farm >= t->farm_share * (float)run &&
				 latin >= t->farm_min_mean * (float)run)
				r = "link farm";
			for (int32_t x = k; r && x >= 0 && x <= last; x = dm->node[x].next)
				rule[x] = r;
			k = dm->node[last].next;
		}
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (card[i] >= 0 && rule[card[i]] && !segment_prose(b) &&
		    !(b->inside & (IN_NAV | IN_HEADER | IN_FOOTER)))
			mark(b, rule[card[i]], (float)b->group);
	}
}

/* Rule 3 on text pages, which have no cards: a run of at least card-min-run short paragraphs
 * that each carry a date ("第一财经资讯\n2026-04-27 22:43:49"). */
static void label_dated_lines(const struct trending *t, doc *d)
{
	for (size_t i = 0; i < d->nblocks;) {
		size_t j = i;
		while (j < d->nblocks && d->blocks[j].has_date && d->blocks[j].latin <= t->card_max &&
		       !segment_prose(&d->blocks[j]))
			j++;
		if (j - i >= t->card_min)
			for (size_t k = i; k < j; k++)
				mark(&d->blocks[k], "dated headline list", (float)(j - i));
		i = j > i ? j : i + 1;
	}
}

static void trending_classify(void *state, doc *d)
{
	const struct trending *t = state;
	label_headings(t, d);
	label_author_boxes(t, d);
	if (d->is_text)
		label_dated_lines(t, d);
	else if (d->dom.n)
		label_cards(t, d);
}

const plugin plugin_trending = {
	"trending", trending_init, trending_classify, trending_free,
};
