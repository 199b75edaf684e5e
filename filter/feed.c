/* feed.c — reads RSS 2.0, RSS 1.0 and Atom feeds into libxml2's tree, finds each item's link and
 * title, puts a cleaned article into each item, and writes the feed back as UTF-8. */
#include "feed.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "text.h"
#include "url.h"

#define NS_RDF BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1 BAD_CAST "http://purl.org/rss/1.0/"
#define NS_ATOM BAD_CAST "http://www.w3.org/2005/Atom"
#define NS_CONTENT BAD_CAST "http://purl.org/rss/1.0/modules/content/"

/* No network.  Left out on purpose: NOENT (it would substitute entities), DTDLOAD and DTDATTR
 * (they would read an external DTD and add its default attributes) and HUGE (it would lift
 * libxml2's limits on depth and text size).  NOERROR and NOWARNING stop libxml2 from printing;
 * what it has to say reaches hear() below. */
enum { PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING };

struct feed {
	xmlDoc *doc;
	enum feed_kind kind;
	const xmlChar *ns;       /* where the kind's own elements are; NULL for most RSS 2.0 */
	size_t n;
	xmlNode **items;         /* in document order; nodes of doc */
	const char **links;      /* [n], NULL where an item has none; strings in a */
	const char **titles;     /* [n], the same */
	arena *a;
};

/* What libxml2 reported while feed.c listened: the first fatal error, else the first error
 * (warnings, and errors it recovers from such as an undeclared prefix, do not stop a feed). */
struct heard {
	int level;
	char msg[400];
	bool entities;    /* the DTD declared an entity, and parsing stopped there */
};

static void hear(void *ctx, xmlErrorPtr x)
{
	struct heard *h = ctx;
	if (!h || !x || !x->message || x->level < XML_ERR_ERROR || (int)x->level <= h->level)
		return;
	h->level = (int)x->level;
	size_t k = 0;
	if (x->line > 0)
		k = (size_t)snprintf(h->msg, sizeof h->msg, "line %d: ", x->line);
	/* libxml2 ends its messages with a newline and puts some on two lines ("Bytes: 0xE9 ..."):
	 * the message becomes one line, each run of control characters one space. */
	bool gap = false;
	for (const char *p = x->message; *p && k + 1 < sizeof h->msg; p++) {
		if ((unsigned char)*p < 0x20 || *p == ' ') {
			gap = true;
			continue;
		}
		if (gap && k > 0 && h->msg[k - 1] != ' ')
			h->msg[k++] = ' ';
		gap = false;
		h->msg[k++] = *p;
	}
	h->msg[k] = '\0';
}

static void ignore(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* libxml2's error handlers are per thread; feed.c sets its own around each call into it and puts
 * the caller's back, so an error libxml2 raises without a parser (while writing, converting
 * encodings) is heard too and nothing ever reaches stderr. */
struct hush {
	xmlStructuredErrorFunc serror;
	void *sctx;
	xmlGenericErrorFunc gerror;
	void *gctx;
};

static void hush(struct hush *s, struct heard *h)
{
	s->serror = xmlStructuredError;
	s->sctx = xmlStructuredErrorContext;
	s->gerror = xmlGenericError;
	s->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(h, hear);
	xmlSetGenericErrorFunc(NULL, ignore);
}

static void unhush(const struct hush *s)
{
	xmlSetStructuredErrorFunc(s->sctx, s->serror);
	xmlSetGenericErrorFunc(s->gctx, s->gerror);
}

/* Feeds have no use for entities, and declaring them is how a few hundred bytes become
 * gigabytes (nested references) or reach for local files (SYSTEM "file:..."), so the first
 * declaration stops the parser before anything is expanded or fetched.  libxml2 would catch the
 * well-known bombs on its own; this does not depend on its thresholds. */
static void stop_at_entity(xmlParserCtxt *ctxt)
{
	struct heard *h = ctxt->_private;
	h->entities = true;
	xmlStopParser(ctxt);
}

static void entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			const xmlChar *system_id, xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	stop_at_entity(ctx);
}

static void unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
				 const xmlChar *system_id, const xmlChar *notation)
{
	(void)name, (void)public_id, (void)system_id, (void)notation;
	stop_at_entity(ctx);
}

