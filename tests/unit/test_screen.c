/* test_screen.c — the pass before gumbo: pages within the caps pass unchanged, the rest are cut. */
#include "unit.h"

#include "buf.h"
#include "err.h"
#include "screen.h"

static buf out;
static screen_stats st;

/* Screens in with the given caps (0: the default); returns the output, valid to the next call. */
static const char *screen(const char *in, unsigned depth, unsigned attrs, unsigned elements)
{
	screen_limits lim = {depth, attrs, elements};
	err e = {0};
	buf_free(&out);
	if (screen_html(in, strlen(in), &lim, &out, &st, &e) < 0)
		return NULL;
	return out.data ? out.data : "";
}

static int no_cuts(void)
{
	return !st.depth_cut && !st.attrs_cut && !st.elements_cut && !st.endtags_cut &&
	       !st.charrefs_cut;
}

static void unchanged(void)
{
	static const char page[] =
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<title>A &amp; B &#x4E2D;</title>"
		"<style>div > p { color: red }</style>"
		"<script>if (a < b && c > d) document.write('<div><div>');</script>"
		"<script type=\"application/ld+json\">{\"headline\": \"x\"}</script>"
		"</head><body class=\"a\" data-x='1>2' hidden>"
		"<!-- a comment <div> --><!----><!--->"
		"<div id=main><article><h1>Title</h1><p>One &#65; two<p>Three<br/>four"
		"<ul><li>a<li>b</ul><table><tr><td>1<td>2</table>"
		"<svg viewBox=\"0 0 1 1\"><g><path d=\"M0 0\"/></g><![CDATA[x]]></svg>"
		"<img src=a.png alt=\"a > b\"><textarea>&lt;b&gt;</textarea>"
		"<noscript><img src=pixel></noscript></article></div>"
		"<p>stray</span></p></div></body></html>\n";
	CHECK_STR(screen(page, 0, 0, 0), page);
	CHECK(no_cuts());
	/* With the caps as low as this page allows (6 deep: div, article, table, the tbody gumbo
	 * adds, tr, td; 3 attributes; 29 start tags), it still passes whole; one lower and it would
	 * not. */
	CHECK_STR(screen(page, 6, 3, 29), page);
	CHECK(no_cuts());
	CHECK(strcmp(screen(page, 5, 3, 29), page) != 0 && st.depth_cut == 1);
	CHECK(strcmp(screen(page, 6, 2, 29), page) != 0 && st.attrs_cut == 1);
	/* The last <p> goes, and with it the end tags that then close nothing: </span>, </p>,
	 * the stray </div>, </body> and </html>. */
	CHECK(strcmp(screen(page, 6, 3, 28), page) != 0 && st.elements_cut == 6);
	CHECK_STR(screen("", 0, 0, 0), "");
	CHECK_STR(screen("a < b <", 0, 0, 0), "a < b <");
}

static void markup_that_does_not_count(void)
{
	/* Two levels are allowed; tags inside comments, scripts and raw text are not elements. */
	const char *in = "<!-- <div><div><div> --><div>x</div>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	in = "<script>var s = \"<div><div><div>\";</script><div><div>x</div></div>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	in = "<style><i><i><i></style><title><b><b></title><textarea><u><u><u></textarea>";
	CHECK_STR(screen(in, 1, 0, 0), in);
	in = "<xmp><a><a></xmp><iframe><a><a></iframe><svg><![CDATA[<g><g><g>]]></svg>";
	CHECK_STR(screen(in, 1, 0, 0), in);
	in = "<plaintext><div><div><div></div>";
	CHECK_STR(screen(in, 1, 0, 0), in);
	CHECK(no_cuts());
	/* A CDATA section outside svg and math is a bogus comment, over at the first '>'. */
	CHECK_STR(screen("<![CDATA[<div>]]><div><div>", 1, 0, 0),
		  "<![CDATA[<div>]]><div></div><div>");
	/* gumbo parses noscript content as markup, so it counts. */
	CHECK_STR(screen("<noscript><div><div>", 2, 0, 0), "<noscript><div></div><div>");
	CHECK(st.depth_cut == 1);
}

