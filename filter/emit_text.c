/* emit_text.c — plain text and Markdown.  Text is what a mail reader or a terminal shows: the
 * attribution on top, lists with their numbers, tables with tabs, links as numbered
 * references at the end (lynx -dump's way).  Markdown is CommonMark: every character that
 * would start markup where it stands is escaped there and only there, raw HTML never passes,
 * links and images keep only http, https and mailto addresses, tables are pipe tables. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "text.h"

static const char *const names[EMIT_COUNT] = { "text", "markdown", "json", "html", "mail",
					       "jsonl" };
static const char *const exts[EMIT_COUNT] = { "txt", "md", "json", "html", "eml", "jsonl" };

const char *emit_format_name(enum emit_format f)
{
	return names[f];
}

const char *emit_format_ext(enum emit_format f)
{
	return exts[f];
}

int emit_format_parse(const char *name)
{
	for (int f = 0; f < EMIT_COUNT; f++)
		if (strcmp(name, names[f]) == 0 || strcmp(name, exts[f]) == 0)
			return f;
	return -1;
}

int emit(enum emit_format f, const doc *d, const emit_opts *eo, buf *out)
{
	switch (f) {
	case EMIT_TEXT: return emit_text(d, eo, out);
	case EMIT_MARKDOWN: return emit_markdown(d, eo, out);
	case EMIT_JSON: return emit_json(d, eo, false, out);
	case EMIT_JSONL: return emit_json(d, eo, true, out);
	case EMIT_HTML: return emit_html(d, out);
	case EMIT_MAIL: return emit_mail(d, out);
	default: return -1;
	}
}

/* ---------------------------------------------------------------- the body as make eval reads it */

/* The title, a blank line, then each body block's text as a paragraph. */
static int plain(const doc *d, buf *out, bool with_title)
{
	int r = 0;
	bool first = true;
	if (with_title && d->meta.title) {
		r |= buf_printf(out, "%s\n", d->meta.title);
		first = false;
	}
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		if (b->label != LABEL_BODY)
			continue;
		if (!first)
			r |= buf_addc(out, '\n');
		first = false;
		r |= buf_add(out, b->text, b->len) | buf_addc(out, '\n');
	}
	return r ? -1 : 0;
}

int emit_body_text(const doc *d, buf *out)
{
	return plain(d, out, false);
}

/* ---------------------------------------------------------------- shared by text and Markdown */

/* Where a block stands among its neighbours: what separates it from the block before. */
static bool tight_after(const block *prev, const block *b)
{
	return prev && prev->kind == BLOCK_ITEM && b->kind == BLOCK_ITEM;
}

/* The next body block at or after i, or d->nblocks. */
static size_t next_body(const doc *d, size_t i)
{
	while (i < d->nblocks && d->blocks[i].label != LABEL_BODY)
		i++;
	return i;
}

/* ---------------------------------------------------------------- text */

struct text_ctx {
	buf *out;
	const doc *d;
	const emit_opts *eo;
	const block *b;            /* the block being written */
	const char *indent;        /* written after each line break inside a block */
	const char **refs;         /* the references, numbered from 1 */
	size_t nrefs;
	bool cell;                 /* in a table cell: line breaks are spaces */
};

static size_t ref(struct text_ctx *c, const char *url)
{
	for (size_t i = 0; i < c->nrefs; i++)
		if (strcmp(c->refs[i], url) == 0)
			return i + 1;
	const char **grown = arena_alloc(c->d->a, (c->nrefs + 1) * sizeof *grown);
	if (c->nrefs)
		memcpy(grown, c->refs, c->nrefs * sizeof *grown);
	grown[c->nrefs++] = url;
	c->refs = grown;
	return c->nrefs;
}

static int t_text(void *ctx, const char *s, size_t n)
{
	struct text_ctx *c = ctx;
	int r = 0;
	for (const char *p = s, *end = s + n; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		r |= buf_add(c->out, p, (size_t)(e - p));
		if (nl)
			r |= c->cell ? buf_addc(c->out, ' ') : buf_printf(c->out, "\n%s", c->indent);
		p = nl ? nl + 1 : end;
	}
	return r;
}

static int t_open(void *ctx, const span *s)
{
	(void)ctx, (void)s;
	return 0;
}

