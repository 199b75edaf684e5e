/* boilerplate.c — labels the chrome around an article: navigation and breadcrumbs, share and
 * print widgets, comment counters, ads, cookie and newsletter boxes, platform disclaimers,
 * copyright footers, and the attribution lines (datelines, "责任编辑：…") that are not body.
 *
 * Every rule looks at one short block: a word list from conf/ says what it is, and its shape
 * (length, links, where the words stand) says it is not a sentence of the article that happens
 * to use the word.  Last, an end marker ("责任编辑：…", a disclaimer) standing after most of the
 * page's prose closes the article: the short blocks after it are not body.  Thresholds are in
 * conf/boilerplate-limits.txt. */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "doc.h"
#include "err.h"
#include "lexicon.h"
#include "plugin.h"

struct boilerplate {
	lexicon crumbs, pages, footer, openers, disclaimers, comments, ads, widgets, share, consent;
	lexicon asks, counters, comment_counts;
	lexicon attribution, end, unsubscribe;
	float label_cover, label_cover_start, label_max, menu_max, menu_min, crumb_max;
	float footer_max, disclaimer_max, share_max, consent_max;
	float attribution_max, dateline_max, dateline_rest, inner_datelines, edge_blocks, end_share;
	float counter_max, comment_heading_max, comment_share;
};

static int boilerplate_init(void **state, err *e)
{
	struct boilerplate *t = xcalloc(1, sizeof *t);
	*state = t;
	const struct {
		lexicon *x;
		const char *name;
	} lists[] = {
		{ &t->crumbs, "boilerplate-crumbs.txt" },
		{ &t->pages, "boilerplate-nav-labels.txt" },
		{ &t->footer, "boilerplate-footer.txt" },
		{ &t->openers, "boilerplate-disclaimer-openers.txt" },
		{ &t->disclaimers, "boilerplate-disclaimers.txt" },
		{ &t->comments, "boilerplate-comments.txt" },
		{ &t->ads, "boilerplate-ads.txt" },
		{ &t->widgets, "boilerplate-widgets.txt" },
		{ &t->share, "boilerplate-share.txt" },
		{ &t->consent, "boilerplate-consent.txt" },
		{ &t->asks, "boilerplate-consent-asks.txt" },
		{ &t->counters, "boilerplate-counters.txt" },
		{ &t->comment_counts, "boilerplate-comment-counts.txt" },
		{ &t->attribution, "boilerplate-attribution.txt" },
		{ &t->end, "boilerplate-end.txt" },
		{ &t->unsubscribe, "boilerplate-unsubscribe.txt" },
	};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		if (lexicon_load(lists[i].x, lists[i].name, e) < 0)
			return -1;
	const conf_number names[] = {
		{ "label-cover", &t->label_cover },
		{ "label-cover-start", &t->label_cover_start },
		{ "label-max-latin", &t->label_max },
		{ "menu-max-latin", &t->menu_max },
		{ "menu-min-run", &t->menu_min },
		{ "crumb-max-latin", &t->crumb_max },
		{ "footer-max-latin", &t->footer_max },
		{ "disclaimer-max-latin", &t->disclaimer_max },
		{ "share-max-latin", &t->share_max },
		{ "consent-max-latin", &t->consent_max },
		{ "attribution-max-latin", &t->attribution_max },
		{ "dateline-max-latin", &t->dateline_max },
		{ "dateline-rest-latin", &t->dateline_rest },
		{ "inner-datelines", &t->inner_datelines },
		{ "edge-blocks", &t->edge_blocks },
		{ "end-share", &t->end_share },
		{ "counter-max-latin", &t->counter_max },
		{ "comment-heading-max-latin", &t->comment_heading_max },
		{ "comment-share", &t->comment_share },
	};
	return conf_numbers("boilerplate-limits.txt", names, sizeof names / sizeof *names, e);
}

static void boilerplate_free(void *state)
{
	struct boilerplate *t = state;
	lexicon *all[] = { &t->crumbs, &t->pages, &t->footer, &t->openers, &t->disclaimers,
			   &t->comments, &t->ads, &t->widgets, &t->share, &t->consent,
			   &t->asks, &t->counters, &t->comment_counts, &t->attribution, &t->end,
			   &t->unsubscribe };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		lexicon_free(all[i]);
	free(t);
}

