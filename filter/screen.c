/* screen.c — the pass before gumbo: one linear scan that bounds depth, attributes and elements,
 * defuses numeric character references, and copies everything else through byte for byte. */
#include "screen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

/* The screen runs a small HTML tokenizer (HTML §13.2.5) and tracks the stack of open elements
 * and the list of active formatting elements about as gumbo's tree builder does (§13.2.6), to
 * know when the depth cap is near, not to build a tree.  Where it is unsure it keeps more open
 * than gumbo would: that can only cut a deep page a little early, while keeping less would let
 * gumbo's stack grow unseen (fuzzing with gumbo found misnested formatting elements that did). */

enum { NS_HTML, NS_SVG, NS_MATH };

/* End tags that close nothing cost gumbo a walk of its stack each, and do nothing else unless
 * they are p, br, form or a formatting element: past this many in a page they are dropped.  The
 * 709 pages of ../shared/corpora have at most 170. */
enum { IDLE_KEEP = 10000 };

/* Start tags gumbo ignores (a table cell outside a table, a div in a select, a second form) do
 * nothing either, unless the screen is wrong about gumbo's state: then gumbo would nest what the
 * screen does not count.  Past this many in a page they are dropped, which bounds that.  The
 * 709 pages have at most 8. */
enum { IGNORED_KEEP = 100 };

/* How text after a start tag is tokenized (§13.2.6.4.7, "in body"; the generic raw text and
 * RCDATA element parsing algorithms). */
enum { M_DROP = -3, M_IGNORED, M_RETRY, M_DATA, M_RAW, M_RCDATA, M_SCRIPT, M_PLAIN };

/* How an end tag finds its element: the scope each end tag of "in body" searches. */
enum {
	E_ANY,     /* "any other end tag": the nearest of that name, not past a special element */
	E_SCOPE,   /* "has an element in scope" */
	E_LIST,    /* list item scope (li) */
	E_BUTTON,  /* button scope (p) */
	E_TABLE,   /* table scope (table parts) */
	E_FORM,    /* the form element alone leaves the stack */
	E_TEMPLATE,/* the nearest template, whatever stands above it */
	E_NONE,    /* never pops: html, head, body, br */
};

enum {
	F_VOID = 1 << 0,      /* never on the stack */
	F_SPECIAL = 1 << 1,   /* the "special" category (§13.2.4.2) */
	F_SCOPE = 1 << 2,     /* bounds "has an element in scope" */
	F_CLOSEP = 1 << 3,    /* its start tag closes a p in button scope */
	F_KEEPEND = 1 << 4,   /* an end tag with no element still acts: never dropped */
	F_BREAKOUT = 1 << 5,  /* its start tag leaves svg/math content (§13.2.6.5) */
	F_HEADING = 1 << 6,
	F_MARKER = 1 << 7,    /* a marker in the list of active formatting elements */
	F_NOPUSH = 1 << 8,    /* html, head, body: merged into the existing element */
	F_HTMLIN = 1 << 9,    /* svg/math integration point: HTML start tags inside stay HTML */
	F_FORMAT = 1 << 10,   /* kept in the list of active formatting elements */
	F_RECON = 1 << 11,    /* special, yet its start tag reopens formatting elements first */
	F_FSBAD = 1 << 12,    /* its start tag makes a later frameset be ignored ("frameset-ok") */
	F_UNKNOWN = 1 << 13,  /* an HTML element gumbo has no name for (see gumbo_tags) */
	F_HEAD = 1 << 14,     /* belongs in the head: before the body, it does not start one */
	F_HTMLONLY = 1 << 15, /* never in svg or math (see start_tag) */
};

/* Tags the tree builder treats specially; any other tag is an ordinary element. */
enum {
	T_OTHER, T_A, T_BUTTON, T_CAPTION, T_COL, T_COLGROUP, T_DD, T_DT, T_FONT, T_FORM,
	T_FRAMESET, T_INPUT, T_KEYGEN, T_LI, T_MATH, T_NOBR, T_NOFRAMES, T_NOSCRIPT, T_OPTGROUP,
	T_OPTION, T_P, T_RUBY, T_RUBYTEXT, T_SCRIPT, T_SELECT, T_SVG, T_TABLE, T_TBODY, T_TD,
	T_TEMPLATE, T_TEXTAREA, T_TR,
};

typedef struct tagdef {
	const char *name;
	unsigned char id, mode, end;
	unsigned short flags;
} tagdef;

#define BLOCK (F_SPECIAL | F_CLOSEP)
#define FMT (F_FORMAT | F_KEEPEND | F_BREAKOUT)
#define VOID_IN (F_SPECIAL | F_VOID | F_RECON | F_FSBAD)   /* area, img…: inline, empty */
#define ROOT (F_SPECIAL | F_NOPUSH | F_KEEPEND)           /* html, head, body */
#define INTEGRATION (F_SPECIAL | F_SCOPE | F_HTMLIN)

/* Sorted by name for bsearch.  As gumbo 0.10.1 has them, measured on it: main closes a p but is
 * not special, dialog is an ordinary element, and a table leaves an open p alone in quirks mode
 * (here always: a p kept open below the table only makes the stack look deeper).  gumbo parses
 * noscript content as markup (it runs with scripting off), so the screen does too: were it raw
 * text here, nested markup inside a noscript would reach gumbo unscreened. */