static int t_close(void *ctx, const span *s)
{
	struct text_ctx *c = ctx;
	if (s->kind != SPAN_LINK || c->eo->no_links)
		return 0;
	/* A link that reads as its own address needs no reference. */
	size_t n = s->end - s->start, u = strlen(s->url);
	if ((n == u || (n + 1 == u && s->url[u - 1] == '/')) &&
	    strncmp(c->b->text + s->start, s->url, n) == 0)
		return 0;
	return buf_printf(c->out, "[%zu]", ref(c, s->url));
}

static int t_image(void *ctx, const span *s)
{
	struct text_ctx *c = ctx;
	int r = buf_printf(c->out, "[image%s%s]", s->alt && *s->alt ? ": " : "", s->alt ? s->alt : "");
	if (!c->eo->no_links)
		r |= buf_printf(c->out, "[%zu]", ref(c, s->url));
	return r;
}

static const emit_inline_ops text_ops = { t_text, t_open, t_close, t_image };

static int text_table(struct text_ctx *c, const emit_table_t *t)
{
	int r = 0;
	int32_t row = -2, cell = -2;
	bool started = false;
	c->cell = true;
	for (size_t k = t->first; k < t->end; k++) {
		const block *b = &c->d->blocks[k];
		if (b->label != LABEL_BODY)
			continue;
		bool new_row, new_cell = emit_table_step(c->d, k, &row, &cell, &new_row);
		if (new_row && started)
			r |= buf_addc(c->out, '\n');
		else if (new_cell && started)
			r |= buf_addc(c->out, '\t');
		else if (started)
			r |= buf_addc(c->out, ' ');
		started = true;
		c->b = b;
		r |= emit_walk(b, &text_ops, c);
	}
	c->cell = false;
	return r | buf_addc(c->out, '\n');
}

static int text_block(struct text_ctx *c, const block *b)
{
	char lead[64] = "";
	if (b->kind == BLOCK_ITEM && b->list) {
		int pad = 2 * (b->list_depth > 1 ? b->list_depth - 1 : 0);
		if (b->list == LIST_ORDERED)
			snprintf(lead, sizeof lead, "%*s%u. ", pad, "", b->list_number);
		else
			snprintf(lead, sizeof lead, "%*s- ", pad, "");
	} else if (b->kind == BLOCK_QUOTE) {
		snprintf(lead, sizeof lead, "> ");
	}
	char indent[64];
	snprintf(indent, sizeof indent, "%*s", b->kind == BLOCK_QUOTE ? 0 : (int)strlen(lead), "");
	if (b->kind == BLOCK_QUOTE)
		snprintf(indent, sizeof indent, "> ");
	c->indent = indent;
	c->b = b;
	int r = buf_adds(c->out, lead) | emit_walk(b, &text_ops, c) | buf_addc(c->out, '\n');
	c->indent = "";
	return r;
}

int emit_byline(const doc *d, buf *out)
{
	const char *part[3];
	int n = emit_byline_parts(d, part, 3), r = 0;
	for (int i = 0; i < n; i++)
		r |= buf_printf(out, "%s%s", i ? " \u00b7 " : "", part[i]);
	if (n)
		r |= buf_addc(out, '\n');
	const char *url = emit_page_url(d);
	if (url)
		r |= buf_printf(out, "%s\n", url);
	return r ? -1 : 0;
}

int emit_text(const doc *d, const emit_opts *eo, buf *out)
{
	static const emit_opts defaults;
	eo = eo ? eo : &defaults;
	if (eo->body_only)
		return plain(d, out, true);
	int r = 0;
	size_t start = out->len;
	if (d->meta.title)
		r |= buf_printf(out, "%s\n", d->meta.title);
	r |= emit_byline(d, out);
	bool first = out->len == start;
	struct text_ctx c = { out, d, eo, NULL, "", NULL, 0, false };
	const block *prev = NULL;
	size_t img = 0;
	for (size_t i = next_body(d, 0); i < d->nblocks && !r; i = next_body(d, i + 1)) {
		const block *b = &d->blocks[i];
		for (; img < d->nimages && d->images[img].before <= i; img++) {
			span s = { 0, 0, SPAN_IMAGE, d->images[img].src, d->images[img].alt };
			r |= (first ? 0 : buf_addc(out, '\n')) | t_image(&c, &s) | buf_addc(out, '\n');
			first = false;
			prev = NULL;
		}
		if (!first && !tight_after(prev, b))
			r |= buf_addc(out, '\n');
		first = false;
		prev = b;
		if (b->kind == BLOCK_CELL && b->table >= 0) {
			emit_table_t t;
			emit_table(d, i, &t);
			r |= text_table(&c, &t);
			i = t.end - 1;
			continue;
		}
		r |= text_block(&c, b);
	}
	if (c.nrefs) {
		r |= buf_adds(out, "\nReferences\n\n");
		for (size_t i = 0; i < c.nrefs; i++)
			r |= buf_printf(out, "%4zu. %s\n", i + 1, c.refs[i]);
	}
	return r ? -1 : 0;
}