static void mark(block *b, enum label l, const char *rule, float score)
{
	b->label = (uint8_t)l;
	b->rule = rule;
	b->score = score;
}

/* A short label that is mostly an entry of x: "分享至", "0 comments", "Advertisement - Page
 * continues below".  Returns the cover, or 0. */
static float short_label(const struct boilerplate *t, const lexicon *x, const block *b)
{
	if (b->latin > t->label_max)
		return 0;
	float c = lexicon_cover(x, b->text, b->len, LEXICON_ANYWHERE, NULL);
	if (c >= t->label_cover)
		return c;
	c = lexicon_cover(x, b->text, b->len, LEXICON_START, NULL);
	return c >= t->label_cover_start ? c : 0;
}

/* A year of this century or the last standing alone ("© 2012", "1997-2026"): what turns a
 * bare "©" or "Copyright" into a copyright line rather than an image credit. */
static bool has_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++) {
		bool digits = true;
		for (size_t k = i; k < i + 4 && digits; k++)
			digits = s[k] >= '0' && s[k] <= '9';
		if (digits && (s[i] == '1' ? s[i + 1] == '9' : s[i] == '2' && s[i + 1] == '0') &&
		    (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') &&
		    (i + 4 == n || s[i + 4] < '0' || s[i + 4] > '9'))
			return true;
	}
	return false;
}

/* Breadcrumb arrows: > ＞ › » →. */
static unsigned arrows(const char *s, size_t n)
{
	unsigned k = 0;
	for (const char *p = s, *end = s + n; p < end;) {
		uint32_t c = text_next(&p, end);
		k += c == '>' || c == 0xFF1E || c == 0x203A || c == 0xBB || c == 0x2192;
	}
	return k;
}

static bool opening(uint32_t c)
{
	return text_is_space(c) || c == '(' || c == '[' || c == 0xFF08 || c == 0x3010 ||
	       c == 0x300C || c == 0xFF3B;
}

static bool closing(uint32_t c)
{
	return text_is_space(c) || c == ')' || c == ']' || c == 0xFF09 || c == 0x3011 ||
	       c == 0x300D || c == 0xFF3D;
}

/* Han characters from *p up to white space, a closing bracket or end; *p moves past them.
 * Returns how many, or -1 when something else stands among them. */
static int han_run(const char **p, const char *end)
{
	int k = 0;
	while (*p < end) {
		const char *q = *p;
		uint32_t c = text_next(&q, end);
		if (closing(c))
			break;
		if (!text_is_han(c))
			return -1;
		k++;
		*p = q;
	}
	return k;
}

/* Whether s[0..end) holds nothing but closing brackets and white space. */
static bool only_closing(const char *s, const char *end)
{
	while (s < end)
		if (!closing(text_next(&s, end)))
			return false;
	return true;
}

static bool ends_with(const char *s, const char *end, const char *w)
{
	size_t m = strlen(w);
	return (size_t)(end - s) >= m && memcmp(end - m, w, m) == 0;
}

/* Whether what follows an attribution word is the rest of a byline that has no colon: names
 * set apart by white space ("光明日报记者 王建宏 张文攀", "（松花江网编辑 孙桂芳）"), the last
 * of which may be the place reported from ("新京报记者 彭冲 山东冠县报道"); or a name glued
 * on with where it was filed from ("本报记者罗科苏盈发自北京").  Closing brackets may end it.
 * A name is two to four Han characters. */
static bool names_follow(const char *q, const char *end)
{
	const char *r = q;
	int k = han_run(&r, end);
	if (k > 0) {
		const char *at = text_find_ci(q, (size_t)(r - q), "\xE5\x8F\x91\xE8\x87\xAA");
		if (!at)
			at = text_find_ci(q, (size_t)(r - q), "\xE7\x99\xBC\xE8\x87\xAA");
		/* 发自 / 發自 after a name of two to four characters, a place after it */
		return at && at >= q + 6 && at <= q + 12 && r > at + 6 && k <= 12 &&
		       only_closing(r, end);
	}
	int names = 0;
	for (;;) {
		bool space = false;
		while (q < end) {
			r = q;
			if (!text_is_space(text_next(&r, end)))
				break;
			q = r;
			space = true;
		}
		if (q == end || !space)
			break;
		const char *w = q;
		k = han_run(&q, end);
		bool report = ends_with(w, q, "\xE6\x8A\xA5\xE9\x81\x93") ||   /* 报道 */
			      ends_with(w, q, "\xE5\xA0\xB1\xE5\xB0\x8E");     /* 報導 */
		if (k < 2 || k > (report ? 8 : 4))
			return false;
		names++;
		if (report)
			break;
	}
	return names > 0 && only_closing(q, end);
}

