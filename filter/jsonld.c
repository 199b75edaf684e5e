/* jsonld.c — a page's JSON-LD blocks, parsed with cJSON: the node that describes the article,
 * its headline, authors, publisher and dates. */
#include "jsonld.h"

#include <cjson/cJSON.h>
#include <gumbo.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "dom.h"
#include "text.h"

/* What one page may make us look at: scripts parsed, and objects considered in them.  Real
 * pages have one to four scripts and a @graph of a dozen objects. */
enum { MAX_SCRIPTS = 32, MAX_NODES = 256, MAX_AUTHORS = 16 };

struct page {
	arena *a;
	const conf_list *types;
	const cJSON *node[MAX_NODES];   /* candidate objects, in document order */
	float weight[MAX_NODES];        /* their rank from jsonld-types.txt, 0 when none */
	size_t n;
};

static void add_node(struct page *pg, const cJSON *o)
{
	if (cJSON_IsObject(o) && pg->n < MAX_NODES)
		pg->node[pg->n++] = o;
}

/* The weight of a type name ("NewsArticle", "schema:NewsArticle", "http://schema.org/Blog"). */
static float type_weight(const conf_list *types, const char *t)
{
	const char *slash = strrchr(t, '/'), *colon = strrchr(t, ':');
	if (slash && (!colon || slash > colon))
		t = slash + 1;
	else if (colon)
		t = colon + 1;
	for (size_t i = 0; i < types->n; i++)
		if (strcasecmp(types->item[i], t) == 0)
			return types->weight[i];
	return 0;
}

static float node_weight(const conf_list *types, const cJSON *o)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
	float w = 0;
	if (cJSON_IsString(t))
		return type_weight(types, t->valuestring);
	const cJSON *e;
	cJSON_ArrayForEach(e, t)
		if (cJSON_IsString(e) && type_weight(types, e->valuestring) > w)
			w = type_weight(types, e->valuestring);
	return w;
}

/* Collects the objects of one parsed script: the root (or each element of a root array), the
 * members of their @graph, and a mainEntity.  The node list doubles as the queue, so nesting
 * costs no recursion and is bounded by MAX_NODES. */
static void collect(struct page *pg, const cJSON *root)
{
	size_t start = pg->n;
	if (cJSON_IsArray(root)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, root)
			add_node(pg, e);
	} else {
		add_node(pg, root);
	}
	for (size_t i = start; i < pg->n; i++) {
		const cJSON *o = pg->node[i], *e;
		const cJSON *graph = cJSON_GetObjectItemCaseSensitive(o, "@graph");
		cJSON_ArrayForEach(e, graph)
			add_node(pg, e);
		add_node(pg, cJSON_GetObjectItemCaseSensitive(o, "mainEntity"));
	}
}

/* The character reference at p ("&amp;", "&#039;", "&#x4E2D;"), which content management
 * systems leave in JSON-LD strings: its code point, with *next past it; 0 when p holds none. */
static uint32_t reference(const char *p, const char **next)
{
	static const struct { const char *name; char c; } named[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
	};
	for (size_t k = 0; k < sizeof named / sizeof *named; k++)
		if (strncmp(p, named[k].name, strlen(named[k].name)) == 0) {
			*next = p + strlen(named[k].name);
			return (uint32_t)named[k].c;
		}
	if (p[0] != '&' || p[1] != '#')
		return 0;
	const char *r = p + 2;
	bool hex = *r == 'x' || *r == 'X';
	uint32_t v = 0;
	int k = 0;
	for (r += hex; k < 7; r++, k++) {
		int d = *r >= '0' && *r <= '9' ? *r - '0'
			: hex && (*r | 0x20) >= 'a' && (*r | 0x20) <= 'f' ? (*r | 0x20) - 'a' + 10 : -1;
		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (!k || *r != ';' || !v || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*next = r + 1;
	return v;
}

/* A copy of s in the arena with white space collapsed and character references decoded; NULL
 * when nothing is left.  A reference is never shorter than the UTF-8 it stands for, so the
 * copy fits in strlen(s) bytes. */
static const char *clean(arena *a, const char *s)
{
	size_t n = strlen(s);
	char *o = arena_alloc(a, n + 1), *q = o;
	bool space = false;
	for (const char *p = s, *end = s + n; p < end;) {
		const char *c0 = p;
		uint32_t c = *p == '&' ? reference(p, &p) : 0;
		bool ref = c != 0;
		if (!ref)
			c = text_next(&p, end);
		if (text_is_space(c)) {
			space = q > o;
			continue;
		}
		if (space)
			*q++ = ' ';
		space = false;
		if (ref) {
			q += text_put(q, c);
		} else {
			memcpy(q, c0, (size_t)(p - c0));
			q += p - c0;
		}
	}
	*q = '\0';
	return *o ? o : NULL;
}

static const char *string_of(struct page *pg, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? clean(pg->a, v->valuestring) : NULL;
}

/* The object of the page whose @id is id, for references like "author": {"@id": "#me"}. */
static const cJSON *by_id(const struct page *pg, const char *id)
{
	for (size_t i = 0; i < pg->n; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(pg->node[i], "@id");
		if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0 &&
		    cJSON_GetObjectItemCaseSensitive(pg->node[i], "name"))
			return pg->node[i];
	}
	return NULL;
}

/* The name a Person or Organization value gives: a string, an object with a name, or a
 * reference to one.  Addresses are no names. */
static const char *name_of(struct page *pg, const cJSON *v)
{
	if (cJSON_IsObject(v) && !cJSON_GetObjectItemCaseSensitive(v, "name")) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(v, "@id");
		if (cJSON_IsString(id))
			v = by_id(pg, id->valuestring);
	}
	const char *s = cJSON_IsString(v) ? clean(pg->a, v->valuestring)
			: cJSON_IsObject(v) ? string_of(pg, v, "name") : NULL;
	if (s && (strstr(s, "://") || strncmp(s, "www.", 4) == 0))
		return NULL;
	return s;
}