/* The same rule checked on the tree, in case a declaration ever reaches it another way. */
static bool declares_entities(const xmlDoc *doc)
{
	const xmlDtd *dtds[] = {doc->intSubset, doc->extSubset};
	for (size_t i = 0; i < sizeof dtds / sizeof *dtds; i++) {
		const xmlDtd *d = dtds[i];
		if (d && ((d->entities && xmlHashSize(d->entities) > 0) ||
			  (d->pentities && xmlHashSize(d->pentities) > 0)))
			return true;
	}
	return false;
}

/* Whether node is the element name in namespace ns (NULL: in no namespace). */
static bool is(const xmlNode *node, const xmlChar *ns, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE || !xmlStrEqual(node->name, BAD_CAST name))
		return false;
	const xmlChar *href = node->ns ? node->ns->href : NULL;
	return ns ? href && xmlStrEqual(href, ns) : !href;
}

static xmlNode *child(const xmlNode *parent, const xmlChar *ns, const char *name)
{
	for (xmlNode *c = parent->children; c; c = c->next)
		if (is(c, ns, name))
			return c;
	return NULL;
}

/* An attribute as written in the document.  xmlGetProp would also take defaults from the DTD,
 * which the parser was told not to apply, and the links must agree with the feed written out. */
static xmlChar *attr(const xmlNode *node, const xmlChar *ns, const char *name)
{
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		if (!xmlStrEqual(a->name, BAD_CAST name))
			continue;
		if (ns ? a->ns && xmlStrEqual(a->ns->href, ns) : !a->ns)
			return xmlNodeListGetString(node->doc, a->children, 1);
	}
	return NULL;
}

static bool xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s (from libxml2, freed here) trimmed of white space at both ends, or with every run of white
 * space made one space when squeeze is set, copied into the feed's arena; NULL when empty. */
static const char *keep(feed *f, xmlChar *s, bool squeeze)
{
	if (!s)
		return NULL;
	const char *p = (const char *)s;
	size_t n = strlen(p);
	char *r;
	if (squeeze) {
		r = arena_alloc(f->a, n + 1);
		n = text_collapse(r, p, n);
	} else {
		while (n && xml_space(p[n - 1]))
			n--;
		while (n && xml_space(*p))
			p++, n--;
		r = arena_strndup(f->a, p, n);
	}
	xmlFree(s);
	return n ? r : NULL;
}

/* The xml:base in effect at node: each xml:base from the root down, resolved against the one
 * above it.  A link sits at most four levels down (rss, channel, item, link), so the walk up
 * is short; past eight levels the outer bases are not looked at. */
static const char *base_at(feed *f, const xmlNode *node)
{
	const xmlNode *chain[8];
	size_t n = 0;
	for (; node && node->type == XML_ELEMENT_NODE && n < 8; node = node->parent)
		chain[n++] = node;
	const char *base = NULL;
	while (n--) {
		const char *b = keep(f, attr(chain[n], XML_XML_NAMESPACE, "base"), false);
		if (!b)
			continue;
		const char *r = base ? url_resolve(f->a, base, b) : NULL;
		base = r ? r : b;
	}
	return base;
}

/* raw resolved against the xml:base in effect at node; as written when there is none or it
 * does not make an http(s) address. */
static const char *resolve(feed *f, const xmlNode *node, const char *raw)
{
	const char *base = base_at(f, node);
	const char *r = base ? url_resolve(f->a, base, raw) : NULL;
	return r ? r : raw;
}

