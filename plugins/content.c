/* content.c — finds the article's container and labels the blocks in it as body.
 *
 * The container score follows Readability (paragraphs score 1 + commas + length/100, capped at
 * 3, added to their ancestors with falling weight; class/id words move a candidate by 25; the
 * result is scaled by 1 - link density), made CJK-aware: lengths are Latin-equivalent (one Han
 * character counts as three Latin ones) and the commas counted include ，、；.  Text pages have
 * no DOM: there the article is the run of paragraphs with the most prose in it. */
#include <ctype.h>
#include <gumbo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "err.h"
#include "lexicon.h"
#include "model.h"
#include "plugin.h"
#include "text.h"

/* The block features the linear model weighs, in the order of conf/content-weights.txt's
 * names.  Lengths are logarithmic: a paragraph ten times longer is not ten times likelier. */
enum feature {
	F_BIAS, F_IN_CONTAINER, F_ANCESTOR_SCORE, F_LOG_LEN, F_SHORT, F_LINK_DENSITY,
	F_PUNCT, F_COMMAS, F_SENTENCE_END, F_STOPWORDS, F_HAN, F_DATE,
	F_HEADING, F_ITEM, F_QUOTE, F_PRE, F_CELL, F_CAPTION,
	F_ARTICLE, F_MAIN, F_NAV, F_ASIDE, F_FOOTER, F_HEADER, F_FORM, F_LIST, F_TABLE, F_LINK,
	F_LOG_GROUP, F_CLASS_POSITIVE, F_CLASS_NEGATIVE, F_UNLIKELY, F_CHAFF_INSIDE,
	F_POSITION, F_DISTANCE, F_PREV_BODY, F_NEXT_BODY, F_PREV_LINKS, F_NEXT_LINKS,
	/* crossed features: a linear model cannot otherwise say "links count against a block
	 * on a Chinese news page more than on an English listing" */
	F_LINKS_HAN, F_LINKS_IN, F_LEN_IN, F_PAGE_HAN, F_PAGE_LINKS, F_LINKS_SHORT,
	/* ... and "a link or a short line outside a container of prose is chaff, while on a
	 * listing, whose container is itself mostly links, it is the content" */
	F_CONTAINER_LINKS, F_LINK_PROSE, F_SHORT_PROSE, F_OUT_PROSE,
	/* ... and "outside a container that holds little of the page's text (a listing's
	 * description, one card of many) a block is not chaff for that alone", "a heading that
	 * is a link titles a card", "on a page with little prose, links are the content" */
	F_OUT_SHARE, F_HEADING_LINKS, F_LINKS_NO_PROSE,
	F_COUNT
};

static const char *const feature_names[F_COUNT] = {
	"bias", "in_container", "ancestor_score", "log_len", "short", "link_density",
	"punct", "commas", "sentence_end", "stopwords", "han", "date",
	"heading", "item", "quote", "pre", "cell", "caption",
	"article", "main", "nav", "aside", "footer", "header", "form", "list", "table", "link",
	"log_group", "class_positive", "class_negative", "unlikely", "chaff_inside",
	"position", "distance", "prev_body", "next_body", "prev_links", "next_links",
	"links_han", "links_in", "len_in", "page_han", "page_links", "links_short",
	"container_links", "link_prose", "short_prose", "out_prose",
	"out_share", "heading_links", "links_no_prose",
};

/* The second pass's inputs, named in conf/content-context.txt. */
enum context_feature {
	C_BIAS, C_SELF, C_PREV, C_NEXT, C_PREV2, C_NEXT2, C_SHORT, C_LINKS, C_COUNT
};

static const char *const context_names[C_COUNT] = {
	"bias", "self", "prev", "next", "prev2", "next2", "short", "link_density",
};

