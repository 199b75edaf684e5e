/* attrib.c — attribution: title, author, source, date, addresses, language, the original of a
 * repost and the dropped disclaimer.  Each field takes the first source that has it, in the
 * order of DESIGN.md: JSON-LD, then <meta>, then marked-up elements, then the visible text
 * around the article, then the URL. */
#include "attrib.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "byline.h"
#include "date.h"
#include "doc.h"
#include "err.h"
#include "jsonld.h"
#include "lexicon.h"
#include "text.h"
#include "url.h"

struct attrib {
	conf_list types, original, disclaimer, author_box, org_suffix;
	lexicon byline_class;
	byline_words words;
};

int attrib_new(attrib **out, err *e)
{
	attrib *at = xcalloc(1, sizeof *at);
	*out = at;
	if (conf_list_load("jsonld-types.txt", &at->types, e) < 0 ||
	    conf_list_load("original-url.txt", &at->original, e) < 0 ||
	    conf_list_load("disclaimer.txt", &at->disclaimer, e) < 0 ||
	    conf_list_load("author-box.txt", &at->author_box, e) < 0 ||
	    conf_list_load("org-suffix.txt", &at->org_suffix, e) < 0 ||
	    lexicon_load(&at->byline_class, "byline-class.txt", e) < 0 ||
	    byline_load(&at->words, e) < 0)
		return -1;
	return 0;
}

void attrib_free(attrib *at)
{
	if (!at)
		return;
	conf_list_free(&at->types);
	conf_list_free(&at->original);
	conf_list_free(&at->disclaimer);
	conf_list_free(&at->author_box);
	conf_list_free(&at->org_suffix);
	lexicon_free(&at->byline_class);
	byline_free(&at->words);
	free(at);
}

/* Where the article sits among the blocks, and the windows around its head and tail where
 * attribution lines are looked for.  The spans came from the corpora: header lines (date,
 * source, author) sit within a dozen blocks above the first paragraph, and the editor's line
 * within a dozen below the last.  A labelled date ("Published March 9, 2026") may sit a few
 * blocks further in, under a standfirst of a paragraph or two. */
enum { HEAD_BEFORE = 20, HEAD_INTO = 3, DATE_INTO = 2, TAIL_INTO = 3, TAIL_AFTER = 12 };

/* Latin-equivalent length of the shortest block that counts as the article's first or last:
 * a short sentence (about sixteen Han characters). */
enum { MIN_SENTENCE = 50 };

struct page {
	const attrib *at;
	doc *d;
	bool zh;                /* a Chinese page: dates without a zone are Beijing time */
	size_t first, last;     /* first and last body block; first > last when there is none */
	size_t head0, head_end; /* the head window: from the title block when near, to a few
				   blocks into the article's text */
	int32_t *text_block;    /* per DOM node: the block holding that text node, or -1 */
	/* <meta> name/property/itemprop → content, in document order */
	const char **key, **value;
	size_t nmeta;
	jsonld ld;
};

static bool in_head(const struct page *pg, size_t i)
{
	return i >= pg->head0 && i < pg->head_end && i <= pg->last;
}

static bool in_tail(const struct page *pg, size_t i)
{
	return pg->first <= pg->last && i + TAIL_INTO > pg->last && i <= pg->last + TAIL_AFTER &&
	       !in_head(pg, i);
}

/* Blocks another classifier called chaff of a kind that never holds the article's byline. */
static bool foreign(const block *b)
{
	return b->label == LABEL_SPAM || b->label == LABEL_TRENDING || b->label == LABEL_COMMENT ||
	       b->label == LABEL_AD || b->label == LABEL_DISCLAIMER || b->hidden;
}

/* Collapsed white space, trimmed, in the arena; NULL when empty. */
static const char *tidy_n(arena *a, const char *s, size_t n)
{
	char *o = arena_alloc(a, n + 1);
	return text_collapse(o, s, n) ? o : NULL;
}

static const char *tidy(arena *a, const char *s)
{
	return s ? tidy_n(a, s, strlen(s)) : NULL;
}

/* ---------------------------------------------------------------- <meta> */

static void add_meta(struct page *pg, size_t *cap, const char *key, size_t n, const char *value)
{
	if (pg->nmeta == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		const char **nk = arena_alloc(pg->d->a, *cap * sizeof *nk);
		const char **nv = arena_alloc(pg->d->a, *cap * sizeof *nv);
		if (pg->nmeta) {
			memcpy(nk, pg->key, pg->nmeta * sizeof *nk);
			memcpy(nv, pg->value, pg->nmeta * sizeof *nv);
		}
		pg->key = nk;
		pg->value = nv;
	}
	pg->key[pg->nmeta] = arena_strndup(pg->d->a, key, n);
	pg->value[pg->nmeta++] = value;
}

static void collect_meta(struct page *pg)
{
	const dom *dm = &pg->d->dom;
	size_t cap = 0;
	/* property (OpenGraph's attribute) before name before itemprop: a page that gives a
	 * field both ways means the property. */
	static const char *const attrs[] = { "property", "name", "itemprop" };
	for (int k = 0; k < 3; k++) {
		for (int32_t i = 0; i < dm->n; i++) {
			const dom_node *n = &dm->node[i];
			const char *content = n->tag == GUMBO_TAG_META ? dom_attr_get(n, "content") : NULL;
			const char *key = content && *content ? dom_attr_get(n, attrs[k]) : NULL;
			/* A property attribute may list several names ("og:title twitter:title"). */
			for (const char *p = key; p && *p;) {
				while (*p == ' ')
					p++;
				const char *s = p;
				while (*p && *p != ' ')
					p++;
				if (p > s)
					add_meta(pg, &cap, s, (size_t)(p - s), content);
			}
		}
	}
}

/* Meta names compare without case, and "dc.title" is "dc:title". */
static bool key_is(const char *k, const char *want)
{
	for (; *k && *want; k++, want++) {
		char a = (char)tolower((unsigned char)*k), b = (char)tolower((unsigned char)*want);
		if (a == '.')
			a = ':';
		if (b == '.')
			b = ':';
		if (a != b)
			return false;
	}
	return !*k && !*want;
}

/* The first non-blank meta value among keys (tried in order), or NULL; *which gets the key. */
static const char *meta_get(const struct page *pg, const char *const *keys, const char **which)
{
	for (; *keys; keys++)
		for (size_t i = 0; i < pg->nmeta; i++)
			if (key_is(pg->key[i], *keys)) {
				const char *v = tidy(pg->d->a, pg->value[i]);
				if (v) {
					*which = *keys;
					return v;
				}
			}
	return NULL;
}

/* ISO 8601 for a date as written, in the arena; NULL when there is none.  Chinese pages
 * give local times without a zone: those are Beijing time. */
static const char *iso_date(const struct page *pg, const char *s, size_t n)
{
	char out[32];
	if (!s || date_iso(s, n, pg->zh ? "+08:00" : NULL, out) < 0)
		return NULL;
	return arena_strdup(pg->d->a, out);
}

/* ---------------------------------------------------------------- the DOM */

/* The visible text under node i, white space collapsed, in the arena; NULL when none or
 * longer than max bytes. */
static const char *node_text(const struct page *pg, int32_t i, size_t max)
{
	const dom *dm = &pg->d->dom;
	buf b;
	buf_init(&b, max);
	bool ok = true;
	for (int32_t k = i + 1; k < dm->node[i].end && ok; k++) {
		const dom_node *n = &dm->node[k];
		if (n->tag == DOM_TEXT && !(n->flags & (DOM_SKIP | DOM_HIDDEN)))
			ok = buf_add(&b, n->text, n->len) == 0 && buf_addc(&b, ' ') == 0;
	}
	const char *r = ok && b.data ? tidy_n(pg->d->a, b.data, b.len) : NULL;
	buf_free(&b);
	return r;
}