/* Where an entry of x stands as a label in s: followed by a colon or a slash ("责任编辑：",
 * "文/"); closing the text after a name ("(嵇南涛 编辑)", not a wiki's "[编辑]" link); opening
 * the text or a bracket before a space ("By Xu", "本报讯（记者 陈鑫）"); or opening a line that
 * names a place after a slash ("記者黃芳祿／台南報導"); or followed by names and nothing else
 * (see names_follow).  A one-character entry ("文", "图")
 * must not end a longer word, an alphabetic one must be a whole word.  Returns the entry, or
 * NULL. */
static const char *label_word(const lexicon *x, const char *s, size_t n)
{
	const char *end = s + n, *start = s;
	while (start < end) {
		const char *q = start;
		if (!opening(text_next(&q, end)))
			break;
		start = q;
	}
	for (size_t i = 0; i < x->list.n; i++) {
		const char *w = x->list.item[i];
		size_t m = strlen(w);
		bool alpha = (w[0] & 0x80) == 0;
		for (const char *p = s; (p = text_find_ci(p, (size_t)(end - p), w)); p += m) {
			if (p > s) {
				const char *b = p;
				uint32_t before = text_prev(&b, s);
				if ((alpha && text_is_word(before)) ||
				    (!alpha && m <= 3 && text_is_han(before)))
					continue;
			}
			const char *q = p + m;
			if (q < end && alpha && text_is_word((unsigned char)*q))
				continue;
			bool space = false;
			uint32_t c = 0;
			while (q < end && text_is_space(c = text_next(&q, end)))
				space = true;
			if (c == ':' || c == 0xFF1A || c == '/' || c == 0xFF0F)
				return x->list.item[i];
			const char *o = p;
			uint32_t ob = p > s ? text_prev(&o, s) : 0;
			bool opens = p == start || (opening(ob) && !text_is_space(ob));
			if (space && opens && !closing(c))
				return x->list.item[i];
			if (!alpha && names_follow(p + m, end))
				return x->list.item[i];
			if (p == start && (text_find_ci(p, (size_t)(end - p), "/") ||
					   text_find_ci(p, (size_t)(end - p), "\xEF\xBC\x8F")))
				return x->list.item[i];
			/* after a name and a space, with nothing but closing brackets after it */
			if (p == start || !text_is_space((unsigned char)p[-1]))
				continue;
			const char *r = p + m;
			while (r < end) {
				const char *r0 = r;
				if (!closing(text_next(&r, end))) {
					r = r0;
					break;
				}
			}
			if (r == end)
				return x->list.item[i];
		}
	}
	return NULL;
}

/* An opener of a notice: an entry of the openers list alone ("郑 重 声 明" over the notice), or
 * at the start and followed by a colon or a closing bracket ("特别声明：", "【免责声明】",
 * "Disclaimer:"). */
static bool notice_opener(const struct boilerplate *t, const block *b)
{
	const char *hit;
	float c = lexicon_cover(&t->openers, b->text, b->len < 120 ? b->len : 120, LEXICON_START,
				&hit);
	if (c == 0)
		return false;
	if (c == 1)
		return true;
	const char *p = text_find_ci(b->text, b->len, hit), *end = b->text + b->len;
	if (!p)
		return false;
	p += strlen(hit);
	while (p < end) {
		uint32_t ch = text_next(&p, end);
		if (ch == ':' || ch == 0xFF1A || ch == 0x3011 || ch == ']')
			return true;
		if (!text_is_space(ch))
			return false;
	}
	return true;
}

/* A line about the article rather than of it: a date with a source or an author ("2012-01-17
 * 18:10 来源：中国新闻网"), or a date at one end of the line with little else ("台灣醒報
 * (2012-01-11 16:58)"; not a reference "^ Eden (22 June 2021). \"Run Lola Run\""). */