struct content {
	lexicon positive, negative, unlikely, maybe;
	model model;               /* first pass: a block on its own */
	model context;             /* second pass: with its neighbours */
	char **stop_en;            /* sorted English stopwords */
	size_t n_stop_en;
	uint32_t *function_zh;     /* sorted Chinese function characters */
	size_t n_function_zh;
	conf_list stop_list;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int content_init(void **state, err *e)
{
	struct content *c = xcalloc(1, sizeof *c);
	*state = c;
	conf_list zh;
	if (lexicon_load(&c->positive, "class-positive.txt", e) < 0 ||
	    lexicon_load(&c->negative, "class-negative.txt", e) < 0 ||
	    lexicon_load(&c->unlikely, "class-unlikely.txt", e) < 0 ||
	    lexicon_load(&c->maybe, "class-maybe.txt", e) < 0 ||
	    model_load(&c->model, "content-weights.txt", feature_names, F_COUNT, e) < 0 ||
	    model_load(&c->context, "content-context.txt", context_names, C_COUNT, e) < 0 ||
	    conf_list_load("stopwords-en.txt", &c->stop_list, e) < 0 ||
	    conf_list_load("function-zh.txt", &zh, e) < 0)
		return -1;
	c->stop_en = c->stop_list.item;
	c->n_stop_en = c->stop_list.n;
	qsort(c->stop_en, c->n_stop_en, sizeof *c->stop_en, cmp_str);
	c->function_zh = xcalloc(zh.n + 1, sizeof *c->function_zh);
	for (size_t i = 0; i < zh.n; i++) {
		const char *p = zh.item[i];
		c->function_zh[c->n_function_zh++] = text_next(&p, p + strlen(p));
	}
	qsort(c->function_zh, c->n_function_zh, sizeof *c->function_zh, cmp_u32);
	conf_list_free(&zh);
	return 0;
}

static void content_free(void *state)
{
	struct content *c = state;
	lexicon_free(&c->positive);
	lexicon_free(&c->negative);
	lexicon_free(&c->unlikely);
	lexicon_free(&c->maybe);
	model_free(&c->model);
	model_free(&c->context);
	conf_list_free(&c->stop_list);
	free(c->function_zh);
	free(c);
}

/* Readability's minimum paragraph length, 25 characters, in Latin-equivalent units. */
enum { MIN_PARAGRAPH = 25 };

/* A paragraph-like owner passes its score to its parent; text directly inside a container
 * (Chinese pages often write <div>text<br><br>text</div>) scores the container itself. */
static bool paragraph_tag(uint16_t t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: case GUMBO_TAG_ADDRESS:
		return true;
	default:
		return false;
	}
}