/* The block the text of node i starts in, or -1. */
static int32_t block_of(const struct page *pg, int32_t i)
{
	const dom *dm = &pg->d->dom;
	for (int32_t k = i; k < dm->node[i].end; k++)
		if (pg->text_block[k] >= 0)
			return pg->text_block[k];
	return -1;
}

static void map_blocks(struct page *pg)
{
	const doc *d = pg->d;
	pg->text_block = arena_alloc(d->a, ((size_t)d->dom.n + 1) * sizeof *pg->text_block);
	for (int32_t k = 0; k < d->dom.n; k++)
		pg->text_block[k] = -1;
	for (size_t i = 0; i < d->nblocks; i++)
		for (int32_t k = d->blocks[i].first; k >= 0 && k <= d->blocks[i].last; k++)
			if (d->dom.node[k].tag == DOM_TEXT)
				pg->text_block[k] = (int32_t)i;
}

/* ---------------------------------------------------------------- title */

/* The separators sites join their name to a <title> with. */
static const char *const title_seps[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " » ", "｜",
					  "_", " / ", "|", NULL };

/* The parts of a <title> split at the separators. */
static const char *longest_part(arena *a, const char *t)
{
	const char *best = t;
	size_t best_len = 0;
	bool split = false;
	for (const char *const *s = title_seps; *s && !split; s++) {
		const char *p = t;
		for (const char *q; (q = strstr(p, *s)); p = q + strlen(*s)) {
			split = true;
			if ((size_t)(q - p) > best_len) {
				best = p;
				best_len = (size_t)(q - p);
			}
		}
		if (split && strlen(p) > best_len) {
			best = p;
			best_len = strlen(p);
		}
	}
	return split ? tidy_n(a, best, best_len) : t;
}

/* Whether s is the site's name: the publisher, og:site_name, or the part after the last
 * separator of the <title> ("Story - Site"). */
static bool site_name(const struct page *pg, const char *page, const char *s)
{
	static const char *const keys[] = { "og:site_name", "application-name", NULL };
	const char *from, *site = meta_get(pg, keys, &from);
	if ((site && strcasecmp(s, site) == 0) ||
	    (pg->ld.publisher && strcasecmp(s, pg->ld.publisher) == 0))
		return true;
	size_t n = strlen(s), m = page ? strlen(page) : 0;
	if (n >= m || strcmp(page + m - n, s) != 0)
		return false;
	for (const char *const *sep = title_seps; *sep; sep++) {
		size_t k = strlen(*sep);
		if (m - n >= k && strncmp(page + m - n - k, *sep, k) == 0)
			return true;
	}
	return false;
}

/* Documentation generators end each heading with a link to itself, drawn as a pilcrow or as
 * an icon font's private-use glyph ("Playbooks¶"): that mark is no part of the title. */
static bool anchor_mark(uint32_t c)
{
	return c == 0xB6 || (c >= 0xE000 && c <= 0xF8FF);
}

/* A heading's text without trailing anchor marks, in the arena when it had any; a heading of
 * nothing but marks stays as it is. */
static const char *heading_text(arena *a, const block *b)
{
	const char *end = b->text + b->len, *p = end;
	while (p > b->text) {
		const char *q = p;
		uint32_t c = text_prev(&q, b->text);
		if (!anchor_mark(c) && !text_is_space(c))
			break;
		p = q;
	}
	return p == end || p == b->text ? b->text : tidy_n(a, b->text, (size_t)(p - b->text));
}

/* A visible heading above the article's end, of a level a title is set in. */
static bool title_level(const struct page *pg, size_t i)
{
	const block *b = &pg->d->blocks[i];
	return i <= pg->last && b->kind == BLOCK_HEADING && !b->hidden && !foreign(b) &&
	       b->level <= 3 && b->tc.chars >= 2;
}

/* Whether a heading reads s (case aside). */
static bool heading_reads(const struct page *pg, const char *s)
{
	for (size_t i = 0; s && i < pg->d->nblocks; i++)
		if (title_level(pg, i) &&
		    strcasecmp(heading_text(pg->d->a, &pg->d->blocks[i]), s) == 0)
			return true;
	return false;
}

/* The heading that best matches the page's <title>: of those it contains, one it starts with
 * (sites put their own name last), then the longest; without a <title> to match, the first
 * <h1>.  Only headings above the article's end count. */
static const char *title_heading(const struct page *pg, const char *page)
{
	const doc *d = pg->d;
	const char *best = NULL, *best_at = NULL, *h1 = NULL;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (!title_level(pg, i))
			continue;
		const char *t = heading_text(d->a, &d->blocks[i]);
		if (!h1 && d->blocks[i].level == 1)
			h1 = t;
		/* A mail's Subject often re-cases its headline ("… — a new bridge for …"); a
		 * page's <title> keeps the case, and matching it without case takes one word
		 * for a headline ("Videos" in "Embedded videos test"). */
		const char *at = !page ? NULL : d->title_hint ? text_find_ci(page, strlen(page), t)
							     : strstr(page, t);
		bool starts = at == page, best_starts = best_at == page;
		if (at && (!best || starts > best_starts ||
			   (starts == best_starts && strlen(t) > strlen(best)))) {
			best = t;
			best_at = at;
		}
	}
	return best ? best : page ? NULL : h1;
}

/* JSON-LD's headline, or its name when that is the title and the headline a summary: a
 * heading reads the name and none the headline, or the <title> repeats the name but not the
 * headline and the name is not the site's. */
static const char *ld_title(const struct page *pg, const char *page, const char **from)
{
	const char *h = pg->ld.headline, *n = pg->ld.name;
	*from = "json-ld headline";
	if (h && n && strcmp(h, n) != 0 && !heading_reads(pg, h) &&
	    (heading_reads(pg, n) || (page && !strstr(page, h) && strstr(page, n) &&
				      !site_name(pg, page, n))))
		h = NULL;
	if (!h)
		*from = "json-ld name";
	return h ? h : n;
}

/* A title without its last part after a separator, where sites put their name ("Story |
 * Site"); the title itself when it has no separator. */
static const char *title_head(arena *a, const char *t)
{
	const char *cut = NULL;
	for (const char *const *sep = title_seps; *sep; sep++)
		for (const char *q = strstr(t, *sep); q; q = strstr(q + 1, *sep))
			if (q > t && (!cut || q > cut))
				cut = q;
	return cut ? tidy_n(a, t, (size_t)(cut - t)) : t;
}

/* Whether the '*' at t[i] opens or closes Markdown emphasis: a word on one side only. */
static bool emphasis_mark(const char *t, size_t n, size_t i)
{
	bool before = i > 0 && !isspace((unsigned char)t[i - 1]) && t[i - 1] != '*';
	bool after = i + 1 < n && !isspace((unsigned char)t[i + 1]) && t[i + 1] != '*';
	return t[i] == '*' && before != after;
}

/* A meta title without the asterisks of Markdown emphasis that some sites leave in it ("*A
 * Treatise on Coffee* (1792)"), when they pair up; t itself when it has none. */
static const char *unmarked(arena *a, const char *t)
{
	size_t n = strlen(t), marks = 0;
	for (size_t i = 0; i < n; i++)
		marks += emphasis_mark(t, n, i);
	if (!marks || marks % 2)
		return t;
	char *o = arena_alloc(a, n + 1), *q = o;
	for (size_t i = 0; i < n; i++)
		if (!emphasis_mark(t, n, i))
			*q++ = t[i];
	*q = '\0';
	return o;
}