static void script_states(void)
{
	/* An old-style hidden script: "<!--" then "<script" makes "</script>" plain text until
	 * "-->"; the divs inside are script, the ones after count. */
	const char *in = "<script><!--<script></script><div><div>--></script><div><div>";
	CHECK_STR(screen(in, 1, 0, 0), "<script><!--<script></script><div><div>--></script>"
		  "<div></div><div>");
	CHECK(st.depth_cut == 1);
	/* Without the inner "<script" the first "</script>" closes the script. */
	CHECK_STR(screen("<script><!--</script><div><div>", 1, 0, 0),
		  "<script><!--</script><div></div><div>");
	/* "-->" leaves the escape; "<!-->" enters and leaves it at once. */
	CHECK_STR(screen("<script><!--<script>--></script><div><div>", 1, 0, 0),
		  "<script><!--<script>--></script><div></div><div>");
	CHECK_STR(screen("<script><!--><script></script><div><div>", 1, 0, 0),
		  "<script><!--><script></script><div></div><div>");
	/* "</script" needs a character that ends the name; "</scripts>" is script text. */
	in = "<script>a</scripts><div><div></script>";
	CHECK_STR(screen(in, 1, 0, 0), in);
	/* A script that never ends is text to the end of the page. */
	in = "<script><!--<script><div><div></script><div>";
	CHECK_STR(screen(in, 1, 0, 0), in);
	CHECK(no_cuts());
}

static void depth_cap(void)
{
	/* Past four levels each new div becomes the sibling of the innermost; the end tags the
	 * page meant for those closed early are dropped. */
	const char *in = "<div><div><div><div><div><div>x"
			 "</div></div></div></div></div></div><p>y</p>";
	CHECK_STR(screen(in, 4, 0, 0), "<div><div><div><div></div><div></div><div>x</div>"
		  "</div></div></div><p>y</p>");
	CHECK(st.depth_cut == 2 && st.endtags_cut == 2);
	/* So what follows the deep part stays in the element that held it. */
	in = "<section><div><div><div><div>deep</div></div></div></div><p>a</p></section><p>b";
	CHECK_STR(screen(in, 3, 0, 0), "<section><div><div></div><div></div><div>deep</div></div>"
		  "<p>a</p></section><p>b");
	CHECK(st.depth_cut == 2 && st.endtags_cut == 2);
	/* Mixed elements are closed by their own names. */
	CHECK_STR(screen("<b><i><span><b><i>x", 3, 0, 0), "<b><i><span></span><b></b><i>x");
	CHECK(st.depth_cut == 2);
	/* Void elements, self-closing svg and implied end tags do not deepen the stack. */
	in = "<p>a<p>b<img><br><hr><input><ul><li>1<li>2</ul><dl><dt>a<dd>b<dt>c</dl>"
	     "<select><option>a<option>b</select><svg><g/><g/></svg>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	in = "<table><tr><td>1<td>2<tr><td>3</table><h1>a<h2>b</h1><a>x<a>y";
	CHECK_STR(screen(in, 4, 0, 0), in);
	CHECK(no_cuts());
	/* svg children nest, and close by name. */
	CHECK_STR(screen("<svg><g><g><g></g></g></g></svg>", 3, 0, 0),
		  "<svg><g><g></g><g></g></g></svg>");
	CHECK(st.depth_cut == 1 && st.endtags_cut == 1);
	/* End tags that create elements or close nothing stay. */
	in = "<div><p>a</p></p></br></span></div></div>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	CHECK(no_cuts());
}