static bool dateline(const struct boilerplate *t, const block *b)
{
	if (!b->has_date || b->latin > t->dateline_max || b->sentence_end)
		return false;
	if (label_word(&t->attribution, b->text, b->len))
		return true;
	size_t dlen;
	const char *at = date_find(b->text, b->len, &dlen), *end = b->text + b->len;
	/* Or the date is what an attribution word labels ("… 发布时间 2005/05/17 22:11 by …"). */
	const char *w = at;
	while (w > b->text) {
		const char *q = w;
		uint32_t c = text_prev(&q, b->text);
		if (!text_is_space(c) && c != ':' && c != 0xFF1A)
			break;
		w = q;
	}
	for (size_t i = 0; i < t->attribution.list.n; i++) {
		const char *e = t->attribution.list.item[i];
		size_t m = strlen(e);
		if ((size_t)(w - b->text) < m || text_find_ci(w - m, m, e) != w - m)
			continue;
		/* a whole word; not a one-character entry, which ends too many words */
		const char *q = w - m;
		if ((e[0] & 0x80) ? m > 3 : q == b->text || !text_is_word((unsigned char)q[-1]))
			return true;
	}
	/* Otherwise the date opens or closes the line, brackets aside, and leaves little else. */
	const char *head = b->text, *tail = at + dlen;
	while (head < at) {
		const char *q = head;
		if (!opening(text_next(&q, at)))
			break;
		head = q;
	}
	while (tail < end) {
		const char *q = tail;
		if (!closing(text_next(&q, end)))
			break;
		tail = q;
	}
	text_counts tc;
	text_count(at, dlen, &tc);
	return (head == at || tail == end) && b->latin <= text_latin_len(&tc) + t->dateline_rest;
}

/* Prose that may still be the article's: undecided, visible, reading like prose. */
static bool open_prose(const block *b)
{
	return b->label == LABEL_NONE && !b->hidden && segment_prose(b);
}

/* Whether open prose is reached from block i going by `step` (+1 or -1) within edge-blocks
 * visible blocks, before a block that an earlier plugin took for chaff. */
static bool prose_near(const struct boilerplate *t, const doc *d, size_t i, int step)
{
	size_t seen = 0;
	for (size_t k = i + (size_t)step; k < d->nblocks && seen < (size_t)t->edge_blocks;
	     k += (size_t)step) {
		const block *b = &d->blocks[k];
		if (b->hidden)
			continue;
		if (b->label != LABEL_NONE)
			return false;
		if (segment_prose(b))
			return true;
		seen++;
	}
	return false;
}

/* Whether block i stands at an edge of the prose: the article's text is not on both sides. */
static bool at_edge(const struct boilerplate *t, const doc *d, size_t i)
{
	return !prose_near(t, d, i, -1) || !prose_near(t, d, i, 1);
}

/* A link to leave a mailing list in the block: a newsletter's footer notice ("You are
 * receiving this because … Unsubscribe"), which the law makes every bulk mail carry. */
static bool unsubscribe_link(const struct boilerplate *t, const doc *d, const block *b)
{
	for (int32_t i = b->first; i >= 0 && i <= b->last; i++) {
		const dom_node *n = &d->dom.node[i];
		if (n->tag != DOM_TEXT || !(n->flags & DOM_IN_LINK))
			continue;
		int32_t a = n->parent;
		while (a >= 0 && d->dom.node[a].tag != GUMBO_TAG_A)
			a = d->dom.node[a].parent;
		const char *href = a >= 0 ? dom_attr_get(&d->dom.node[a], "href") : NULL;
		if (href && lexicon_text(&t->unsubscribe, href, strlen(href), NULL) > 0)
			return true;
	}
	return false;
}

/* One block, on its own but for where it stands: attribution lines count only at an edge of
 * the prose (a byline heading a translated original in the middle of a page stays body). */