/* Whether a title is set in capitals: letters, and no lower-case one. */
static bool shouting(const char *t)
{
	size_t upper = 0;
	for (; *t; t++) {
		if (islower((unsigned char)*t))
			return false;
		upper += isupper((unsigned char)*t) != 0;
	}
	return upper >= 4;
}

/* Whether the page calls itself an article: a JSON-LD article node, og:type "article", or
 * an article:published_time. */
static bool article_page(const struct page *pg)
{
	static const char *const type[] = { "og:type", NULL }, *const published[] = {
		"article:published_time", NULL };
	const char *from, *t = meta_get(pg, type, &from);
	return pg->ld.rank >= 3 || (t && strcasecmp(t, "article") == 0) ||
	       meta_get(pg, published, &from);
}

/* The words of a title, for comparing two wordings of it: runs of letters and digits, and
 * each Han character on its own; a possessive 's is no word of its own ("Dropbox’s" reads as
 * "Dropbox").  At most TITLE_WORDS, each once. */
enum { TITLE_WORDS = 64 };
typedef struct { const char *p; size_t n; } title_word;

static bool has_word(const title_word *w, size_t n, const char *p, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].n == len && strncasecmp(w[i].p, p, len) == 0)
			return true;
	return false;
}

static size_t title_words(const char *s, title_word *w)
{
	size_t n = 0;
	const char *p = s, *end = s + strlen(s);
	while (p < end && n < TITLE_WORDS) {
		const char *q = p;
		uint32_t c = text_next(&p, end);
		if (!text_is_han(c) && !text_is_word(c))
			continue;
		for (const char *r = p; !text_is_han(c) && r < end; p = r)
			if (!text_is_word(text_next(&r, end)))
				break;
		if (!has_word(w, n, q, (size_t)(p - q)))
			w[n++] = (title_word){ q, (size_t)(p - q) };
		const char *r = p;
		uint32_t a = r < end ? text_next(&r, end) : 0;
		if ((a == '\'' || a == 0x2019) && r < end && (*r == 's' || *r == 'S')) {
			const char *t = r + 1;
			if (t == end || !text_is_word(text_next(&t, end)))
				p = r + 1;
		}
	}
	return n;
}

/* How the words of t compare with b[0..nb): the share of the shorter one's words that the
 * other has (0 when either has fewer than 3), and whether both have the same words. */
static double overlap(const char *t, const title_word *b, size_t nb, bool *same)
{
	title_word a[TITLE_WORDS];
	size_t na = title_words(t, a), ab = 0, ba = 0;
	for (size_t k = 0; k < na; k++)
		ab += has_word(b, nb, a[k].p, a[k].n);
	for (size_t k = 0; k < nb; k++)
		ba += has_word(a, na, b[k].p, b[k].n);
	*same = ab == na && ba == nb;
	return na < 3 || nb < 3 ? 0 : (double)ab / (double)(na < nb ? na : nb);
}

/* The leading part of t, before a separator, whose words are b[0..nb), in t's spelling
 * ("History of coffee" of "History of coffee | Origin, Facts | Britannica" for "history of
 * coffee"); t itself when its words are b's; NULL when neither.  Only the leading part: the
 * others hold the site's name, which a banner <h1> repeats. */
static const char *respelled(arena *a, const char *t, const title_word *b, size_t nb)
{
	bool same;
	overlap(t, b, nb, &same);
	if (same)
		return t;
	for (const char *const *sep = title_seps; *sep; sep++) {
		const char *q = strstr(t, *sep);
		const char *part = q ? tidy_n(a, t, (size_t)(q - t)) : NULL;
		if (part && (overlap(part, b, nb, &same), same))
			return part;
	}
	return NULL;
}

/* An article's visible headline where its meta title t words the story differently: titles
 * for search and sharing are rewritten ("Free Blockchain Course" for "Blockchain Fundamentals
 * Free Course"), and the headline is what the reader sees over the text.  The first <h1>
 * above the article's end that is not the site's name (a banner) counts when it shares at
 * least half the words of the shorter of the two, the site's name after a separator aside.
 * On wcxb-dev's article pages the ground truth sides with such a headline 21 times to the
 * meta title's 8; on pages that are no article, 8 to 18, so those keep the meta title.
 * When the headline only respells t, t stays; when it reads one part of t, that part is the
 * title.  NULL when t stays; *from says which it was. */
static const char *article_headline(const struct page *pg, const char *page, const char *t,
				    const char **from)
{
	const doc *d = pg->d;
	const char *h = NULL;
	for (size_t i = 0; i < d->nblocks && !h; i++)
		if (title_level(pg, i) && d->blocks[i].level == 1) {
			h = heading_text(d->a, &d->blocks[i]);
			if (site_name(pg, page, h))
				h = NULL;
		}
	size_t n;
	if (!h || !article_page(pg) || (shouting(h) && !shouting(t)))
		return NULL;   /* a heading in capitals is a style, the meta title has the case */
	if (date_find(h, strlen(h), &n))
		return NULL;   /* a post's header, its date and its title: the meta title is cleaner */
	title_word b[TITLE_WORDS];
	size_t nb = title_words(h, b);
	const char *part = respelled(d->a, t, b, nb);
	if (part) {
		*from = "the part of the meta title the <h1> reads";
		return part == t ? NULL : part;
	}
	bool same;
	*from = "<h1>, the article's headline";
	return overlap(title_head(d->a, t), b, nb, &same) >= 0.5 ||
	       overlap(longest_part(d->a, t), b, nb, &same) >= 0.5 ? h : NULL;
}

static void find_title(struct page *pg)
{
	doc *d = pg->d;
	meta *mt = &d->meta;
	const char *t = d->title_hint ? d->title_hint : d->dom.title;
	const char *page = t ? tidy(d->a, t) : NULL;
	/* A spam <title> and whatever repeats it are no title. */
	const char *spam = d->title_spam ? page : NULL;
	const char *from;
	const char *v = ld_title(pg, page, &from);
	static const char *const keys[] = { "dc:title", "dcterm:title", "dcterms:title", "og:title",
					    "twitter:title", "parsely-title", "headline", "title",
					    NULL };
	if (!v || (spam && strcmp(v, spam) == 0))
		v = meta_get(pg, keys, &from);
	/* <meta name=title> mostly copies the <title>, site name and all; such a copy says
	 * nothing more than the <title>, whose own rules below take the site name off. */
	bool copy = v && page && strcmp(from, "title") == 0 && strcmp(v, page) == 0;
	if (v && !(spam && strcmp(v, spam) == 0) && !copy) {
		v = unmarked(d->a, v);
		const char *how, *h = article_headline(pg, page, v, &how);
		mt->title = h ? h : v;
		mt->from[META_TITLE] = h ? how : from;
		return;
	}
	const char *h = title_heading(pg, spam ? NULL : page);
	if (h) {
		mt->title = h;
		mt->from[META_TITLE] = "<h1>";
	} else if (page) {
		mt->title = longest_part(d->a, page);
		mt->from[META_TITLE] = mt->title == page ? "<title>" : "longest part of <title>";
	}
}

/* Text pages: the longest short paragraph before the article that is not a list of links or
 * keywords (no | or > separators). */
