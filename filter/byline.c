/* byline.c — reading attribution lines: the labels of conf/byline-*.txt, the names and dates
 * after them, English "By …" bylines, and whether a line holds anything else. */
#include "byline.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "text.h"

int byline_load(byline_words *w, struct err *e)
{
	memset(w, 0, sizeof *w);
	if (conf_list_load("byline-author.txt", &w->author, e) < 0 ||
	    conf_list_load("byline-source.txt", &w->source, e) < 0 ||
	    conf_list_load("byline-date.txt", &w->date, e) < 0 ||
	    conf_list_load("byline-stop.txt", &w->stop, e) < 0 ||
	    conf_list_load("surnames.txt", &w->surname, e) < 0 ||
	    conf_list_load("byline-prefix.txt", &w->prefix, e) < 0)
		return -1;
	return 0;
}

void byline_free(byline_words *w)
{
	conf_list_free(&w->author);
	conf_list_free(&w->source);
	conf_list_free(&w->date);
	conf_list_free(&w->stop);
	conf_list_free(&w->surname);
	conf_list_free(&w->prefix);
}

/* Cursor over the line being read. */
struct line {
	const byline_words *w;
	const char *s, *end;
};

static uint32_t peek(const char *p, const char *end, const char **next)
{
	const char *q = p;
	uint32_t c = p < end ? text_next(&q, end) : 0;
	if (next)
		*next = q;
	return c;
}

static bool blank(uint32_t c)
{
	return c && text_is_space(c);
}

static const char *skip_blanks(const char *p, const char *end)
{
	const char *q;
	while (p < end && blank(peek(p, end, &q)))
		p = q;
	return p;
}

/* Characters that end a name: sentence and list punctuation, brackets closing, separators.
 * "、" and "&" stay inside ("赵延东、风笑天", "放飞&心情"). */
static bool ends_name(uint32_t c)
{
	switch (c) {
	case ',': case ';': case '|': case '/': case ')': case ']': case '>': case '<': case '"':
	case '.': case '!': case '?': case '[': case '(': case '{': case '}':
	case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF5C: case 0xFF0F: case 0xFF09: case 0x3011:
	case 0x300B: case 0x300A: case 0x3010: case 0xFF08: case 0x00B7: case 0x2022: case 0x201C:
	case 0x201D: case 0xFF1A: case ':': case 0x3015: case 0x3014: case 0xFF3D: case 0xFF3B:
	case 0x2014: case 0x2013: case 0xFF01: case 0xFF1F: case '\n': case 0x3013:
		return true;
	default:
		return false;
	}
}

static bool latin_letter(const char *p)
{
	return isalpha((unsigned char)*p) != 0;
}

/* The longest entry of list that is written at p; ASCII words must stand alone. */
static const char *label_at(const conf_list *list, const char *s, const char *p, const char *end,
			    float *weight, size_t *len)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < list->n; i++) {
		const char *e = list->item[i];
		size_t k = strlen(e);
		if (k <= best_len || (size_t)(end - p) < k || strncasecmp(p, e, k) != 0)
			continue;
		if (latin_letter(e) && ((p > s && isalnum((unsigned char)p[-1])) ||
					(p + k < end && isalpha((unsigned char)p[k]))))
			continue;
		best = e;
		best_len = k;
		if (weight)
			*weight = list->weight[i];
	}
	*len = best_len;
	return best;
}

static bool any_label(const struct line *l, const char *p)
{
	size_t k;
	return label_at(&l->w->author, l->s, p, l->end, NULL, &k) ||
	       label_at(&l->w->source, l->s, p, l->end, NULL, &k) ||
	       label_at(&l->w->date, l->s, p, l->end, NULL, &k);
}

/* Whether a date starts at p ("2011-12-09", "March 5, 2020"); dates are short, so only the
 * next 40 bytes are looked at. */
static bool date_at(const char *p, const char *end)
{
	size_t k;
	return p < end && (isdigit((unsigned char)*p) || isalpha((unsigned char)*p)) &&
	       date_find(p, (size_t)(end - p < 40 ? end - p : 40), &k) == p;
}

/* One token of a name at p: up to a blank, a character that ends names, a label, a date, or
 * (after Han characters) a word of byline-stop.txt.  Counts its Han characters and whether
 * anything else is in it. */
static const char *token(const struct line *l, const char *p, unsigned *han, bool *other)
{
	const char *q = p, *next;
	size_t k;
	*han = 0;
	*other = false;
	while (q < l->end) {
		uint32_t c = peek(q, l->end, &next);
		if (blank(c) || ends_name(c))
			break;
		if (q > p && (any_label(l, q) || date_at(q, l->end)))
			break;
		if (q > p && *han && label_at(&l->w->stop, l->s, q, l->end, NULL, &k))
			break;
		if (text_is_han(c))
			(*han)++;
		else
			*other = true;
		q = next;
	}
	return q;
}