static const tagdef tags[] = {
	{"a", T_A, M_DATA, E_ANY, F_FORMAT | F_KEEPEND},
	{"address", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"applet", T_OTHER, M_DATA, E_SCOPE, F_SPECIAL | F_SCOPE | F_MARKER | F_RECON | F_FSBAD},
	{"area", T_OTHER, M_DATA, E_ANY, VOID_IN},
	{"article", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"aside", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"b", T_OTHER, M_DATA, E_ANY, FMT},
	{"base", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_HEAD},
	{"basefont", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_HEAD},
	{"bgsound", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_HEAD},
	{"big", T_OTHER, M_DATA, E_ANY, FMT},
	{"blockquote", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"body", T_OTHER, M_DATA, E_NONE, ROOT | F_BREAKOUT | F_FSBAD},
	{"br", T_OTHER, M_DATA, E_NONE, VOID_IN | F_KEEPEND | F_BREAKOUT},
	{"button", T_BUTTON, M_DATA, E_SCOPE, F_SPECIAL | F_RECON | F_FSBAD},
	{"caption", T_CAPTION, M_DATA, E_TABLE, F_SPECIAL | F_SCOPE | F_MARKER | F_HTMLONLY},
	{"center", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"code", T_OTHER, M_DATA, E_ANY, FMT},
	{"col", T_COL, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_HTMLONLY},
	{"colgroup", T_COLGROUP, M_DATA, E_TABLE, F_SPECIAL | F_HTMLONLY},
	{"dd", T_DD, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT | F_FSBAD},
	{"details", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"dir", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"div", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"dl", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"dt", T_DT, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT | F_FSBAD},
	{"em", T_OTHER, M_DATA, E_ANY, FMT},
	{"embed", T_OTHER, M_DATA, E_ANY, VOID_IN | F_BREAKOUT},
	{"fieldset", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"figcaption", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"figure", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"font", T_FONT, M_DATA, E_ANY, FMT},
	{"footer", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"form", T_FORM, M_DATA, E_FORM, BLOCK | F_KEEPEND},
	{"frame", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID},
	{"frameset", T_FRAMESET, M_DATA, E_ANY, F_SPECIAL | F_KEEPEND | F_HTMLONLY},
	{"h1", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_HEADING | F_BREAKOUT},
	{"h2", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_HEADING | F_BREAKOUT},
	{"h3", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_HEADING | F_BREAKOUT},
	{"h4", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_HEADING | F_BREAKOUT},
	{"h5", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_HEADING | F_BREAKOUT},
	{"h6", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_HEADING | F_BREAKOUT},
	{"head", T_OTHER, M_DATA, E_NONE, ROOT | F_BREAKOUT | F_HEAD | F_HTMLONLY},
	{"header", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"hgroup", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"hr", T_OTHER, M_DATA, E_ANY, BLOCK | F_VOID | F_BREAKOUT | F_FSBAD},
	{"html", T_OTHER, M_DATA, E_NONE, ROOT | F_SCOPE | F_HEAD | F_HTMLONLY},
	{"i", T_OTHER, M_DATA, E_ANY, FMT},
	{"iframe", T_OTHER, M_RAW, E_ANY, F_SPECIAL | F_FSBAD},
	{"image", T_OTHER, M_DATA, E_ANY, F_VOID | F_FSBAD},
	{"img", T_OTHER, M_DATA, E_ANY, VOID_IN | F_BREAKOUT},
	{"isindex", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_FSBAD},
	{"input", T_INPUT, M_DATA, E_ANY, VOID_IN},
	{"keygen", T_KEYGEN, M_DATA, E_ANY, VOID_IN},
	{"li", T_LI, M_DATA, E_LIST, BLOCK | F_BREAKOUT | F_FSBAD},
	{"link", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_HEAD},
	{"listing", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT | F_FSBAD},
	{"main", T_OTHER, M_DATA, E_SCOPE, F_CLOSEP},
	{"marquee", T_OTHER, M_DATA, E_SCOPE, F_SPECIAL | F_SCOPE | F_MARKER | F_RECON | F_FSBAD},
	{"math", T_MATH, M_DATA, E_ANY, 0},
	{"menu", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"meta", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID | F_BREAKOUT | F_HEAD},
	{"nav", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"nobr", T_NOBR, M_DATA, E_ANY, FMT},
	{"noembed", T_OTHER, M_RAW, E_ANY, F_SPECIAL},
	{"noframes", T_NOFRAMES, M_RAW, E_ANY, F_SPECIAL | F_HEAD},
	{"noscript", T_NOSCRIPT, M_DATA, E_ANY, F_SPECIAL},
	{"object", T_OTHER, M_DATA, E_SCOPE, F_SPECIAL | F_SCOPE | F_MARKER | F_RECON | F_FSBAD},
	{"ol", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"optgroup", T_OPTGROUP, M_DATA, E_ANY, 0},
	{"option", T_OPTION, M_DATA, E_ANY, 0},
	{"p", T_P, M_DATA, E_BUTTON, BLOCK | F_KEEPEND | F_BREAKOUT},
	{"param", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID},
	{"plaintext", T_OTHER, M_PLAIN, E_ANY, BLOCK},
	{"pre", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT | F_FSBAD},
	{"rb", T_RUBYTEXT, M_DATA, E_ANY, 0},
	{"rp", T_RUBYTEXT, M_DATA, E_ANY, 0},
	{"rt", T_RUBYTEXT, M_DATA, E_ANY, 0},
	{"rtc", T_RUBYTEXT, M_DATA, E_ANY, 0},
	{"ruby", T_RUBY, M_DATA, E_ANY, F_BREAKOUT},
	{"s", T_OTHER, M_DATA, E_ANY, FMT},
	{"script", T_SCRIPT, M_SCRIPT, E_ANY, F_SPECIAL | F_HEAD},
	{"section", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"select", T_SELECT, M_DATA, E_ANY, F_SPECIAL | F_RECON | F_FSBAD | F_HTMLONLY},
	{"small", T_OTHER, M_DATA, E_ANY, FMT},
	{"source", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID},
	{"span", T_OTHER, M_DATA, E_ANY, F_BREAKOUT},
	{"strike", T_OTHER, M_DATA, E_ANY, FMT},
	{"strong", T_OTHER, M_DATA, E_ANY, FMT},
	{"style", T_OTHER, M_RAW, E_ANY, F_SPECIAL | F_HEAD},
	{"sub", T_OTHER, M_DATA, E_ANY, F_BREAKOUT},
	{"summary", T_OTHER, M_DATA, E_SCOPE, BLOCK},
	{"sup", T_OTHER, M_DATA, E_ANY, F_BREAKOUT},
	{"svg", T_SVG, M_DATA, E_ANY, 0},
	{"table", T_TABLE, M_DATA, E_TABLE, F_SPECIAL | F_SCOPE | F_BREAKOUT | F_FSBAD},
	{"tbody", T_TBODY, M_DATA, E_TABLE, F_SPECIAL | F_HTMLONLY},
	{"td", T_TD, M_DATA, E_TABLE, F_SPECIAL | F_SCOPE | F_MARKER | F_HTMLONLY},
	{"template", T_TEMPLATE, M_DATA, E_TEMPLATE,
	 F_SPECIAL | F_SCOPE | F_MARKER | F_FSBAD | F_HEAD | F_HTMLONLY},
	{"textarea", T_TEXTAREA, M_RCDATA, E_ANY, F_SPECIAL | F_FSBAD},
	{"tfoot", T_TBODY, M_DATA, E_TABLE, F_SPECIAL | F_HTMLONLY},
	{"th", T_TD, M_DATA, E_TABLE, F_SPECIAL | F_SCOPE | F_MARKER | F_HTMLONLY},
	{"thead", T_TBODY, M_DATA, E_TABLE, F_SPECIAL | F_HTMLONLY},
	{"title", T_OTHER, M_RCDATA, E_ANY, F_SPECIAL | F_HEAD},
	{"tr", T_TR, M_DATA, E_TABLE, F_SPECIAL | F_HTMLONLY},
	{"track", T_OTHER, M_DATA, E_ANY, F_SPECIAL | F_VOID},
	{"tt", T_OTHER, M_DATA, E_ANY, FMT},
	{"u", T_OTHER, M_DATA, E_ANY, FMT},
	{"ul", T_OTHER, M_DATA, E_SCOPE, BLOCK | F_BREAKOUT},
	{"var", T_OTHER, M_DATA, E_ANY, F_BREAKOUT},
	{"wbr", T_OTHER, M_DATA, E_ANY, VOID_IN},
	{"xmp", T_OTHER, M_RAW, E_ANY, BLOCK | F_RECON | F_FSBAD},
};

/* Integration points (§13.2.6.5): HTML start tags inside them stay HTML, and they bound scopes. */
static const char *const integration[][6] = {
	[NS_SVG] = {"desc", "foreignobject", "title"},
	[NS_MATH] = {"annotation-xml", "mi", "mn", "mo", "ms", "mtext"},
};

/* The tag names gumbo 0.10.1 knows, sorted (gumbo_normalized_tagname of each GumboTag).  gumbo
 * gives every other name the one tag GUMBO_TAG_UNKNOWN, so an end tag of an unknown name closes
 * the nearest unknown element, whatever its name. */
static const char *const gumbo_tags[] = {
	"a", "abbr", "acronym", "address", "annotation-xml", "applet", "area", "article", "aside",
	"audio", "b", "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote",
	"body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
	"data", "datalist", "dd", "del", "desc", "details", "dfn", "dir", "div", "dl", "dt", "em",
	"embed", "fieldset", "figcaption", "figure", "font", "footer", "foreignobject", "form",
	"frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
	"html", "i", "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label",
	"legend", "li", "link", "listing", "main", "malignmark", "map", "mark", "marquee", "math",
	"menu", "menuitem", "meta", "meter", "mglyph", "mi", "mn", "mo", "ms", "mtext", "multicol",
	"nav", "nextid", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup",
	"option", "output", "p", "param", "plaintext", "pre", "progress", "q", "rb", "rp", "rt",
	"rtc", "ruby", "s", "samp", "script", "section", "select", "small", "source", "spacer",
	"span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
	"template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u",
	"ul", "var", "video", "wbr", "xmp",
};