static void find_text_title(doc *d)
{
	const block *best = NULL;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (b->label == LABEL_BODY)
			break;
		if (b->latin > 200 || b->tc.chars < 4 || strchr(b->text, '|') || strchr(b->text, '>') ||
		    strchr(b->text, '\n') || foreign(b))
			continue;
		if (!best || b->latin > best->latin)
			best = b;
	}
	if (best) {
		d->meta.title = best->text;
		d->meta.from[META_TITLE] = "first heading-like line";
	}
}

/* Marks the block that repeats the title, so the article does not print it twice. */
static void label_title(doc *d)
{
	const char *t = d->meta.title;
	if (!t)
		return;
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (b->hidden || b->latin > 3 * (strlen(t) + 10))
			continue;
		const char *h = b->kind == BLOCK_HEADING ? heading_text(d->a, b) : NULL;
		if (strcmp(b->text, t) == 0 ||
		    (h && strstr(t, h) && b->tc.chars * 2 >= strlen(t) / 3)) {
			b->label = LABEL_TITLE;
			b->rule = "the title";
			return;
		}
	}
}

/* ---------------------------------------------------------------- author */

/* A Chinese name spaced out to the width of a longer one ("赵　培", "欧阳 修"), closed up; any
 * other name as it is.  Two to four Han characters in all, one of the parts a single one:
 * two names side by side ("宋怡 杨志华") stay apart. */
static const char *close_up(arena *a, const char *name)
{
	size_t n = strlen(name), han = 0, parts = 0, single = 0, run = 0;
	for (const char *p = name, *end = name + n; p < end;) {
		uint32_t c = text_next(&p, end);
		if (text_is_han(c)) {
			han++;
			run++;
			continue;
		}
		if (!text_is_space(c))
			return name;
		parts += run > 0;
		single += run == 1;
		run = 0;
	}
	parts += run > 0;
	single += run == 1;
	if (parts < 2 || !single || han < 2 || han > 4)
		return name;
	char *o = arena_alloc(a, n + 1), *q = o;
	for (const char *p = name, *end = name + n; p < end;) {
		const char *c0 = p;
		if (!text_is_space(text_next(&p, end))) {
			memcpy(q, c0, (size_t)(p - c0));
			q += p - c0;
		}
	}
	*q = '\0';
	return o;
}

static void set_authors(doc *d, const char *const *names, size_t n, const char *from)
{
	meta *mt = &d->meta;
	mt->author = arena_alloc(d->a, (n ? n : 1) * sizeof *mt->author);
	for (size_t i = 0; i < n; i++)
		mt->author[i] = close_up(d->a, names[i]);
	mt->n_author = n;
	mt->from[META_AUTHOR] = from;
}

static bool same_ci(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* Whether v[0..n) ends as an organisation's name does ("大汉网络", "某某日报"). */
static bool org_name(const struct page *pg, const char *v, size_t n)
{
	for (size_t i = 0; i < pg->at->org_suffix.n; i++) {
		size_t k = strlen(pg->at->org_suffix.item[i]);
		if (n > k && memcmp(v + n - k, pg->at->org_suffix.item[i], k) == 0)
			return true;
	}
	return false;
}

/* A name in a meta tag that is the site's, an address, or a list of keywords is not the
 * author: "网易" on every page of a portal, "www.example.cn,某某网". */
static bool plausible_author(const struct page *pg, const char *v)
{
	const doc *d = pg->d;
	if (!v || strstr(v, "://") || strncasecmp(v, "www.", 4) == 0 || strlen(v) > 120)
		return false;
	const char *from;
	static const char *const site[] = { "og:site_name", "application-name", NULL };
	if (same_ci(v, meta_get(pg, site, &from)) || same_ci(v, pg->ld.publisher))
		return false;
	const char *host = url_host(d->a, d->meta.canonical_url);
	if (host && text_find_ci(host, strlen(host), v))
		return false;
	/* Two or more commas without spaces after them: a keyword list, not names.  A dot
	 * before a lower-case ending: a domain ("51offer.com"). */
	unsigned commas = 0, digits = 0;
	for (const char *p = v; *p; p++) {
		commas += (*p == ',' && p[1] != ' ');
		digits += isdigit((unsigned char)*p) != 0;
		if (*p == '.' && islower((unsigned char)p[1]) && islower((unsigned char)p[2]))
			return false;
	}
	return commas < 2 && digits < 3 && !org_name(pg, v, strlen(v));
}

/* Whether the last word of s is w, in any case, a colon after it or not. */
static bool last_word(const char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);
	if (n && s[n - 1] == ':')
		n--;
	return n >= k && strncasecmp(s + n - k, w, k) == 0 &&
	       (n == k || !isalnum((unsigned char)s[n - k - 1]));
}

/* The author a byline element gives: the name after a label in its text (*rank gets the
 * label's weight), or the text itself when it can be a name. */
static const char *element_author(const struct page *pg, const char *text, float *rank)
{
	byline bl;
	if (!text)
		return NULL;
	if (byline_read(&pg->at->words, text, strlen(text), &bl) && bl.author) {
		*rank = bl.author_rank;
		return tidy_n(pg->d->a, bl.author, bl.author_len);
	}
	/* Han text needs a label ("作者：…"): an "author" box holds words like 文章 that a family
	 * name could start.  Latin text may be a user name ("crazy lennys"), but not a
	 * sentence, a date, an avatar's initials ("NB") or a bare label ("Written By", "Jun 2
	 * Written By", "The Author"). */
	size_t n = strlen(text);
	text_counts tc;
	text_count(text, n, &tc);
	size_t dl;
	bool initials = tc.chars <= 3;
	for (const char *p = text; *p && initials; p++)
		initials = !islower((unsigned char)*p);
	if (tc.han || tc.chars > 40 || initials || tc.words > 5 || tc.punct > 3 ||
	    date_find(text, n, &dl) ||
	    (byline_read(&pg->at->words, text, n, &bl) && !bl.author) || last_word(text, "by") ||
	    last_word(text, "author"))
		return NULL;
	return text;
}

/* Whether a link leads to an author's page: a path segment "author" or "authors", as blogs
 * and news sites file their writers ("/author/jane-doe/", "/blog/authors/jane-doe"). */
static bool author_link(const char *href)
{
	size_t n = href ? strlen(href) : 0;
	for (const char *p = href; p && (p = text_find_ci(p, n - (size_t)(p - href), "/author"));
	     p += 7)
		if (p[7] == '/' || ((p[7] == 's' || p[7] == 'S') && p[8] == '/'))
			return true;
	return false;
}

/* rel=author, itemprop=author (its itemprop=name inside), then elements whose class or id says
 * byline, then links to an author's page: the first one near the article.  *rank gets the
 * weight of the label before the name, 0 when there is none (1 for a link to an author's
 * page, so that a writer's byline in the text wins over it). */