int emit_article(const doc *d, buf *out)
{
	return emit_text(d, NULL, out);
}

/* ---------------------------------------------------------------- Markdown */

static bool ascii_punct(uint32_t c)
{
	return c < 128 && c > ' ' && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
				       (c >= 'a' && c <= 'z'));
}

/* CommonMark's punctuation for flanking: ASCII punctuation and Unicode's (text_is_punct). */
static bool md_punct(uint32_t c)
{
	return ascii_punct(c) || text_is_punct(c);
}

struct md_ctx {
	buf *out;
	const block *b;
	const char *indent;      /* after each line break: the list item's or the quote's */
	bool line_start;         /* nothing of this line written yet */
	bool cell, heading;      /* a table cell (| escaped, no breaks), a heading (no breaks) */
	int code;                /* inside a code span: its text goes to codebuf */
	buf codebuf;
	int links;               /* open links: a link inside a link is its text */
	char marks[EMIT_SPAN_DEPTH][3];   /* what each open span wrote, to close it the same */
	int depth;
};

/* The code point before s in the block (0 at its start) and the one at s (0 at its end). */
static uint32_t before(const struct md_ctx *c, const char *s)
{
	const char *p = s;
	return p > c->b->text ? text_prev(&p, c->b->text) : 0;
}

static uint32_t at(const struct md_ctx *c, const char *s)
{
	const char *p = s, *end = c->b->text + c->b->len;
	return p < end ? text_next(&p, end) : 0;
}

/* Whether a * or _ at s could open or close emphasis (CommonMark's flanking rules). */
static bool delimiter(const struct md_ctx *c, const char *s, char ch)
{
	uint32_t prev = before(c, s), next = at(c, s + 1);
	bool prev_space = !prev || text_is_space(prev), next_space = !next || text_is_space(next);
	bool left = !next_space && (!md_punct(next) || prev_space || md_punct(prev));
	bool right = !prev_space && (!md_punct(prev) || next_space || md_punct(next));
	if (ch == '_' && left && right && !md_punct(prev) && !md_punct(next))
		return false;   /* inside a word: snake_case opens nothing */
	return left || right;
}

static bool entity_at(const char *s, const char *end)
{
	const char *p = s + 1;
	if (p < end && *p == '#') {
		p++;
		bool hex = p < end && (*p == 'x' || *p == 'X');
		p += hex;
		const char *q = p;
		while (p < end && p - q < 8 &&
		       ((*p >= '0' && *p <= '9') ||
			(hex && ((*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))))
			p++;
		return p > q && p < end && *p == ';';
	}
	const char *q = p;
	while (p < end && p - q < 32 &&
	       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (p > q && *p >= '0' && *p <= '9')))
		p++;
	return p > q && p < end && *p == ';';
}

/* At the start of a line, what would make the line a heading, a quote, a list item, a
 * thematic break, a setext underline or a code fence: the offset of the character to escape
 * in line[0..n), or -1. */
static int line_start_escape(const char *line, size_t n)
{
	if (!n)
		return -1;
	char c = line[0];
	if (c == '#') {
		size_t k = 0;
		while (k < n && line[k] == '#')
			k++;
		return k <= 6 && (k == n || line[k] == ' ' || line[k] == '\t') ? 0 : -1;
	}
	if (c == '>')
		return 0;
	if ((c == '-' || c == '+' || c == '*') && (n == 1 || line[1] == ' ' || line[1] == '\t'))
		return 0;
	if (c >= '0' && c <= '9') {
		size_t k = 0;
		while (k < n && k < 10 && line[k] >= '0' && line[k] <= '9')
			k++;
		if (k <= 9 && k < n && (line[k] == '.' || line[k] == ')') &&
		    (k + 1 == n || line[k + 1] == ' ' || line[k + 1] == '\t'))
			return (int)k;
		return -1;
	}
	if (c == '=' || c == '-' || c == '_' || c == '*' || c == '~' || c == '`') {
		/* ===, ---, ***, ___ lines (spaces between), ~~~ and ``` fences */
		size_t same = 0, k = 0;
		for (; k < n; k++) {
			if (line[k] == c)
				same++;
			else if (line[k] != ' ' && line[k] != '\t')
				break;
		}
		if ((c == '~' || c == '`') && same >= 3 && line[1] == c && line[2] == c)
			return 0;
		return k == n && (c == '=' || same >= (c == '-' ? 1u : 3u)) ? 0 : -1;
	}
	return -1;
}