/* An element on the stack.  Elements closed at the depth cap stay on as "ghosts": gumbo no longer
 * has them, but the page still means to close them, and their end tags must not close anything
 * else.  Identical ghosts share one entry with a count. */
typedef struct open {
	uint64_t key;         /* hash of the lowercase name */
	const char *name;     /* as written, in the input */
	size_t len;
	const char *attr;     /* its attributes as written, for Noah's Ark */
	size_t alen;
	size_t count;         /* ghosts in this entry; 1 for an element gumbo has */
	unsigned section;     /* markers below it */
	unsigned short flags;
	unsigned char id, ns;
	unsigned char inlist; /* in the list of active formatting elements */
	unsigned char tcontent; /* a template whose content is 1: a body, 2: table parts */
} open;

typedef struct tag {
	const char *lt;       /* the '<' */
	const char *name;
	size_t len;
	const char *tail;     /* the closing "/>" or ">"; the end of input if it never closes */
	const char *stop;     /* just past the tag */
	const char *cut;      /* where dropped attributes start, or NULL */
	uint64_t key;
	size_t refs;          /* bad character references in kept attribute values */
	unsigned nattrs;
	int fontish;          /* has color, face or size: a font that leaves svg and math */
	int hidden;           /* type=hidden */
	int unknown;          /* a name gumbo does not know */
	int endtag, selfclose;
	const tagdef *def;
} tag;

typedef struct screen {
	const char *end, *copied;   /* in[..copied) is already in out */
	buf *out;
	screen_limits lim;
	screen_stats *st;
	open *real;                 /* the elements gumbo has open, at most lim.max_depth */
	unsigned depth;
	/* Ghosts always sit between real[max_depth - 2] and real[max_depth - 1]: they are made only
	 * at the cap, from the innermost element, and go when anything below them closes. */
	open *ghost;
	size_t nghost, ghostcap;
	/* Formatting elements gumbo keeps in its list though they left the stack, oldest first. */
	open *wait;
	size_t nwait, waitcap;
	unsigned markers;           /* marker elements open */
	/* Open, ghost and waiting elements by the low byte of their name's hash: an end tag whose
	 * count is zero closes nothing, known without a walk. */
	unsigned by_name[257];      /* [256]: HTML elements unknown to gumbo, whatever their name */
	int form;                   /* gumbo's form element pointer is set */
	int frames;                 /* 1 in a frameset, 2 after it (§13.2.6.4.20–22) */
	int frames_off;             /* frameset-ok is "not ok": a frameset is ignored */
	int body;                   /* 1 once the head is closed, 2 once the body has started */
	size_t elements;
	int capped;                 /* start tags past the element cap were dropped */
	size_t idle;                /* end tags that closed nothing */
	size_t ignored;             /* start tags gumbo ignores */
	size_t mark;                /* out->len after the last dropped tag */
	int full;
} screen;

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int alpha(char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
}

static int same_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

static int cmp_tag(const void *k, const void *d)
{
	return strcmp(k, ((const tagdef *)d)->name);
}

static int cmp_name(const void *k, const void *d)
{
	return strcmp(k, *(const char *const *)d);
}

static void flush(screen *s, const char *upto)
{
	if (upto > s->copied && !s->full && buf_add(s->out, s->copied, upto - s->copied) < 0)
		s->full = 1;
	s->copied = upto;
}

static void emit(screen *s, const char *p, size_t n)
{
	if (!s->full && buf_add(s->out, p, n) < 0)
		s->full = 1;
}

static void emit_endtag(screen *s, const open *o)
{
	emit(s, "</", 2);
	emit(s, o->name, o->len);
	emit(s, ">", 1);
}

/* Drops in[from..to) from the output. */
static void drop(screen *s, const char *from, const char *to)
{
	flush(s, from);
	s->copied = to;
}

/* Drops the tag in[lt..stop).  The text on either side then meets: a '<' before it and a letter
 * after would make a tag the screen never read, "&#9" and "9999;" a reference it never checked
 * (fuzzing found "<<x>frameset>" nesting framesets past the element cap).  A space between
 * keeps them apart.  The look back for a reference stops where the last drop was, so it reads
 * each byte of output once. */
static void drop_tag(screen *s, const char *lt, const char *stop)
{
	flush(s, lt);
	const char *o = s->out->data, *e = o + s->out->len, *p = e, *m = o + s->mark;
	while (p > m && (alpha(p[-1]) || (unsigned)(p[-1] - '0') < 10u))
		p--;
	if (p > m && p[-1] == '#')
		p--;
	if ((e > o && e[-1] == '<') || (p > m && p[-1] == '&'))
		emit(s, " ", 1);
	s->mark = s->out->len;
	s->copied = stop;
}

/* The numeric character reference at amp ('&'), if it is one (§13.2.5.80): sets *v to its value,
 * held at 0x110000 past U+10FFFF, and returns where it ends. */
static const char *numeric(const char *amp, const char *end, uint32_t *v)
{
	const char *p = amp + 1;
	if (p == end || *p != '#')
		return NULL;
	p++;
	int hex = p < end && (*p | 0x20) == 'x';
	p += hex;
	const char *digits = p;
	*v = 0;
	for (; p < end; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (hex && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			d = (*p | 0x20) - 'a' + 10;
		else
			break;
		*v = *v > 0x10FFFF ? 0x110000 : *v * (hex ? 16 : 10) + d;
	}
	if (p == digits)
		return NULL;
	return p < end && *p == ';' ? p + 1 : p;
}

/* Numeric character references: gumbo 0.10.1 accumulates the value in an int that overflows on
 * long digit runs, so every reference to no character — zero, a surrogate, past U+10FFFF — is
 * rewritten to the one HTML maps them to.  Returns how many there were in [p, end); rewrites
 * them when fix is set. */
static size_t refs(screen *s, const char *p, const char *end, int fix)
{
	size_t bad = 0;
	while ((p = memchr(p, '&', end - p)) != NULL) {
		const char *amp = p;
		uint32_t v;
		if ((p = numeric(amp, end, &v)) == NULL) {
			p = amp + 1;
			continue;
		}
		if (v != 0 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF))
			continue;
		bad++;
		if (fix) {
			flush(s, amp);
			emit(s, "&#xFFFD;", 8);
			s->copied = p;
			s->st->charrefs_cut++;
		}
	}
	return bad;
}

/* Scans attributes from p, just past the tag name, to the end of the tag (§13.2.5.32–.40).
 * The first pass fills t; the second, run only when something must change, rewrites bad
 * references and drops the attributes past the cap. */