static bool has_scheme(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static const char *rss_link(feed *f, const xmlNode *item)
{
	for (const xmlNode *c = item->children; c; c = c->next) {
		if (!is(c, f->ns, "link"))
			continue;
		const char *raw = keep(f, xmlNodeGetContent(c), false);
		if (raw)
			return resolve(f, c, raw);
	}
	if (f->kind == FEED_RSS1) {
		const char *about = keep(f, attr(item, NS_RDF, "about"), false);
		return about ? resolve(f, item, about) : NULL;
	}
	/* A guid is only an address when isPermaLink is absent or true, and many feeds use
	 * tag: or urn: guids, so it must look like one too. */
	for (const xmlNode *c = item->children; c; c = c->next) {
		if (!is(c, f->ns, "guid"))
			continue;
		const char *perma = keep(f, attr(c, NULL, "isPermaLink"), false);
		const char *raw = keep(f, xmlNodeGetContent(c), false);
		if ((!perma || strcasecmp(perma, "true") == 0) && raw && has_scheme(raw))
			return raw;
	}
	return NULL;
}

static bool alternate(const char *rel)
{
	/* RFC 4287 4.2.7.2: a missing rel means alternate, and the IANA IRI is the same value. */
	return !rel || strcmp(rel, "alternate") == 0 ||
	       strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0;
}

static bool html_type(const char *type)
{
	return type && strncasecmp(type, "text/html", 9) == 0 &&
	       (type[9] == '\0' || type[9] == ';' || xml_space(type[9]));
}

/* The alternate link, the text/html one when an entry offers several (a PDF, a translation). */
static const char *atom_link(feed *f, const xmlNode *entry)
{
	const xmlNode *pick = NULL;
	const char *href = NULL;
	for (const xmlNode *c = entry->children; c; c = c->next) {
		if (!is(c, NS_ATOM, "link") || !alternate(keep(f, attr(c, NULL, "rel"), false)))
			continue;
		const char *h = keep(f, attr(c, NULL, "href"), false);
		if (!h)
			continue;
		bool html = html_type(keep(f, attr(c, NULL, "type"), false));
		if (!pick || html) {
			pick = c;
			href = h;
		}
		if (html)
			break;
	}
	return pick ? resolve(f, pick, href) : NULL;
}

/* Finds the element that holds the items, and what the feed is; -1 when it is no feed. */
static int classify(feed *f, xmlNode *root, xmlNode **holder, const char **item, err *e)
{
	const char *name = (const char *)root->name;
	if (strcmp(name, "rss") == 0) {
		/* RSS 2.0 has no namespace; a root in one (an old Userland draft) keeps its
		 * elements in it, so they are looked for there. */
		f->kind = FEED_RSS2;
		f->ns = root->ns ? root->ns->href : NULL;
		*holder = child(root, f->ns, "channel");
		*item = "item";
		if (!*holder)
			return err_set(e, ERR_DATA, "not a feed: <rss> has no <channel>");
		return 0;
	}
	if (is(root, NS_RDF, "RDF")) {
		f->kind = FEED_RSS1;
		f->ns = NS_RSS1;
		*holder = root;
		*item = "item";
		if (!child(root, NS_RSS1, "channel"))
			return err_set(e, ERR_DATA, "not a feed: <%s%s%s> has no RSS 1.0 <channel>",
				       root->ns->prefix ? (const char *)root->ns->prefix : "",
				       root->ns->prefix ? ":" : "", name);
		return 0;
	}
	if (is(root, NS_ATOM, "feed")) {
		f->kind = FEED_ATOM;
		f->ns = NS_ATOM;
		*holder = root;
		*item = "entry";
		return 0;
	}
	const xmlNs *ns = root->ns;
	const char *prefix = ns && ns->prefix ? (const char *)ns->prefix : "";
	/* An Atom 0.3 <feed> or a Netscape RSS 0.90 <rdf:RDF> looks right by name; saying which
	 * namespace it is in tells the user why it was not taken. */
	if (ns && (strcmp(name, "feed") == 0 || strcmp(name, "RDF") == 0))
		return err_set(e, ERR_DATA,
			       "not a feed: the root element is <%s%s%s> in namespace %s", prefix,
			       *prefix ? ":" : "", name, (const char *)ns->href);
	return err_set(e, ERR_DATA, "not a feed: the root element is <%s%s%s>", prefix,
		       *prefix ? ":" : "", name);
}

int feed_parse(const char *bytes, size_t n, size_t max, feed **out, err *e)
{
	*out = NULL;
	if (max && n > max)
		return err_set(e, ERR_DATA, "larger than %zu bytes", max);
	if (n > INT_MAX)   /* libxml2 counts the input in an int */
		return err_set(e, ERR_DATA, "larger than %zu bytes", (size_t)INT_MAX);
	if (n == 0)
		return err_set(e, ERR_DATA, "not XML: the input is empty");

	xmlInitParser();
	struct heard h = {0};
	struct hush s;
	hush(&s, &h);
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt)
		oom();
	ctxt->_private = &h;
	ctxt->sax->entityDecl = entity_decl;
	ctxt->sax->unparsedEntityDecl = unparsed_entity_decl;
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, bytes, (int)n, NULL, NULL, PARSE_OPTIONS);
	xmlFreeParserCtxt(ctxt);
	unhush(&s);

	if (h.entities || (doc && declares_entities(doc))) {
		xmlFreeDoc(doc);
		return err_set(e, ERR_DATA,
			       "the feed declares XML entities (refused: an entity bomb)");
	}
	/* libxml2 reports running out of memory and passing its own size limits ("huge text
	 * node") the same way, so both are data errors here: a feed must not be able to make
	 * winnow exit through oom(). */
	if (!doc)
		return err_set(e, ERR_DATA, "not XML: %s",
			       h.msg[0] ? h.msg : "libxml2 gave no reason");
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		xmlFreeDoc(doc);
		return err_set(e, ERR_DATA, "not XML: no root element");
	}

	feed *f = xcalloc(1, sizeof *f);
	f->doc = doc;
	f->a = arena_new();
	xmlNode *holder = NULL;
	const char *item = NULL;
	if (classify(f, root, &holder, &item, e) < 0) {
		feed_free(f);
		return -1;
	}
	for (xmlNode *c = holder->children; c; c = c->next)
		f->n += is(c, f->ns, item);
	f->items = arena_alloc(f->a, (f->n + 1) * sizeof *f->items);
	f->links = arena_zalloc(f->a, (f->n + 1) * sizeof *f->links);
	f->titles = arena_zalloc(f->a, (f->n + 1) * sizeof *f->titles);
	size_t k = 0;
	for (xmlNode *c = holder->children; c; c = c->next) {
		if (!is(c, f->ns, item))
			continue;
		f->items[k] = c;
		f->links[k] = f->kind == FEED_ATOM ? atom_link(f, c) : rss_link(f, c);
		xmlNode *t = child(c, f->ns, "title");
		f->titles[k] = t ? keep(f, xmlNodeGetContent(t), true) : NULL;
		k++;
	}
	*out = f;
	return 0;
}

