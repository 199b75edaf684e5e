/* content.c — finds the article's container and labels the blocks in it as body.
 *
 * The container score follows Readability (paragraphs score 1 + commas + length/100, capped at
 * 3, added to their ancestors with falling weight; class/id words move a candidate by 25; the
 * result is scaled by 1 - link density), made CJK-aware: lengths are Latin-equivalent (one Han
 * character counts as three Latin ones) and the commas counted include ，、；.  Text pages have
 * no DOM: there the article is the run of paragraphs with the most prose in it. */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "err.h"
#include "lexicon.h"
#include "plugin.h"

struct content {
	lexicon positive, negative, unlikely, maybe;
};

static int content_init(void **state, err *e)
{
	struct content *c = xcalloc(1, sizeof *c);
	*state = c;
	if (lexicon_load(&c->positive, "class-positive.txt", e) < 0 ||
	    lexicon_load(&c->negative, "class-negative.txt", e) < 0 ||
	    lexicon_load(&c->unlikely, "class-unlikely.txt", e) < 0 ||
	    lexicon_load(&c->maybe, "class-maybe.txt", e) < 0)
		return -1;
	return 0;
}

static void content_free(void *state)
{
	struct content *c = state;
	lexicon_free(&c->positive);
	lexicon_free(&c->negative);
	lexicon_free(&c->unlikely);
	lexicon_free(&c->maybe);
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

static void score_candidates(const struct content *c, doc *d, struct page *pg, unsigned use)
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
		if (b->hidden || b->node < 0 || b->latin < MIN_PARAGRAPH || pg->unlikely[b->node])
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
		int k = 4;
		if (nalt < 5)
			k = nalt++;
		else if (pg->score[i] <= pg->score[alt[4]])
			continue;
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

/* One attempt: picks the container under `use` and labels the undecided blocks; returns the
 * length of what it kept, and the container and its score in *top_out, *score_out. */
static uint32_t attempt(const struct content *c, doc *d, unsigned use, const bool *open,
			int32_t *top_out, float *score_out)
{
	const dom *dm = &d->dom;
	struct page pg = {
		arena_zalloc(d->a, (size_t)dm->n * sizeof(float)),
		arena_zalloc(d->a, (size_t)dm->n * sizeof(bool)),
		arena_zalloc(d->a, (size_t)dm->n * sizeof(bool)),
	};
	score_candidates(c, d, &pg, use);
	int32_t top = best_candidate(d, &pg);
	*top_out = top;
	*score_out = top >= 0 ? pg.score[top] : 0;
	if (top < 0)
		return 0;
	bool *chosen = arena_zalloc(d->a, (size_t)dm->n * sizeof(bool));
	join_siblings(d, &pg, top, chosen);

	uint32_t kept = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (!open[i])
			continue;
		if (b->hidden) {
			b->label = LABEL_HIDDEN;
			b->rule = "hidden element";
			continue;
		}
		/* Which chosen subtree holds the block, and is there chaff on the way? */
		int32_t in = -1;
		enum label sem = LABEL_NONE;
		for (int32_t a = b->node; a >= 0; a = dm->node[a].parent) {
			if (chosen[a]) {
				in = a;
				break;
			}
			if (sem == LABEL_NONE)
				sem = semantic_label(dm->node[a].tag);
		}
		b->score = in >= 0 ? pg.score[in] : 0;
		if (in < 0) {
			b->label = sem != LABEL_NONE ? sem : LABEL_BOILERPLATE;
			b->rule = "outside the article container";
		} else if (sem != LABEL_NONE) {
			b->label = sem;
			b->rule = "inside nav/aside/footer/form";
		} else if (pg.unlikely[b->node] && !pg.unlikely[in]) {
			b->label = LABEL_BOILERPLATE;
			b->rule = "class/id says not content";
		} else if (b->link_density > 0.5f && b->kind != BLOCK_HEADING) {
			b->label = LABEL_NAV;
			b->rule = "link list";
		} else {
			b->label = LABEL_BODY;
			b->rule = "inside the article container";
			kept += b->latin;
		}
	}
	return kept;
}

/* Readability retries with fewer assumptions while the article is shorter than this. */
enum { MIN_ARTICLE = 500 };

static void label_html(const struct content *c, doc *d)
{
	if (d->dom.n == 0)
		return;
	static const unsigned tries[] = { USE_UNLIKELY | USE_CLASSES, USE_CLASSES, 0 };
	bool *open = arena_alloc(d->a, d->nblocks * sizeof(bool) + 1);
	block *best = arena_alloc(d->a, d->nblocks * sizeof(block) + 1);
	uint32_t best_len = 0;
	int32_t best_top = -1;
	float best_score = 0;
	size_t best_try = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		open[i] = d->blocks[i].label == LABEL_NONE;
	for (size_t t = 0; t < sizeof tries / sizeof *tries; t++) {
		int32_t top;
		float score;
		uint32_t len = attempt(c, d, tries[t], open, &top, &score);
		if (t == 0 || len > best_len) {
			best_len = len;
			best_top = top;
			best_score = score;
			best_try = t;
			memcpy(best, d->blocks, d->nblocks * sizeof(block));
		}
		if (best_len >= MIN_ARTICLE)
			break;
	}
	memcpy(d->blocks, best, d->nblocks * sizeof(block));
	static const char *const how[] = { "", " (retried without class-unlikely.txt)",
					   " (retried without class/id words)" };
	doc_why(d, "container: %s, score %.1f, %u characters kept%s",
		dom_describe(d->a, &d->dom, best_top), best_score, best_len, how[best_try]);
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
		 * not a keyword list or a breadcrumb (separators | ｜ >).  The weights are per
		 * Latin-equivalent character; a short line costs a fixed 30. */
		float punct = b->tc.chars ? (float)b->tc.punct / (float)b->tc.chars : 0;
		bool prose = b->latin >= 70 && punct < 0.2f && b->tc.commas + b->tc.stops > 0 &&
			     separators(b->text, b->len) < 3;
		float v = prose ? (float)b->latin : -30;
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