static void attrs(screen *s, const char *p, tag *t, int fix)
{
	const char *end = s->end;
	unsigned n = 0;
	for (;;) {
		while (p < end && space(*p))
			p++;
		if (p == end)
			break;
		if (*p == '>') {
			t->tail = p;
			t->stop = p + 1;
			t->nattrs = n;
			return;
		}
		if (*p == '/') {
			if (p + 1 < end && p[1] == '>') {
				t->selfclose = 1;
				t->tail = p;
				t->stop = p + 2;
				t->nattrs = n;
				return;
			}
			p++;
			continue;
		}
		if (++n > s->lim.max_attrs) {
			if (fix) {
				drop(s, t->cut, t->tail);
				return;
			}
			if (!t->cut) {
				/* A '/' right before the attribute is a no-op; cut it too,
				 * lest it and the kept '>' make a self-closing tag. */
				t->cut = p;
				while (t->cut[-1] == '/')
					t->cut--;
			}
		}
		const char *a = p++;
		while (p < end && !space(*p) && *p != '/' && *p != '>' && *p != '=')
			p++;
		if ((p - a == 4 && (same_ci(a, "face", 4) || same_ci(a, "size", 4))) ||
		    (p - a == 5 && same_ci(a, "color", 5)))
			t->fontish = 1;
		int type = p - a == 4 && same_ci(a, "type", 4);
		while (p < end && space(*p))
			p++;
		if (p == end || *p != '=')
			continue;
		p++;
		while (p < end && space(*p))
			p++;
		if (p == end)
			break;
		const char *v = p;
		if (*p == '"' || *p == '\'') {
			v = ++p;
			p = memchr(p, p[-1], end - p);
			if (!p)
				p = end;
		} else {
			while (p < end && !space(*p) && *p != '>')
				p++;
		}
		if (n <= s->lim.max_attrs)
			t->refs += refs(s, v, p, fix);
		if (type && p - v == 6 && same_ci(v, "hidden", 6))
			t->hidden = 1;
		if (p < end && (*p == '"' || *p == '\''))
			p++;
	}
	/* The input ends inside the tag: gumbo drops the tag, but still reads every attribute. */
	t->tail = t->stop = end;
	t->nattrs = n;
}

/* Names t from its name and len: the hash of the lowercase name, and what it is to gumbo. */
static void name_tag(tag *t)
{
	char low[16];
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < t->len; i++) {
		char c = lower(t->name[i]);
		if (i < sizeof low - 1)
			low[i] = c;
		h = (h ^ (unsigned char)c) * 1099511628211u;
	}
	t->key = h;
	t->unknown = 1;
	if (t->len < sizeof low) {
		low[t->len] = '\0';
		t->def = bsearch(low, tags, sizeof tags / sizeof *tags, sizeof *tags, cmp_tag);
		t->unknown = !bsearch(low, gumbo_tags, sizeof gumbo_tags / sizeof *gumbo_tags,
				      sizeof *gumbo_tags, cmp_name);
	}
}

/* Reads the tag at lt ('<' then a letter, or "</" then a letter). */
static void scan_tag(screen *s, const char *lt, tag *t)
{
	memset(t, 0, sizeof *t);
	t->lt = lt;
	t->endtag = lt[1] == '/';
	const char *p = lt + 1 + t->endtag;
	t->name = p;
	while (p < s->end && !space(*p) && *p != '/' && *p != '>')
		p++;
	t->len = p - t->name;
	name_tag(t);
	attrs(s, p, t, 0);
}

/* Writes the tag as gumbo must see it, when its attributes need a change. */
static void put_tag(screen *s, tag *t)
{
	if (t->cut)
		s->st->attrs_cut += t->nattrs - s->lim.max_attrs;
	if (t->cut || t->refs)
		attrs(s, t->name + t->len, t, 1);
}

static int is_integration(const tag *t, unsigned ns)
{
	for (const char *const *n = integration[ns]; n < integration[ns] + 6 && *n; n++)
		if (strlen(*n) == t->len && same_ci(*n, t->name, t->len))
			return 1;
	return 0;
}

static open *top(screen *s)
{
	return s->depth ? &s->real[s->depth - 1] : NULL;
}

static unsigned bucket(const open *o)
{
	return o->flags & F_UNKNOWN ? 256 : o->key & 255;
}

static void forget(screen *s, const open *o)
{
	s->by_name[bucket(o)]--;
}

static open *grow(open **a, size_t n, size_t *cap)
{
	if (n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*a = xrealloc(*a, *cap * sizeof **a);
	}
	return &(*a)[n];
}

/* Keeps the n lowest ghost entries. */
static void drop_ghosts(screen *s, size_t n)
{
	while (s->nghost > n)
		forget(s, &s->ghost[--s->nghost]);
}

/* The first waiting formatting element after the last marker: from there on they are the end
 * of gumbo's list. */
static size_t wait_from(screen *s)
{
	size_t k = s->nwait;
	while (k > 0 && s->wait[k - 1].section == s->markers)
		k--;
	return k;
}

static void unwait(screen *s, size_t k)
{
	forget(s, &s->wait[k]);
	memmove(&s->wait[k], &s->wait[k + 1], (s->nwait - k - 1) * sizeof *s->wait);
	s->nwait--;
}

/* Elements leave the stack.  Closed by an end tag of their own (own), they leave gumbo's list of
 * active formatting elements too; closed along with another, formatting elements stay in the
 * list and wait to be reopened, oldest first.  A marker takes the list after it along. */
static void leave(screen *s, const open *o, size_t n, int own)
{
	unsigned markers = 0;
	for (size_t k = 0; k < n; k++) {
		markers += (o[k].flags & F_MARKER) != 0;
		if (o[k].inlist && !own)
			*grow(&s->wait, s->nwait++, &s->waitcap) = o[k];
		else
			forget(s, &o[k]);
	}
	s->markers -= markers;
	while (markers && s->nwait && s->wait[s->nwait - 1].section > s->markers)
		forget(s, &s->wait[--s->nwait]);
}

/* Pops the elements gumbo has down to depth i; ghosts above go with them. */
static void pop_to(screen *s, unsigned i)
{
	leave(s, &s->real[i], s->depth - i, 0);
	s->depth = i;
	if (i + 1 < s->lim.max_depth)
		drop_ghosts(s, 0);
}

static void pop(screen *s)
{
	pop_to(s, s->depth - 1);
}

/* The index of the nearest real element that f accepts, searching down from the top and
 * giving up at one that stop accepts; -1 if none. */
static long find(screen *s, int (*f)(const open *), int (*stop)(const open *))
{
	for (long i = (long)s->depth - 1; i >= 0; i--) {
		if (f(&s->real[i]))
			return i;
		if (stop(&s->real[i]))
			return -1;
	}
	return -1;
}

static int is_p(const open *o) { return o->ns == NS_HTML && o->id == T_P; }
static int is_li(const open *o) { return o->ns == NS_HTML && o->id == T_LI; }
static int is_ddt(const open *o) { return o->ns == NS_HTML && (o->id == T_DD || o->id == T_DT); }
static int is_button(const open *o) { return o->ns == NS_HTML && o->id == T_BUTTON; }
static int is_form(const open *o) { return o->ns == NS_HTML && o->id == T_FORM; }
static int is_select(const open *o) { return o->ns == NS_HTML && o->id == T_SELECT; }
static int is_template(const open *o) { return o->ns == NS_HTML && o->id == T_TEMPLATE; }
static int is_table(const open *o) { return o->ns == NS_HTML && o->id == T_TABLE; }
static int is_frameset(const open *o) { return o->ns == NS_HTML && o->id == T_FRAMESET; }
static int is_ruby(const open *o) { return o->ns == NS_HTML && o->id == T_RUBY; }
static int is_option(const open *o)
{
	return o->ns == NS_HTML && (o->id == T_OPTION || o->id == T_OPTGROUP);
}
static int is_troot(const open *o)
{
	return o->ns == NS_HTML && (o->id == T_TABLE || o->id == T_TEMPLATE);
}
static int is_tcontext(const open *o)
{
	return is_troot(o) || (o->ns == NS_HTML && (o->id == T_TBODY || o->id == T_TR ||
						    o->id == T_TD || o->id == T_CAPTION));
}
static int never(const open *o) { (void)o; return 0; }
static int scope(const open *o) { return (o->flags & F_SCOPE) != 0; }
static int button_scope(const open *o) { return scope(o) || is_button(o); }
static int marker(const open *o) { return (o->flags & F_MARKER) != 0; }
static int special(const open *o) { return (o->flags & F_SPECIAL) != 0; }
static int not_option(const open *o) { return !is_option(o); }

