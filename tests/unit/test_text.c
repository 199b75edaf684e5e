/* test_text.c — UTF-8 decoding and the CJK-aware character classes. */
#include "unit.h"

#include "text.h"

void test_text(void)
{
	const char *s = "a\xE4\xB8\xAD\xF0\x9F\x98\x80", *p = s, *end = s + strlen(s);
	CHECK(text_next(&p, end) == 'a');
	CHECK(text_next(&p, end) == 0x4E2D);
	CHECK(text_next(&p, end) == 0x1F600);
	CHECK(p == end);

	/* Overlong, surrogate, truncated: each bad byte is one U+FFFD and decoding goes on. */
	const char *bad = "\xC0\xAF\xED\xA0\x80\xE4\xB8";
	p = bad, end = bad + strlen(bad);
	int n = 0;
	while (p < end)
		CHECK(text_next(&p, end) == 0xFFFD), n++;
	CHECK(n == 7);
	CHECK(text_valid_utf8("\xEF\xBF\xBD ok", 6));
	CHECK(!text_valid_utf8("\xB0\xA1", 2));

	char flat[32];
	const char *ws = " \t 新闻\u3000 标题\n\u00A0 x ";
	CHECK(text_collapse(flat, ws, strlen(ws)) == strlen("新闻 标题 x"));
	CHECK_STR(flat, "新闻 标题 x");
	CHECK(text_collapse(flat, " \u3000\n", strlen(" \u3000\n")) == 0 && flat[0] == '\0');

	/* Backwards: whole characters, and a stray continuation byte alone. */
	const char *back = "a\xE4\xB8\xAD\xBF";
	p = back + 5;
	CHECK(text_prev(&p, back) == 0xFFFD && p == back + 4);
	CHECK(text_prev(&p, back) == 0x4E2D && p == back + 1);
	CHECK(text_prev(&p, back) == 'a' && p == back);

	char out[4];
	CHECK(text_put(out, 0x4E2D) == 3 && memcmp(out, "\xE4\xB8\xAD", 3) == 0);

	text_counts c;
	const char *zh = "中文，测试。Hello world, again!";
	text_count(zh, strlen(zh), &c);
	CHECK(c.han == 4);
	CHECK(c.words == 3);
	CHECK(c.commas == 2);
	CHECK(c.stops == 2);
	CHECK(c.punct == 4);
	CHECK(text_latin_len(&c) == c.chars + 8);
	CHECK(text_is_space(0x3000));
	/* A line of zero-width joiners, soft hyphens and variation selectors shows nothing; an
	 * emoji joined by them does. */
	const char *marks = "\xe2\x80\x8d \xc2\xad\xef\xb8\x8f\xe2\x81\xa0";
	CHECK(!text_visible(marks, strlen(marks)));
	CHECK(!text_visible("", 0));
	const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9";
	CHECK(text_visible(family, strlen(family)));
	CHECK(!text_is_han(0xFF0C));
	CHECK(text_find_ci("Most Read today", 15, "most read") != NULL);
}