void feed_free(feed *f)
{
	if (!f)
		return;
	xmlFreeDoc(f->doc);
	arena_free(f->a);
	free(f);
}

enum feed_kind feed_kind(const feed *f)
{
	return f->kind;
}

const char *feed_kind_name(enum feed_kind k)
{
	switch (k) {
	case FEED_RSS2:
		return "RSS 2.0";
	case FEED_RSS1:
		return "RSS 1.0";
	case FEED_ATOM:
		return "Atom";
	}
	return "?";
}

size_t feed_count(const feed *f)
{
	return f->n;
}

const char *feed_link(const feed *f, size_t i)
{
	return i < f->n ? f->links[i] : NULL;
}

const char *feed_title(const feed *f, size_t i)
{
	return i < f->n ? f->titles[i] : NULL;
}

/* html as XML can carry it: malformed UTF-8 becomes U+FFFD, and the characters XML 1.0 has no
 * place for (C0 controls but tab and newlines, U+FFFE, U+FFFF) are dropped, even in CDATA,
 * because a single one would make the whole feed unreadable.  Caller frees. */
static char *xml_safe(const char *html)
{
	size_t n = strlen(html);
	char *r = xmalloc(3 * n + 1), *q = r;   /* U+FFFD is 3 bytes and replaces 1 */
	for (const char *p = html, *end = html + n; p < end;) {
		uint32_t c = text_next(&p, end);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
			continue;
		q += text_put(q, c);
	}
	*q = '\0';
	return r;
}