static const char *dom_author(const struct page *pg, const char **from, float *rank)
{
	const doc *d = pg->d;
	const dom *dm = &d->dom;
	for (int pass = 0; pass < 3; pass++) {
		for (int32_t i = 0; i < dm->n; i++) {
			const dom_node *n = &dm->node[i];
			if (n->tag == DOM_TEXT || (n->flags & (DOM_SKIP | DOM_HIDDEN)) ||
			    n->tag == GUMBO_TAG_LINK || n->tag == GUMBO_TAG_META || n->tag == GUMBO_TAG_BODY ||
			    n->tag == GUMBO_TAG_HTML)
				continue;
			const char *rel = dom_attr_get(n, "rel"), *prop = dom_attr_get(n, "itemprop");
			bool marked = (rel && text_find_ci(rel, strlen(rel), "author")) ||
				      (prop && text_find_ci(prop, strlen(prop), "author"));
			const char *href = n->tag == GUMBO_TAG_A ? dom_attr_get(n, "href") : NULL;
			/* A commenter's name ("comment-author") or a comment form's field
			 * ("comment-form-author") is not the article's author. */
			bool comment = n->cls && text_find_ci(n->cls, strlen(n->cls), "comment");
			if (pass == 0 ? !marked
			    : pass == 1 ? lexicon_class(&pg->at->byline_class, n->cls, n->id, NULL) <= 0 ||
					  comment
					: !author_link(href) || comment)
				continue;
			int32_t b = block_of(pg, i);
			if (b < 0 || foreign(&d->blocks[b]) ||
			    !(in_head(pg, (size_t)b) || in_tail(pg, (size_t)b) ||
			      ((size_t)b >= pg->first && (size_t)b <= pg->last)))
				continue;
			int32_t at = i;
			/* schema.org microdata: the name is its own property inside. */
			for (int32_t k = i + 1; prop && k < n->end; k++) {
				const char *p = dom_attr_get(&dm->node[k], "itemprop");
				if (p && strcmp(p, "name") == 0) {
					const char *c = dom_attr_get(&dm->node[k], "content");
					if (c && (c = tidy(d->a, c))) {
						*from = "itemprop=author name";
						return c;
					}
					at = k;
					break;
				}
			}
			const char *v = element_author(pg, node_text(pg, at, 400), rank);
			/* A link to an author's page may be another writer's (a related post):
			 * a writer's byline in the text is the better word. */
			if (v && pass == 2 && *rank == 0)
				*rank = 1;
			if (v) {
				*from = pass == 0 ? (rel ? "rel=author" : "itemprop=author")
					: pass == 1 ? "byline class" : "link to an author page";
				return v;
			}
		}
	}
	return NULL;
}

/* A line of an author box: two or more counts ("439文章数 2376关注度", "1.2K followers 80
 * posts"), one of them a word of author-box.txt, and nothing else. */
static bool box_line(const attrib *at, const char *p, const char *end)
{
	unsigned counts = 0, known = 0;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		const char *num = p;
		while (p < end && (isdigit((unsigned char)*p) || *p == '.' || *p == ','))
			p++;
		if (p == num || !isdigit((unsigned char)*num))
			return false;
		if (p < end && strchr("KkMmWw", *p))
			p++;
		while (p < end && *p == ' ')
			p++;
		const char *word = p;
		while (p < end && *p != ' ' && !isdigit((unsigned char)*p))
			p++;
		if (p == word)
			return false;
		counts++;
		for (size_t i = 0; i < at->author_box.n; i++) {
			size_t k = strlen(at->author_box.item[i]);
			if ((size_t)(p - word) >= k && strncasecmp(word, at->author_box.item[i], k) == 0) {
				known++;
				break;
			}
		}
	}
	return counts >= 2 && known >= 1;
}

static bool contains(const char *s, size_t n, const char *w, size_t k)
{
	for (size_t i = 0; k && i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0)
			return true;
	return false;
}

/* The unit among the n before u[j] that the most others repeat ("李開復" in "李開復的網易號"),
 * the shortest on a tie; NULL when none is repeated. */
static const char *repeated(arena *a, const char *const *u, const size_t *len, size_t j)
{
	enum { LOOK = 5 };   /* the box's lines above the counts: avatar, name, account */
	size_t from = j > LOOK ? j - LOOK : 0, best = j;
	int best_hits = 0;
	for (size_t k = from; k < j; k++) {
		if (len[k] < 2 || len[k] > 60)
			continue;
		int hits = 0;
		for (size_t m = from; m < j; m++)
			hits += m != k && contains(u[m], len[m], u[k], len[k]);
		if (hits > best_hits || (hits && hits == best_hits && len[k] < len[best])) {
			best = k;
			best_hits = hits;
		}
	}
	return best_hits ? tidy_n(a, u[best], len[best]) : NULL;
}

/* An author box after the article: a line of counts, and on the lines just before it a name
 * that the others repeat.  A text page may have joined the box's lines into one: then its
 * words are the units, and the counts are two (or, "1.2K followers", four) of them. */
static const char *box_author(const struct page *pg)
{
	const doc *d = pg->d;
	enum { MAX_UNITS = 2048 };
	const char **u = arena_alloc(d->a, MAX_UNITS * sizeof *u);
	size_t *len = arena_alloc(d->a, MAX_UNITS * sizeof *len);
	for (size_t i = pg->first <= pg->last ? pg->last + 1 : 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		bool lines = memchr(b->text, '\n', b->len) != NULL;
		size_t n = 0;
		for (const char *p = b->text, *end = b->text + b->len; p < end && n < MAX_UNITS;) {
			const char *e = memchr(p, lines ? '\n' : ' ', (size_t)(end - p));
			if (!e)
				e = end;
			if (e > p) {
				u[n] = p;
				len[n++] = (size_t)(e - p);
			}
			p = e + 1;
		}
		for (size_t j = 1; j < n; j++) {
			bool box = lines ? box_line(pg->at, u[j], u[j] + len[j])
					 : (j + 1 < n && box_line(pg->at, u[j], u[j + 1] + len[j + 1])) ||
					   (j + 3 < n && box_line(pg->at, u[j], u[j + 3] + len[j + 3]));
			const char *name = box ? repeated(d->a, u, len, j) : NULL;
			if (name)
				return name;
		}
	}
	return NULL;
}

/* Whether the source a line names is a person: a Chinese name (a family name and one to
 * three characters more) that ends as no organisation's does ("新华网", "某某日报"). */
static bool person_source(const struct page *pg, const byline *bl)
{
	const char *p = bl->source;
	return p && text_is_han(text_next(&p, bl->source + bl->source_len)) &&
	       byline_is_name(&pg->at->words, bl->source, bl->source_len) &&
	       !org_name(pg, bl->source, bl->source_len);
}

/* Whether block i comes right after the title's block (one empty or short block between). */
static bool after_title(const doc *d, size_t i)
{
	for (size_t k = 1; k <= 2 && k <= i; k++)
		if (d->blocks[i - k].label == LABEL_TITLE)
			return true;
	return false;
}

/* The byline of the text: the best-ranked author label, a header's over a tail's when it names
 * the writer (a tail line is often the editor's), and the credit that closes a Chinese report
 * ("（记者 王五）", "（王五 上海报道）").  *rank gets the label's weight. */
