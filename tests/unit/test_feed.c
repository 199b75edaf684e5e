/* test_feed.c — the three feed kinds, their links and titles, content put in and read back, the
 * encodings, and every refusal (not XML, not a feed, entity bombs, external entities, size). */
#include "unit.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "feed.h"

#define LEN(literal) (sizeof(literal) - 1)

static const char rss2[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"\n"
	"     xmlns:ex=\"http://example.org/ns/rating\">\n"
	"  <channel>\n"
	"    <title>Lakeside Gazette</title>\n"
	"    <link>https://gazette.example/</link>\n"
	"    <description>News from the lake</description>\n"
	"    <atom:link href=\"https://gazette.example/feed.xml\" rel=\"self\"/>\n"
	"    <item>\n"
	"      <title>Council approves  new\n"
	"        ferry timetable</title>\n"
	"      <link> https://gazette.example/2024/ferry </link>\n"
	"      <description>&lt;p&gt;The summary.&lt;/p&gt;</description>\n"
	"      <guid isPermaLink=\"false\">gazette-1001</guid>\n"
	"      <pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>\n"
	"      <category>Transport</category>\n"
	"      <ex:rating scale=\"5\">4</ex:rating>\n"
	"    </item>\n"
	"    <item>\n"
	"      <title>Market day</title>\n"
	"      <description>Second</description>\n"
	"      <guid>https://gazette.example/2024/market</guid>\n"
	"    </item>\n"
	"    <item>\n"
	"      <description><![CDATA[<b>third</b>]]></description>\n"
	"      <guid isPermaLink=\"false\">https://gazette.example/not-a-permalink</guid>\n"
	"    </item>\n"
	"  </channel>\n"
	"</rss>\n";

static const char rss1[] =
	"<?xml version=\"1.0\"?>\n"
	"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
	"         xmlns=\"http://purl.org/rss/1.0/\"\n"
	"         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	"  <channel rdf:about=\"https://journal.example/\">\n"
	"    <title>Journal</title>\n"
	"    <link>https://journal.example/</link>\n"
	"    <description>Weekly</description>\n"
	"    <items><rdf:Seq><rdf:li rdf:resource=\"https://journal.example/a\"/>\n"
	"      <rdf:li rdf:resource=\"https://journal.example/b\"/></rdf:Seq></items>\n"
	"  </channel>\n"
	"  <item rdf:about=\"https://journal.example/a\">\n"
	"    <title>First issue</title>\n"
	"    <link>https://journal.example/a?from=rss</link>\n"
	"    <description>one</description>\n"
	"    <dc:date>2024-03-01</dc:date>\n"
	"  </item>\n"
	"  <item rdf:about=\"https://journal.example/b\">\n"
	"    <title>Second issue</title>\n"
	"    <description>two</description>\n"
	"  </item>\n"
	"</rdf:RDF>\n";

static const char atom[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://notes.example/blog/\">\n"
	"  <title>Notes</title>\n"
	"  <id>tag:notes.example,2024:feed</id>\n"
	"  <updated>2024-03-04T08:00:00Z</updated>\n"
	"  <link rel=\"self\" href=\"/feed.atom\"/>\n"
	"  <entry>\n"
	"    <title>Tea &amp; cakes</title>\n"
	"    <id>tag:notes.example,2024:1</id>\n"
	"    <link rel=\"self\" href=\"entries/1.atom\"/>\n"
	"    <link rel=\"enclosure\" type=\"audio/mpeg\" href=\"tea.mp3\"/>\n"
	"    <link rel=\"alternate\" type=\"application/pdf\" href=\"tea.pdf\"/>\n"
	"    <link rel=\"alternate\" type=\"text/html\" href=\"2024/tea\"/>\n"
	"    <updated>2024-03-04T08:00:00Z</updated>\n"
	"    <summary>Short &lt;b&gt;and&lt;/b&gt; sweet.</summary>\n"
	"    <category term=\"food\"/>\n"
	"  </entry>\n"
	"  <entry xml:base=\"/archive/\">\n"
	"    <title>Old post</title>\n"
	"    <id>tag:notes.example,2019:7</id>\n"
	"    <link href=\"old-post\"/>\n"
	"    <updated>2019-01-01T00:00:00Z</updated>\n"
	"    <content type=\"text/html\" src=\"https://elsewhere.example/old.html\"/>\n"
	"  </entry>\n"
	"</feed>\n";

/* The billion laughs: ten levels of ten references, 10^9 "lol"s if ever expanded. */
static const char laughs[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE rss [\n"
	" <!ENTITY lol \"lol\">\n"
	" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	"]>\n"
	"<rss version=\"2.0\"><channel><title>&lol9;</title>\n"
	"<item><title a=\"&lol9;\">&lol9;</title></item></channel></rss>\n";

static const char *const bomb_msg = "the feed declares XML entities (refused: an entity bomb)";

/* An XPath string over doc, with the prefixes the tests use; malloc'ed, or NULL. */
static char *xp(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *x = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(x, BAD_CAST "c", BAD_CAST "http://purl.org/rss/1.0/modules/content/");
	xmlXPathRegisterNs(x, BAD_CAST "a", BAD_CAST "http://www.w3.org/2005/Atom");
	xmlXPathRegisterNs(x, BAD_CAST "r", BAD_CAST "http://purl.org/rss/1.0/");
	xmlXPathRegisterNs(x, BAD_CAST "rdf",
			   BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	xmlXPathRegisterNs(x, BAD_CAST "ex", BAD_CAST "http://example.org/ns/rating");
	xmlXPathRegisterNs(x, BAD_CAST "o", BAD_CAST "urn:example:other");
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST expr, x);
	char *r = NULL;
	if (o) {
		xmlChar *s = xmlXPathCastToString(o);
		r = strdup((const char *)s);
		xmlFree(s);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return r;
}

/* CHECK_STR on an XPath result, freeing it. */
#define CHECK_XP(doc, expr, want)                                 \
	do {                                                      \
		char *got_ = xp((doc), (expr));                   \
		unit_check_str(got_, (want), (expr), __FILE__, __LINE__); \
		free(got_);                                       \
	} while (0)

static size_t occurrences(const char *s, const char *needle)
{
	size_t k = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		k++;
	return k;
}

static feed *parse(const char *s, size_t n, err *e)
{
	feed *f = NULL;
	err_clear(e);
	if (feed_parse(s, n, 0, &f, e) < 0)
		return NULL;
	return f;
}

/* The feed written out (malloc'ed), or NULL. */
static char *written(const feed *f)
{
	buf b;
	buf_init(&b, 0);
	err e = {0};
	if (feed_write(f, &b, &e) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static xmlDoc *reread(const char *s)
{
	return s ? xmlReadMemory(s, (int)strlen(s), NULL, NULL, XML_PARSE_NONET) : NULL;
}

static void test_rss2(void)
{
	err e = {0};
	feed *f = parse(rss2, LEN(rss2), &e);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(feed_kind(f) == FEED_RSS2);
	CHECK_STR(feed_kind_name(feed_kind(f)), "RSS 2.0");
	CHECK(feed_count(f) == 3);
	CHECK_STR(feed_link(f, 0), "https://gazette.example/2024/ferry");
	CHECK_STR(feed_link(f, 1), "https://gazette.example/2024/market");   /* guid permalink */
	CHECK_STR(feed_link(f, 2), NULL);   /* isPermaLink="false" */
	CHECK_STR(feed_link(f, 3), NULL);
	CHECK_STR(feed_title(f, 0), "Council approves new ferry timetable");
	CHECK_STR(feed_title(f, 1), "Market day");
	CHECK_STR(feed_title(f, 2), NULL);

	const char *html0 = "<p>Ferry times change on <b>1 April</b> &amp; fares \"stay\".</p>\n"
			    "<p>A CDATA end ]]> inside, and ]] and ]]]>> too.</p>";
	const char *html1 = "<p>湖边的渡轮时刻表将于四月一日起调整。</p>"
			    "<pre>a < b && c > d</pre>";
	feed_set_content(f, 0, "<p>first draft, replaced below</p>");
	feed_set_content(f, 0, html0);
	feed_set_content(f, 1, html1);
	feed_set_content(f, 2, "");
	feed_set_content(f, 9, "<p>out of range: ignored</p>");
	char *out = written(f);
	feed_free(f);
	CHECK(out != NULL);
	if (!out)
		return;
	CHECK(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
	CHECK(occurrences(out, "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"") == 1);
	CHECK(occurrences(out, "<content:encoded>") == 3);
	CHECK(strstr(out, "]]]]><![CDATA[>") != NULL);
	CHECK(strstr(out, "湖边的渡轮") != NULL);   /* raw UTF-8, not character references */
	CHECK(strstr(out, "out of range") == NULL);
	/* indented like its neighbours, after the last element of the item */
	CHECK(strstr(out, "<ex:rating scale=\"5\">4</ex:rating>\n      <content:encoded>") != NULL);

	xmlDoc *d = reread(out);
	CHECK(d != NULL);
	if (d) {
		CHECK_XP(d, "/rss/channel/item[1]/c:encoded", html0);
		CHECK_XP(d, "/rss/channel/item[2]/c:encoded", html1);
		CHECK_XP(d, "count(/rss/channel/item[3]/c:encoded)", "1");
		CHECK_XP(d, "/rss/channel/item[3]/c:encoded", "");
		CHECK_XP(d, "count(//c:encoded)", "3");
		CHECK_XP(d, "name(/rss/channel/item[1]/*[last()])", "content:encoded");
		CHECK_XP(d, "/rss/channel/item[1]/description", "<p>The summary.</p>");
		CHECK_XP(d, "/rss/channel/item[3]/description", "<b>third</b>");
		CHECK_XP(d, "/rss/channel/item[1]/guid", "gazette-1001");
		CHECK_XP(d, "/rss/channel/item[1]/guid/@isPermaLink", "false");
		CHECK_XP(d, "/rss/channel/item[1]/pubDate", "Mon, 04 Mar 2024 08:00:00 GMT");
		CHECK_XP(d, "/rss/channel/item[1]/category", "Transport");
		CHECK_XP(d, "/rss/channel/item[1]/ex:rating[@scale='5']", "4");
		CHECK_XP(d, "/rss/channel/item[1]/link", " https://gazette.example/2024/ferry ");
		CHECK_XP(d, "/rss/@version", "2.0");
		CHECK_XP(d, "count(/rss/channel/*)", "7");
		CHECK_XP(d, "count(/rss/channel/item[1]/*)", "8");
		xmlFreeDoc(d);
	}
	/* and winnow reads its own output */
	f = parse(out, strlen(out), &e);
	CHECK(f && feed_count(f) == 3);
	CHECK_STR(f ? feed_link(f, 1) : NULL, "https://gazette.example/2024/market");
	feed_free(f);
	free(out);
}

static void test_rss2_namespaces(void)
{
	/* content: already declared under another prefix, with one item holding an old body */
	static const char declared[] =
		"<rss version=\"2.0\" xmlns:c=\"http://purl.org/rss/1.0/modules/content/\">"
		"<channel>"
		"<item><title>a</title><c:encoded><![CDATA[<p>old</p>]]></c:encoded>"
		"<c:encoded>second old</c:encoded></item>"
		"<item><title>b</title></item></channel></rss>";
	err e = {0};
	feed *f = parse(declared, LEN(declared), &e);
	CHECK(f && feed_count(f) == 2);
	if (f) {
		feed_set_content(f, 0, "<p>new a</p>");
		feed_set_content(f, 1, "<p>new b</p>");
		char *out = written(f);
		CHECK(out && occurrences(out, "xmlns:") == 1);
		CHECK(out && strstr(out, "<c:encoded><![CDATA[<p>new b</p>]]></c:encoded></item>"));
		xmlDoc *d = reread(out);
		CHECK(d != NULL);
		if (d) {
			CHECK_XP(d, "count(//c:encoded)", "2");
			CHECK_XP(d, "//item[1]/c:encoded", "<p>new a</p>");
			CHECK_XP(d, "//item[2]/c:encoded", "<p>new b</p>");
			xmlFreeDoc(d);
		}
		free(out);
		feed_free(f);
	}

	/* the prefix content already means something else: the module gets content2 */
	static const char taken[] =
		"<rss version=\"2.0\" xmlns:content=\"urn:example:other\"><channel>"
		"<item><title>a</title><content:note>keep me</content:note></item>"
		"</channel></rss>";
	f = parse(taken, LEN(taken), &e);
	CHECK(f != NULL);
	if (f) {
		feed_set_content(f, 0, "<p>body</p>");
		char *out = written(f);
		CHECK(out && strstr(out, "xmlns:content2=\"http://purl.org/rss/1.0/modules/"));
		xmlDoc *d = reread(out);
		CHECK(d != NULL);
		if (d) {
			CHECK_XP(d, "//item/c:encoded", "<p>body</p>");
			CHECK_XP(d, "//item/o:note", "keep me");
			xmlFreeDoc(d);
		}
		free(out);
		feed_free(f);
	}

	/* an <rss> whose elements sit in a namespace of their own, and xml:base on the channel */
	static const char spaced[] =
		"<rss xmlns=\"http://backend.userland.com/rss2\" version=\"2.0\"><channel"
		" xml:base=\"http://old.example/news/\"><item><title>t</title>"
		"<link>story?id=1</link>"
		"</item></channel></rss>";
	f = parse(spaced, LEN(spaced), &e);
	CHECK(f && feed_count(f) == 1);
	CHECK_STR(f ? feed_link(f, 0) : NULL, "http://old.example/news/story?id=1");
	CHECK_STR(f ? feed_title(f, 0) : NULL, "t");
	feed_free(f);

	/* a relative link with no xml:base comes back as written */
	static const char relative[] =
		"<rss><channel><item><link>\n  /a/b \n</link></item></channel></rss>";
	f = parse(relative, LEN(relative), &e);
	CHECK_STR(f ? feed_link(f, 0) : NULL, "/a/b");
	feed_free(f);
}

static void test_rss1(void)
{
	err e = {0};
	feed *f = parse(rss1, LEN(rss1), &e);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(feed_kind(f) == FEED_RSS1);
	CHECK_STR(feed_kind_name(FEED_RSS1), "RSS 1.0");
	CHECK(feed_count(f) == 2);
	CHECK_STR(feed_link(f, 0), "https://journal.example/a?from=rss");
	CHECK_STR(feed_link(f, 1), "https://journal.example/b");   /* rdf:about */
	CHECK_STR(feed_title(f, 0), "First issue");
	CHECK_STR(feed_title(f, 1), "Second issue");
	feed_set_content(f, 1, "<p>Issue two, in full.</p>");
	char *out = written(f);
	feed_free(f);
	CHECK(out != NULL);
	xmlDoc *d = reread(out);
	CHECK(d != NULL);
	if (d) {
		CHECK_XP(d, "count(//c:encoded)", "1");
		CHECK_XP(d, "/rdf:RDF/r:item[2]/c:encoded", "<p>Issue two, in full.</p>");
		CHECK_XP(d, "/rdf:RDF/r:item[2]/r:description", "two");
		CHECK_XP(d, "count(/rdf:RDF/r:item[1]/*)", "4");
		CHECK_XP(d, "count(/rdf:RDF/r:channel/r:items//*)", "3");
		xmlFreeDoc(d);
	}
	CHECK(out && occurrences(out, "xmlns:content=") == 1);
	free(out);
}

static void test_atom(void)
{
	err e = {0};
	feed *f = parse(atom, LEN(atom), &e);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(feed_kind(f) == FEED_ATOM);
	CHECK_STR(feed_kind_name(FEED_ATOM), "Atom");
	CHECK(feed_count(f) == 2);
	/* the text/html alternate, not self, enclosure or the PDF; resolved against xml:base */
	CHECK_STR(feed_link(f, 0), "https://notes.example/blog/2024/tea");
	/* the entry's relative xml:base over the feed's, then the link over that */
	CHECK_STR(feed_link(f, 1), "https://notes.example/archive/old-post");
	CHECK_STR(feed_title(f, 0), "Tea & cakes");
	CHECK_STR(feed_title(f, 1), "Old post");

	const char *html0 = "<p>Tea &amp; <em>cakes</em>: \"scones\" < 5 €, "
			    "茶与蛋糕 ]]> fine.</p>";
	feed_set_content(f, 0, html0);
	feed_set_content(f, 1, "<p>The old post, fetched.</p>");
	char *out = written(f);
	feed_free(f);
	CHECK(out != NULL);
	if (!out)
		return;
	CHECK(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
	CHECK(strstr(out, "&lt;p&gt;Tea &amp;amp; &lt;em&gt;") != NULL);   /* escaped text */
	CHECK(strstr(out, "茶与蛋糕") != NULL);
	CHECK(strstr(out, "src=") == NULL);
	CHECK(strstr(out, "</summary>\n    <content type=\"html\">") != NULL);
	xmlDoc *d = reread(out);
	CHECK(d != NULL);
	if (d) {
		CHECK_XP(d, "/a:feed/a:entry[1]/a:content[@type='html']", html0);
		CHECK_XP(d, "name(/a:feed/a:entry[1]/a:summary/following-sibling::*[1])",
			 "content");
		CHECK_XP(d, "/a:feed/a:entry[1]/a:summary", "Short <b>and</b> sweet.");
		CHECK_XP(d, "count(/a:feed/a:entry[1]/a:link)", "4");
		CHECK_XP(d, "/a:feed/a:entry[1]/a:category/@term", "food");
		CHECK_XP(d, "count(/a:feed/a:entry[2]/a:content)", "1");
		CHECK_XP(d, "/a:feed/a:entry[2]/a:content/@type", "html");
		CHECK_XP(d, "/a:feed/a:entry[2]/a:content", "<p>The old post, fetched.</p>");
		CHECK_XP(d, "/a:feed/a:entry[2]/@xml:base", "/archive/");
		CHECK_XP(d, "/a:feed/@xml:base", "https://notes.example/blog/");
		xmlFreeDoc(d);
	}
	free(out);

	/* an xhtml content replaced, a prefixed Atom namespace, and xml:base on the link itself */
	static const char prefixed[] =
		"<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:entry><a:title type=\"html\">"
		"x</a:title><a:link rel=\"http://www.iana.org/assignments/relation/alternate\""
		" xml:base=\"https://h.example/d/\" href=\"p\"/><a:content type=\"xhtml\">"
		"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>old</p></div></a:content>"
		"</a:entry></a:feed>";
	f = parse(prefixed, LEN(prefixed), &e);
	CHECK(f && feed_count(f) == 1);
	CHECK(f && feed_link(f, 0) && strcmp(feed_link(f, 0), "https://h.example/d/p") == 0);
	if (f) {
		feed_set_content(f, 0, "<p>new</p>");
		out = written(f);
		CHECK(out && strstr(out, "<a:content type=\"html\">&lt;p&gt;new&lt;/p&gt;<"));
		CHECK(out && strstr(out, "xhtml") == NULL);
		free(out);
		feed_free(f);
	}

	/* only rel="self" and an enclosure: no link */
	static const char nolink[] =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link rel=\"self\" href=\"a\"/>"
		"<link rel=\"enclosure\" href=\"b.mp3\"/></entry></feed>";
	f = parse(nolink, LEN(nolink), &e);
	CHECK(f && feed_count(f) == 1 && feed_link(f, 0) == NULL && feed_title(f, 0) == NULL);
	if (f) {
		/* no summary: content goes at the end */
		feed_set_content(f, 0, "x");
		out = written(f);
		CHECK(out && strstr(out, "<link rel=\"enclosure\" href=\"b.mp3\"/>"
				     "<content type=\"html\">x</content></entry>"));
		free(out);
		feed_free(f);
	}
}

static void test_encodings(void)
{
	static const char latin1[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		"<rss version=\"2.0\"><channel><title>Caf\xE9</title><item>"
		"<title>Cr\xE8me br\xFBl\xE9\x65</title><link>http://caf\xE9.example/</link>"
		"<description>D\xE9j\xE0 vu</description></item></channel></rss>\n";
	err e = {0};
	feed *f = parse(latin1, LEN(latin1), &e);
	CHECK(f != NULL);
	CHECK(f && feed_title(f, 0) && strcmp(feed_title(f, 0), "Crème brûlée") == 0);
	if (f) {
		feed_set_content(f, 0, "<p>Crème</p>");
		char *out = written(f);
		CHECK(out && strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0);
		CHECK(out && strstr(out, "<description>Déjà vu</description>"));
		CHECK(out && strstr(out, "<title>Café</title>"));
		CHECK(out && strstr(out, "ISO-8859-1") == NULL);
		CHECK(out && strstr(out, "\xE9<") == NULL);
		free(out);
		feed_free(f);
	}

	/* GB2312 "中文新闻" */
	static const char gb[] =
		"<?xml version=\"1.0\" encoding=\"GB2312\"?>\n"
		"<rss version=\"2.0\"><channel><item>"
		"<title>\xD6\xD0\xCE\xC4\xD0\xC2\xCE\xC5</title>"
		"</item></channel></rss>\n";
	f = parse(gb, LEN(gb), &e);
	CHECK(f && feed_title(f, 0) && strcmp(feed_title(f, 0), "中文新闻") == 0);
	if (f) {
		char *out = written(f);
		CHECK(out && strstr(out, "encoding=\"UTF-8\""));
		CHECK(out && strstr(out, "<title>中文新闻</title>"));
		free(out);
		feed_free(f);
	}

	/* UTF-8 with a byte-order mark and no declaration */
	static const char bom[] = "\xEF\xBB\xBF<rss><channel><item><title>\xC3\xA9t\xC3\xA9</title>"
				  "</item></channel></rss>";
	f = parse(bom, LEN(bom), &e);
	CHECK(f && feed_title(f, 0) && strcmp(feed_title(f, 0), "été") == 0);
	feed_free(f);

	/* html that XML cannot carry as is: controls dropped, bad bytes U+FFFD */
	static const char tiny[] = "<rss><channel><item/></channel></rss>";
	f = parse(tiny, LEN(tiny), &e);
	CHECK(f && feed_count(f) == 1);
	if (f) {
		feed_set_content(f, 0, "a\x01\x0c" "b\xFF" "c\tok");
		char *out = written(f);
		xmlDoc *d = reread(out);
		CHECK(d != NULL);
		if (d) {
			CHECK_XP(d, "//item/c:encoded", "ab\xEF\xBF\xBD" "c\tok");
			xmlFreeDoc(d);
		}
		free(out);
		feed_free(f);
	}
}

/* Whether s is refused with ERR_DATA and a one-line message starting with prefix. */
static bool refused(const char *s, size_t n, size_t max, const char *prefix, err *e)
{
	feed *f = (feed *)&f;   /* feed_parse must set it to NULL */
	err_clear(e);
	int r = feed_parse(s, n, max, &f, e);
	return r == -1 && f == NULL && e->code == ERR_DATA && !strchr(e->msg, '\n') &&
	       strncmp(e->msg, prefix, strlen(prefix)) == 0;
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_refusals(void)
{
	err e = {0};
	CHECK(refused("hello, world", 12, 0, "not XML: line 1: ", &e));
	CHECK(refused("", 0, 0, "not XML", &e));
	CHECK(refused(rss2, LEN(rss2) / 2, 0, "not XML: line ", &e));   /* truncated */
	static const char mismatch[] = "<?xml version=\"1.0\"?>\n<rss>\n<channel>\n</rss>\n";
	CHECK(refused(mismatch, LEN(mismatch), 0, "not XML: line 4: Opening and ending tag", &e));
	CHECK(strstr(e.msg, "channel") != NULL);
	static const char undeclared[] = "<?xml version=\"1.0\"?>\n<rss><channel><title>caf\xE9"
					 "</title></channel></rss>";
	CHECK(refused(undeclared, LEN(undeclared), 0, "not XML: line 2: ", &e));   /* two lines */

	static const char page[] =
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hi</title>"
		"</head><body><p>Hello<br>world</body></html>\n";
	CHECK(refused(page, LEN(page), 0, "not XML: ", &e));
	static const char xhtml[] =
		"<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hi</p></body></html>";
	CHECK(refused(xhtml, LEN(xhtml), 0, "not a feed: the root element is <html>", &e));
	static const char atom03[] = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"/>";
	CHECK(refused(atom03, LEN(atom03), 0, "not a feed: the root element is <feed> in namespace "
		      "http://purl.org/atom/ns#", &e));
	static const char nochannel[] = "<rss version=\"2.0\"><item/></rss>";
	CHECK(refused(nochannel, LEN(nochannel), 0, "not a feed: <rss> has no <channel>", &e));
	static const char rdf[] =
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>";
	CHECK(refused(rdf, LEN(rdf), 0, "not a feed: <rdf:RDF> has no RSS 1.0 <channel>", &e));

	double t0 = seconds();
	CHECK(refused(laughs, LEN(laughs), 0, bomb_msg, &e));
	CHECK(seconds() - t0 < 0.5);
	CHECK_STR(e.msg, bomb_msg);

	/* one big entity referenced many times (quadratic blowup) */
	buf q;
	buf_init(&q, 0);
	buf_adds(&q, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"");
	for (int i = 0; i < 50000; i++)
		buf_addc(&q, 'x');
	buf_adds(&q, "\">]>\n<rss><channel><title>");
	for (int i = 0; i < 50000; i++)
		buf_adds(&q, "&a;");
	buf_adds(&q, "</title></channel></rss>\n");
	t0 = seconds();
	CHECK(refused(q.data, q.len, 0, bomb_msg, &e));
	CHECK(seconds() - t0 < 0.5);
	buf_free(&q);

	/* parameter entities, expanded inside the DTD itself */
	static const char pe[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"<!ENTITY % a \"<!ENTITY b 'bb'>\">\n%a;\n]>\n<rss><channel/></rss>";
	CHECK(refused(pe, LEN(pe), 0, bomb_msg, &e));

	static const char passwd[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n<rss version=\"2.0\"><channel>"
		"<item><title>&x;</title><link>http://a.example/</link></item></channel></rss>\n";
	CHECK(refused(passwd, LEN(passwd), 0, bomb_msg, &e));
	CHECK(strstr(e.msg, "root:") == NULL);
	static const char passwd_pe[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"<!ENTITY % x SYSTEM \"file:///etc/passwd\">\n%x;\n]>\n<rss><channel/></rss>\n";
	CHECK(refused(passwd_pe, LEN(passwd_pe), 0, bomb_msg, &e));
	CHECK(strstr(e.msg, "root:") == NULL);
	static const char unparsed[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!NOTATION gif SYSTEM \"image/gif\">\n"
		"<!ENTITY pic SYSTEM \"file:///etc/passwd\" NDATA gif>\n]>\n"
		"<rss><channel/></rss>\n";
	CHECK(refused(unparsed, LEN(unparsed), 0, bomb_msg, &e));

	/* an external DTD is not fetched, and a DTD without entities is no reason to refuse */
	static const char netscape[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC "
		"\"-//Netscape Communications//DTD RSS 0.91//EN\"\n"
		"  \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
		"<rss version=\"0.91\"><channel><item><title>old</title>"
		"<link>http://a.example/</link></item></channel></rss>\n";
	feed *f = parse(netscape, LEN(netscape), &e);
	CHECK(f && feed_kind(f) == FEED_RSS2 && feed_count(f) == 1);
	if (f) {
		char *out = written(f);
		CHECK(out && strstr(out, "<!DOCTYPE rss PUBLIC") != NULL);
		free(out);
	}
	feed_free(f);

	/* libxml2's depth limit stays on */
	buf deep;
	buf_init(&deep, 0);
	buf_adds(&deep, "<rss><channel><item><description>");
	for (int i = 0; i < 5000; i++)
		buf_adds(&deep, "<a>");
	for (int i = 0; i < 5000; i++)
		buf_adds(&deep, "</a>");
	buf_adds(&deep, "</description></item></channel></rss>");
	CHECK(refused(deep.data, deep.len, 0, "not XML: ", &e));
	buf_free(&deep);

	CHECK(refused(rss2, LEN(rss2), LEN(rss2) - 1, "larger than ", &e));
	char want[64];
	snprintf(want, sizeof want, "larger than %zu bytes", LEN(rss2) - 1);
	CHECK_STR(e.msg, want);
	f = NULL;
	err_clear(&e);
	CHECK(feed_parse(rss2, LEN(rss2), LEN(rss2), &f, &e) == 0);   /* exactly max is fine */

	/* the output's own maximum */
	if (f) {
		buf b;
		buf_init(&b, 100);
		err_clear(&e);
		CHECK(feed_write(f, &b, &e) == -1 && e.code == ERR_DATA);
		CHECK_STR(e.msg, "the feed is larger than 100 bytes");
		CHECK(b.len == 0);
		buf_free(&b);
	}
	feed_free(f);
	feed_free(NULL);
}

void test_feed(void)
{
	test_rss2();
	test_rss2_namespaces();
	test_rss1();
	test_atom();
	test_encodings();
	test_refusals();
}