static void formatting_elements(void)
{
	/* Formatting elements closed along with a div come back before the next text; past the
	 * cap the last of them is dropped from gumbo's list, with an end tag of its name. */
	CHECK_STR(screen("<div><i><b></div><div><div><div>x", 4, 0, 0),
		  "<div><i><b></div><div><div><div></b>x");
	CHECK(st.depth_cut == 1);
	const char *in = "<div><i><b></div>x<div>y";
	CHECK_STR(screen(in, 4, 0, 0), in);
	CHECK(no_cuts());
	/* A misnested </b> leaves the div open (the adoption agency): repeated, it nests, five
	 * divs deep and a b and a div more at the end. */
	in = "<b><div></b><b><div></b><b><div></b><b><div></b><b><div></b>x";
	CHECK(strcmp(screen(in, 6, 0, 0), in) == 0);
	CHECK(strcmp(screen(in, 5, 0, 0), in) != 0 && st.depth_cut > 0);
	/* A new <a> closes an open one. */
	in = "<a>1<a>2<a>3<a>4";
	CHECK_STR(screen(in, 1, 0, 0), in);
	/* A b closed along with a p comes back at the y, unless a </b> dropped it from the list. */
	in = "<div><p><b>x</p></b>y<i><u>z";
	CHECK_STR(screen(in, 3, 0, 0), in);
	CHECK(no_cuts());
	CHECK_STR(screen("<div><p><b>x</p>y<i><u>z", 3, 0, 0), "<div><p><b>x</p>y<i></i><u>z");
	/* Gumbo's list holds three alike at most (Noah's Ark): three b come back, not four. */
	in = "<div><b><b><b><b></div>x<i><u>y";
	CHECK_STR(screen(in, 5, 0, 0), in);
	CHECK(no_cuts());
	CHECK(strcmp(screen(in, 4, 0, 0), in) != 0);
}

/* Where gumbo 0.10.1 parts from the spec, the screen follows gumbo. */
static void gumbo_ways(void)
{
	/* Any unknown end tag closes the nearest unknown element. */
	const char *in = "<x-a><x-b></x-c><x-d>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	CHECK(no_cuts());
	/* In a frameset, and in a select, other tags are ignored. */
	in = "<frameset><div><div><div><style>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	in = "<select><div><div><div><option>a<option>b</select>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	/* A frameset after content is ignored, and then the divs count. */
	CHECK_STR(screen("x<frameset><div><div>", 1, 0, 0), "x<frameset><div></div><div>");
	/* </template> closes its template through a table. */
	in = "<template><table></template><div><div>";
	CHECK_STR(screen(in, 2, 0, 0), in);
	CHECK(no_cuts());
	/* gumbo mistakes svg elements named like HTML table parts or framesets for those. */
	CHECK_STR(screen("<svg><frameset><td><g>", 0, 0, 0), "<svg><g>");
	CHECK(st.elements_cut == 2);
	/* "</>" right before a tag spoils the name gumbo records for that tag: dropped there. */
	CHECK_STR(screen("</><svg>a</>b", 0, 0, 0), "<svg>a</>b");
	CHECK(st.endtags_cut == 1);
}

static void idle_tags(void)
{
	/* Start tags gumbo ignores and end tags that close nothing stay, up to a point. */
	buf many;
	buf_init(&many, 0);
	for (int i = 0; i < 101; i++)
		buf_adds(&many, "<td>");
	for (int i = 0; i < 10001; i++)
		buf_adds(&many, "</span>");
	screen(many.data, 0, 0, 0);
	CHECK(out.len == many.len - strlen("<td>") - strlen("</span>"));
	CHECK(st.elements_cut == 1 && st.endtags_cut == 1);
	buf_free(&many);
}

