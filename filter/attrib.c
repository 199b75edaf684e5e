/* attrib.c — attribution: title, author, source, date, canonical URL and language, from the
 * page's meta data first and its visible text second. */
#include "attrib.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "doc.h"
#include "text.h"
#include "url.h"

/* <meta> name/property/itemprop → content, in document order. */
struct metas {
	const char **key, **value;
	size_t n;
};

static void collect_meta(doc *d, struct metas *m)
{
	const dom *dm = &d->dom;
	size_t cap = 0;
	memset(m, 0, sizeof *m);
	for (int32_t i = 0; i < dm->n; i++) {
		const dom_node *n = &dm->node[i];
		if (n->tag != GUMBO_TAG_META)
			continue;
		const char *content = dom_attr_get(n, "content");
		const char *keys[3] = { dom_attr_get(n, "property"), dom_attr_get(n, "name"),
					dom_attr_get(n, "itemprop") };
		if (!content || !*content)
			continue;
		for (int k = 0; k < 3; k++) {
			if (!keys[k] || !*keys[k])
				continue;
			/* A property attribute may list several names ("og:title twitter:title"). */
			for (const char *p = keys[k]; *p;) {
				while (*p == ' ')
					p++;
				const char *s = p;
				while (*p && *p != ' ')
					p++;
				if (p == s)
					continue;
				if (m->n == cap) {
					cap = cap ? cap * 2 : 32;
					const char **nk = arena_alloc(d->a, cap * sizeof *nk);
					const char **nv = arena_alloc(d->a, cap * sizeof *nv);
					if (m->n) {
						memcpy(nk, m->key, m->n * sizeof *nk);
						memcpy(nv, m->value, m->n * sizeof *nv);
					}
					m->key = nk;
					m->value = nv;
				}
				m->key[m->n] = arena_strndup(d->a, s, (size_t)(p - s));
				m->value[m->n++] = content;
			}
		}
	}
}

/* The first meta value among keys (tried in order), or NULL; *which gets the key. */
static const char *meta_get(const struct metas *m, const char *const *keys, const char **which)
{
	for (; *keys; keys++)
		for (size_t i = 0; i < m->n; i++)
			if (strcasecmp(m->key[i], *keys) == 0) {
				const char *v = m->value[i];
				while (*v == ' ' || *v == '\t' || *v == '\n')
					v++;
				if (*v) {
					*which = *keys;
					return v;
				}
			}
	return NULL;
}

/* Collapsed white space, trimmed, in the arena. */
static const char *tidy(arena *a, const char *s)
{
	size_t n = strlen(s);
	char *o = arena_alloc(a, n + 1), *q = o;
	bool space = false;
	for (const char *p = s, *end = s + n; p < end;) {
		const char *c0 = p;
		uint32_t c = text_next(&p, end);
		if (text_is_space(c)) {
			space = q > o;
			continue;
		}
		if (space)
			*q++ = ' ';
		space = false;
		memcpy(q, c0, (size_t)(p - c0));
		q += p - c0;
	}
	*q = '\0';
	return *o ? o : NULL;
}

/* ISO 8601 for a date written in meta data, in the arena; NULL when there is none. */
static const char *iso_date(arena *a, const char *s)
{
	char out[32];
	if (!s || date_iso(s, strlen(s), NULL, out) < 0)
		return NULL;
	return arena_strdup(a, out);
}