/* Readability's starting score by tag. */
static float tag_base(uint16_t t)
{
	switch (t) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
		return 5;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

static float class_weight(const struct content *c, const dom_node *n)
{
	float w = 0;
	if (lexicon_class(&c->negative, n->cls, n->id, NULL) > 0)
		w -= 25;
	if (lexicon_class(&c->positive, n->cls, n->id, NULL) > 0)
		w += 25;
	return w;
}

static bool unlikely(const struct content *c, const dom_node *n)
{
	/* <article> and <main> say what they hold more reliably than a layout class does
	 * ("full-width-template-with-sidebar"). */
	if (n->tag == GUMBO_TAG_BODY || n->tag == GUMBO_TAG_HTML || n->tag == GUMBO_TAG_A ||
	    n->tag == GUMBO_TAG_ARTICLE || n->tag == GUMBO_TAG_MAIN)
		return false;
	return lexicon_class(&c->unlikely, n->cls, n->id, NULL) > 0 &&
	       lexicon_class(&c->maybe, n->cls, n->id, NULL) <= 0;
}

/* Semantic elements whose text is never the article, unless the article sits inside them. */
static enum label semantic_label(uint16_t t)
{
	switch (t) {
	case GUMBO_TAG_NAV: return LABEL_NAV;
	case GUMBO_TAG_ASIDE: return LABEL_BOILERPLATE;
	case GUMBO_TAG_FOOTER: return LABEL_FOOTER;
	case GUMBO_TAG_FORM: return LABEL_BOILERPLATE;
	default: return LABEL_NONE;
	}
}

static float link_density(const dom_node *n)
{
	return n->chars ? (float)n->link_chars / (float)n->chars : 0;
}

/* Per page: the candidate scores and the chosen container. */
struct page {
	float *score;      /* per node; 0 when never a candidate */
	bool *seen;        /* per node: initialised as a candidate */
	bool *unlikely;    /* per node: inside an element class-unlikely.txt names */
};

/* What an attempt may use.  Readability's retries: when the article comes out short, score
 * again without leaving out unlikely elements, then without class/id weights. */
enum { USE_UNLIKELY = 1, USE_CLASSES = 2 };

/* Only the blocks still open score: a cookie banner or a footer an earlier plugin labelled can
 * be long and full of commas, and would otherwise pull the container onto itself. */
static void score_candidates(const struct content *c, doc *d, const bool *open, struct page *pg,
			     unsigned use)
{
	const dom *dm = &d->dom;
	for (int32_t i = 0; i < dm->n; i++) {
		const dom_node *n = &dm->node[i];
		pg->unlikely[i] = (use & USE_UNLIKELY) &&
				  ((n->parent >= 0 && pg->unlikely[n->parent]) ||
				   (n->tag != DOM_TEXT && unlikely(c, n)));
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (!open[i] || b->hidden || b->node < 0 || b->latin < MIN_PARAGRAPH ||
		    pg->unlikely[b->node])
			continue;
		float s = 1 + (float)b->tc.commas + (b->latin / 100.0f > 3 ? 3 : b->latin / 100.0f);
		int32_t a = paragraph_tag(dm->node[b->node].tag) ? dm->node[b->node].parent : b->node;
		for (int level = 0; a >= 0 && level < 5; level++, a = dm->node[a].parent) {
			const dom_node *an = &dm->node[a];
			if (an->tag == GUMBO_TAG_HTML)
				break;
			if (!pg->seen[a]) {
				pg->seen[a] = true;
				pg->score[a] = tag_base(an->tag) +
					       (use & USE_CLASSES ? class_weight(c, an) : 0);
			}
			float div = level == 0 ? 1 : level == 1 ? 2 : (float)level * 3;
			pg->score[a] += s / div;
		}
	}
	for (int32_t i = 0; i < dm->n; i++)
		if (pg->seen[i])
			pg->score[i] *= 1 - link_density(&dm->node[i]);
}

static int32_t best_candidate(const doc *d, const struct page *pg)
{
	const dom *dm = &d->dom;
	int32_t top = -1;
	for (int32_t i = 0; i < dm->n; i++)
		if (pg->seen[i] && (top < 0 || pg->score[i] > pg->score[top]))
			top = i;
	if (top < 0)
		return dm->body;
	/* When several of the best candidates score close to the top one and share an ancestor
	 * with it (the posts of a thread, the sections of a long page), that ancestor holds the
	 * article: Readability's rule, with its numbers (the five best, within 75 %, three). */
	int32_t alt[5];
	int nalt = 0;
	for (int32_t i = 0; i < dm->n; i++) {
		if (!pg->seen[i] || i == top || pg->score[i] < 0.75f * pg->score[top])
			continue;
		if (nalt == 5 && pg->score[i] <= pg->score[alt[4]])
			continue;
		int k = nalt < 5 ? nalt++ : 4;
		alt[k] = i;
		for (; k > 0 && pg->score[alt[k]] > pg->score[alt[k - 1]]; k--) {
			int32_t t = alt[k];
			alt[k] = alt[k - 1];
			alt[k - 1] = t;
		}
	}
	if (nalt >= 3) {
		for (int32_t p = dm->node[top].parent; p >= 0 && dm->node[p].tag != GUMBO_TAG_BODY;
		     p = dm->node[p].parent) {
			int within = 0;
			for (int k = 0; k < nalt; k++)
				within += alt[k] > p && alt[k] < dm->node[p].end;
			if (within >= 3) {
				top = p;
				break;
			}
		}
	}
	/* Readability's walk up: a parent scoring close to the top is the better container, since
	 * the article's paragraphs are often split over several children. */
	float last = pg->score[top], threshold = last / 3;
	for (int32_t p = dm->node[top].parent; p >= 0 && dm->node[p].tag != GUMBO_TAG_BODY;
	     p = dm->node[p].parent) {
		if (!pg->seen[p])
			continue;
		if (pg->score[p] < threshold)
			break;
		if (pg->score[p] > last) {
			top = p;
			break;
		}
		last = pg->score[p];
	}
	/* A container that is the only child of its parent says nothing its parent does not. */
	while (dm->node[top].parent >= 0 && dm->node[top].tag != GUMBO_TAG_BODY) {
		int32_t p = dm->node[top].parent, kids = 0;
		for (int32_t k = p + 1; k < dm->node[p].end; k = dm->node[k].end)
			if (dm->node[k].tag != DOM_TEXT || dm->node[k].chars)
				kids++;
		if (kids != 1 || dm->node[p].tag == GUMBO_TAG_BODY)
			break;
		top = p;
	}
	return top;
}

/* Readability joins the siblings of the container that score well or read like paragraphs. */
static void join_siblings(const doc *d, const struct page *pg, int32_t top, bool *chosen)
{
	const dom *dm = &d->dom;
	chosen[top] = true;
	int32_t parent = dm->node[top].parent;
	if (parent < 0)
		return;
	float threshold = pg->score[top] * 0.2f;
	if (threshold < 10)
		threshold = 10;
	const char *top_cls = dm->node[top].cls;
	for (int32_t k = parent + 1; k < dm->node[parent].end; k = dm->node[k].end) {
		const dom_node *s = &dm->node[k];
		if (k == top || s->tag == DOM_TEXT)
			continue;
		float bonus = *top_cls && strcmp(s->cls, top_cls) == 0 ? pg->score[top] * 0.2f : 0;
		bool join = pg->seen[k] && pg->score[k] + bonus >= threshold;
		if (!join && s->tag == GUMBO_TAG_P) {
			uint32_t latin = s->chars + 2 * s->han;
			float ld = link_density(s);
			join = (latin > 80 && ld < 0.25f) || (latin > 0 && latin <= 80 && ld == 0 &&
							       s->punct > 0);
		}
		if (join)
			chosen[k] = true;
	}
}

/* A container choice: the candidate scores, the chosen subtrees, what they hold. */
struct choice {
	struct page pg;
	bool *chosen;
	int32_t top;
	float score;
	uint32_t kept;     /* Latin-equivalent length of the blocks inside, links aside */
	float share;       /* kept / the same length over the whole page */
	float page_prose;  /* share of the same length that reads like prose */
};

/* The chosen subtree holding node i, or -1. */
static int32_t chosen_ancestor(const dom *dm, const bool *chosen, int32_t i)
{
	for (int32_t a = i; a >= 0; a = dm->node[a].parent)
		if (chosen[a])
			return a;
	return -1;
}

/* One attempt: picks the container under `use`. */
static void attempt(const struct content *c, doc *d, unsigned use, const bool *open,
		    struct choice *ch)
{
	const dom *dm = &d->dom;
	ch->pg = (struct page){
		arena_zalloc(d->a, (size_t)dm->n * sizeof(float)),
		arena_zalloc(d->a, (size_t)dm->n * sizeof(bool)),
		arena_zalloc(d->a, (size_t)dm->n * sizeof(bool)),
	};
	ch->chosen = arena_zalloc(d->a, (size_t)dm->n * sizeof(bool));
	score_candidates(c, d, open, &ch->pg, use);
	ch->top = best_candidate(d, &ch->pg);
	ch->score = ch->top >= 0 ? ch->pg.score[ch->top] : 0;
	ch->kept = 0;
	ch->share = 0;
	ch->page_prose = 0;
	if (ch->top < 0)
		return;
	join_siblings(d, &ch->pg, ch->top, ch->chosen);
	uint32_t all = 0, prose = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (!open[i] || b->hidden || b->link_density > 0.5f)
			continue;
		all += b->latin;
		if (segment_prose(b))
			prose += b->latin;
		if (chosen_ancestor(dm, ch->chosen, b->node) >= 0)
			ch->kept += b->latin;
	}
	ch->share = all ? (float)ch->kept / (float)all : 0;
	ch->page_prose = all ? (float)prose / (float)all : 0;
}