static const char *text_author(const struct page *pg, const char **from, float *rank)
{
	const doc *d = pg->d;
	const char *best = NULL;
	size_t best_len = 0;
	float best_rank = 0;
	bool best_head = false;
	for (size_t i = pg->head0; i < d->nblocks && i <= pg->last + TAIL_AFTER; i++) {
		const block *b = &d->blocks[i];
		bool head = in_head(pg, i);
		if (foreign(b) || !(head || in_tail(pg, i)))
			continue;
		/* Long paragraphs carry a byline only at their start ("（记者 王五）…"). */
		size_t n = b->len;
		if (b->latin > 240)
			for (n = 120; n > 0 && ((unsigned char)b->text[n] & 0xC0) == 0x80; n--)
				;
		byline bl;
		if (!byline_read(&pg->at->words, b->text, n, &bl) || !bl.author) {
			bl.author = head && i != pg->last ? NULL
				    : byline_credit(&pg->at->words, b->text, b->len, &bl.author_len);
			bl.author_rank = 2;
			bl.author_label = "credit";
		}
		/* A source that is a person ("来源：尹娟") supplied the text: a writer of the
		 * editor's rank, for want of a better. */
		if (!bl.author && person_source(pg, &bl)) {
			bl.author = bl.source;
			bl.author_len = bl.source_len;
			bl.author_rank = 1;
			bl.author_label = "来源, a person";
		}
		/* An essay's author on a line of its own right under the title or just above the
		 * text (a subtitle and a section heading may stand between): a Han name, not a
		 * link or a menu item ("文化" under a site's banner). */
		if (!bl.author && head && i < pg->first && b->tc.chars <= 4 &&
		    b->tc.han == b->tc.chars && b->link_chars == 0 && b->kind == BLOCK_TEXT &&
		    (after_title(d, i) || pg->first - i <= 3) &&
		    byline_is_name(&pg->at->words, b->text, b->len)) {
			bl.author = b->text;
			bl.author_len = b->len;
			bl.author_rank = 2;
			bl.author_label = "name line";
		}
		if (!bl.author)
			continue;
		bool better = !best || (head && !best_head && bl.author_rank >= BYLINE_WRITER) ||
			      (head == best_head && bl.author_rank > best_rank) ||
			      (!head && best_head && best_rank < BYLINE_WRITER &&
			       bl.author_rank > best_rank);
		if (better) {
			best = bl.author;
			best_len = bl.author_len;
			best_rank = bl.author_rank;
			best_head = head;
			*from = bl.author_label;
		}
	}
	*rank = best_rank;
	return best ? tidy_n(d->a, best, best_len) : NULL;
}

static void find_author(struct page *pg)
{
	doc *d = pg->d;
	if (pg->ld.n_author) {
		set_authors(d, pg->ld.author, pg->ld.n_author, "json-ld author");
		return;
	}
	/* Dublin Core before the generic name, as Readability does; then the names that
	 * analytics and citation tags carry. */
	static const char *const keys[] = { "dc:creator", "dcterm:creator", "dcterms:creator",
					    "author", "parsely-author", "article:author",
					    "sailthru.author", "cXenseParse:author", "byl",
					    "citation_author", NULL };
	for (const char *const *k = keys; *k; k++) {
		const char *names[16];
		size_t n = 0;
		for (size_t i = 0; i < pg->nmeta && n < 16; i++) {
			const char *v = key_is(pg->key[i], *k) ? tidy(d->a, pg->value[i]) : NULL;
			if (plausible_author(pg, v))
				names[n++] = v;
		}
		if (n) {
			set_authors(d, names, n, *k);
			return;
		}
	}
	/* Blogs written with Yoast put "Written by" / the name into twitter:label1/data1. */
	for (size_t i = 0; i < pg->nmeta; i++)
		if (key_is(pg->key[i], "twitter:label1") &&
		    text_find_ci(pg->value[i], strlen(pg->value[i]), "by")) {
			static const char *const data[] = { "twitter:data1", NULL };
			const char *from, *v = meta_get(pg, data, &from);
			if (plausible_author(pg, v)) {
				set_authors(d, &v, 1, "twitter:data1 (written by)");
				return;
			}
		}
	float rank = 0, text_rank = 0;
	const char *from = NULL, *text_from = NULL, *t = NULL;
	const char *v = d->is_text ? NULL : dom_author(pg, &from, &rank);
	/* A byline element that names the editor ("51offer编辑：Alice") yields to a writer's
	 * label in the text ("作者：孙仲旻"). */
	if (!v || (rank > 0 && rank < BYLINE_WRITER))
		t = text_author(pg, &text_from, &text_rank);
	if (t && (!v || text_rank >= BYLINE_WRITER)) {
		v = t;
		from = arena_strdup(d->a, text_from);
	}
	if (v) {
		char *f = arena_alloc(d->a, strlen(from) + 8);
		strcpy(f, "byline ");
		strcat(f, from);
		set_authors(d, &v, 1, strcmp(from, "rel=author") == 0 ||
				       strncmp(from, "itemprop", 8) == 0 ||
				       strcmp(from, "byline class") == 0 ||
				       strcmp(from, "link to an author page") == 0 ? from : f);
		return;
	}
	if ((v = box_author(pg)))
		set_authors(d, &v, 1, "author box");
}

/* ---------------------------------------------------------------- date */

/* A <time datetime> or an itemprop=datePublished element near the article.  A question and
 * answer page marks its question dateCreated and its answers datePublished: the first of
 * either is the article's. */
static const char *dom_date(const struct page *pg, const char **from)
{
	const dom *dm = &pg->d->dom;
	const char *first = NULL;
	for (int32_t i = 0; i < dm->n; i++) {
		const dom_node *n = &dm->node[i];
		if (n->tag == DOM_TEXT || (n->flags & DOM_SKIP) || n->tag == GUMBO_TAG_META)
			continue;
		const char *prop = dom_attr_get(n, "itemprop");
		bool published = prop && (text_find_ci(prop, strlen(prop), "datePublished") ||
					  text_find_ci(prop, strlen(prop), "dateCreated"));
		if (!published && n->tag != GUMBO_TAG_TIME)
			continue;
		int32_t b = block_of(pg, i);
		if (b >= 0 && (foreign(&pg->d->blocks[b]) ||
			       !(in_head(pg, (size_t)b) || in_tail(pg, (size_t)b) ||
				 ((size_t)b >= pg->first && (size_t)b <= pg->last))))
			continue;
		const char *v = dom_attr_get(n, "datetime");
		if (!v)
			v = dom_attr_get(n, "content");
		size_t dl = 0;
		if (!v && (v = node_text(pg, i, 200)))   /* "Published on June 04, 2025" */
			v = date_find(v, strlen(v), &dl);
		const char *iso = v ? iso_date(pg, v, strlen(v)) : NULL;
		if (!iso)
			continue;
		if (published) {
			*from = "itemprop=datePublished or dateCreated";
			return iso;
		}
		if (!first)
			first = iso;
	}
	*from = "<time>";
	return first;
}

/* The date the header gives (a labelled one first), else the tail's labelled one. */
static const char *text_date(const struct page *pg, const char **from)
{
	const doc *d = pg->d;
	const char *bare = NULL, *tail = NULL, *tail_bare = NULL;
	for (size_t i = pg->head0; i < d->nblocks && i <= pg->last + TAIL_AFTER; i++) {
		const block *b = &d->blocks[i];
		bool head = in_head(pg, i);
		bool further = !head && i >= pg->head_end && i < pg->head_end + DATE_INTO &&
			       i <= pg->last;
		if (foreign(b) || !b->has_date || !(head || further || in_tail(pg, i)) ||
		    b->latin > 300)
			continue;
		byline bl;
		if (!byline_read(&pg->at->words, b->text, b->len, &bl) || !bl.date ||
		    (further && !bl.date_labelled))
			continue;
		const char *iso = iso_date(pg, bl.date, (size_t)(b->text + b->len - bl.date));
		if (!iso)
			continue;
		if ((head || further) && bl.date_labelled) {
			*from = "header date label";
			return iso;
		}
		if (head && !bare)
			bare = iso;
		if (!head && bl.date_labelled && !tail)
			tail = iso;
		/* A forum post's footer: "本贴由某某于2005年8月12日16:12:21发表". */
		if (!head && !tail_bare && b->link_density < 0.5f)
			tail_bare = iso;
	}
	*from = bare ? "header date" : tail ? "tail date label" : "tail date";
	return bare ? bare : tail ? tail : tail_bare;
}

