/* emit_text.c — plain text and Markdown: one walk over the kept blocks, two ways of marking
 * headings, list items, quotes and code. */
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "emit.h"

static const char *const names[EMIT_COUNT] = { "text", "markdown", "json", "html", "mail" };
static const char *const exts[EMIT_COUNT] = { "txt", "md", "json", "html", "eml" };

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
	if (strcmp(name, "md") == 0)
		return EMIT_MARKDOWN;
	return -1;
}

int emit(enum emit_format f, const doc *d, buf *out)
{
	switch (f) {
	case EMIT_TEXT: return emit_text(d, out);
	case EMIT_MARKDOWN: return emit_markdown(d, out);
	case EMIT_JSON: return emit_json(d, out);
	case EMIT_HTML: return emit_html(d, out);
	case EMIT_MAIL: return emit_mail(d, out);
	default: return -1;
	}
}

/* A backslash before a character that would start Markdown markup at the start of a line. */
static int md_line_start(buf *out, const char *s, const char *end)
{
	if (s < end && (*s == '#' || *s == '>' || *s == '-' || *s == '+' || *s == '*' || *s == '='))
		return buf_addc(out, '\\');
	return 0;
}

/* Writes a block's text, each of its lines behind `prefix` (Markdown only). */
static int lines(buf *out, const block *b, const char *prefix, int markdown)
{
	int r = 0;
	const char *s = b->text, *end = b->text + b->len;
	while (s < end && !r) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		r |= buf_adds(out, prefix);
		if (markdown && b->kind != BLOCK_PRE) {
			/* "1984. was a year" would become an ordered list. */
			const char *p = s;
			while (p < e && *p >= '0' && *p <= '9')
				p++;
			if (p > s && p < e && (*p == '.' || *p == ')')) {
				r |= buf_add(out, s, (size_t)(p - s)) | buf_addc(out, '\\');
				s = p;
			} else {
				r |= md_line_start(out, s, e);
			}
		}
		r |= buf_add(out, s, (size_t)(e - s));
		if (markdown && nl && b->kind != BLOCK_PRE && b->kind != BLOCK_QUOTE)
			r |= buf_adds(out, "  ");   /* a hard line break */
		r |= buf_addc(out, '\n');
		s = nl ? nl + 1 : end;
	}
	return r ? -1 : 0;
}

static int write(const doc *d, buf *out, int markdown, int with_title)
{
	int r = 0;
	bool first = true;
	if (with_title && d->meta.title) {
		r |= buf_printf(out, "%s%s\n", markdown ? "# " : "", d->meta.title);
		first = false;
	}
	int prev_kind = -1;
	for (size_t i = 0; i < d->nblocks && !r; i++) {
		const block *b = &d->blocks[i];
		if (b->label != LABEL_BODY)
			continue;
		/* Markdown list items sit together; everything else is its own paragraph. */
		bool tight = markdown && b->kind == BLOCK_ITEM && prev_kind == BLOCK_ITEM;
		if (!first && !tight)
			r |= buf_addc(out, '\n');
		first = false;
		prev_kind = b->kind;
		if (!markdown) {
			r |= lines(out, b, "", 0);
			continue;
		}
		switch (b->kind) {
		case BLOCK_HEADING: {
			char h[8] = "###### ";
			int level = b->level < 2 ? 2 : b->level;   /* # is the title */
			r |= buf_adds(out, h + 6 - level);
			r |= lines(out, b, "", 0);
			break;
		}
		case BLOCK_ITEM: r |= lines(out, b, "- ", 1); break;
		case BLOCK_QUOTE: r |= lines(out, b, "> ", 1); break;
		case BLOCK_PRE:
			r |= buf_adds(out, "```\n") | lines(out, b, "", 1) | buf_adds(out, "```\n");
			break;
		default: r |= lines(out, b, "", 1); break;
		}
	}
	return r ? -1 : 0;
}

int emit_text(const doc *d, buf *out)
{
	return write(d, out, 0, 1);
}

int emit_markdown(const doc *d, buf *out)
{
	return write(d, out, 1, 1);
}

int emit_body_text(const doc *d, buf *out)
{
	return write(d, out, 0, 0);
}

int emit_byline(const doc *d, buf *out)
{
	const meta *m = &d->meta;
	const char *sep = "";
	int r = 0;
	for (size_t i = 0; i < m->n_author; i++, sep = ", ")
		r |= buf_printf(out, "%s%s", sep, m->author[i]);
	if (m->n_author)
		sep = " \u00b7 ";
	if (m->source && !(m->n_author == 1 && strcmp(m->source, m->author[0]) == 0)) {
		r |= buf_printf(out, "%s%s", sep, m->source);
		sep = " \u00b7 ";
	}
	if (m->date)
		r |= buf_printf(out, "%s%s", sep, m->date);
	if (m->n_author || m->source || m->date)
		r |= buf_addc(out, '\n');
	const char *url = m->canonical_url ? m->canonical_url : m->url;
	if (url)
		r |= buf_printf(out, "%s\n", url);
	return r ? -1 : 0;
}

int emit_article(const doc *d, buf *out)
{
	size_t start = out->len;
	int r = 0;
	if (d->meta.title)
		r |= buf_printf(out, "%s\n", d->meta.title);
	r |= emit_byline(d, out);
	if (out->len > start)
		r |= buf_addc(out, '\n');
	return r | emit_body_text(d, out);
}