static bool capital(const char *p, const char *end)
{
	uint32_t c = peek(p, end, NULL);
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

/* Whether a label at p written without a colon stands where a byline's would: after no Han
 * character, or after the end of a publisher's name or a rank (byline-prefix.txt). */
static bool label_place(const struct line *l, const char *p)
{
	const char *q = p;
	while (q > l->s && ((unsigned char)q[-1] & 0xC0) == 0x80)
		q--;
	if (q == l->s)
		return true;
	q--;
	while (q > l->s && ((unsigned char)*q & 0xC0) == 0x80)
		q--;
	if (!text_is_han(peek(q, l->end, NULL)))
		return true;
	for (size_t i = 0; i < l->w->prefix.n; i++) {
		size_t k = strlen(l->w->prefix.item[i]);
		if ((size_t)(p - l->s) >= k && memcmp(p - k, l->w->prefix.item[i], k) == 0)
			return true;
	}
	return false;
}

/* Whether the Han name at p starts with a family name. */
static bool surname_at(const struct line *l, const char *p)
{
	size_t k;
	return label_at(&l->w->surname, l->s, p, l->end, NULL, &k) != NULL;
}

/* The name after a label at p: one token, then more tokens while each is a Han name of two to
 * four characters or a capitalised word ("宋怡 杨志华", "周思博 (Joel Spolsky)").  With
 * strict, the first token must be such a Han name too (a label written without a colon). */
static const char *name(const struct line *l, const char *p, bool strict, const char **start)
{
	p = skip_blanks(p, l->end);
	/* An opening bracket around the whole name: "来源：[ 国际金融报 ]". */
	const char *q;
	uint32_t c = peek(p, l->end, &q);
	if (c == '[' || c == 0x3010 || c == 0xFF3B)
		p = skip_blanks(q, l->end);
	*start = p;
	unsigned han;
	bool other;
	const char *e = token(l, p, &han, &other);
	if (e == p || (strict && (other || han < 2 || han > 4 || !surname_at(l, p))) ||
	    date_at(p, l->end))
		return NULL;
	/* Markup that leaked into the text ("size=") is no name. */
	for (const char *m = p; m < e; m++)
		if (*m == '=' || *m == '{' || *m == '}' || *m == '<' || *m == '>')
			return NULL;
	if (!han && !latin_letter(p) && !(peek(p, l->end, NULL) >= 0x80))
		return NULL;   /* "2376" or "—" is no name */
	for (int tokens = 1; tokens < 6; tokens++) {
		const char *r = skip_blanks(e, l->end);
		if (r == e || r == l->end)
			break;
		c = peek(r, l->end, &q);
		if (c == '(' || c == 0xFF08) {   /* a name given twice: "周思博 (Joel Spolsky)" */
			const char *close = q;
			while (close < l->end && *close != ')' && close - q < 32)
				close++;
			if (close < l->end && *close == ')') {
				e = close + 1;
				continue;
			}
			break;
		}
		if (any_label(l, r) || date_at(r, l->end))
			break;
		const char *t = token(l, r, &han, &other);
		bool han_name = !other && han >= 2 && han <= 4 && surname_at(l, r);
		if (!(han_name || (!han && capital(r, l->end))))
			break;
		e = t;
	}
	return e;
}

/* Particles and joiners inside an English name list: "Ludwig van Beethoven", "Jane Doe and
 * John Roe". */
static bool joiner(const char *p, const char *e)
{
	static const char *const words[] = { "and", "&", "de", "van", "von", "der", "den", "da",
					     "di", "du", "le", "la", "bin", "al", "del", "y" };
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if ((size_t)(e - p) == strlen(words[i]) && strncasecmp(p, words[i], (size_t)(e - p)) == 0)
			return true;
	return false;
}

/* An English name list after "By": capitalised words, initials, particles, commas between
 * names.  any_first lets the first token be any word (a user name after a date). */
static const char *english_name(const struct line *l, const char *p, bool any_first,
				const char **start)
{
	p = skip_blanks(p, l->end);
	if (p < l->end && *p == ':')
		p = skip_blanks(p + 1, l->end);
	*start = p;
	unsigned han;
	bool other;
	const char *e = token(l, p, &han, &other);
	if (e == p || date_at(p, l->end) || (!capital(p, l->end) && !han && !any_first))
		return NULL;
	if (e < l->end && *e == '.' && e - p == 1)
		e++;   /* an initial keeps its dot: "A. J. Neal" */
	for (int tokens = 1; tokens < 16; tokens++) {
		const char *r = e;
		if (r < l->end && *r == ',')
			r++;
		r = skip_blanks(r, l->end);
		if (r == e || r == l->end)
			break;
		const char *t = token(l, r, &han, &other);
		if (t == r)
			break;
		if (joiner(r, t)) {
			const char *after = skip_blanks(t, l->end);
			if (after == t || !capital(after, l->end))
				break;
			const char *t2 = token(l, after, &han, &other);
			e = t2;
			continue;
		}
		if (!capital(r, l->end))
			break;
		if (t < l->end && *t == '.' && t - r == 1)
			t++;
		e = t;
	}
	return e;
}

/* The user name standing before a forum's "发表于" at p: the word before it, alone. */
static const char *poster(const struct line *l, const char *p, const char **start)
{
	const char *e = p;
	while (e > l->s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == p)
		return NULL;   /* glued to the word before: no name of its own */
	const char *r = e;
	while (r > l->s && r[-1] != ' ' && r[-1] != '\t' && e - r < 40) {
		const char *c = r - 1;
		while (c > l->s && ((unsigned char)*c & 0xC0) == 0x80)
			c--;
		if (ends_name(peek(c, l->end, NULL)))
			break;
		r = c;
	}
	unsigned han;
	bool other;
	if (r == e || token(l, r, &han, &other) != e || date_at(r, l->end) || any_label(l, r))
		return NULL;
	*start = r;
	return e;
}

static void set_author(byline *b, const char *s, const char *e, float rank, const char *label)
{
	if (!s || e <= s || (b->author && b->author_rank >= rank))
		return;
	b->author = s;
	b->author_len = (size_t)(e - s);
	b->author_rank = rank;
	b->author_label = label;
}

bool byline_read(const byline_words *w, const char *s, size_t n, byline *b)
{
	struct line l = { w, s, s + n };
	memset(b, 0, sizeof *b);
	size_t rest = 0;
	bool after_date = false;
	bool fresh = true;   /* nothing but blanks and separators since the start */
	const char *p = s, *q;
	while (p < l.end) {
		float weight = 0;
		size_t k;
		const char *lab, *start, *e;
		if ((lab = label_at(&w->author, s, p, l.end, &weight, &k))) {
			q = skip_blanks(p + k, l.end);
			uint32_t c = peek(q, l.end, &e);
			bool colon = c == ':' || c == 0xFF1A || (c == '/' && !latin_letter(lab));
			if (colon)
				q = e;
			/* "作者：记者 陈晓岚": the inner label is the one to read. */
			q = skip_blanks(q, l.end);
			if (colon && label_at(&w->author, s, q, l.end, NULL, &k)) {
				p = q;
				continue;
			}
			/* "Written by" and "Posted by" need no colon; Chinese labels ranked 3 and
			 * up ("记者", "实习生") go without one before a bare name. */
			bool by = k > 3 && strncasecmp(p + k - 3, " by", 3) == 0;
			/* After "Posted by" at the start of a line any user name goes; inside a
			 * sentence ("posted by a user") only a capitalised one. */
			if ((e = by ? english_name(&l, q, fresh, &start)
				    : name(&l, q, !colon, &start)) &&
			    (colon || by || (!latin_letter(lab) && weight >= 3 && label_place(&l, p)))) {
				set_author(b, start, e, weight, lab);
				p = e;
				after_date = fresh = false;
				continue;
			}
		}
		if ((lab = label_at(&w->source, s, p, l.end, NULL, &k))) {
			q = skip_blanks(p + k, l.end);
			uint32_t c = peek(q, l.end, &e);
			if ((c == ':' || c == 0xFF1A) && (e = name(&l, e, false, &start))) {
				if (!b->source) {
					b->source = start;
					b->source_len = (size_t)(e - start);
				}
				p = e;
				continue;
			}
		}
		char iso[32];
		if ((lab = label_at(&w->date, s, p, l.end, &weight, &k))) {
			q = skip_blanks(p + k, l.end);
			uint32_t c = peek(q, l.end, &e);
			if (c == ':' || c == 0xFF1A)
				q = skip_blanks(e, l.end);
			if (l.end - q > 3 && strncasecmp(q, "on ", 3) == 0)   /* "Posted on …" */
				q = skip_blanks(q + 3, l.end);
			size_t dl;
			if (date_at(q, l.end) && date_find(q, (size_t)(l.end - q), &dl) == q &&
			    date_iso(q, dl, NULL, iso) == 0) {
				if (!b->date_labelled) {
					b->date = q;
					b->date_len = dl;
					b->date_labelled = true;
					b->date_label = lab;
				}
				if (weight >= 2 && (e = poster(&l, p, &start)))
					set_author(b, start, e, 2, lab);
				p = q + dl;
				after_date = true;
				continue;
			}
		}
		size_t dl;
		if (date_at(p, l.end) && date_find(p, (size_t)(l.end - p), &dl) == p) {
			if (!b->date && date_iso(p, dl, NULL, iso) == 0) {
				b->date = p;
				b->date_len = dl;
			}
			p += dl;
			after_date = true;
			continue;
		}
		/* A Chinese name in brackets right after the date: "2004年7月16日08:19 [ 黄宇 ]". */
		uint32_t bracket = peek(p, l.end, &q);
		if (after_date && (bracket == '[' || bracket == 0x3010) &&
		    (e = name(&l, q, true, &start))) {
			const char *r = skip_blanks(e, l.end);
			uint32_t close = peek(r, l.end, &q);
			if ((bracket == '[' && close == ']') || (bracket == 0x3010 && close == 0x3011)) {
				set_author(b, start, e, 2, "[name]");
				p = q;
				after_date = false;
				continue;
			}
		}
		/* "By Jane Doe", and "… 22:11:42 by duscha" on forums; "ByJane Doe" when the label
		 * and the name were two elements with nothing between them. */
		bool glued = p == s && p[0] == 'B' && p[1] == 'y' && p[2] >= 'A' && p[2] <= 'Z';
		if ((fresh || after_date) && l.end - p > 3 &&
		    ((strncasecmp(p, "by", 2) == 0 && (p[2] == ' ' || p[2] == ':')) || glued) &&
		    (e = english_name(&l, p + 2, after_date, &start))) {
			set_author(b, start, e, 4, "By");
			p = e;
			continue;
		}
		uint32_t c = peek(p, l.end, &q);
		if (!blank(c) && !text_is_punct(c)) {
			rest++;
			after_date = fresh = false;
		} else if (text_is_punct(c)) {
			fresh = true;
		}
		p = q;
	}
	bool found = b->author || b->source || b->date;
	/* A few stray characters ("更新", "|") do not make a line more than attribution. */
	b->whole = found && rest <= 4;
	return found;
}

bool byline_is_name(const byline_words *w, const char *s, size_t n)
{
	struct line l = { w, s, s + n };
	const char *start, *e;
	s = skip_blanks(s, l.end);
	if (s == l.end)
		return false;
	if (text_is_han(peek(s, l.end, NULL)))
		e = name(&l, s, true, &start);
	else
		e = english_name(&l, s, false, &start);
	return e && skip_blanks(e, l.end) == l.end;
}

const char *byline_credit(const byline_words *w, const char *s, size_t n, size_t *len)
{
	struct line l = { w, s, s + n };
	const char *e = l.end, *start, *q;
	while (e > s) {   /* trailing blanks, NBSP (U+00A0) and U+3000 among them */
		q = e;
		if (!blank(text_prev(&q, s)))
			break;
		e = q;
	}
	/* The credit closes the text: "…吗？”（姚峰 上海报道）", "（袁源）". */
	if (e - s < 3 || memcmp(e - 3, "\xEF\xBC\x89", 3) != 0)
		return NULL;
	const char *open = NULL;
	for (const char *p = e - 3; p > s && e - p < 48; p--)
		if (p - s >= 3 && memcmp(p - 3, "\xEF\xBC\x88", 3) == 0) {
			open = p;
			break;
		}
	if (!open)
		return NULL;
	l.end = e - 3;
	/* A labelled credit: "（记者 胡晓蓉）", "（总台记者 张倩）". */
	byline b;
	if (byline_read(w, open, (size_t)(l.end - open), &b) && b.author && b.whole) {
		*len = b.author_len;
		return b.author;
	}
	q = name(&l, open, true, &start);
	if (!q)
		return NULL;
	q = skip_blanks(q, l.end);
	/* Only the name, or the name and where it reported from ("上海报道"): the words of
	 * byline-stop.txt end such a place. */
	bool place = q == l.end;
	for (size_t i = 0; i < w->stop.n && !place; i++) {
		size_t k = strlen(w->stop.item[i]);
		place = (size_t)(l.end - q) > k && memcmp(l.end - k, w->stop.item[i], k) == 0;
	}
	if (!place)
		return NULL;
	*len = (size_t)(name(&l, open, true, &start) - start);
	return start;
}