/* Share of a block's words that are function words: English stopwords among its Latin words,
 * Chinese function characters among its Han ones. */
static float stopword_share(const struct content *c, const block *b)
{
	unsigned stops = 0, han_fn = 0;
	const char *p = b->text, *end = b->text + b->len;
	while (p < end) {
		const char *w = p;
		uint32_t ch = text_next(&p, end);
		if (text_is_han(ch)) {
			han_fn += bsearch(&ch, c->function_zh, c->n_function_zh, sizeof(uint32_t),
					  cmp_u32) != NULL;
			continue;
		}
		if (!(ch < 0x80 && isalpha((int)ch)))
			continue;
		while (p < end && isalpha((unsigned char)*p))
			p++;
		char word[16];
		size_t k = (size_t)(p - w);
		if (k >= sizeof word)
			continue;
		for (size_t i = 0; i < k; i++)
			word[i] = (char)tolower((unsigned char)w[i]);
		word[k] = '\0';
		const char *key = word;
		stops += bsearch(&key, c->stop_en, c->n_stop_en, sizeof(char *), cmp_str) != NULL;
	}
	float latin_words = (float)b->tc.words, han = (float)b->tc.han;
	float share = 0;
	if (latin_words + han > 0)
		share = ((float)stops + (float)han_fn) / (latin_words + han);
	return share;
}

static float class_words(const lexicon *x, const dom *dm, int32_t node, int levels)
{
	for (int32_t a = node; a >= 0 && levels-- > 0; a = dm->node[a].parent)
		if (lexicon_class(x, dm->node[a].cls, dm->node[a].id, NULL) > 0)
			return 1;
	return 0;
}