static void empty(xmlNode *el)
{
	while (el->children) {
		xmlNode *c = el->children;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
}

/* The first child element ns:name, with any later ones removed: an item has one full content,
 * and a second left behind would contradict the one set. */
static xmlNode *only(xmlNode *parent, const xmlChar *ns, const char *name)
{
	xmlNode *first = NULL, *next;
	for (xmlNode *c = parent->children; c; c = next) {
		next = c->next;
		if (!is(c, ns, name))
			continue;
		if (!first) {
			first = c;
			continue;
		}
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	return first;
}

/* Puts el after the element `after`, or after the parent's last element when that is NULL,
 * indented like `after`, so a feed written one element a line still reads that way. */
static void place(xmlNode *parent, xmlNode *after, xmlNode *el)
{
	for (xmlNode *c = parent->last; c && !after; c = c->prev)
		if (c->type == XML_ELEMENT_NODE)
			after = c;
	if (!after) {
		xmlAddChild(parent, el);
		return;
	}
	xmlNode *indent = after->prev;
	xmlAddNextSibling(after, el);
	if (indent && indent->type == XML_TEXT_NODE && xmlIsBlankNode(indent)) {
		/* el follows an element, so the new text node is not merged into a neighbour */
		xmlNode *t = xmlNewDocText(parent->doc, indent->content);
		if (!t)
			oom();
		xmlAddPrevSibling(el, t);
	}
}

/* The content module's namespace as seen from item: one already in scope with a prefix, else a
 * new declaration on the root, under a prefix nothing around item uses ("content", or
 * "content2" and so on when a feed has given that one another meaning). */
static xmlNs *content_ns(feed *f, xmlNode *item)
{
	xmlNs *ns = xmlSearchNsByHref(f->doc, item, NS_CONTENT);
	if (ns && ns->prefix)
		return ns;
	char prefix[32] = "content";
	for (int k = 2; xmlSearchNs(f->doc, item, BAD_CAST prefix); k++)
		snprintf(prefix, sizeof prefix, "content%d", k);
	ns = xmlNewNs(xmlDocGetRootElement(f->doc), NS_CONTENT, BAD_CAST prefix);
	if (!ns)
		oom();
	return ns;
}

static void set_rss(feed *f, xmlNode *item, const char *html)
{
	xmlNode *el = only(item, NS_CONTENT, "encoded");
	if (el) {
		empty(el);
	} else {
		el = xmlNewDocNode(f->doc, content_ns(f, item), BAD_CAST "encoded", NULL);
		if (!el)
			oom();
		place(item, NULL, el);
	}
	/* "]]>" would end the section early: it is cut between "]]" and ">", and the two sections
	 * read back as the one string. */
	for (const char *p = html;;) {
		const char *end = strstr(p, "]]>");
		size_t len = end ? (size_t)(end + 2 - p) : strlen(p);
		xmlNode *c = xmlNewCDataBlock(f->doc, BAD_CAST p, (int)len);
		if (!c)
			oom();
		xmlAddChild(el, c);
		if (!end)
			break;
		p = end + 2;
	}
}

static void set_atom(feed *f, xmlNode *entry, const char *html)
{
	xmlNode *el = only(entry, NS_ATOM, "content");
	if (el) {
		empty(el);
		/* with a src, readers would fetch the content from there and ignore ours */
		xmlUnsetProp(el, BAD_CAST "src");
	} else {
		/* entry's own namespace is in scope for its children, whatever its prefix */
		el = xmlNewDocNode(f->doc, entry->ns, BAD_CAST "content", NULL);
		if (!el)
			oom();
		place(entry, child(entry, NS_ATOM, "summary"), el);
	}
	if (!xmlSetProp(el, BAD_CAST "type", BAD_CAST "html"))
		oom();
	xmlNode *t = xmlNewDocText(f->doc, BAD_CAST html);   /* escaped when written */
	if (!t)
		oom();
	xmlAddChild(el, t);
}

void feed_set_content(feed *f, size_t i, const char *html)
{
	if (i >= f->n || !html)
		return;
	char *safe = xml_safe(html);
	struct heard h = {0};   /* tree functions report only misuse, which would be ours */
	struct hush s;
	hush(&s, &h);
	if (f->kind == FEED_ATOM)
		set_atom(f, f->items[i], safe);
	else
		set_rss(f, f->items[i], safe);
	unhush(&s);
	free(safe);
}

int feed_write(const feed *f, buf *out, err *e)
{
	struct heard h = {0};
	struct hush s;
	hush(&s, &h);
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(f->doc, &mem, &len, "UTF-8");
	unhush(&s);
	if (!mem)
		return err_set(e, ERR_SOFTWARE, "cannot write the feed: %s",
			       h.msg[0] ? h.msg : "libxml2 gave no reason");
	int r = buf_add(out, mem, (size_t)len);
	xmlFree(mem);
	if (r < 0)
		return err_set(e, ERR_DATA, "the feed is larger than %zu bytes", out->max);
	return 0;
}