static void find_date(struct page *pg)
{
	doc *d = pg->d;
	meta *mt = &d->meta;
	if (pg->ld.date && (mt->date = iso_date(pg, pg->ld.date, strlen(pg->ld.date)))) {
		mt->from[META_DATE] = "json-ld datePublished";
		return;
	}
	static const char *const keys[] = { "article:published_time", "datePublished",
					    "dc:date:issued", "dcterms:issued", "dcterms:created",
					    "dc:date", "date", "pubdate", "publishdate",
					    "publish-date", "parsely-pub-date", "sailthru.date",
					    "og:published_time", "og:article:published_time",
					    "article:published", "published", "published-date",
					    "publication_date", "publish_date", "release_date",
					    "citation_publication_date", "citation_date", NULL };
	for (const char *const *k = keys; *k; k++) {
		const char *one[2] = { *k, NULL }, *from, *v = meta_get(pg, one, &from);
		if (v && (mt->date = iso_date(pg, v, strlen(v)))) {
			mt->from[META_DATE] = from;
			return;
		}
	}
	const char *from = NULL;
	if (!d->is_text && (mt->date = dom_date(pg, &from))) {
		mt->from[META_DATE] = from;
		return;
	}
	if ((mt->date = text_date(pg, &from))) {
		mt->from[META_DATE] = from;
		return;
	}
	char out[32];
	const char *u = mt->canonical_url ? mt->canonical_url : d->url;
	if (u && date_url(u, out) == 0) {
		mt->date = arena_strdup(d->a, out);
		mt->from[META_DATE] = "url path";
	}
}

/* ---------------------------------------------------------------- source, addresses */

static void find_source(struct page *pg)
{
	doc *d = pg->d;
	meta *mt = &d->meta;
	if (pg->ld.publisher) {
		mt->source = pg->ld.publisher;
		mt->from[META_SOURCE] = "json-ld publisher";
		return;
	}
	static const char *const sites[] = { "og:site_name", "application-name", "publisher",
					     "dc:publisher", "dcterms:publisher", NULL };
	const char *from, *v = meta_get(pg, sites, &from);
	if (v) {
		mt->source = v;
		mt->from[META_SOURCE] = from;
		return;
	}
	for (size_t i = pg->head0; i < d->nblocks && i <= pg->last + TAIL_AFTER; i++) {
		const block *b = &d->blocks[i];
		byline bl;
		if (!foreign(b) && (in_head(pg, i) || in_tail(pg, i)) && b->latin <= 300 &&
		    byline_read(&pg->at->words, b->text, b->len, &bl) && bl.source) {
			mt->source = tidy_n(d->a, bl.source, bl.source_len);
			mt->from[META_SOURCE] = "byline 来源";
			return;
		}
	}
	if ((mt->source = url_host(d->a, mt->canonical_url)))
		mt->from[META_SOURCE] = "host";
}

static void find_canonical(struct page *pg)
{
	doc *d = pg->d;
	meta *mt = &d->meta;
	mt->url = d->url;
	for (int32_t i = 0; i < d->dom.n && !mt->canonical_url; i++) {
		const dom_node *n = &d->dom.node[i];
		const char *rel = n->tag == GUMBO_TAG_LINK ? dom_attr_get(n, "rel") : NULL;
		if (rel && strcasecmp(rel, "canonical") == 0 &&
		    (mt->canonical_url = url_resolve(d->a, d->url, dom_attr_get(n, "href"))))
			mt->from[META_CANONICAL] = "link rel=canonical";
	}
	static const char *const ogurl[] = { "og:url", NULL };
	const char *from, *v;
	if (!mt->canonical_url && (v = meta_get(pg, ogurl, &from)) &&
	    (mt->canonical_url = url_resolve(d->a, d->url, v)))
		mt->from[META_CANONICAL] = from;
	if (!mt->canonical_url && pg->ld.url && (mt->canonical_url = url_resolve(d->a, d->url,
										   pg->ld.url)))
		mt->from[META_CANONICAL] = "json-ld url";
	if (!mt->canonical_url && d->url && (mt->canonical_url = url_resolve(d->a, NULL, d->url)))
		mt->from[META_CANONICAL] = "--url";
	/* A page whose own address names another host than the one it was read from is a copy:
	 * say so where --explain shows the field. */
	const char *h1 = url_host(d->a, d->url), *h2 = url_host(d->a, mt->canonical_url);
	if (h1 && h2 && strcmp(h1, h2) != 0) {
		char *f = arena_alloc(d->a, strlen(mt->from[META_CANONICAL]) + 40);
		strcpy(f, mt->from[META_CANONICAL]);
		strcat(f, "; another host than --url: a mirror");
		mt->from[META_CANONICAL] = f;
	}
}

/* ---------------------------------------------------------------- language */

static const char *guess_lang(const doc *d)
{
	uint32_t han = 0, chars = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].label == LABEL_BODY) {
			han += d->blocks[i].tc.han;
			chars += d->blocks[i].tc.chars;
		}
	/* A page whose body is mostly Han characters is Chinese (kana would make it Japanese,
	 * but kana count as Han here). */
	return chars && han * 2 > chars ? "zh" : NULL;
}

static void find_lang(struct page *pg)
{
	doc *d = pg->d;
	meta *mt = &d->meta;
	static const char *const langs[] = { "content-language", "dc:language", "og:locale", NULL };
	const char *from, *v;
	if (d->dom.lang) {
		mt->lang = d->dom.lang;
		mt->from[META_LANG] = "<html lang>";
	} else if ((v = meta_get(pg, langs, &from))) {
		mt->lang = v;
		mt->from[META_LANG] = from;
	} else if (pg->ld.lang) {
		mt->lang = pg->ld.lang;
		mt->from[META_LANG] = "json-ld inLanguage";
	} else if ((mt->lang = guess_lang(d))) {
		mt->from[META_LANG] = "Han characters";
	}
	if (mt->lang) {
		/* og:locale writes zh_CN: BCP 47 wants zh-CN. */
		char *l = arena_strdup(d->a, mt->lang);
		for (char *p = l; *p; p++)
			if (*p == '_')
				*p = '-';
		mt->lang = l;
	}
	/* Pages declare lang="en" from a template while the text is Chinese: the text decides. */
	pg->zh = (mt->lang && strncasecmp(mt->lang, "zh", 2) == 0) || guess_lang(d);
}

/* ---------------------------------------------------------------- repost, disclaimer */

/* Where a word of list appears in s[0..n), or NULL. */
static const char *find_word(const conf_list *list, const char *s, size_t n, size_t *len)
{
	const char *best = NULL;
	for (size_t i = 0; i < list->n; i++) {
		const char *p = text_find_ci(s, n, list->item[i]);
		if (p && (!best || p < best)) {
			best = p;
			*len = strlen(list->item[i]);
		}
	}
	return best;
}

/* An absolute http(s) address written in s[0..n), or the target of a link in block b. */
static const char *address_in(const struct page *pg, const block *b, const char *s, size_t n)
{
	const char *p = text_find_ci(s, n, "http://");
	const char *q = text_find_ci(s, n, "https://");
	if (!p || (q && q < p))
		p = q;
	if (p) {
		const char *e = p;
		while (e < s + n && !isspace((unsigned char)*e) && (unsigned char)*e < 0x80 &&
		       *e != '"' && *e != '<' && *e != '>')
			e++;
		while (e > p && strchr(".,;)", e[-1]))
			e--;
		const char *u = url_resolve(pg->d->a, NULL, arena_strndup(pg->d->a, p, (size_t)(e - p)));
		if (u)
			return u;
	}
	for (int32_t k = b->first; k >= 0 && k <= b->last; k++) {
		const dom_node *nd = &pg->d->dom.node[k];
		const char *href = nd->tag == GUMBO_TAG_A ? dom_attr_get(nd, "href") : NULL;
		const char *u = href ? url_resolve(pg->d->a, pg->d->url, href) : NULL;
		if (u)
			return u;
		if (nd->tag == DOM_TEXT && nd->parent >= 0 && dom_attr_get(&pg->d->dom.node[nd->parent], "href") &&
		    (u = url_resolve(pg->d->a, pg->d->url,
				     dom_attr_get(&pg->d->dom.node[nd->parent], "href"))))
			return u;
	}
	return NULL;
}