static void label_block(const struct boilerplate *t, const doc *d, block *b, bool edge,
			bool datelines)
{
	float c;
	if (b->inside & IN_NAV) {
		mark(b, LABEL_NAV, "inside <nav>", 0);
	} else if (b->latin <= t->crumb_max && arrows(b->text, b->len) > 0 &&
		   (c = lexicon_cover(&t->crumbs, b->text, b->len, LEXICON_ANYWHERE, NULL)) > 0) {
		mark(b, LABEL_NAV, "breadcrumb", c);
	} else if ((b->inside & IN_LINK) && b->latin <= t->menu_max && b->group >= t->menu_min &&
		   b->kind != BLOCK_HEADING && b->node >= 0 && d->dom.node[b->node].tag != GUMBO_TAG_P) {
		mark(b, LABEL_NAV, "menu entry", (float)b->group);
	} else if ((c = short_label(t, &t->pages, b)) > 0) {
		mark(b, LABEL_NAV, "pagination or tag list", c);
	} else if (b->latin <= t->disclaimer_max && !segment_prose(b) && unsubscribe_link(t, d, b)) {
		mark(b, LABEL_DISCLAIMER, "a mailing list's unsubscribe notice", 0);
	} else if (b->latin <= t->disclaimer_max &&
		   (notice_opener(t, b) || lexicon_text(&t->disclaimers, b->text, b->len, NULL) > 0)) {
		mark(b, LABEL_DISCLAIMER, "platform or publisher notice", 0);
	} else if (b->latin <= t->footer_max && !segment_prose(b) &&
		   (c = lexicon_text(&t->footer, b->text, b->len, NULL)) > 0 &&
		   (c >= 2 || has_year(b->text, b->len))) {
		mark(b, LABEL_FOOTER, "copyright line", c);
	} else if ((c = short_label(t, &t->comments, b)) > 0) {
		mark(b, LABEL_COMMENT, "comment counter or form", c);
	} else if ((c = short_label(t, &t->ads, b)) > 0) {
		mark(b, LABEL_AD, "advertising label", c);
	} else if ((c = short_label(t, &t->widgets, b)) > 0 ||
		   (b->latin <= t->share_max &&
		    lexicon_cover(&t->share, b->text, b->len, LEXICON_START, NULL) > 0)) {
		mark(b, LABEL_BOILERPLATE, "share or tool widget", c);
	} else if (b->latin <= t->consent_max &&
		   lexicon_text(&t->consent, b->text, b->len, NULL) > 0 &&
		   lexicon_text(&t->asks, b->text, b->len, NULL) > 0) {
		mark(b, LABEL_BOILERPLATE, "cookie, newsletter or follow-us box", 0);
	} else if (datelines && edge && dateline(t, b)) {
		mark(b, LABEL_ATTRIBUTION, "dateline", 0);
	} else if (edge && b->latin <= t->attribution_max && !b->sentence_end &&
		   b->kind != BLOCK_HEADING &&
		   label_word(&t->attribution, b->text, b->len)) {
		mark(b, LABEL_ATTRIBUTION, "attribution line", 0);
	} else if (b->latin <= t->counter_max && !segment_prose(b) &&
		   lexicon_counted(&t->counters, b->text, b->len)) {
		mark(b, LABEL_BOILERPLATE, "view or comment counter", 0);
	}
}

/* share[i]: the share of the page's open prose (by length) in the blocks before block i; -1
 * on a page without prose, where no block stands at an article's edge. */
static float *prose_shares(doc *d)
{
	float *share = arena_alloc(d->a, (d->nblocks + 1) * sizeof *share);
	uint32_t total = 0, before = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (open_prose(&d->blocks[i]))
			total += d->blocks[i].latin;
	for (size_t i = 0; i < d->nblocks; i++) {
		share[i] = total ? (float)before / (float)total : -1;
		if (open_prose(&d->blocks[i]))
			before += d->blocks[i].latin;
	}
	return share;
}

/* Whether the article goes on after block i: undecided prose comes before anything labelled
 * as chaff ("Disclaimer: sizes may differ", then the article's last section). */
static bool continues(const doc *d, size_t i)
{
	for (size_t j = i + 1; j < d->nblocks; j++) {
		const block *b = &d->blocks[j];
		if (b->hidden || b->label == LABEL_ATTRIBUTION || b->label == LABEL_DISCLAIMER)
			continue;
		if (b->label != LABEL_NONE)
			return false;
		if (segment_prose(b))
			return true;
	}
	return false;
}

/* An end marker closes the article once at least end-share of the page's open prose stands
 * before it (measured once the notices themselves are labelled): what follows, short of
 * clearly more prose, is comments, lists and footers.  Prose counts as more of the article
 * only while fewer than edge-blocks blocks of chaff stand between it and the marker: past a
 * related list and the menus, it is a footer's notice or a comment. */