static int addr_div(const open *o)
{
	return o->ns == NS_HTML && ((o->len == 3 && same_ci(o->name, "div", 3)) ||
				    (o->len == 7 && same_ci(o->name, "address", 7)));
}

/* li, dd and dt close an open one unless a special element other than address, div or p
 * stands between (§13.2.6.4.7). */
static int item_stop(const open *o)
{
	return special(o) && !is_p(o) && !addr_div(o);
}

static void close_if(screen *s, int (*f)(const open *), int (*stop)(const open *))
{
	long i = find(s, f, stop);
	if (i >= 0)
		pop_to(s, (unsigned)i);
}

/* "Close a p element" when one is in button scope. */
static void close_p(screen *s)
{
	close_if(s, is_p, button_scope);
}

/* Makes room at the depth cap: the innermost element closes, so the new one becomes its sibling,
 * as browsers do past their own depth limit; the closed element stays as a ghost. */
static void make_room(screen *s, const char *at)
{
	open *o = &s->real[--s->depth];
	flush(s, at);
	emit_endtag(s, o);
	s->st->depth_cut++;
	leave(s, o, 1, 1);
	if (s->nghost && s->ghost[s->nghost - 1].key == o->key &&
	    s->ghost[s->nghost - 1].ns == o->ns) {
		s->ghost[s->nghost - 1].count++;
		return;
	}
	*grow(&s->ghost, s->nghost++, &s->ghostcap) = *o;
	s->by_name[bucket(o)]++;
}

/* Pushes the element of start tag t; at the cap it makes room instead and returns 0, and the
 * tag must be read again: with the innermost element closed it may land elsewhere (out of a
 * select or an svg, say), as gumbo sees the end tag first. */
static int push(screen *s, const tag *t, unsigned ns, unsigned short flags)
{
	if (s->depth == s->lim.max_depth) {
		make_room(s, t->lt);
		return 0;
	}
	open *o = &s->real[s->depth++];
	o->key = t->key;
	o->name = t->name;
	o->len = t->len;
	o->attr = t->name + t->len;
	o->alen = t->tail - o->attr;
	o->count = 1;
	o->section = s->markers;
	o->flags = ns == NS_HTML && t->unknown ? flags | F_UNKNOWN : flags;
	o->id = ns == NS_HTML && t->def ? t->def->id : T_OTHER;
	o->ns = (unsigned char)ns;
	o->inlist = (o->flags & F_FORMAT) != 0;
	o->tcontent = 0;
	if (o->flags & F_MARKER)
		s->markers++;
	s->by_name[bucket(o)]++;
	return 1;
}

/* Pushes an element gumbo inserts unasked for the tag t: a tbody or a tr. */
static void push_implied(screen *s, const tag *t, const char *name)
{
	tag i = {.lt = t->lt, .name = name, .len = strlen(name)};
	name_tag(&i);
	i.tail = name + i.len;
	push(s, &i, NS_HTML, i.def->flags);
}

/* Start tags of table parts clear the stack back to the table, its body or its row, and a row
 * or a cell right in a table gets the body and row gumbo puts around it (§13.2.6.4.9–.15).
 * Returns 0 when there is no table, and gumbo ignores the tag. */
static int table_part(screen *s, const tag *t)
{
	long r = find(s, is_troot, never);
	if (r < 0 || s->real[r].tcontent == 1)
		return 0;
	unsigned id = t->def->id, want = id == T_TR ? T_TBODY : id == T_TD ? T_TR : T_TABLE;
	unsigned i = s->depth;
	while (i > (unsigned)r + 1 && s->real[i - 1].id != want &&
	       !(want == T_TR && s->real[i - 1].id == T_TBODY))
		i--;
	pop_to(s, i);
	/* Only with room for them and t: at the cap, making room for t would close them again. */
	unsigned body = want != T_TABLE && top(s)->id == T_TABLE;
	unsigned row = want == T_TR && (body || top(s)->id == T_TBODY);
	if (s->depth + body + row < s->lim.max_depth) {
		if (body)
			push_implied(s, t, "tbody");
		if (row)
			push_implied(s, t, "tr");
	}
	return 1;
}

/* Before text and most start tags gumbo reopens the formatting elements that wait in its list
 * (§13.2.4.3, "reconstruct the active formatting elements").  Those past the depth cap leave the
 * list instead: an end tag for an element that is in the list but not open does just that. */
static void reconstruct(screen *s, const char *at)
{
	size_t from = wait_from(s);
	while (s->nwait - from > s->lim.max_depth - s->depth) {
		const open *o = &s->wait[--s->nwait];
		flush(s, at);
		emit_endtag(s, o);
		s->st->depth_cut++;
		forget(s, o);
	}
	for (size_t k = from; k < s->nwait; k++)
		s->real[s->depth++] = s->wait[k];
	s->nwait = from;
}

static int same_tag(const open *o, const tag *t)
{
	return o->key == t->key && o->len == t->len && same_ci(o->name, t->name, t->len);
}

/* Noah's Ark (§13.2.4.3): since the last marker the list holds at most three formatting elements
 * alike in name and attributes; a fourth pushes out the earliest.  Attributes compare as
 * written, so the screen may keep more than gumbo, never fewer. */
static void noah(screen *s, const tag *t)
{
	const char *attr = t->name + t->len;
	size_t alen = t->tail - attr, first = 0;
	long lowest = -1;
	unsigned n = 0;
	for (size_t k = wait_from(s); k < s->nwait; k++)
		if (same_tag(&s->wait[k], t) && s->wait[k].alen == alen &&
		    memcmp(s->wait[k].attr, attr, alen) == 0 && n++ == 0)
			first = k;
	for (long i = (long)s->depth - 1; i >= 0 && !marker(&s->real[i]); i--) {
		const open *o = &s->real[i];
		if (o->inlist && same_tag(o, t) && o->alen == alen &&
		    memcmp(o->attr, attr, alen) == 0)
			n++, lowest = i;
	}
	if (n < 3)
		return;
	if (lowest >= 0)
		s->real[lowest].inlist = 0;
	else
		unwait(s, first);
}

/* The adoption agency (§13.2.6.4.7) for the formatting element at real[i]: each round moves it
 * above the next special element (the furthest block), which stays open; with none left it
 * closes, and what is above it closes too.  Of the elements between the two, the three nearest
 * the block leave the stack unless they are in the list; gumbo 0.10.1 leaves the rest open (it
 * predates the spec's removal of those).  Eight rounds at most, as in the spec. */
static void adopt(screen *s, unsigned i)
{
	if (i + 1 < s->lim.max_depth)
		drop_ghosts(s, 0);
	for (int round = 0; round < 8; round++) {
		unsigned j = i + 1, w = i;
		while (j < s->depth && !special(&s->real[j]))
			j++;
		if (j == s->depth) {
			pop_to(s, i + 1);
			leave(s, &s->real[--s->depth], 1, 1);
			return;
		}
		open fe = s->real[i];
		for (unsigned k = i + 1; k < j; k++) {
			if (j - k <= 3 && !s->real[k].inlist)
				forget(s, &s->real[k]);
			else
				s->real[w++] = s->real[k];
		}
		s->real[w] = s->real[j];
		s->real[w + 1] = fe;
		memmove(&s->real[w + 2], &s->real[j + 1], (s->depth - j - 1) * sizeof *s->real);
		s->depth -= j - w - 1;
		i = w + 1;
	}
}

/* A formatting element named like t, as gumbo finds it for an end tag or for a new a or nobr:
 * the last one in the list.  Waiting, it just leaves the list; open and in scope, the adoption
 * agency runs.  Returns 0 when the list has none. */