/* Fills x (F_COUNT values) for block i under the container choice ch. */
static void features(const struct content *c, const doc *d, const struct choice *ch,
		     const int32_t *in, const int *dist, size_t i, float *x)
{
	const dom *dm = &d->dom;
	const block *b = &d->blocks[i];
	memset(x, 0, F_COUNT * sizeof *x);
	float chars = b->tc.chars ? (float)b->tc.chars : 1;
	x[F_BIAS] = 1;
	x[F_IN_CONTAINER] = in[i] >= 0;
	float best = 0;
	int level = 0;
	for (int32_t a = b->node; a >= 0 && level < 6; a = dm->node[a].parent, level++)
		if (ch->pg.seen[a] && ch->pg.score[a] > best)
			best = ch->pg.score[a];
	x[F_ANCESTOR_SCORE] = ch->score > 0 ? (best / ch->score > 1 ? 1 : best / ch->score) : 0;
	x[F_LOG_LEN] = logf(1 + (float)b->latin);
	x[F_SHORT] = b->latin < 20;
	x[F_LINK_DENSITY] = b->link_density;
	x[F_PUNCT] = (float)b->tc.punct / chars;
	x[F_COMMAS] = (float)b->tc.commas * 100 / ((float)b->latin + 10);
	x[F_SENTENCE_END] = b->sentence_end;
	x[F_STOPWORDS] = stopword_share(c, b);
	x[F_HAN] = (float)b->tc.han / chars;
	x[F_DATE] = b->has_date;
	x[F_HEADING] = b->kind == BLOCK_HEADING;
	x[F_ITEM] = b->kind == BLOCK_ITEM;
	x[F_QUOTE] = b->kind == BLOCK_QUOTE;
	x[F_PRE] = b->kind == BLOCK_PRE;
	x[F_CELL] = b->kind == BLOCK_CELL;
	x[F_CAPTION] = b->kind == BLOCK_CAPTION;
	x[F_ARTICLE] = (b->inside & IN_ARTICLE) != 0;
	x[F_MAIN] = (b->inside & IN_MAIN) != 0;
	x[F_NAV] = (b->inside & IN_NAV) != 0;
	x[F_ASIDE] = (b->inside & IN_ASIDE) != 0;
	x[F_FOOTER] = (b->inside & IN_FOOTER) != 0;
	x[F_HEADER] = (b->inside & IN_HEADER) != 0;
	x[F_FORM] = (b->inside & IN_FORM) != 0;
	x[F_LIST] = (b->inside & IN_LIST) != 0;
	x[F_TABLE] = (b->inside & IN_TABLE) != 0;
	x[F_LINK] = (b->inside & IN_LINK) != 0;
	x[F_LOG_GROUP] = logf((float)b->group);
	if (b->node >= 0) {
		x[F_CLASS_POSITIVE] = class_words(&c->positive, dm, b->node, 4);
		x[F_CLASS_NEGATIVE] = class_words(&c->negative, dm, b->node, 4);
		x[F_UNLIKELY] = ch->pg.unlikely[b->node];
		/* nav, aside, footer or form between the block and its container */
		for (int32_t a = b->node; in[i] >= 0 && a != in[i]; a = dm->node[a].parent)
			if (semantic_label(dm->node[a].tag) != LABEL_NONE)
				x[F_CHAFF_INSIDE] = 1;
	}
	x[F_POSITION] = d->nblocks > 1 ? (float)i / (float)(d->nblocks - 1) : 0;
	x[F_DISTANCE] = dist[i] > 10 ? 1 : (float)dist[i] / 10;
	x[F_PREV_BODY] = i > 0 && in[i - 1] >= 0;
	x[F_NEXT_BODY] = i + 1 < d->nblocks && in[i + 1] >= 0;
	x[F_PREV_LINKS] = i > 0 ? d->blocks[i - 1].link_density : 1;
	x[F_NEXT_LINKS] = i + 1 < d->nblocks ? d->blocks[i + 1].link_density : 1;
	const dom_node *body = &dm->node[dm->body >= 0 ? dm->body : 0];
	x[F_PAGE_HAN] = body->chars ? (float)body->han / (float)body->chars : 0;
	x[F_PAGE_LINKS] = body->chars ? (float)body->link_chars / (float)body->chars : 0;
	x[F_LINKS_HAN] = x[F_LINK_DENSITY] * x[F_PAGE_HAN];
	x[F_LINKS_IN] = x[F_LINK_DENSITY] * x[F_IN_CONTAINER];
	x[F_LEN_IN] = x[F_LOG_LEN] * x[F_IN_CONTAINER];
	x[F_LINKS_SHORT] = x[F_LINK_DENSITY] * x[F_SHORT];
	const dom_node *top = &dm->node[ch->top >= 0 ? ch->top : 0];
	float prose = 1 - (top->chars ? (float)top->link_chars / (float)top->chars : 0);
	x[F_CONTAINER_LINKS] = 1 - prose;
	x[F_LINK_PROSE] = x[F_LINK] * prose;
	x[F_SHORT_PROSE] = x[F_SHORT] * prose;
	x[F_OUT_PROSE] = (1 - x[F_IN_CONTAINER]) * prose;
	x[F_OUT_SHARE] = (1 - x[F_IN_CONTAINER]) * (1 - ch->share);
	x[F_HEADING_LINKS] = x[F_HEADING] * x[F_LINK_DENSITY];
	x[F_LINKS_NO_PROSE] = x[F_LINK_DENSITY] * (1 - ch->page_prose);
}