static void label_after_end(const struct boilerplate *t, doc *d)
{
	const float *at = prose_shares(d);
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		bool marker = b->label == LABEL_DISCLAIMER ||
			      (b->label == LABEL_ATTRIBUTION && label_word(&t->end, b->text, b->len));
		if (!marker || at[i] < t->end_share || continues(d, i))
			continue;
		/* A bare date after the end dates something else: a sidebar clock, a teaser. */
		size_t chaff = 0;
		for (size_t j = i + 1; j < d->nblocks; j++) {
			block *x = &d->blocks[j];
			bool far = chaff >= t->edge_blocks;
			if ((x->label == LABEL_NONE && (far || !segment_prose(x))) ||
			    (x->label == LABEL_ATTRIBUTION && !label_word(&t->attribution, x->text, x->len)))
				mark(x, LABEL_BOILERPLATE, "after the end marker", (float)i);
			chaff += !x->hidden && !segment_label_kept(x->label) && x->label != LABEL_NONE;
		}
		return;
	}
}

/* A notice's heading standing alone over its text ("反侵权公告：", "【免责声明】") after most of
 * the page's prose: the paragraphs under it, up to the next heading or block labelled other
 * than a notice or a copyright line, are the notice's, however much they read like prose
 * ("根据《著作权法》…本报社郑重公告："). */
static void label_notices(const struct boilerplate *t, doc *d)
{
	const float *at = prose_shares(d);
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (b->label != LABEL_DISCLAIMER || at[i] < t->end_share ||
		    b->latin > t->label_max ||
		    lexicon_cover(&t->openers, b->text, b->len, LEXICON_ANYWHERE, NULL) <
			    t->label_cover)
			continue;
		size_t j = i + 1;
		for (; j < d->nblocks && d->blocks[j].kind != BLOCK_HEADING; j++) {
			block *x = &d->blocks[j];
			if (x->label == LABEL_NONE && !x->hidden)
				mark(x, LABEL_DISCLAIMER, "under a notice heading", (float)i);
			else if (!x->hidden && x->label != LABEL_DISCLAIMER && x->label != LABEL_FOOTER)
				break;
		}
		i = j - 1;
	}
}

/* A comment count that reads as a heading ("已有3条评论", "12 Responses to “…”"): short, no
 * sentence, not a link (a count that is a link belongs to a toolbar). */
static bool comment_heading(const struct boilerplate *t, const block *b)
{
	return (b->label == LABEL_NONE || b->label == LABEL_COMMENT) && !b->hidden &&
	       b->latin <= t->comment_heading_max && !b->sentence_end &&
	       2 * b->link_chars < b->tc.chars &&
	       lexicon_counted(&t->comment_counts, b->text, b->len);
}

/* The one comment count heading of a page, standing after comment-share of its prose (the
 * comments, prose too, may be as long as the article), opens the comments: every undecided
 * block after it is readers' text, not the article's.  Several counts make a thread whose
 * posts each carry their comments (a Q&A page): there the posts are what the page shows. */
static void label_comments(const struct boilerplate *t, doc *d)
{
	size_t at = d->nblocks;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (!comment_heading(t, &d->blocks[i]))
			continue;
		if (at < d->nblocks)
			return;
		at = i;
	}
	if (at == d->nblocks || prose_shares(d)[at] < t->comment_share)
		return;
	mark(&d->blocks[at], LABEL_COMMENT, "comment count heading", 0);
	for (size_t j = at + 1; j < d->nblocks; j++)
		if (d->blocks[j].label == LABEL_NONE)
			mark(&d->blocks[j], LABEL_COMMENT, "under a comment count", (float)at);
}

static void boilerplate_classify(void *state, doc *d)
{
	const struct boilerplate *t = state;
	bool *edge = arena_alloc(d->a, d->nblocks + 1);
	/* Dated lines between paragraphs of prose head the posts of a thread or the items of a
	 * list: there they belong to what the page shows, not to one article's attribution. */
	unsigned inner = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		edge[i] = at_edge(t, d, i);
		inner += !edge[i] && d->blocks[i].label == LABEL_NONE && !d->blocks[i].hidden &&
			 dateline(t, &d->blocks[i]);
	}
	bool datelines = inner < t->inner_datelines;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].label == LABEL_NONE && !d->blocks[i].hidden)
			label_block(t, d, &d->blocks[i], edge[i], datelines);
	label_comments(t, d);
	label_notices(t, d);
	label_after_end(t, d);
}

const plugin plugin_boilerplate = {
	"boilerplate", boilerplate_init, boilerplate_classify, boilerplate_free,
};
