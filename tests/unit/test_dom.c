/* test_dom.c — the node table: order, counts, hidden flags, and a walk that needs no stack. */
#include "unit.h"

#include <gumbo.h>
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "dom.h"
#include "err.h"

static int32_t find_tag(const dom *d, uint16_t tag)
{
	for (int32_t i = 0; i < d->n; i++)
		if (d->node[i].tag == tag)
			return i;
	return -1;
}

void test_dom(void)
{
	arena *a = arena_new();
	err e = { 0 };
	dom d;
	const char *html =
		"<html lang=zh><head><title> 标题 | Site </title><script>var x='<p>';</script></head>"
		"<body><div id=main class='post body'><p>中文，测试。<a href=/x>链接</a></p>"
		"<p style='display: none'>hidden text</p><p hidden>also</p></div></body></html>";
	CHECK(dom_parse(a, html, strlen(html), &d, &e) == 0);
	CHECK_STR(d.title, "标题 | Site");
	CHECK_STR(d.lang, "zh");
	CHECK(d.body >= 0 && d.head >= 0 && d.html == 0);
	int32_t div = find_tag(&d, GUMBO_TAG_DIV);
	CHECK(div > d.body);
	CHECK_STR(d.node[div].id, "main");
	CHECK_STR(d.node[div].cls, "post body");
	/* 中文，测试。链接: 8 characters, 6 Han, 2 punctuation, 2 of them in the link. */
	CHECK(d.node[div].chars == 8);
	CHECK(d.node[div].han == 6);
	CHECK(d.node[div].punct == 2);
	CHECK(d.node[div].link_chars == 2);
	CHECK(d.node[div].link_tags == 1);
	CHECK(d.node[d.body].chars == 8);   /* script text and hidden text are not counted */
	int32_t p2 = d.node[find_tag(&d, GUMBO_TAG_P)].next;
	CHECK(p2 > 0 && (d.node[p2].flags & DOM_HIDDEN));
	CHECK(d.node[p2 + 1].tag == DOM_TEXT && (d.node[p2 + 1].flags & DOM_HIDDEN));
	CHECK((d.node[d.node[p2].next].flags & DOM_HIDDEN) != 0);
	int32_t s = find_tag(&d, GUMBO_TAG_SCRIPT);
	CHECK(s > 0 && (d.node[s + 1].flags & DOM_SKIP) && strstr(d.node[s + 1].text, "<p>"));
	/* Every node's descendants are the nodes up to its end. */
	int ok = 1;
	for (int32_t i = 1; i < d.n; i++)
		ok &= d.node[i].parent < i && d.node[i].end <= d.node[d.node[i].parent].end;
	CHECK(ok);
	arena_free(a);

	/* 100 000 nested elements (the screen pass is not in front here): the walk is iterative,
	 * so this finishes without overflowing the C stack. */
	buf deep;
	buf_init(&deep, 0);
	for (int i = 0; i < 100000; i++)
		buf_adds(&deep, "<span>");
	buf_adds(&deep, "bottom");
	a = arena_new();
	CHECK(dom_parse(a, deep.data, deep.len, &d, &e) == 0);
	CHECK(d.n > 100000);
	CHECK(d.node[d.n - 1].tag == DOM_TEXT && strcmp(d.node[d.n - 1].text, "bottom") == 0);
	CHECK(d.node[d.body].chars == 6);
	arena_free(a);
	buf_free(&deep);
}