/* The neighbours are the nearest blocks on either side that the model judges (open, shown);
 * tests/fit-content computes the same from --explain=tsv rows. */
static void context(const doc *d, const bool *open, const float *p1, const float *x, size_t i,
		    float *cx)
{
	float near[4] = { 0, 0, 0, 0 };   /* prev, prev2, next, next2 */
	int k = 0;
	for (size_t j = i; j-- > 0 && k < 2;)
		if (open[j] && !d->blocks[j].hidden)
			near[k++] = p1[j];
	k = 2;
	for (size_t j = i + 1; j < d->nblocks && k < 4; j++)
		if (open[j] && !d->blocks[j].hidden)
			near[k++] = p1[j];
	float p = p1[i] < 1e-4f ? 1e-4f : p1[i] > 1 - 1e-4f ? 1 - 1e-4f : p1[i];
	cx[C_BIAS] = 1;
	cx[C_SELF] = logf(p / (1 - p));
	cx[C_PREV] = near[0];
	cx[C_PREV2] = near[1];
	cx[C_NEXT] = near[2];
	cx[C_NEXT2] = near[3];
	cx[C_SHORT] = x[i * F_COUNT + F_SHORT];
	cx[C_LINKS] = x[i * F_COUNT + F_LINK_DENSITY];
}

/* A line that is one web address and nothing else. */
static bool bare_url(const block *b)
{
	return ((b->len > 8 && strncmp(b->text, "https://", 8) == 0) ||
		(b->len > 7 && strncmp(b->text, "http://", 7) == 0)) &&
	       !memchr(b->text, ' ', b->len) && !memchr(b->text, '\n', b->len);
}

/* Readability retries with fewer assumptions while the article is shorter than this; below
 * MIN_KEPT what the model keeps is no article. */
enum { MIN_ARTICLE = 500, MIN_KEPT = 100 };

/* A page without an article whose content is a list of headlines: a news front, a shop's
 * category, a search result, a forum's index.  Its items are mostly links of a headline's
 * length (HEADLINE_MIN to HEADLINE_MAX Latin-equivalent characters), at least LIST_MIN_ITEMS
 * of them, seven in ten under one element that is not the whole page, and together at least
 * LIST_OVER_KEPT times what the model kept.  The numbers came from the corpora: with only as
 * much as the model kept, or above MIN_ARTICLE kept, the related-news column of a short
 * Chinese report passes for a list. */
enum { HEADLINE_MIN = 20, HEADLINE_MAX = 300, LIST_MIN_ITEMS = 8, LIST_OVER_KEPT = 2 };

static bool headline_link(const block *b)
{
	return !b->hidden && b->link_density >= 0.5f &&
	       !(b->inside & (IN_NAV | IN_FOOTER | IN_HEADER)) && b->latin >= HEADLINE_MIN &&
	       b->latin <= HEADLINE_MAX;
}

/* When the model kept `kept` characters and no article: the open blocks under the list's
 * element become body, but for short links (tags, "more") and what sits in a <nav>, <header>
 * or <footer>.  False, changing nothing, when the page has no such list. */