static int formatting(screen *s, const tag *t)
{
	for (size_t k = s->nwait, from = wait_from(s); k > from; k--) {
		if (same_tag(&s->wait[k - 1], t)) {
			unwait(s, k - 1);
			return 1;
		}
	}
	long i = (long)s->depth - 1;
	for (; i >= 0 && !marker(&s->real[i]); i--)
		if (s->real[i].inlist && same_tag(&s->real[i], t))
			break;
	if (i < 0 || marker(&s->real[i]))
		return 0;
	if (find(s, scope, never) <= i)
		adopt(s, (unsigned)i);
	return 1;
}

/* A start tag in HTML content.  Returns the text mode that follows it. */
static int html_start(screen *s, tag *t)
{
	const tagdef *d = t->def;
	unsigned id = d ? d->id : T_OTHER;
	unsigned short flags = d ? d->flags : 0;
	int mode = d ? d->mode : M_DATA;
	long c;
	if (!(flags & F_HEAD) && id != T_FRAMESET && !(id == T_NOSCRIPT && s->body == 0))
		s->body = 2;
	if (flags & F_NOPUSH) {
		s->frames_off |= (flags & F_FSBAD) != 0;
		return M_DATA;
	}
	if (s->frames) {
		/* In and after a frameset gumbo ignores all but framesets and noframes. */
		if (!((id == T_FRAMESET && s->frames == 1) || id == T_NOFRAMES))
			return M_IGNORED;
		return push(s, t, NS_HTML, flags) ? mode : M_RETRY;
	}
	if (find(s, is_select, not_option) >= 0) {
		/* In a select only options and scripts nest; other tags are ignored (§13.2.6.4.16),
		 * and a few end the select first. */
		if (id == T_SELECT) {
			close_if(s, is_select, never);
			return M_DATA;
		}
		int tpart = id == T_TABLE || id == T_CAPTION || id == T_TBODY || id == T_TR ||
			    id == T_TD;
		if (id == T_INPUT || id == T_KEYGEN || id == T_TEXTAREA ||
		    (tpart && find(s, is_table, is_template) >= 0)) {
			close_if(s, is_select, never);
		} else if (id == T_OPTION || id == T_OPTGROUP) {
			if (is_option(top(s)) && (id == T_OPTGROUP || top(s)->id == T_OPTION))
				pop(s);
			if (id == T_OPTGROUP && is_option(top(s)))
				pop(s);
			return push(s, t, NS_HTML, flags) ? M_DATA : M_RETRY;
		} else if (id != T_SCRIPT && id != T_TEMPLATE) {
			return M_IGNORED;
		}
	}
	if ((flags & F_FSBAD) && !(id == T_INPUT && t->hidden) &&
	    (id != T_TEMPLATE || s->body == 2))
		s->frames_off = 1;
	/* The first tag in a template sets how the rest is read: as table parts or as a body
	 * (§13.2.6.4.18); in a body, table parts are ignored. */
	if (top(s) && is_template(top(s)) && !top(s)->tcontent && !(flags & F_HEAD))
		top(s)->tcontent = id == T_CAPTION || id == T_COL || id == T_COLGROUP ||
				   id == T_TBODY || id == T_TR || id == T_TD ? 2 : 1;
	switch (id) {
	case T_FRAMESET:
		/* Taken only before the page has shown content, and then in place of the body. */
		if (s->frames_off || find(s, is_template, never) >= 0)
			return M_IGNORED;
		pop_to(s, 0);
		s->frames = 1;
		push(s, t, NS_HTML, flags);
		return M_DATA;
	case T_FORM:
		/* One form at a time, by gumbo's form element pointer; in a table it is not left
		 * open. */
		if (find(s, is_template, never) >= 0)
			break;
		if (s->form)
			return M_IGNORED;
		c = find(s, is_tcontext, never);
		if (c >= 0 && s->real[c].id != T_TD && s->real[c].id != T_CAPTION) {
			s->form = 1;
			return M_DATA;
		}
		break;
	case T_LI:
		close_if(s, is_li, item_stop);
		break;
	case T_DD:
	case T_DT:
		close_if(s, is_ddt, item_stop);
		break;
	case T_A:
	case T_NOBR:
		formatting(s, t);
		break;
	case T_BUTTON:
		close_if(s, is_button, scope);
		break;
	case T_OPTION:
	case T_OPTGROUP:
		if (top(s) && top(s)->ns == NS_HTML && top(s)->id == T_OPTION)
			pop(s);
		break;
	case T_RUBYTEXT:
		/* Only inside a ruby, which generates implied end tags; these are some of them. */
		if (find(s, is_ruby, scope) < 0)
			break;
		while (top(s)->ns == NS_HTML && top(s)->id == T_RUBYTEXT)
			pop(s);
		break;
	case T_TABLE:
		/* A table inside a table, but not in a cell or caption, closes the first one. */
		c = find(s, is_tcontext, never);
		if (c >= 0 && s->real[c].id != T_TD && s->real[c].id != T_CAPTION &&
		    s->real[c].id != T_TEMPLATE)
			close_if(s, is_troot, never);
		break;
	case T_CAPTION:
	case T_COLGROUP:
	case T_TBODY:
	case T_TR:
	case T_TD:
		if (!table_part(s, t))
			return M_IGNORED;
		break;
	}
	if (flags & F_CLOSEP)
		close_p(s);
	if ((flags & F_HEADING) && top(s) && (top(s)->flags & F_HEADING))
		pop(s);
	if (!(flags & F_SPECIAL) || (flags & F_RECON))
		reconstruct(s, t->lt);
	if (flags & F_FORMAT)
		noah(s, t);
	if (flags & F_VOID)
		return M_DATA;
	if (id == T_SVG || id == T_MATH) {
		if (!t->selfclose && !push(s, t, id == T_SVG ? NS_SVG : NS_MATH, 0))
			return M_RETRY;
		return M_DATA;
	}
	if (!push(s, t, NS_HTML, flags))
		return M_RETRY;
	if (id == T_FORM && find(s, is_template, never) < 0)
		s->form = 1;
	return mode;
}

static int foreign(const open *o)
{
	return o && o->ns != NS_HTML && !(o->flags & F_HTMLIN);
}

/* A start tag, read once more each time it had to make room; returns the text mode after it. */
static int start_tag(screen *s, tag *t)
{
	const tagdef *d = t->def;
	int breakout = d && (d->flags & F_BREAKOUT) && (d->id != T_FONT || t->fontish);
	int mode;
	do {
		if (foreign(top(s)) && !breakout) {
			/* In svg or math (§13.2.6.5) all but a few HTML tags nest.  gumbo
			 * 0.10.1 takes an svg element named like an HTML table part, select,
			 * template or frameset for the HTML one when it resets its insertion
			 * mode (fuzzing found an svg frameset that let 300 000 framesets nest
			 * unseen): such elements, which svg and math do not have, are dropped. */
			if (d && (d->flags & F_HTMLONLY))
				return M_DROP;
			unsigned ns = top(s)->ns;
			unsigned short f = is_integration(t, ns) ? INTEGRATION : 0;
			mode = t->selfclose || push(s, t, ns, f) ? M_DATA : M_RETRY;
			continue;
		}
		while (foreign(top(s)))
			pop(s);
		mode = html_start(s, t);
	} while (mode == M_RETRY);
	return mode;
}

/* Whether an end tag names o, by HTML rules: gumbo matches svg and math elements by name only
 * while walking down from a current node of theirs (§13.2.6.5), never by HTML rules. */
static int matches(const open *o, const tag *t)
{
	if (o->ns != NS_HTML)
		return 0;
	if (t->def && (t->def->flags & F_HEADING))
		return (o->flags & F_HEADING) != 0;
	if (t->unknown)
		return (o->flags & F_UNKNOWN) != 0;
	return same_tag(o, t);
}