static void add_author(struct page *pg, jsonld *ld, const char *name)
{
	if (!name || ld->n_author == MAX_AUTHORS)
		return;
	for (size_t i = 0; i < ld->n_author; i++)
		if (strcmp(ld->author[i], name) == 0)
			return;
	if (!ld->author)
		ld->author = arena_alloc(pg->a, MAX_AUTHORS * sizeof *ld->author);
	ld->author[ld->n_author++] = name;
}

static void authors_of(struct page *pg, const cJSON *o, jsonld *ld)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "author");
	if (!v)
		v = cJSON_GetObjectItemCaseSensitive(o, "creator");
	if (cJSON_IsArray(v)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, v)
			add_author(pg, ld, name_of(pg, e));
	} else {
		add_author(pg, ld, name_of(pg, v));
	}
}

/* The script's JSON without the comment or CDATA wrapper old pages put around it. */
static void unwrap(const char **s, size_t *n)
{
	static const char *const open[] = { "<!--", "//<![CDATA[", "<![CDATA[" };
	static const char *const close[] = { "-->", "//]]>", "]]>" };
	const char *p = *s, *end = *s + *n;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(open[i]);
		if ((size_t)(end - p) >= k && memcmp(p, open[i], k) == 0) {
			p += k;
			break;
		}
	}
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(close[i]);
		if ((size_t)(end - p) >= k && memcmp(end - k, close[i], k) == 0) {
			end -= k;
			break;
		}
	}
	*s = p;
	*n = (size_t)(end - p);
}

static bool is_jsonld(const dom_node *n)
{
	const char *type = n->tag == GUMBO_TAG_SCRIPT ? dom_attr_get(n, "type") : NULL;
	return type && text_find_ci(type, strlen(type), "ld+json");
}

void jsonld_find(arena *a, const dom *d, const conf_list *types, jsonld *ld)
{
	memset(ld, 0, sizeof *ld);
	struct page *pg = arena_zalloc(a, sizeof *pg);
	pg->a = a;
	pg->types = types;
	cJSON *roots[MAX_SCRIPTS];
	size_t nroots = 0;
	buf text;
	buf_init(&text, JSONLD_MAX_SCRIPT);
	for (int32_t i = 0; i < d->n && nroots < MAX_SCRIPTS; i++) {
		if (!is_jsonld(&d->node[i]))
			continue;
		buf_reset(&text);
		bool fits = true;
		for (int32_t k = i + 1; k < d->node[i].end && fits; k++)
			if (d->node[k].tag == DOM_TEXT)
				fits = buf_add(&text, d->node[k].text, d->node[k].len) == 0;
		const char *s = text.data;
		size_t n = text.len;
		if (!fits || !s)
			continue;
		unwrap(&s, &n);
		cJSON *root = cJSON_ParseWithLength(s, n);
		if (!root)
			continue;   /* not JSON: the page's loss, not ours */
		roots[nroots++] = root;
		collect(pg, root);
	}
	buf_free(&text);

	float best = 0;
	for (size_t i = 0; i < pg->n; i++) {
		pg->weight[i] = node_weight(types, pg->node[i]);
		if (pg->weight[i] > best)
			best = pg->weight[i];
	}
	ld->rank = best;
	/* The headline comes from the best-ranked article node; a page node's name is the page's
	 * <title>, not the article's. */
	for (size_t i = 0; i < pg->n && best >= 2; i++) {
		const cJSON *o = pg->node[i];
		if (pg->weight[i] != best || ld->headline || ld->name)
			continue;
		ld->headline = string_of(pg, o, "headline");
		ld->name = string_of(pg, o, "name");
		ld->url = string_of(pg, o, "url");
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
		if (cJSON_IsArray(t))
			t = cJSON_GetArrayItem(t, 0);
		ld->type = cJSON_IsString(t) ? clean(a, t->valuestring) : NULL;
	}
	/* The other fields from the first node that has them, best-ranked nodes first; the weights
	 * are few (conf/jsonld-types.txt uses 1 to 3), so walk them from the best down. */
	for (float w = best; w > 0;) {
		float next = 0;
		for (size_t i = 0; i < pg->n; i++) {
			const cJSON *o = pg->node[i];
			if (pg->weight[i] < w && pg->weight[i] > next)
				next = pg->weight[i];
			if (pg->weight[i] != w)
				continue;
			if (!ld->n_author)
				authors_of(pg, o, ld);
			if (!ld->date)
				ld->date = string_of(pg, o, "datePublished");
			if (!ld->date)
				ld->date = string_of(pg, o, "dateCreated");
			if (!ld->publisher)
				ld->publisher = name_of(pg, cJSON_GetObjectItemCaseSensitive(o, "publisher"));
			if (!ld->lang)
				ld->lang = string_of(pg, o, "inLanguage");
		}
		w = next;
	}
	for (size_t i = 0; i < nroots; i++)
		cJSON_Delete(roots[i]);
}