static bool listing(doc *d, const bool *open, uint32_t kept)
{
	const dom *dm = &d->dom;
	uint32_t *count = arena_zalloc(d->a, (size_t)dm->n * sizeof *count), total = 0, links = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (!open[i] || !headline_link(b) || b->node < 0)
			continue;
		total++;
		links += b->latin;
		for (int32_t a = b->node; a >= 0; a = dm->node[a].parent)
			count[a]++;
	}
	if (total < LIST_MIN_ITEMS || links < LIST_OVER_KEPT * kept)
		return false;
	int32_t root = -1;
	for (int32_t a = 0; a < dm->n; a++)   /* document order: a later node is deeper */
		if (10 * count[a] >= 7 * total)
			root = a;
	if (root < 0 || dm->node[root].tag == GUMBO_TAG_BODY || dm->node[root].tag == GUMBO_TAG_HTML)
		return false;   /* links spread over the whole page are its menus, not one list */
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		int32_t n = b->node;
		if (!open[i] || b->hidden || n < root || n >= dm->node[root].end ||
		    (b->link_density > 0.5f && b->latin < HEADLINE_MIN) ||
		    (b->inside & (IN_NAV | IN_FOOTER | IN_HEADER)))
			continue;
		b->label = LABEL_BODY;
		b->rule = "an item of the page's list (no article)";
	}
	doc_why(d, "no article: the list under %s, %u headline links",
		dom_describe(d->a, dm, root), count[root]);
	return true;
}

static void label_html(const struct content *c, doc *d)
{
	const dom *dm = &d->dom;
	if (dm->n == 0 || d->nblocks == 0)
		return;
	static const unsigned tries[] = { USE_UNLIKELY | USE_CLASSES, USE_CLASSES, 0 };
	static const char *const how[] = { "", " (retried without class-unlikely.txt)",
					   " (retried without class/id words)" };
	bool *open = arena_alloc(d->a, d->nblocks * sizeof(bool));
	for (size_t i = 0; i < d->nblocks; i++)
		open[i] = d->blocks[i].label == LABEL_NONE;
	struct choice best = { 0 }, cur;
	size_t best_try = 0;
	for (size_t t = 0; t < sizeof tries / sizeof *tries; t++) {
		attempt(c, d, tries[t], open, &cur);
		if (t == 0 || cur.kept > best.kept) {
			best = cur;
			best_try = t;
		}
		if (best.kept >= MIN_ARTICLE)
			break;
	}
	doc_why(d, "container: %s, score %.1f, %u characters%s",
		dom_describe(d->a, dm, best.top), best.score, best.kept, how[best_try]);

	/* Where each block stands to the container: inside which chosen subtree, and how many
	 * blocks away from the nearest block inside. */
	int32_t *in = arena_alloc(d->a, d->nblocks * sizeof *in);
	int *dist = arena_alloc(d->a, d->nblocks * sizeof *dist);
	int last = -1000000;
	for (size_t i = 0; i < d->nblocks; i++) {
		in[i] = best.top >= 0 && d->blocks[i].node >= 0 ?
			chosen_ancestor(dm, best.chosen, d->blocks[i].node) : -1;
		if (in[i] >= 0)
			last = (int)i;
		dist[i] = (int)i - last;
	}
	last = 1000000;
	for (size_t i = d->nblocks; i-- > 0;) {
		if (in[i] >= 0)
			last = (int)i;
		if (last - (int)i < dist[i])
			dist[i] = last - (int)i;
	}

	float *x = arena_alloc(d->a, d->nblocks * F_COUNT * sizeof *x);
	float *p1 = arena_alloc(d->a, d->nblocks * sizeof *p1);
	uint32_t kept = 0;
	d->features = x;
	d->nfeatures = F_COUNT;
	d->feature_names = feature_names;
	/* First pass: each block on its own. */
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		p1[i] = 0;
		if (!open[i] || b->hidden) {
			memset(x + i * F_COUNT, 0, F_COUNT * sizeof *x);   /* not the model's to say */
			if (open[i]) {
				b->label = LABEL_HIDDEN;
				b->rule = "hidden element";
			}
			continue;
		}
		features(c, d, &best, in, dist, i, x + i * F_COUNT);
		p1[i] = model_prob(&c->model, x + i * F_COUNT);
	}
	/* Second pass: each block with its neighbours' first-pass odds, so a short line between
	 * two paragraphs stays and a lone block among chaff goes (context smoothing, fitted). */
	bool after_body = false;
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (!open[i] || b->hidden)
			continue;
		float cx[C_COUNT];
		context(d, open, p1, x, i, cx);
		float p = model_prob(&c->context, cx);
		b->score = p;
		if (in[i] < 0 && (b->inside & IN_LINK) && (b->group >= 3 || (b->inside & IN_LIST))) {
			/* A menu entry: one link, one of a list, away from the container.  On
			 * listings the links that matter sit inside the container. */
			b->label = LABEL_NAV;
			b->rule = "a link in a list outside the container";
		} else if (p >= 0.5f) {
			b->label = LABEL_BODY;
			b->rule = in[i] >= 0 ? "model: body, in the container" : "model: body";
		} else if (in[i] >= 0 && after_body && bare_url(b)) {
			/* A repost or a translation ends with the address of its original: too
			 * short for the model, and worth keeping (text pages do the same). */
			b->label = LABEL_BODY;
			b->rule = "the address of the original, after the article";
		} else {
			enum label sem = LABEL_NONE;
			for (int32_t a = b->node; a >= 0 && sem == LABEL_NONE; a = dm->node[a].parent)
				sem = semantic_label(dm->node[a].tag);
			b->label = sem != LABEL_NONE ? sem : b->link_density > 0.5f ? LABEL_NAV
										     : LABEL_BOILERPLATE;
			b->rule = in[i] >= 0 ? "model: not body, though in the container"
					     : "model: not body";
		}
		if (b->label == LABEL_BODY)
			kept += b->latin;
		after_body = b->label == LABEL_BODY;
	}
	if (kept < MIN_ARTICLE && listing(d, open, kept))
		return;
	/* When the model keeps next to nothing (a listing, a page unlike any it was fitted on),
	 * the container alone is the better guess. */
	if (kept >= MIN_KEPT)
		return;
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		const float *xi = x + i * F_COUNT;
		if (open[i] && !b->hidden && in[i] >= 0 && b->link_density <= 0.5f &&
		    xi[F_CHAFF_INSIDE] == 0) {
			b->label = LABEL_BODY;
			b->rule = "the container (the model kept too little)";
		}
	}
}