/* Whether the walk for an end tag of kind k stops at o. */
static int stops(const open *o, unsigned k)
{
	switch (k) {
	case E_SCOPE:
		return scope(o);
	case E_LIST:
		return scope(o) || (o->ns == NS_HTML && o->len == 2 &&
				    (same_ci(o->name, "ol", 2) || same_ci(o->name, "ul", 2)));
	case E_BUTTON:
		return button_scope(o);
	case E_TABLE:
		return is_troot(o);
	case E_TEMPLATE:
		return 0;
	default:
		return special(o);
	}
}

/* What an end tag closed. */
enum { END_REAL, END_GHOST, END_NONE };

/* The n-th element of the page's stack from the top: the real element above the ghosts, the
 * ghosts (the top max_depth entries of them, which bounds a walk like gumbo's own), then the
 * real elements below them.  Sets *ghost and *i to where it is; NULL past the bottom. */
static open *nth(screen *s, size_t n, int *ghost, long *i)
{
	size_t above = s->nghost && s->depth == s->lim.max_depth;
	size_t below = s->nghost ? s->lim.max_depth - 1 : s->depth;
	size_t ghosts = s->nghost < s->lim.max_depth ? s->nghost : s->lim.max_depth;
	*ghost = n >= above && n < above + ghosts;
	if (n < above)
		*i = (long)s->depth - 1;
	else if (*ghost)
		*i = (long)(s->nghost - 1 - (n - above));
	else if (n - above - ghosts < below)
		*i = (long)(below - 1 - (n - above - ghosts));
	else
		return NULL;
	return *ghost ? &s->ghost[*i] : &s->real[*i];
}

/* The end tag t closes the element at i. */
static int close_at(screen *s, const tag *t, int ghost, long i)
{
	if (!ghost) {
		pop_to(s, (unsigned)i);
		return END_REAL;
	}
	/* A ghost's element is gone from gumbo already: the tag would close another. */
	if (s->depth == s->lim.max_depth) {
		flush(s, t->lt);
		emit_endtag(s, &s->real[--s->depth]);
		s->copied = t->stop;
		leave(s, &s->real[s->depth], 1, 1);
	}
	drop_ghosts(s, (size_t)i + 1);
	if (--s->ghost[i].count == 0)
		drop_ghosts(s, (size_t)i);
	return END_GHOST;
}

/* An end tag: pops what it closes. */
static int end_tag(screen *s, tag *t)
{
	unsigned k = t->def ? t->def->end : E_ANY;
	unsigned id = t->def ? t->def->id : T_OTHER;
	if (k == E_NONE) {
		/* Before the body gumbo ignores other end tags; </head> closes the head. */
		if (s->body < 2)
			s->body = strcmp(t->def->name, "head") == 0 ? 1 : 2;
		return END_NONE;
	}
	if (s->frames) {
		if (!top(s) || !(id == T_FRAMESET || id == T_NOFRAMES) || top(s)->id != id)
			return END_NONE;
		pop(s);
		if (find(s, is_frameset, never) < 0)
			s->frames = 2;
		return END_REAL;
	}
	if (!(t->def && (t->def->flags & F_HEADING)) && !s->by_name[t->key & 255] &&
	    !(t->unknown && s->by_name[256]))
		return END_NONE;
	/* In a select gumbo ignores end tags but those of options, the select, templates and, in
	 * a select in a table, table parts (§13.2.6.4.16–17). */
	if (find(s, is_select, not_option) >= 0 && id != T_OPTION && id != T_OPTGROUP &&
	    id != T_SELECT && id != T_TEMPLATE &&
	    !(k == E_TABLE && find(s, is_table, is_template) >= 0))
		return END_NONE;
	if (k == E_FORM) {
		/* </form> takes the form alone off the stack (§13.2.6.4.7). */
		long i = find(s, is_form, scope);
		s->form = 0;
		if (i < 0)
			return END_NONE;
		if ((unsigned)i + 1 == s->depth) {
			pop(s);
		} else {
			drop_ghosts(s, 0);
			forget(s, &s->real[i]);
			memmove(&s->real[i], &s->real[i + 1], (s->depth - i - 1) * sizeof *s->real);
			s->depth--;
		}
		return END_REAL;
	}
	if (t->def && (t->def->flags & F_FORMAT) && formatting(s, t))
		return END_REAL;
	/* Walk the page's stack from the top.  In svg or math, names match down to the first HTML
	 * element; then HTML rules apply.  Ghosts are not in gumbo's stack: one that the tag
	 * closes, or that would make the page ignore the tag, takes the tag out of gumbo's
	 * sight. */
	size_t n;
	int ghost;
	long i;
	open *o;
	if (top(s) && top(s)->ns != NS_HTML) {
		for (n = 0; (o = nth(s, n, &ghost, &i)) != NULL; n++) {
			if (!ghost && o->ns == NS_HTML)
				break;
			if (same_tag(o, t))
				return close_at(s, t, ghost, i);
		}
	}
	for (n = 0; (o = nth(s, n, &ghost, &i)) != NULL; n++) {
		if (matches(o, t))
			return close_at(s, t, ghost, i);
		if (stops(o, k))
			return ghost ? END_GHOST : END_NONE;
	}
	return END_NONE;
}

static int starts_ci(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(end - p) >= n && same_ci(p, lit, n);
}

/* "</name" and a character that ends a tag name: the end tag that closes raw text. */
static int closes(const char *p, const char *end, const char *name, size_t n)
{
	return end - p > (ptrdiff_t)(n + 2) && p[1] == '/' && same_ci(p + 2, name, n) &&
	       (space(p[n + 2]) || p[n + 2] == '/' || p[n + 2] == '>');
}

/* "<script" or "</script" and a character that ends the name: the double-escape markers of
 * §13.2.5.21 and §13.2.5.27, which take the ending character with them. */
static const char *script_mark(const char *p, const char *end, int slash)
{
	if (slash && (++p == end || *p != '/'))
		return NULL;
	p++;
	if (!starts_ci(p, end, "script") || end - p < 7)
		return NULL;
	p += 6;
	return space(*p) || *p == '/' || *p == '>' ? p + 1 : NULL;
}

/* Where a script's content ends (§13.2.5.4–.31): at "</script" except inside "<!--" after a
 * "<script", the old way of hiding scripts, where only "-->" or "</script" leave each state. */
static const char *script_end(const char *p, const char *end)
{
	enum { DATA, ESC, DOUBLE } st = DATA;
	int dashes = 0;
	while (p < end) {
		if (st == DATA) {
			const char *lt = memchr(p, '<', end - p);
			if (!lt)
				return end;
			if (closes(lt, end, "script", 6))
				return lt;
			p = lt + 1;
			if (starts_ci(p, end, "!--")) {
				st = ESC;
				dashes = 2;
				p += 3;
			}
			continue;
		}
		char c = *p;
		if (c == '-') {
			dashes++;
			p++;
			continue;
		}
		if (c == '>' && dashes >= 2) {
			st = DATA;
		} else if (c == '<') {
			const char *q;
			if (st == ESC && closes(p, end, "script", 6))
				return p;
			if ((q = script_mark(p, end, st == DOUBLE)) != NULL) {
				st = st == ESC ? DOUBLE : ESC;
				dashes = 0;
				p = q;
				continue;
			}
		}
		dashes = 0;
		p++;
	}
	return end;
}

/* Where raw text or RCDATA content ends: at "</name". */
static const char *raw_end(const char *p, const char *end, const char *name, size_t n)
{
	while ((p = memchr(p, '<', end - p)) != NULL) {
		if (closes(p, end, name, n))
			return p;
		p++;
	}
	return end;
}

