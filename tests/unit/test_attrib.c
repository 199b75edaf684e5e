/* test_attrib.c — attribution from small pages run through dom_parse, segment_html and
 * attrib_find: JSON-LD, meta, bylines, dates, addresses, reposts and disclaimers. */
#include "unit.h"

#include <stdio.h>

#include "arena.h"
#include "attrib.h"
#include "byline.h"
#include "doc.h"
#include "dom.h"
#include "err.h"
#include "segment.h"

/* The page parsed and cut into blocks; every block of a sentence or more is labelled body, as
 * the content classifier would, so attribution sees an article between header and footer. */
static doc *page(const attrib *at, const char *html, const char *url)
{
	doc *d = doc_new("test", url);
	err e = { 0 };
	if (dom_parse(d->a, html, strlen(html), &d->dom, &e) < 0)
		return d;
	segment_html(d->a, &d->dom, &d->blocks, &d->nblocks);
	for (size_t i = 0; i < d->nblocks; i++)
		d->blocks[i].label = d->blocks[i].latin >= 60 ? LABEL_BODY : LABEL_BOILERPLATE;
	attrib_find(at, d);
	return d;
}

/* The same, with the blocks that start with "©" labelled footer, as the boilerplate plugin
 * would. */
static doc *page_with_footer(const attrib *at, const char *html)
{
	doc *d = doc_new("test", NULL);
	err e = { 0 };
	if (dom_parse(d->a, html, strlen(html), &d->dom, &e) < 0)
		return d;
	segment_html(d->a, &d->dom, &d->blocks, &d->nblocks);
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		b->label = b->latin >= 60 ? LABEL_BODY : LABEL_BOILERPLATE;
		if (strncmp(b->text, "©", 2) == 0)
			b->label = LABEL_FOOTER;
	}
	attrib_find(at, d);
	return d;
}

static const char *author(const doc *d, size_t i)
{
	return i < d->meta.n_author ? d->meta.author[i] : NULL;
}

#define PROSE "<p>This paragraph is the body of the article, long enough to read as prose, " \
	      "with commas, clauses and a full stop at the end of it.</p>"
#define ZH_PROSE "<p>城东街道翠苑新村七幢楼下响起了破土的声音，随着挖掘机落下第一铲土，" \
		 "这个老旧小区的首批加装电梯工程正式开工，居民们围在一旁看着。</p>"