static void attribute_cap(void)
{
	CHECK_STR(screen("<p a=1 b=2 c=3 d=\"4\">x</p>", 0, 2, 0), "<p a=1 b=2 >x</p>");
	CHECK(st.attrs_cut == 2);
	/* A quoted '>' is part of the value; self-closing survives the cut. */
	CHECK_STR(screen("<img alt=\"a>b\" c='>' d e/>", 0, 2, 0), "<img alt=\"a>b\" c='>' />");
	CHECK(st.attrs_cut == 2);
	/* A '/' before a dropped attribute goes with it, so no self-closing tag appears. */
	CHECK_STR(screen("<svg a=\"1\"/b=\"2\">", 0, 1, 0), "<svg a=\"1\">");
	/* End tags and unfinished tags are capped as well. */
	CHECK_STR(screen("<i></i a b c>", 0, 1, 0), "<i></i a >");
	CHECK_STR(screen("<div a b c d", 0, 2, 0), "<div a b ");
	CHECK(st.attrs_cut == 2);
	CHECK_STR(screen("<p a=1 b=2>", 0, 2, 0), "<p a=1 b=2>");
	CHECK(st.attrs_cut == 0);
}

static void element_cap(void)
{
	/* Past three start tags, tags go and text stays; end tags still close what is open. */
	CHECK_STR(screen("<a>1<b>2<i>3</i></b><span>4</span>tail<!--c-->", 0, 0, 3),
		  "<a>1<b>2<i>3</i></b>4tail<!--c-->");
	CHECK(st.elements_cut == 2);
	/* The text either side of a dropped tag must not make a tag or a reference unread. */
	CHECK_STR(screen("<i><<b>frameset>&#9<u>9999999999;&<s>#0;", 0, 0, 1),
		  "<i>< frameset>&#9 9999999999;& #0;");
	CHECK(st.charrefs_cut == 0);
	/* A dropped <script> starts no script: its content is text to gumbo and here. */
	CHECK_STR(screen("<p><script>x<b>y</b></script>", 0, 0, 1), "<p>xy");
	CHECK(st.elements_cut == 4);
}

static void charrefs(void)
{
	CHECK_STR(screen("<p>&#99999999999999;&#65;&#x0;&#xd800;&#1114112&#1114111;</p>", 0, 0, 0),
		  "<p>&#xFFFD;&#65;&#xFFFD;&#xFFFD;&#xFFFD;&#1114111;</p>");
	CHECK(st.charrefs_cut == 4);
	/* In attribute values and RCDATA too, but not in scripts, comments or attribute names. */
	CHECK_STR(screen("<a title=\"&#4294967361;x\" href=&#0>t</a><title>&#xD800;</title>",
			 0, 0, 0),
		  "<a title=\"&#xFFFD;x\" href=&#xFFFD;>t</a><title>&#xFFFD;</title>");
	CHECK(st.charrefs_cut == 3);
	const char *in = "<script>\"&#0;\"</script><!-- &#0; --><p &#0;=1>&#x;&#;&amp;</p>";
	CHECK_STR(screen(in, 0, 0, 0), in);
	CHECK(st.charrefs_cut == 0);
	/* With a dropped attribute after it, a rewritten reference still lands in place. */
	CHECK_STR(screen("<p a=\"&#0;\" b=\"&#0;\">", 0, 1, 0), "<p a=\"&#xFFFD;\" >");
	CHECK(st.charrefs_cut == 1 && st.attrs_cut == 1);
}

static void output_cap(void)
{
	buf small;
	buf_init(&small, 16);
	err e = {0};
	screen_stats s;
	const char *in = "<p>a paragraph longer than sixteen bytes</p>";
	CHECK(screen_html(in, strlen(in), NULL, &small, &s, &e) == -1);
	CHECK(e.code == ERR_DATA);
	buf_free(&small);
	buf_init(&small, 16);
	err_clear(&e);
	CHECK(screen_html("<p>short</p>", 12, NULL, &small, &s, &e) == 0 && e.code == 0);
	CHECK_STR(small.data, "<p>short</p>");
	buf_free(&small);
}

void test_screen(void)
{
	buf_init(&out, 0);
	unchanged();
	markup_that_does_not_count();
	script_states();
	depth_cap();
	formatting_elements();
	gumbo_ways();
	idle_tags();
	attribute_cap();
	element_cap();
	charrefs();
	output_cap();
	buf_free(&out);
}