/* "原文如下：" … and the first address after it, in the block itself or one of the next;
 * a translation may put the whole original text in between, so the search runs to the end of
 * the article. */
static void find_original(struct page *pg)
{
	doc *d = pg->d;
	if (!d->nblocks)
		return;
	size_t end = pg->last + TAIL_INTO < d->nblocks ? pg->last + TAIL_INTO : d->nblocks - 1;
	for (size_t i = pg->first; i <= end; i++) {
		const block *b = &d->blocks[i];
		size_t wl;
		const char *w = foreign(b) ? NULL : find_word(&pg->at->original, b->text, b->len, &wl);
		if (!w)
			continue;
		const char *u = address_in(pg, b, w + wl, (size_t)(b->text + b->len - (w + wl)));
		/* An address right after the marker, or one standing alone on a later line. */
		for (size_t j = i + 1; !u && j <= end + 1 && j < d->nblocks; j++) {
			const block *c = &d->blocks[j];
			const char *t = c->text;
			while (*t == ' ')
				t++;
			if (strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0 ||
			    (c->link_density > 0.9f && c->tc.chars < 200 && j > pg->last))
				u = address_in(pg, c, c->text, c->len);
		}
		if (u) {
			d->meta.original_url = u;
			d->meta.from[META_ORIGINAL] = find_word(&pg->at->original, b->text, b->len, &wl)
							      ? arena_strndup(d->a, w, wl) : NULL;
			return;
		}
	}
}

/* The platform disclaimer: the blocks a classifier labelled so, else the blocks after the
 * article that open with a word of disclaimer.txt. */
static void find_disclaimer(struct page *pg)
{
	doc *d = pg->d;
	buf b;
	buf_init(&b, 0);
	const char *from = "disclaimer block";
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].label == LABEL_DISCLAIMER)
			buf_printf(&b, "%s%s", b.len ? "\n" : "", d->blocks[i].text);
	for (size_t i = pg->first <= pg->last ? pg->first : 0; !b.len && i < d->nblocks; i++) {
		const block *bl = &d->blocks[i];
		size_t wl;
		const char *w = find_word(&pg->at->disclaimer, bl->text, bl->len, &wl);
		/* It opens the block: a sentence that quotes "免责声明" is no disclaimer.  The
		 * block may still be labelled body while no classifier knows disclaimers. */
		if (!w || w - bl->text > 6 || i == pg->first)
			continue;
		for (size_t j = i; j < d->nblocks && j < i + 4; j++) {
			const block *c = &d->blocks[j];
			const char *x = find_word(&pg->at->disclaimer, c->text, c->len, &wl);
			if (j > i && (!x || x - c->text > 6))
				break;
			buf_printf(&b, "%s%s", b.len ? "\n" : "", c->text);
		}
		from = "disclaimer.txt";
	}
	if (b.len) {
		d->meta.disclaimer = arena_strndup(d->a, b.data, b.len);
		d->meta.from[META_DISCLAIMER] = from;
	}
	buf_free(&b);
}

/* ---------------------------------------------------------------- attribution lines */

/* Body blocks at the head or tail of the article that are nothing but attribution
 * ("来源：新华网 2011-12-09", "责任编辑：李四") leave the text: their content is in the fields. */
static void label_lines(struct page *pg)
{
	doc *d = pg->d;
	for (size_t i = pg->head0; i <= pg->last + TAIL_AFTER && i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		byline bl;
		if (b->label != LABEL_BODY || b->latin > 200 || !(in_head(pg, i) || in_tail(pg, i)))
			continue;
		if (byline_read(&pg->at->words, b->text, b->len, &bl) && bl.whole) {
			b->label = LABEL_ATTRIBUTION;
			b->rule = "attribution line";
		}
	}
}

/* ---------------------------------------------------------------- all of it */

/* A body block that reads as part of the article: a sentence or more, mostly not links.  A
 * stray empty cell or menu item labelled body must not move the article's ends. */
static bool substantial(const block *b)
{
	return b->label == LABEL_BODY && b->latin >= MIN_SENTENCE && b->link_density < 0.5f;
}

static void find_span(struct page *pg)
{
	const doc *d = pg->d;
	pg->first = 1;
	pg->last = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (substantial(&d->blocks[i])) {
			if (pg->first > pg->last)
				pg->first = i;
			pg->last = i;
		}
	for (size_t i = 0; pg->first > pg->last && i < d->nblocks; i++)
		if (d->blocks[i].label == LABEL_BODY) {
			pg->first = i;
			pg->last = i;
		}
	if (pg->first > pg->last) {   /* no article: the whole page is the head */
		pg->first = 0;
		pg->last = d->nblocks ? d->nblocks - 1 : 0;
		return;
	}
	/* A block taken for body below the page's disclaimer or footer (a notice at the foot of
	 * the page), or below the article's own attribution line (a forum's "posted at … by …"
	 * under each post, a reply's signature after it) does not end the article: the editor's
	 * line and the date are sought under its own end. */
	bool foot = false;
	size_t prev = pg->last;
	for (; prev > pg->first && !substantial(&d->blocks[prev - 1]); prev--)
		foot |= d->blocks[prev - 1].label == LABEL_DISCLAIMER ||
			d->blocks[prev - 1].label == LABEL_FOOTER ||
			d->blocks[prev - 1].label == LABEL_ATTRIBUTION;
	if (prev > pg->first && foot)
		pg->last = prev - 1;
}

/* The head window: a dozen blocks above the article, or from the title when it sits further
 * up (a table of contents or a summary box may stand between the byline under the title and
 * the first paragraph). */
static void find_head(struct page *pg)
{
	const doc *d = pg->d;
	pg->head0 = pg->first > HEAD_BEFORE ? pg->first - HEAD_BEFORE : 0;
	for (size_t i = 0; i < pg->first && i < d->nblocks; i++)
		if (d->blocks[i].label == LABEL_TITLE && pg->first - i <= 4 * HEAD_BEFORE &&
		    i < pg->head0)
			pg->head0 = i;
	/* The title's block counted as the article's first while the title was sought: the
	 * text, and the byline lines among its first blocks, start after it. */
	size_t start = pg->first;
	if (start < d->nblocks && d->blocks[start].label == LABEL_TITLE)
		for (start++; start < pg->last && !substantial(&d->blocks[start]); start++)
			;
	pg->head_end = start + HEAD_INTO;
}

void attrib_find(const attrib *at, doc *d)
{
	struct page *pg = arena_zalloc(d->a, sizeof *pg);
	pg->at = at;
	pg->d = d;
	if (!d->is_text) {
		collect_meta(pg);
		jsonld_find(d->a, &d->dom, &at->types, &pg->ld);
		map_blocks(pg);
	}
	find_lang(pg);
	find_canonical(pg);
	find_span(pg);
	if (d->is_text)
		find_text_title(d);
	else
		find_title(pg);
	label_title(d);
	find_head(pg);
	find_author(pg);
	find_source(pg);
	find_date(pg);
	find_original(pg);
	find_disclaimer(pg);
	label_lines(pg);
}
