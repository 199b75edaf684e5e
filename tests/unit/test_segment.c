/* test_segment.c — block boundaries, kinds and features, for HTML and for text pages. */
#include "unit.h"

#include "arena.h"
#include "dom.h"
#include "err.h"
#include "segment.h"

static size_t blocks_of(arena *a, const char *html, block **b)
{
	dom d;
	err e = { 0 };
	size_t n = 0;
	if (dom_parse(a, html, strlen(html), &d, &e) == 0)
		segment_html(a, &d, b, &n);
	return n;
}

void test_segment(void)
{
	arena *a = arena_new();
	block *b;
	size_t n = blocks_of(a,
		"<body><h2>Heading</h2><p>One <b>bold</b>\n  word.</p>"
		"<div>第一段。<br><br>第二段\n文字。<br>同一段</div>"
		"<ul><li><a href=/a>Link one</a></li><li>Item</li></ul>"
		"<blockquote><p>Quoted</p></blockquote><pre>  keep\n  spaces</pre>"
		"<p hidden>secret</p><table><tr><td>cell</td></tr></table></body>", &b);
	CHECK(n == 10);
	if (n == 10) {
		CHECK(b[0].kind == BLOCK_HEADING && b[0].level == 2);
		CHECK_STR(b[1].text, "One bold word.");
		CHECK(b[1].kind == BLOCK_TEXT && b[1].tc.words == 3 && b[1].tc.stops == 1);
		/* two <br> split a paragraph; one is a line break; a newline between Han
		 * characters is no space */
		CHECK_STR(b[2].text, "第一段。");
		CHECK_STR(b[3].text, "第二段文字。\n同一段");
		CHECK(b[3].tc.han == 8);
		CHECK(b[4].kind == BLOCK_ITEM && b[4].link_density > 0.99f && b[4].links == 1);
		CHECK(b[5].kind == BLOCK_ITEM && b[5].link_density == 0);
		CHECK(b[6].kind == BLOCK_QUOTE);
		CHECK(b[7].kind == BLOCK_PRE);
		CHECK_STR(b[7].text, "  keep\n  spaces");
		CHECK(b[8].hidden);
		CHECK(b[9].kind == BLOCK_CELL && !b[9].hidden);
		CHECK(b[1].latin == 12);
		CHECK(b[2].latin == 4 * 1 + 3 * 2);
	}
	/* structure: semantic ancestors, like siblings, sentence ends, dates */
	n = blocks_of(a,
		"<body><article><p>He said “it ends.”</p><p>No end here</p></article>"
		"<aside><ul><li class=i><a href=/1>Headline one</a> 3小时前</li>"
		"<li class=i><a href=/2>Headline two</a></li><li class=i>x</li></ul></aside>"
		"<footer><p>© 2026-01-02 Site</p></footer></body>", &b);
	CHECK(n == 6);
	if (n == 6) {
		CHECK(b[0].inside & IN_ARTICLE);
		CHECK(b[0].sentence_end && !b[1].sentence_end);
		CHECK(b[2].inside & IN_ASIDE && b[2].inside & IN_LIST && !(b[2].inside & IN_LINK));
		CHECK(b[2].group == 3 && b[0].group == 2);
		CHECK(b[2].has_date && !b[3].has_date && b[5].has_date);
		CHECK(b[3].inside & IN_LINK);
		CHECK(b[5].inside & IN_FOOTER && !(b[5].inside & IN_ARTICLE));
		CHECK(b[3].depth > b[0].depth);
	}
	CHECK_STR(segment_label_name(LABEL_TRENDING), "trending");
	CHECK(segment_label_kept(LABEL_BODY) && !segment_label_kept(LABEL_SPAM));

	/* Text pages: blank lines separate paragraphs; bulleted lines are items; lines of a
	 * paragraph that is not hard-wrapped stay lines. */
	const char *text = "Title line\n\n  • first item\n  • second item\nstill second\n\n"
			   "相關推薦\n熱點推薦\n\n\nLast.";
	segment_text(a, text, strlen(text), &b, &n);
	CHECK(n == 5);
	if (n == 5) {
		CHECK_STR(b[0].text, "Title line");
		CHECK(b[1].kind == BLOCK_ITEM);
		CHECK_STR(b[1].text, "first item");
		CHECK_STR(b[2].text, "second item\nstill second");
		CHECK_STR(b[3].text, "相關推薦\n熱點推薦");
		CHECK_STR(b[4].text, "Last.");
	}
	/* Hard-wrapped text is joined into paragraphs. */
	const char *wrapped =
		"This paragraph was wrapped by a tool at seventy-two columns or so, like\n"
		"lynx -dump output would be, and it continues on the next line until it\n"
		"reaches its end somewhere on the third line of the paragraph in question\n"
		"\n"
		"A second paragraph is wrapped the same way by the same tool, which puts\n"
		"line breaks where the column count says, not where the sentences end to\n"
		"make the text easier to read for anyone viewing it in a plain terminal.\n";
	segment_text(a, wrapped, strlen(wrapped), &b, &n);
	CHECK(n == 2);
	CHECK(n >= 1 && !strchr(b[0].text, '\n') && strstr(b[0].text, "like lynx"));
	arena_free(a);
}