/* The article's title: og:title, then an <h1> that <title> contains, then <title> itself. */
static void find_title(doc *d, const struct metas *m)
{
	static const char *const og[] = { "og:title", "twitter:title", "dc.title", "headline", NULL };
	const char *from, *v = meta_get(m, og, &from);
	if (v && (v = tidy(d->a, v))) {
		d->meta.title = v;
		d->meta.from[META_TITLE] = from;
	}
	const char *page = d->dom.title ? tidy(d->a, d->dom.title) : NULL;
	const block *h1 = NULL;
	for (size_t i = 0; i < d->nblocks; i++) {
		const block *b = &d->blocks[i];
		if (b->kind != BLOCK_HEADING || b->hidden || b->level > 2)
			continue;
		if (page && strstr(page, b->text) && b->tc.chars >= 4) {
			h1 = b;
			break;
		}
		if (!h1 && b->level == 1)
			h1 = b;
	}
	if (!d->meta.title && h1 && (!page || strstr(page, h1->text))) {
		d->meta.title = h1->text;
		d->meta.from[META_TITLE] = "<h1>";
	}
	if (!d->meta.title && page) {
		d->meta.title = page;
		d->meta.from[META_TITLE] = "<title>";
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
		    strchr(b->text, '\n'))
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
		if (strcmp(b->text, t) == 0 || (b->kind == BLOCK_HEADING && strstr(t, b->text) &&
						 b->tc.chars * 2 >= strlen(t) / 3)) {
			b->label = LABEL_TITLE;
			b->rule = "the title";
			return;
		}
	}
}

static const char *guess_lang(const doc *d)
{
	uint32_t han = 0, chars = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].label == LABEL_BODY) {
			han += d->blocks[i].tc.han;
			chars += d->blocks[i].tc.chars;
		}
	/* A page whose body is mostly Han characters is Chinese (kana would make it Japanese,
	 * but kana count as Han here; a finer guess belongs to attribution proper). */
	return chars && han * 2 > chars ? "zh" : NULL;
}

void attrib_find(doc *d)
{
	meta *mt = &d->meta;
	struct metas m;
	collect_meta(d, &m);
	const char *from;

	if (d->is_text)
		find_text_title(d);
	else
		find_title(d, &m);
	label_title(d);

	static const char *const authors[] = { "author", "article:author", "dc.creator",
					       "parsely-author", "byl", NULL };
	const char *v = meta_get(&m, authors, &from);
	if (v && (v = tidy(d->a, v)) && !strstr(v, "://")) {
		mt->author = arena_alloc(d->a, sizeof *mt->author);
		mt->author[0] = v;
		mt->n_author = 1;
		mt->from[META_AUTHOR] = from;
	}

	static const char *const dates[] = { "article:published_time", "datePublished",
					     "dc.date.issued", "dc.date", "date", "pubdate",
					     "publishdate", "og:published_time", NULL };
	if ((mt->date = iso_date(d->a, meta_get(&m, dates, &from))))
		mt->from[META_DATE] = from;

	mt->url = d->url;
	for (int32_t i = 0; i < d->dom.n && !mt->canonical_url; i++) {
		const dom_node *n = &d->dom.node[i];
		const char *rel = n->tag == GUMBO_TAG_LINK ? dom_attr_get(n, "rel") : NULL;
		if (rel && strcasecmp(rel, "canonical") == 0) {
			mt->canonical_url = url_resolve(d->a, d->url, dom_attr_get(n, "href"));
			mt->from[META_CANONICAL] = "link rel=canonical";
		}
	}
	static const char *const ogurl[] = { "og:url", NULL };
	if (!mt->canonical_url && (v = meta_get(&m, ogurl, &from)) &&
	    (mt->canonical_url = url_resolve(d->a, d->url, v)))
		mt->from[META_CANONICAL] = from;
	if (!mt->canonical_url && d->url && (mt->canonical_url = url_resolve(d->a, NULL, d->url)))
		mt->from[META_CANONICAL] = "--url";

	static const char *const sites[] = { "og:site_name", "application-name", "publisher",
					     "dc.publisher", NULL };
	if ((v = meta_get(&m, sites, &from)) && (v = tidy(d->a, v))) {
		mt->source = v;
		mt->from[META_SOURCE] = from;
	} else if ((mt->source = url_host(d->a, mt->canonical_url))) {
		mt->from[META_SOURCE] = "host";
	}

	static const char *const langs[] = { "content-language", "dc.language", "og:locale", NULL };
	if (d->dom.lang) {
		mt->lang = d->dom.lang;
		mt->from[META_LANG] = "<html lang>";
	} else if ((v = meta_get(&m, langs, &from))) {
		mt->lang = v;
		mt->from[META_LANG] = from;
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
}