static int md_newline(struct md_ctx *c)
{
	if (c->cell || c->heading)
		return buf_addc(c->out, ' ');
	c->line_start = true;
	return buf_printf(c->out, "\\\n%s", c->indent);
}

static int md_text(void *ctx, const char *s, size_t n)
{
	struct md_ctx *c = ctx;
	if (c->code) {
		for (size_t i = 0; i < n; i++)
			buf_addc(&c->codebuf, s[i] == '\n' ? ' ' : s[i]);
		return 0;
	}
	int r = 0;
	const char *end = s + n, *block_end = c->b->text + c->b->len;
	for (const char *p = s; p < end; p++) {
		if (*p == '\n') {
			r |= md_newline(c);
			continue;
		}
		bool esc = false;
		if (c->line_start) {
			const char *eol = memchr(p, '\n', (size_t)(block_end - p));
			int k = line_start_escape(p, (size_t)((eol ? eol : block_end) - p));
			c->line_start = false;
			if (k > 0) {
				r |= buf_add(c->out, p, (size_t)k) | buf_addc(c->out, '\\');
				p += k;
			}
			esc = k == 0;
		}
		char ch = *p;
		switch (ch) {
		case '\\':
			esc |= p + 1 >= block_end || ascii_punct((unsigned char)p[1]) || p[1] == '\n';
			break;
		case '`': esc = true; break;
		case '*': case '_': esc |= delimiter(c, p, ch); break;
		case '[': case ']': esc = true; break;
		case '<':
			esc |= p + 1 < block_end && ((p[1] >= 'a' && p[1] <= 'z') ||
						     (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '/' ||
						     p[1] == '!' || p[1] == '?');
			break;
		case '&': esc |= entity_at(p, block_end); break;
		case '|': esc |= c->cell; break;
		default: break;
		}
		if (esc)
			r |= buf_addc(c->out, '\\');
		r |= buf_addc(c->out, ch);
	}
	return r;
}

/* Whether emphasis over s would read as emphasis: its first and last characters hug the
 * delimiters as CommonMark's flanking rules want. */
static bool emphasis_holds(const struct md_ctx *c, const span *s)
{
	const char *t = c->b->text;
	uint32_t prev = before(c, t + s->start), first = at(c, t + s->start);
	uint32_t last = before(c, t + s->end), next = at(c, t + s->end);
	if (!first || text_is_space(first) || !last || text_is_space(last))
		return false;
	bool open = !md_punct(first) || !prev || text_is_space(prev) || md_punct(prev);
	bool close = !md_punct(last) || !next || text_is_space(next) || md_punct(next);
	return open && close;
}

/* An address as a link destination: in <…> when it holds what would end a bare one. */
static int md_url(buf *out, const char *url)
{
	bool angle = strpbrk(url, " ()<>") != NULL;
	int r = angle ? buf_addc(out, '<') : 0;
	for (const char *p = url; *p; p++) {
		if (*p == '<' || *p == '>' || *p == '\\' || *p == ' ')
			r |= buf_printf(out, "%%%02X", (unsigned char)*p);
		else
			r |= buf_addc(out, *p);
	}
	return r | (angle ? buf_addc(out, '>') : 0);
}

static int md_open(void *ctx, const span *s)
{
	struct md_ctx *c = ctx;
	char *m = c->marks[c->depth++];
	m[0] = '\0';
	if (c->code)
		return 0;
	c->line_start = false;
	switch (s->kind) {
	case SPAN_LINK:
		if (c->links++)
			return 0;
		strcpy(m, "[");
		break;
	case SPAN_EM:
	case SPAN_STRONG:
		if (emphasis_holds(c, s))
			strcpy(m, s->kind == SPAN_EM ? "*" : "**");
		break;
	case SPAN_CODE:
		c->code++;
		buf_reset(&c->codebuf);
		strcpy(m, "`");
		return 0;
	default:
		break;
	}
	return buf_adds(c->out, m);
}

static int md_code(struct md_ctx *c)
{
	const char *s = c->codebuf.data ? c->codebuf.data : "";
	size_t n = c->codebuf.len, run = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	if (!n)
		return 0;
	bool pad = s[0] == '`' || s[n - 1] == '`' || (s[0] == ' ' && s[n - 1] == ' ');
	int r = 0;
	for (size_t i = 0; i <= longest; i++)
		r |= buf_addc(c->out, '`');
	r |= (pad ? buf_addc(c->out, ' ') : 0) | buf_add(c->out, s, n) | (pad ? buf_addc(c->out, ' ') : 0);
	for (size_t i = 0; i <= longest; i++)
		r |= buf_addc(c->out, '`');
	return r;
}

static int md_close(void *ctx, const span *s)
{
	struct md_ctx *c = ctx;
	const char *m = c->marks[--c->depth];
	if (s->kind == SPAN_CODE && m[0] == '`') {
		c->code--;
		return md_code(c);
	}
	if (c->code)
		return 0;
	if (s->kind == SPAN_LINK) {
		if (--c->links || !m[0])
			return 0;
		return buf_adds(c->out, "](") | md_url(c->out, s->url) | buf_addc(c->out, ')');
	}
	return buf_adds(c->out, m);
}

static int md_image_of(struct md_ctx *c, const char *src, const char *alt)
{
	int r = buf_adds(c->out, "![");
	for (const char *p = alt ? alt : ""; *p; p++) {
		if (strchr("\\[]`*_<&", *p))
			r |= buf_addc(c->out, '\\');
		r |= buf_addc(c->out, *p == '\n' ? ' ' : *p);
	}
	return r | buf_adds(c->out, "](") | md_url(c->out, src) | buf_addc(c->out, ')');
}

static int md_image(void *ctx, const span *s)
{
	struct md_ctx *c = ctx;
	c->line_start = false;
	return c->code ? 0 : md_image_of(c, s->url, s->alt);
}

static const emit_inline_ops md_ops = { md_text, md_open, md_close, md_image };

/* A block's text with its spans; line_start: it begins a line where block markup could
 * start (not in a heading's or a table cell's text). */
static int md_inline(struct md_ctx *c, const block *b, bool line_start)
{
	c->b = b;
	c->line_start = line_start;
	c->code = c->links = c->depth = 0;
	return emit_walk(b, &md_ops, c);
}

static int md_separator(buf *out, size_t cols)
{
	int r = buf_addc(out, '|');
	for (size_t i = 0; i < cols; i++)
		r |= buf_adds(out, " --- |");
	return r | buf_addc(out, '\n');
}

/* A pipe table: the first row is the header (pipe tables have one), short rows padded. */
static int md_table(struct md_ctx *c, const doc *d, const emit_table_t *t)
{
	int r = 0;
	int32_t row = -2, cell = -2;
	size_t rows = 0, col = 0;
	c->cell = true;
	c->indent = "";
	for (size_t k = t->first; k <= t->end; k++) {
		const block *b = k < t->end ? &d->blocks[k] : NULL;
		if (b && b->label != LABEL_BODY)
			continue;
		bool new_row = true, new_cell = true;
		if (b)
			new_cell = emit_table_step(d, k, &row, &cell, &new_row);
		if (new_row && rows) {
			r |= buf_adds(c->out, " |");
			for (; col < t->cols; col++)
				r |= buf_adds(c->out, " |");
			r |= buf_addc(c->out, '\n');
			if (rows == 1)
				r |= md_separator(c->out, t->cols);
		}
		if (!b)
			break;
		if (new_row) {
			rows++;
			col = 0;
			r |= buf_addc(c->out, '|');
		}
		if (new_cell)
			r |= buf_adds(c->out, col++ ? " | " : " ");
		else
			r |= buf_addc(c->out, ' ');
		r |= md_inline(c, b, false);
	}
	c->cell = false;
	return r;
}

static int md_fence(buf *out, const block *b)
{
	size_t run = 0, longest = 0;
	for (uint32_t i = 0; i < b->len; i++) {
		run = b->text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	char fence[64];
	size_t k = longest >= 3 ? longest + 1 : 3;
	if (k >= sizeof fence)
		k = sizeof fence - 1;
	memset(fence, '`', k);
	fence[k] = '\0';
	return buf_printf(out, "%s\n", fence) | buf_add(out, b->text, b->len) |
	       buf_printf(out, "\n%s\n", fence);
}

static int md_block(struct md_ctx *c, const block *b, size_t *cols, uint8_t *last_depth)
{
	int r = 0;
	char lead[64] = "", indent[96] = "";
	switch (b->kind) {
	case BLOCK_HEADING: {
		int level = b->level < 2 ? 2 : b->level;   /* # is the title */
		snprintf(lead, sizeof lead, "%.*s ", level, "######");
		c->heading = true;
		break;
	}
	case BLOCK_ITEM: {
		/* An item's text starts where its parent's did: CommonMark nests by that column. */
		uint8_t depth = b->list_depth ? b->list_depth : 1;
		if (depth > *last_depth + 1)
			depth = (uint8_t)(*last_depth + 1);
		if (depth >= 16)
			depth = 15;
		size_t pad = depth > 1 ? cols[depth - 1] : 0;
		if (b->list == LIST_ORDERED)
			snprintf(lead, sizeof lead, "%*s%u. ", (int)pad, "", b->list_number);
		else
			snprintf(lead, sizeof lead, "%*s- ", (int)pad, "");
		cols[depth] = strlen(lead);
		*last_depth = depth;
		snprintf(indent, sizeof indent, "%*s", (int)strlen(lead), "");
		break;
	}
	case BLOCK_QUOTE:
		strcpy(lead, "> ");
		strcpy(indent, "> ");
		break;
	case BLOCK_PRE:
		return md_fence(c->out, b);
	default:
		break;
	}
	if (b->kind != BLOCK_ITEM)
		*last_depth = 0;
	c->indent = indent;
	r |= buf_adds(c->out, lead) | md_inline(c, b, !c->heading) | buf_addc(c->out, '\n');
	c->heading = false;
	c->indent = "";
	return r;
}

/* A text written as one Markdown line of its own: the title (a heading), the byline. */
static int md_line(struct md_ctx *c, const char *prefix, const char *s, bool heading)
{
	block one = { .text = (char *)s, .len = (uint32_t)strlen(s) };
	c->heading = true;   /* one line: breaks become spaces */
	int r = buf_adds(c->out, prefix) | md_inline(c, &one, !heading) | buf_addc(c->out, '\n');
	c->heading = false;
	return r;
}

int emit_markdown(const doc *d, const emit_opts *eo, buf *out)
{
	(void)eo;
	struct md_ctx c = { .out = out, .indent = "" };
	buf_init(&c.codebuf, 0);
	int r = 0;
	bool first = true;
	if (d->meta.title) {
		r |= md_line(&c, "# ", d->meta.title, true);
		first = false;
	}
	const char *part[3];
	int n = emit_byline_parts(d, part, 3);
	if (n) {
		buf line;
		buf_init(&line, 0);
		for (int i = 0; i < n; i++)
			buf_printf(&line, "%s%s", i ? " \u00b7 " : "", part[i]);
		r |= (first ? 0 : buf_addc(out, '\n')) | md_line(&c, "", line.data, false);
		buf_free(&line);
		first = false;
	}
	const char *url = emit_page_url(d);
	if (url && !strpbrk(url, " <>")) {
		r |= buf_printf(out, "%s<%s>\n", first ? "" : "\n", url);
		first = false;
	}
	const block *prev = NULL;
	size_t cols[16] = { 0 }, img = 0;
	uint8_t last_depth = 0;
	for (size_t i = next_body(d, 0); i < d->nblocks && !r; i = next_body(d, i + 1)) {
		const block *b = &d->blocks[i];
		for (; img < d->nimages && d->images[img].before <= i; img++) {
			r |= (first ? 0 : buf_addc(out, '\n')) |
			     md_image_of(&c, d->images[img].src, d->images[img].alt) |
			     buf_addc(out, '\n');
			first = false;
			prev = NULL;
			last_depth = 0;
		}
		if (!first && !tight_after(prev, b))
			r |= buf_addc(out, '\n');
		first = false;
		prev = b;
		if (b->kind == BLOCK_CELL && b->table >= 0) {
			emit_table_t t;
			emit_table(d, i, &t);
			r |= md_table(&c, d, &t);
			i = t.end - 1;
			last_depth = 0;
			continue;
		}
		r |= md_block(&c, b, cols, &last_depth);
	}
	buf_free(&c.codebuf);
	return r ? -1 : 0;
}