static void jsonld(const attrib *at)
{
	doc *d = page(at,
		"<html><head><title>Wrong | Site</title>"
		"<meta name=author content=\"Site Staff\">"
		"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
		"{\"@type\":\"WebPage\",\"@id\":\"#page\",\"name\":\"Wrong | Site\"},"
		"{\"@type\":\"Person\",\"@id\":\"#jane\",\"name\":\"Jane Doe\"},"
		"{\"@type\":[\"NewsArticle\"],\"headline\":\"Real &amp; true headline\","
		"\"author\":[{\"@id\":\"#jane\"},{\"@type\":\"Person\",\"name\":\"John Roe\"},"
		"\"https://example.com/staff\"],"
		"\"datePublished\":\"2020-05-13T15:03:25-05:00\","
		"\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Daily\"}}]}</script>"
		"</head><body>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Real & true headline");
	CHECK_STR(d->meta.from[META_TITLE], "json-ld headline");
	CHECK(d->meta.n_author == 2);
	CHECK_STR(author(d, 0), "Jane Doe");
	CHECK_STR(author(d, 1), "John Roe");
	CHECK_STR(d->meta.source, "The Daily");
	CHECK_STR(d->meta.date, "2020-05-13T15:03:25-05:00");
	doc_free(d);

	/* Invalid JSON-LD is skipped; the meta data still counts. */
	d = page(at,
		"<html><head><title>T</title><meta property=og:title content=\"From OpenGraph\">"
		"<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"Bad\",</script>"
		"<script type=application/ld+json><!-- {\"@type\":\"BlogPosting\","
		"\"author\":{\"name\":\"Wrapped Author\"}} --></script>"
		"</head><body>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "From OpenGraph");
	CHECK_STR(author(d, 0), "Wrapped Author");
	doc_free(d);

	/* The name the <title> repeats wins over a headline that is a summary. */
	d = page(at,
		"<html><head><title>New Zealand - Wikipedia</title>"
		"<script type=application/ld+json>{\"@type\":\"Article\",\"name\":\"New Zealand\","
		"\"headline\":\"country in Oceania\"}</script></head><body>" PROSE "</body></html>",
		NULL);
	CHECK_STR(d->meta.title, "New Zealand");
	doc_free(d);
}

/* Which of the page's names for itself is the title. */
static void titles(const attrib *at)
{
	/* A JSON-LD name that is the site's is no title, though the <title> repeats it. */
	doc *d = page(at,
		"<html><head><title>Harbour reopens after the storm - The Coast Post</title>"
		"<script type=application/ld+json>{\"@type\":\"NewsArticle\","
		"\"name\":\"The Coast Post\",\"headline\":\"Harbour reopens after storm\"}"
		"</script></head><body>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Harbour reopens after storm");
	CHECK_STR(d->meta.from[META_TITLE], "json-ld headline");
	doc_free(d);

	/* The headline a heading reads wins over the name the <title> repeats. */
	d = page(at,
		"<html><head><title>What a deep clean costs and why - Cleaners</title>"
		"<script type=application/ld+json>{\"@type\":\"BlogPosting\","
		"\"name\":\"What a deep clean costs and why - Cleaners\","
		"\"headline\":\"Deep cleaning costs in the city\"}</script></head><body>"
		"<h1>Cleaners</h1><h1>Deep cleaning costs in the city</h1>" PROSE "</body></html>",
		NULL);
	CHECK_STR(d->meta.title, "Deep cleaning costs in the city");
	doc_free(d);

	/* A <meta name=title> that copies the <title> does not keep the site's name on. */
	d = page(at,
		"<html><head><title>Winter flu season starts early - Harbour Daily News</title>"
		"<meta name=title content=\"Winter flu season starts early - Harbour Daily News\">"
		"</head><body>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Winter flu season starts early");
	doc_free(d);

	/* Of two headings the <title> holds, the one it starts with, not the site's banner. */
	d = page(at,
		"<html><head><title>Garden Tool Tests | The Big Garden Awards</title></head><body>"
		"<h1>The Big Garden Awards</h1><h1>Garden Tool Tests</h1>" PROSE "</body></html>",
		NULL);
	CHECK_STR(d->meta.title, "Garden Tool Tests");
	doc_free(d);

	/* A heading's link to itself (a pilcrow, an icon glyph) is no part of the title. */
	d = page(at,
		"<html><head><title>Playbooks \xe2\x80\x94 Tool Documentation</title></head><body>"
		"<h1>Playbooks<a href=\"#playbooks\">\xef\x83\x81</a></h1>" PROSE
		"<h2>Syntax<a href=\"#syntax\">\xc2\xb6</a></h2>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Playbooks");
	CHECK_STR(d->meta.from[META_TITLE], "<h1>");
	CHECK(d->nblocks > 0 && d->blocks[0].label == LABEL_TITLE);
	doc_free(d);

	/* An article's headline over the text wins over a meta title that words it otherwise. */
	d = page(at,
		"<html><head><title>Free Blockchain Course - Chain School</title>"
		"<meta property=og:type content=article>"
		"<meta property=og:title content=\"Free Blockchain Course\"></head><body>"
		"<h1>Chain School</h1><h1>Blockchain Fundamentals Free Course</h1>" PROSE
		"</body></html>", NULL);
	CHECK_STR(d->meta.title, "Blockchain Fundamentals Free Course");
	CHECK_STR(d->meta.from[META_TITLE], "<h1>, the article's headline");
	doc_free(d);

	/* A headline that reads the meta title's leading part makes that part the title, in the
	 * meta title's spelling; one that carries its date leaves the meta title. */
	d = page(at,
		"<html><head><title>History of coffee | Origin, Spread, Facts | Encyclopedia</title>"
		"<meta property=og:title content=\"History of coffee | Origin, Spread, Facts | "
		"Encyclopedia\"><meta property=og:type content=article></head><body>"
		"<h1>history of coffee</h1>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "History of coffee");
	doc_free(d);
	d = page(at,
		"<html><head><title>Preparing a transition in the archive | Notes</title>"
		"<meta property=og:title content=\"Preparing a transition in the archive\">"
		"<meta property=og:type content=article></head><body>"
		"<h1>Dec 18 2025 Preparing a transition in the new archive</h1>" PROSE
		"</body></html>", NULL);
	CHECK_STR(d->meta.title, "Preparing a transition in the archive");
	doc_free(d);

	/* A headline in capitals is a style: the meta title has the case. */
	d = page(at,
		"<html><head><title>Best Kettles 2026: Tips From Coffee Pros</title>"
		"<meta property=og:title content=\"Best Kettles 2026: Tips From Coffee Pros\">"
		"<meta property=og:type content=article></head><body>"
		"<h1>BEST KETTLES IN 2026: TIPS FROM COFFEE PROS</h1>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Best Kettles 2026: Tips From Coffee Pros");
	doc_free(d);

	/* Markdown emphasis left in a meta title goes; a lone asterisk stays. */
	d = page(at,
		"<html><head><meta name=title content=\"*A Treatise on Coffee* (1792)\">"
		"</head><body>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "A Treatise on Coffee (1792)");
	doc_free(d);
	d = page(at,
		"<html><head><meta name=title content=\"The 5* hotels of the coast\">"
		"</head><body>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "The 5* hotels of the coast");
	doc_free(d);

	/* Not on a page that is no article: a shop's or a service's heading is a slogan. */
	d = page(at,
		"<html><head><title>Free Blockchain Course - Chain School</title>"
		"<meta property=og:type content=website>"
		"<meta property=og:title content=\"Free Blockchain Course\"></head><body>"
		"<h1>Blockchain Fundamentals Free Course</h1>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Free Blockchain Course");
	doc_free(d);

	/* Nor when the heading only spells the meta title otherwise (a possessive, a colon), nor
	 * when it shares too few of its words. */
	d = page(at,
		"<html><head><title>How we built Harbour's task queue - an async story</title>"
		"<meta property=og:title content=\"How we built Harbour's task queue - an async "
		"story\"><meta property=article:published_time content=2026-03-04>"
		"</head><body><h1>How we built Harbour task queue: an async story</h1>" PROSE
		"</body></html>", NULL);
	CHECK_STR(d->meta.title, "How we built Harbour's task queue - an async story");
	doc_free(d);
	d = page(at,
		"<html><head><title>Harbour reopens after the storm</title>"
		"<meta property=og:title content=\"Harbour reopens after the storm\">"
		"<meta property=og:type content=article></head><body>"
		"<h1>Storm news from the coast today</h1>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "Harbour reopens after the storm");
	doc_free(d);

	/* A heading of nothing but marks is left as it is. */
	d = page(at, "<html><head><title>Marks \xc2\xb6\xc2\xb6</title></head><body>"
		     "<h1>\xc2\xb6\xc2\xb6</h1>" PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.title, "\xc2\xb6\xc2\xb6");
	doc_free(d);
}

static void meta_tags(const attrib *at)
{
	doc *d = page(at,
		"<html lang=en><head><title>Title | Site</title>"
		"<meta name=\"og:site_name\" content=\"Example News\">"
		"<meta name=author content=\"Example News\">"
		"<meta name=\"dc.creator\" content=\"Dublin Core Author\">"
		"<meta property=\"article:published_time\" content=\"Wed, 04 Mar 2026 18:58:32 GMT\">"
		"<link rel=canonical href=\"/story/1\">"
		"</head><body><h1>Title</h1>" PROSE "</body></html>",
		"https://mirror.example.org/copy/1");
	CHECK_STR(d->meta.title, "Title");
	CHECK_STR(author(d, 0), "Dublin Core Author");
	CHECK_STR(d->meta.source, "Example News");
	CHECK_STR(d->meta.date, "2026-03-04T18:58:32Z");
	CHECK_STR(d->meta.url, "https://mirror.example.org/copy/1");
	CHECK_STR(d->meta.canonical_url, "https://mirror.example.org/story/1");
	CHECK_STR(d->meta.lang, "en");
	doc_free(d);

	/* A two-character name spaced out to the width of three is closed up; two names stay
	 * two. */
	d = page(at,
		"<html><head><meta name=\"dc.creator\" content=\"赵\xE3\x80\x80培\">"
		"<meta name=\"dc.creator\" content=\"宋怡 杨志华\"></head><body>" ZH_PROSE
		"</body></html>", NULL);
	CHECK_STR(author(d, 0), "赵培");
	CHECK_STR(author(d, 1), "宋怡 杨志华");
	doc_free(d);

	/* The site's own name as the author is passed over. */
	d = page(at,
		"<html><head><meta property=og:site_name content=\"网易\"><meta name=author "
		"content=\"网易\"></head><body>" ZH_PROSE "</body></html>", NULL);
	CHECK(d->meta.n_author == 0);
	CHECK_STR(d->meta.lang, "zh");
	doc_free(d);
}

static void bylines(const attrib *at)
{
	doc *d = page(at,
		"<html><head><title>老旧小区加装电梯提速_临江晚报</title></head><body>"
		"<h1>老旧小区加装电梯提速</h1>"
		"<div>来源：临江晚报　作者：记者 陈晓岚 通讯员 周宇　2024-03-15 09:30</div>"
		ZH_PROSE ZH_PROSE "<p>责任编辑：刘芳</p></body></html>", NULL);
	CHECK_STR(d->meta.title, "老旧小区加装电梯提速");
	CHECK_STR(author(d, 0), "陈晓岚");
	CHECK_STR(d->meta.source, "临江晚报");
	CHECK_STR(d->meta.date, "2024-03-15T09:30:00+08:00");
	doc_free(d);

	/* A byline element naming the editor yields to the writer named in the text. */
	d = page(at,
		"<html><body><h1>写给想在英国找工作的留学生</h1>"
		"<div><span class=author>本站编辑：Alice</span></div>"
		"<div>2015-11-05 阅读：8169 来源:转载作者:孙仲旻</div>" ZH_PROSE ZH_PROSE
		"</body></html>", NULL);
	CHECK_STR(author(d, 0), "孙仲旻");
	doc_free(d);

	/* A source that is a person wrote the text; a publisher did not. */
	d = page(at, "<html><body>" ZH_PROSE ZH_PROSE "<p>来源: 尹娟</p></body></html>", NULL);
	CHECK_STR(author(d, 0), "尹娟");
	doc_free(d);
	d = page(at, "<html><body>" ZH_PROSE ZH_PROSE "<p>来源：金羊网</p></body></html>", NULL);
	CHECK(d->meta.n_author == 0);
	doc_free(d);

	/* A block taken for body below the footer does not move the article's end. */
	d = page_with_footer(at,
		"<html><body>" ZH_PROSE ZH_PROSE ZH_PROSE ZH_PROSE "<p>来源：新闻晨报</p><p>编辑：山石</p>"
		"<p>相关报道</p><p>发送给朋友</p><p>发表评论</p><p>关闭窗口</p><p>© 2003 某某公司</p>"
		"<p>本站在网上传输的所有内容均由内容合作方提供，该等内容合作方负责其所发布内容的"
		"合法性，本站对此不承担任何责任。</p></body></html>");
	CHECK_STR(author(d, 0), "山石");
	doc_free(d);

	/* An essay's author on a line of its own, a subtitle and a section heading below. */
	d = page(at,
		"<html><body><div>路是人走出来的</div><div>胡平</div><div>——论争取自由的方式</div>"
		"<div>一、规范理论</div>" ZH_PROSE ZH_PROSE "</body></html>", NULL);
	CHECK_STR(author(d, 0), "胡平");
	doc_free(d);

	/* A label in a sentence names no one; a closing credit does. */
	d = page(at,
		"<html><body>" ZH_PROSE "<p>据记者了解，该作者文章很多，居民们希望尽快完工，"
		"也希望街道能够协调好施工时间。（姚峰 上海报道）</p></body></html>", NULL);
	CHECK_STR(author(d, 0), "姚峰");
	doc_free(d);

	d = page(at,
		"<html><body><h1>Choosing a framework</h1><p>By Jane Doe and John Roe | "
		"<time datetime=\"2020-03-05T10:00:00+01:00\">March 5, 2020</time></p>"
		PROSE PROSE "<p>Powered by Discuz</p></body></html>", NULL);
	CHECK_STR(author(d, 0), "Jane Doe and John Roe");
	CHECK_STR(d->meta.date, "2020-03-05T10:00:00+01:00");
	CHECK_STR(d->meta.from[META_DATE], "<time>");
	doc_free(d);

	/* A headline as long as a sentence is the title, not the article's first block: the
	 * byline strip below it, cut into small blocks, is still the head. */
	d = page(at,
		"<html><body><h1>A headline that runs on long enough to pass for a whole sentence "
		"of the article itself</h1>"
		"<div>Jane Doe</div><div>6</div><div>mins</div><div>Mar 13, 2026</div>"
		PROSE PROSE PROSE PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.date, "2026-03-13");
	doc_free(d);

	/* A labelled date under a standfirst of two paragraphs and a photo credit is the
	 * header's, though it stands a few blocks into the article. */
	d = page(at,
		"<html><body><h1>Fasting and the brain</h1>" PROSE PROSE
		"<div>Photo: Harbour Daily</div><div>By Jane Doe</div>"
		"<div>Published March 9, 2026</div>" PROSE PROSE "</body></html>", NULL);
	CHECK_STR(d->meta.date, "2026-03-09");
	CHECK_STR(d->meta.from[META_DATE], "header date label");
	doc_free(d);

	/* The byline under the title counts though a long table of contents stands between it
	 * and the first paragraph. */
	char toc[4096] = "<html><head><title>Car rentals in 2025</title></head><body>"
			 "<h1>Car rentals in 2025</h1><div>Last Updated:</div><div>August 1, 2025</div>";
	for (int k = 0; k < 70; k++)
		snprintf(toc + strlen(toc), sizeof toc - strlen(toc), "<div>Part %d</div>", k);
	snprintf(toc + strlen(toc), sizeof toc - strlen(toc), "%s", PROSE PROSE "</body></html>");
	d = page(at, toc, NULL);
	CHECK_STR(d->meta.date, "2025-08-01");
	doc_free(d);

	/* A question's dateCreated comes before its answers' datePublished. */
	d = page(at,
		"<html><body><h1>How to parse a date?</h1><p>Asked <time itemprop=dateCreated "
		"datetime=\"2014-02-04 13:02:51Z\">12 years ago</time></p>" PROSE
		"<div itemprop=datePublished>2019-01-21 21:40:59 +00:00</div>" PROSE PROSE
		"</body></html>", NULL);
	CHECK_STR(d->meta.date, "2014-02-04T13:02:51Z");
	doc_free(d);

	/* A link to the writer's page names the author; a link that only looks like one does
	 * not. */
	d = page(at,
		"<html><body><h1>Choosing a server</h1><div><a href=\"/blog/authors/jane-doe\">"
		"Jane Doe</a></div>" PROSE PROSE "</body></html>", NULL);
	CHECK_STR(author(d, 0), "Jane Doe");
	CHECK_STR(d->meta.from[META_AUTHOR], "link to an author page");
	doc_free(d);
	d = page(at,
		"<html><body><h1>Choosing a server</h1><div>By Jane Doe</div>" PROSE PROSE
		"<div><a href=\"/author/john-roe\">John Roe</a></div></body></html>", NULL);
	CHECK_STR(author(d, 0), "Jane Doe");
	doc_free(d);
	d = page(at,
		"<html><body><h1>Choosing a server</h1><div><a href=\"/authority/ports\">"
		"Port Authority</a></div>" PROSE PROSE "</body></html>", NULL);
	CHECK(d->meta.n_author == 0);
	doc_free(d);

	/* In an author card, neither its label ("The Author") nor an avatar's initials are the
	 * name; a short name with lower case is one. */
	d = page(at,
		"<html><body><h1>Planting a kitchen garden</h1><div class=article-author>The Author"
		"</div><span class=author-avatar>NB</span><span class=author-name>Nicole Burke</span>"
		PROSE PROSE "</body></html>", NULL);
	CHECK_STR(author(d, 0), "Nicole Burke");
	doc_free(d);
	d = page(at,
		"<html><body><h1>Drip coffee makers</h1><span class=author-name>Kev</span>"
		PROSE PROSE "</body></html>", NULL);
	CHECK_STR(author(d, 0), "Kev");
	doc_free(d);

	/* A commenter's name and a bare label in a byline-classed element name no author. */
	d = page(at,
		"<html><body><h1>Zero waste living</h1><div class=post-author>Jun 2 Written By</div>"
		PROSE PROSE PROSE "<p class=comment-author><cite>Jiobal</cite> says:</p>"
		"</body></html>", NULL);
	CHECK(d->meta.n_author == 0);
	doc_free(d);

	/* The URL is the last resort for the date. */
	d = page(at, "<html><body>" PROSE "</body></html>",
		 "https://news.example.cn/2011-12/09/c_12345.htm");
	CHECK_STR(d->meta.date, "2011-12-09");
	CHECK_STR(d->meta.from[META_DATE], "url path");
	doc_free(d);
}

static void repost(const attrib *at)
{
	doc *d = page(at,
		"<html><body>" ZH_PROSE "<p>本文摘编翻译自英文客户端专访，原文如下：</p>" PROSE
		"<p><a href=\"https://example.com/tech/er/300\">https://example.com/tech/er/300</a></p>"
		"<div class=post_statement><p>特别声明：以上内容为自媒体平台用户上传并发布，"
		"本平台仅提供信息存储服务。</p><p>Notice: The content above is uploaded and posted "
		"by a user.</p></div></body></html>", NULL);
	CHECK_STR(d->meta.original_url, "https://example.com/tech/er/300");
	CHECK(d->meta.disclaimer && strncmp(d->meta.disclaimer, "特别声明", 12) == 0);
	CHECK(d->meta.disclaimer && strstr(d->meta.disclaimer, "\nNotice: The content above"));
	doc_free(d);
}

static void lines(void)
{
	byline_words w;
	err e = { 0 };
	CHECK(byline_load(&w, &e) == 0);
	byline b;
	const char *s = "2005-04-05 06:40更新 来源：转载文章";
	CHECK(byline_read(&w, s, strlen(s), &b) && b.whole && b.date == s);
	s = "（ 责任编辑：魏喆 ）";
	CHECK(byline_read(&w, s, strlen(s), &b) && b.whole && b.author_len == 6);
	s = "据记者了解，工程进展顺利。";
	CHECK(!byline_read(&w, s, strlen(s), &b) || !b.author);
	/* "By" and the name set in two elements with nothing between them; a word that only
	 * starts with "By" is no label. */
	s = "ByDaryl Austin";
	CHECK(byline_read(&w, s, strlen(s), &b) && b.author && strncmp(b.author, "Daryl Austin",
									 b.author_len) == 0);
	s = "Bytes Matter Most";
	CHECK(!byline_read(&w, s, strlen(s), &b) || !b.author);
	s = "作者： 放飞&心情 振威将军(从一品) 能力值:545803";
	CHECK(byline_read(&w, s, strlen(s), &b) && b.author_len == strlen("放飞&心情") &&
	      !b.whole);
	s = "BUSINESS.EXAMPLE.COM　2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]";
	CHECK(byline_read(&w, s, strlen(s), &b) && b.author && b.author_len == strlen("黄宇") &&
	      strncmp(b.author, "黄宇", b.author_len) == 0 && b.source &&
	      b.source_len == strlen("国际金融报"));
	size_t n = 0;
	s = "推动工业高质量发展。（记者 胡晓蓉）\xC2\xA0";   /* NBSP after the credit */
	const char *c = byline_credit(&w, s, strlen(s), &n);
	CHECK(c && n == strlen("胡晓蓉") && strncmp(c, "胡晓蓉", n) == 0);
	s = "作出突出贡献。（总台记者 张倩）";
	c = byline_credit(&w, s, strlen(s), &n);
	CHECK(c && n == strlen("张倩") && strncmp(c, "张倩", n) == 0);
	s = "作出突出贡献。（记者了解到的情况）";
	CHECK(byline_credit(&w, s, strlen(s), &n) == NULL);
	CHECK(byline_is_name(&w, "A. J. Neal", 10));
	CHECK(!byline_is_name(&w, "文章", 6) || byline_is_name(&w, "王五", 6));
	byline_free(&w);
}

void test_attrib(void)
{
	attrib *at = NULL;
	err e = { 0 };
	CHECK(attrib_new(&at, &e) == 0);
	jsonld(at);
	titles(at);
	meta_tags(at);
	bylines(at);
	repost(at);
	lines();
	attrib_free(at);
}