/* Keyword lists and breadcrumbs join their items with these. */
static unsigned separators(const char *s, size_t n)
{
	unsigned k = 0;
	for (const char *p = s, *end = s + n; p < end;) {
		uint32_t c = text_next(&p, end);
		k += c == '|' || c == 0xFF5C || c == '>' || c == 0x203A;
	}
	return k;
}

/* Text pages: each paragraph votes for or against being prose, and the article is the run of
 * paragraphs with the largest total (the maximum-sum subarray), so short headings and questions
 * between long paragraphs stay while the menus and lists at either end go. */
static void label_text(doc *d)
{
	size_t n = d->nblocks, best_i = 0, best_j = 0, cur_i = 0;
	float best = 0, cur = 0;
	for (size_t j = 0; j < n; j++) {
		block *b = &d->blocks[j];
		/* Prose: long enough to be a sentence, written in sentences (commas or full stops),
		 * not a keyword list or a breadcrumb (separators | ｜ >), and not a block an earlier
		 * plugin took for chaff (a comma-separated keyword line reads like prose).  The
		 * weights are per Latin-equivalent character; a short line costs a fixed 30. */
		float punct = b->tc.chars ? (float)b->tc.punct / (float)b->tc.chars : 0;
		bool prose = b->label == LABEL_NONE && b->latin >= 70 && punct < 0.2f &&
			     b->tc.commas + b->tc.stops > 0 && separators(b->text, b->len) < 3;
		float v = prose ? (float)b->latin : -30;
		if (b->label == LABEL_NONE)
			b->score = v;
		if (cur <= 0) {
			cur = 0;
			cur_i = j;
		}
		cur += v;
		if (cur > best) {
			best = cur;
			best_i = cur_i;
			best_j = j + 1;
		}
	}
	/* The run's last words are often short: a closing sentence, then the address of the
	 * original.  They stay; the first line that is neither ends the article. */
	while (best > 0 && best_j < n && d->blocks[best_j].label == LABEL_NONE &&
	       (d->blocks[best_j].sentence_end || bare_url(&d->blocks[best_j])))
		best_j++;
	for (size_t j = 0; j < n; j++) {
		block *b = &d->blocks[j];
		if (b->label != LABEL_NONE)
			continue;
		if (j >= best_i && j < best_j) {
			b->label = LABEL_BODY;
			b->rule = "inside the run of prose";
		} else {
			b->label = LABEL_BOILERPLATE;
			b->rule = "outside the run of prose";
		}
	}
}

static void content_classify(void *state, doc *d)
{
	if (d->is_text)
		label_text(d);
	else
		label_html(state, d);
}

const plugin plugin_content = {
	"content", content_init, content_classify, content_free,
};