/* A comment after "<!--" (§13.2.5.43–.52): it ends at "-->" or "--!>", or at once with
 * "<!-->" and "<!--->"; otherwise at the end of the input. */
static const char *comment_end(const char *p, const char *end)
{
	if (p < end && *p == '>')
		return p + 1;
	if (end - p >= 2 && p[0] == '-' && p[1] == '>')
		return p + 2;
	while ((p = memchr(p, '-', end - p)) != NULL) {
		if (end - p < 3 || p[1] != '-') {
			p++;
			continue;
		}
		p += 2;
		while (p < end && *p == '-')
			p++;
		if (p < end && *p == '>')
			return p + 1;
		if (end - p >= 2 && p[0] == '!' && p[1] == '>')
			return p + 2;
	}
	return end;
}

static const char *gt_end(const char *p, const char *end)
{
	const char *gt = memchr(p, '>', end - p);
	return gt ? gt + 1 : end;
}

/* Whether text is white space alone as the tree builder sees it: without NULs, which it drops,
 * and after character references unless it is CDATA. */
static int blank(const char *p, const char *end, int cdata)
{
	while (p < end) {
		uint32_t v;
		const char *q;
		if (space(*p) || *p == '\0')
			p++;
		else if (*p != '&' || cdata)
			return 0;
		else if ((q = numeric(p, end, &v)) != NULL && (v == ' ' || v == '\t' || v == '\n' ||
							       v == '\f' || v == '\r'))
			p = q;
		else if (starts_ci(p, end, "&Tab;") || starts_ci(p, end, "&NewLine;"))
			p = memchr(p, ';', end - p) + 1;
		else
			return 0;
	}
	return 1;
}

static int table_text(const open *o)
{
	return o && o->ns == NS_HTML && (o->id == T_TABLE || o->id == T_TBODY || o->id == T_TR);
}

/* Text and character references in [p, lt).  Text reopens waiting formatting elements, except
 * white space in a table and any text in a select, svg or a frameset; and any but white space
 * makes a later frameset be ignored. */
static void chars(screen *s, const char *p, const char *lt)
{
	if (lt > p && !s->frames) {
		int white = (s->frames_off && !table_text(top(s))) || blank(p, lt, 0);
		if (!white)
			s->frames_off = 1, s->body = 2;
		if (!foreign(top(s)) && !(white && table_text(top(s))) &&
		    find(s, is_select, not_option) < 0)
			reconstruct(s, p);
	}
	refs(s, p, lt, 1);
}

/* Text from p up to the next '<'. */
static const char *text(screen *s, const char *p)
{
	const char *lt = memchr(p, '<', s->end - p);
	if (!lt)
		lt = s->end;
	chars(s, p, lt);
	return lt;
}

/* The end tag that closes raw text, script or RCDATA: always kept. */
static const char *closing_tag(screen *s, const char *lt)
{
	tag t;
	if (lt == s->end)
		return lt;
	scan_tag(s, lt, &t);
	put_tag(s, &t);
	end_tag(s, &t);
	return t.stop;
}

/* A tag, comment, doctype or CDATA section at lt.  Sets *mode to the text mode after it. */
static const char *markup(screen *s, const char *lt, int *mode)
{
	const char *p = lt + 1, *end = s->end;
	if (p == end || (*p == '/' && p + 1 == end)) {
		chars(s, lt, end);
		return end;
	}
	if (*p == '!') {
		if (starts_ci(p + 1, end, "--"))
			return comment_end(p + 3, end);
		/* A CDATA section, in svg or math only; elsewhere a bogus comment. */
		if (top(s) && top(s)->ns != NS_HTML && end - p >= 8 &&
		    memcmp(p + 1, "[CDATA[", 7) == 0) {
			const char *q = p + 8;
			while (end - q >= 3 && !(q[0] == ']' && q[1] == ']' && q[2] == '>'))
				q++;
			if (end - q < 3)
				q = end;
			if (!blank(p + 8, q, 1))
				s->frames_off = 1;
			return q == end ? end : q + 3;
		}
		return gt_end(p, end);
	}
	if (*p == '?')
		return gt_end(p, end);
	if (*p == '/') {
		if (p[1] == '>') {
			/* "</>" is nothing, but gumbo 0.10.1 forgets to reset where the next token
			 * starts, so a tag right after it gets a wrong name: in svg and math, where
			 * gumbo matches end tags by that name, its element can then never close.
			 * Dropped there; elsewhere it stays, as written. */
			if (p + 2 < end && p[2] == '<') {
				drop_tag(s, lt, p + 2);
				s->st->endtags_cut++;
			}
			return p + 2;
		}
		if (!alpha(p[1]))
			return gt_end(p, end);
	} else if (!alpha(*p)) {
		chars(s, lt, p);
		return p;
	}
	tag t;
	scan_tag(s, lt, &t);
	const tagdef *d = t.def;
	if (t.endtag) {
		/* Once start tags are being dropped, end tags still close what is open, at most the
		 * depth cap of them; the rest go. */
		int r = end_tag(s, &t);
		if (r == END_NONE && s->capped) {
			drop_tag(s, lt, t.stop);
			s->st->elements_cut++;
		} else if (r == END_GHOST || (r == END_NONE && !(d && (d->flags & F_KEEPEND)) &&
					      ++s->idle > IDLE_KEEP)) {
			drop_tag(s, lt, t.stop);
			s->st->endtags_cut++;
		} else {
			put_tag(s, &t);
		}
		return t.stop;
	}
	if (s->elements >= s->lim.max_elements) {
		/* Past the element cap gumbo sees the text alone. */
		s->capped = 1;
		drop_tag(s, lt, t.stop);
		s->st->elements_cut++;
		return t.stop;
	}
	s->elements++;
	*mode = start_tag(s, &t);
	if (*mode == M_DROP) {
		*mode = M_DATA;
		drop_tag(s, lt, t.stop);
		s->st->elements_cut++;
		return t.stop;
	}
	if (*mode == M_IGNORED) {
		*mode = M_DATA;
		if (++s->ignored > IGNORED_KEEP) {
			drop_tag(s, lt, t.stop);
			s->st->elements_cut++;
			return t.stop;
		}
	}
	put_tag(s, &t);
	return t.stop;
}

int screen_html(const char *in, size_t n, const screen_limits *lim, buf *out,
		screen_stats *stats, err *e)
{
	screen s = {.end = in + n, .copied = in, .out = out, .st = stats, .mark = out->len};
	s.lim.max_depth = lim && lim->max_depth ? lim->max_depth : SCREEN_MAX_DEPTH;
	s.lim.max_attrs = lim && lim->max_attrs ? lim->max_attrs : SCREEN_MAX_ATTRS;
	s.lim.max_elements = lim && lim->max_elements ? lim->max_elements : SCREEN_MAX_ELEMENTS;
	memset(stats, 0, sizeof *stats);
	s.real = xmalloc(s.lim.max_depth * sizeof *s.real);
	const char *p = in;
	while (p < s.end && !s.full) {
		int mode = M_DATA;
		p = text(&s, p);
		if (p == s.end)
			break;
		p = markup(&s, p, &mode);
		if (mode == M_DATA)
			continue;
		const open *o = top(&s);
		if (mode == M_PLAIN) {
			p = s.end;
		} else if (mode == M_SCRIPT) {
			p = closing_tag(&s, script_end(p, s.end));
		} else {
			const char *c = raw_end(p, s.end, o->name, o->len);
			if (mode == M_RCDATA)
				refs(&s, p, c, 1);
			p = closing_tag(&s, c);
		}
	}
	flush(&s, s.end);
	free(s.real);
	free(s.ghost);
	free(s.wait);
	if (s.full)
		return err_set(e, ERR_DATA, "page over %zu bytes after screening", out->max);
	return 0;
}
