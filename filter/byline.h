/* byline.h — attribution written in a page's text: labelled lines ("来源：新华网 作者：张三
 * 2011-12-09", "责任编辑：李四", "发布时间：…") and English bylines ("By Jane Doe | March 5"). */
#ifndef WINNOW_BYLINE_H
#define WINNOW_BYLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

struct err;

/* The labels of conf/byline-author.txt (weighted: the writer ranks over the editor),
 * byline-source.txt and byline-date.txt, the words that end a name written without a space
 * (byline-stop.txt), Chinese family names (surnames.txt) and what may stand before a label
 * written without a colon (byline-prefix.txt). */
typedef struct byline_words {
	conf_list author, source, date, stop, surname, prefix;
} byline_words;

/* Labels weighted this much or more name the writer ("作者", "记者", "By"); lighter ones an
 * editor or translator ("编辑", "编译"). */
enum { BYLINE_WRITER = 3 };

int byline_load(byline_words *w, struct err *e);
void byline_free(byline_words *w);

/* What one line says.  Pointers point into the text read; lengths in bytes. */
typedef struct byline {
	const char *author;
	size_t author_len;
	float author_rank;        /* the label's weight; 4 for "By" */
	const char *author_label; /* the label as listed ("作者", "By"), for --explain */
	const char *source;
	size_t source_len;
	const char *date;         /* where a date starts (date_iso reads it with its time) */
	size_t date_len;
	bool date_labelled;       /* the date followed a word of byline-date.txt */
	const char *date_label;
	bool whole;               /* nothing but attribution: labels, names, dates, separators */
} byline;

/* Reads the attribution in s[0..n), one block's text.  A label written without a colon
 * ("记者 王五") counts only before a name of two to four Han characters that starts with a
 * family name; "By" only at the start of the line or after a separator, before a capitalised
 * name, or before any name right after a date.  Such a Han name in brackets right after a date
 * ("2004年7月16日08:19 [ 黄宇 ]") is the author too.  Returns whether anything was found. */
bool byline_read(const byline_words *w, const char *s, size_t n, byline *b);

/* The name in the parentheses that close s[0..n), the credit Chinese reports end with:
 * "（袁源）", "（姚峰 上海报道）", "（总台记者 张倩）".  NULL when there is none; *len gets
 * its length. */
const char *byline_credit(const byline_words *w, const char *s, size_t n, size_t *len);

/* Whether s[0..n) reads as a person's name: two to four Han characters starting with a family
 * name, or one to five capitalised words ("Jane Doe", "A. J. Neal", "Ludwig van Beethoven"). */
bool byline_is_name(const byline_words *w, const char *s, size_t n);

#endif
