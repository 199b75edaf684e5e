/* test_decode.c — charset choice in the WHATWG order, the label table, and conversion to UTF-8. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "decode.h"
#include "err.h"

/* GBK "国家统计局今天发布数据显示，居民收入继续增长。" — enough for uchardet. */
#define GBK_NEWS "\xB9\xFA\xBC\xD2\xCD\xB3\xBC\xC6\xBE\xD6\xBD\xF1\xCC\xEC\xB7\xA2\xB2\xBC" \
	"\xCA\xFD\xBE\xDD\xCF\xD4\xCA\xBE\xA3\xAC\xBE\xD3\xC3\xF1\xCA\xD5\xC8\xEB\xBC\xCC" \
	"\xD0\xF8\xD4\xF6\xB3\xA4\xA1\xA3"
#define LEN(literal) (sizeof(literal) - 1)

static decode_choice chosen;

static const decode_choice *pick(const char *bytes, size_t n, const char *transport, bool html)
{
	decode_choose(bytes, n, transport, html, &chosen);
	return &chosen;
}

static const decode_choice *pick_html(const char *s)
{
	return pick(s, strlen(s), NULL, true);
}

static const decode_choice *pick_sent(const char *s, const char *transport)
{
	return pick(s, strlen(s), transport, true);
}

static buf converted;

/* bytes decoded as charset, or NULL when decode_to_utf8 fails; the result lives until the
 * next call. */
static const char *conv(const char *bytes, size_t n, const char *charset)
{
	decode_choice c = {.source = DECODE_TRANSPORT};
	err e = {0};
	snprintf(c.charset, sizeof c.charset, "%s", charset);
	return decode_to_utf8(bytes, n, &c, &converted, &e) == 0 ? converted.data : NULL;
}

static void test_labels(void)
{
	CHECK_STR(decode_label("  GB2312 ", 9), "GB18030");
	CHECK_STR(decode_label("gbk", 3), "GB18030");
	CHECK_STR(decode_label("gb18030", 7), "GB18030");
	CHECK_STR(decode_label("gbkXYZ", 3), "GB18030");   /* only len bytes count */
	CHECK_STR(decode_label("latin1", 6), "WINDOWS-1252");
	CHECK_STR(decode_label("US-ASCII", 8), "WINDOWS-1252");
	CHECK_STR(decode_label("iso-8859-1", 10), "WINDOWS-1252");
	CHECK_STR(decode_label("x-sjis", 6), "CP932");
	CHECK_STR(decode_label("\tShift_JIS\r\n", 12), "CP932");
	CHECK_STR(decode_label("big5", 4), "BIG5-HKSCS");
	CHECK_STR(decode_label("x-x-big5", 8), "BIG5-HKSCS");
	CHECK_STR(decode_label("ks_c_5601-1987", 14), "CP949");
	CHECK_STR(decode_label("euc-jp", 6), "EUC-JP-MS");
	CHECK_STR(decode_label("UTF8", 4), "UTF-8");
	CHECK_STR(decode_label("unicode-1-1-utf-8", 17), "UTF-8");
	CHECK_STR(decode_label("utf-16", 6), "UTF-16LE");
	CHECK_STR(decode_label("utf-16be", 8), "UTF-16BE");
	CHECK_STR(decode_label("koi8-ru", 7), "KOI8-U");
	CHECK_STR(decode_label("tis-620", 7), "WINDOWS-874");
	CHECK_STR(decode_label("iso-8859-8-i", 12), "ISO-8859-8");
	CHECK_STR(decode_label("x-mac-ukrainian", 15), "MAC-CYRILLIC");
	CHECK_STR(decode_label("iso-2022-kr", 11), NULL);   /* a "replacement" label */
	CHECK_STR(decode_label("no-such-charset", 15), NULL);
	CHECK_STR(decode_label("gb", 2), NULL);
	CHECK_STR(decode_label("windows-1252windows-1252windows-1252", 36), NULL);
	CHECK_STR(decode_label("   ", 3), NULL);
	CHECK_STR(decode_label("", 0), NULL);
	CHECK_STR(decode_source_name(DECODE_META), "meta");
	CHECK_STR(decode_source_name(DECODE_UTF8), "utf8");

	/* One label of every table line: a misspelt iconv name would fail to open. */
	static const char *const one_each[] = {
		"utf-8", "ibm866", "latin2", "latin3", "latin4", "cyrillic", "arabic", "greek",
		"hebrew", "latin6", "iso-8859-13", "iso-8859-14", "l9", "iso-8859-16", "koi8-r",
		"koi8-u", "macintosh", "windows-874", "cp1250", "cp1251", "cp1252", "cp1253",
		"latin5", "cp1255", "cp1256", "cp1257", "cp1258", "x-mac-cyrillic", "gbk", "big5",
		"euc-jp", "iso-2022-jp", "shift_jis", "euc-kr",
	};
	for (size_t i = 0; i < sizeof one_each / sizeof *one_each; i++) {
		const char *cs = decode_label(one_each[i], strlen(one_each[i]));
		const char *got = cs ? conv("Plain text.", 11, cs) : NULL;
		unit_check(got && strcmp(got, "Plain text.") == 0, one_each[i], __FILE__, __LINE__);
	}
}

static void test_choose(void)
{
	const decode_choice *c;

	/* A BOM wins over everything. */
	c = pick("\xEF\xBB\xBF<meta charset=gbk>abc", 24, "big5", true);
	CHECK_STR(c->charset, "UTF-8");
	CHECK(c->source == DECODE_BOM);
	c = pick("\xFF\xFE<\0p\0", 6, NULL, true);
	CHECK_STR(c->charset, "UTF-16LE");
	c = pick("\xFE\xFF\0<\0p", 6, "gbk", true);
	CHECK_STR(c->charset, "UTF-16BE");
	CHECK(c->source == DECODE_BOM);

	/* The transport's label comes next, then the <meta>. */
	c = pick_sent("<meta charset=big5>" GBK_NEWS, " GBK ");
	CHECK_STR(c->charset, "GB18030");
	CHECK_STR(c->label, "GBK");
	CHECK(c->source == DECODE_TRANSPORT);
	c = pick_sent("<meta charset=gbk>" GBK_NEWS, "no-such");
	CHECK(c->source == DECODE_META);
	CHECK_STR(c->label, "gbk");
	c = pick_html("<meta charset=gb2312>" GBK_NEWS);
	CHECK_STR(c->charset, "GB18030");
	CHECK_STR(c->label, "gb2312");
	CHECK(c->source == DECODE_META);

	/* Valid non-ASCII UTF-8 beats a stale legacy label, from meta or transport. */
	c = pick_html("<meta charset=gb2312><p>中文新闻</p>");
	CHECK_STR(c->charset, "UTF-8");
	CHECK_STR(c->label, "gb2312");
	CHECK(c->source == DECODE_UTF8);
	c = pick("caf\xC3\xA9", 5, "iso-8859-1", false);
	CHECK(c->source == DECODE_UTF8);
	CHECK_STR(c->label, "iso-8859-1");
	/* ... even cut short in the middle of a character by a size limit. */
	c = pick_html("<meta charset=gbk>中文\xE6\x96");
	CHECK(c->source == DECODE_UTF8);
	/* A declared UTF-8 stays UTF-8 on bytes that are not. */
	c = pick_sent(GBK_NEWS, "utf-8");
	CHECK_STR(c->charset, "UTF-8");
	CHECK(c->source == DECODE_TRANSPORT);

	/* The prescan steps over comments, other tags and their attribute values. */
	c = pick_html("<!-- <p class=x> <meta charset=big5> --><meta charset=gbk>" GBK_NEWS);
	CHECK_STR(c->label, "gbk");
	c = pick_html("<!--> <meta charset=big5> -->" GBK_NEWS);
	CHECK_STR(c->charset, "BIG5-HKSCS");   /* "<!-->" is a whole comment */
	c = pick_html("<!-- <meta charset=big5> -->" GBK_NEWS);
	CHECK(c->source == DECODE_DETECTED);
	CHECK_STR(c->charset, "GB18030");
	c = pick_html("<div title='<meta charset=big5>'><meta charset=euc-kr>");
	CHECK_STR(c->charset, "CP949");
	c = pick_html("<metal charset=big5><meta/charset=\"  shift_jis \">");
	CHECK_STR(c->charset, "CP932");
	CHECK_STR(c->label, "shift_jis");
	c = pick_html("<META CHARSET='KOI8-R'>");
	CHECK_STR(c->charset, "KOI8-R");
	c = pick_html("<? <meta charset=big5> ?><p>");
	CHECK(c->source == DECODE_DEFAULT);   /* a processing instruction ends at its first '>' */
	c = pick_html("<meta ='>' charset=gbk>");
	CHECK(c->source == DECODE_DEFAULT);   /* '=' cannot start a value, so '>' ends the tag */
	c = pick_html("<meta charset=gbk charset=big5>");
	CHECK_STR(c->charset, "GB18030");   /* a repeated attribute is ignored */

	/* http-equiv: content counts only with the pragma, in either order. */
	c = pick_html("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">");
	CHECK_STR(c->charset, "GB18030");
	CHECK_STR(c->label, "gb2312");
	c = pick_html("<meta content='text/html;charset=\"big5\"' http-equiv=content-type>");
	CHECK_STR(c->charset, "BIG5-HKSCS");
	c = pick_html("<meta content=\"text/html; charset=big5\"><p>plain</p>");
	CHECK(c->source == DECODE_DEFAULT);
	c = pick_html("<meta http-equiv=refresh content=\"5; charset=big5\">");
	CHECK(c->source == DECODE_DEFAULT);
	/* Only the first of a repeated attribute counts. */
	c = pick_html("<meta http-equiv=refresh http-equiv=content-type content='charset=gbk'>");
	CHECK(c->source == DECODE_DEFAULT);
	c = pick_html("<meta http-equiv=content-type content=text/html content='charset=gbk'>");
	CHECK(c->source == DECODE_DEFAULT);
	/* charset= that fails is not replaced by content=. */
	c = pick_html("<meta charset=bogus http-equiv=content-type content='charset=gbk'>");
	CHECK(c->source == DECODE_DEFAULT);
	/* UTF-16 in a <meta> means UTF-8. */
	c = pick_html("<meta charset=utf-16le>");
	CHECK_STR(c->charset, "UTF-8");
	CHECK(c->source == DECODE_META);
	/* An XML declaration counts when no <meta> does. */
	c = pick_html("<?xml version=\"1.0\" encoding='GB2312'?><html>");
	CHECK_STR(c->charset, "GB18030");
	CHECK(c->source == DECODE_META);

	/* Only the first 1024 bytes are prescanned, and only for HTML. */
	char late[1200];
	memset(late, ' ', sizeof late);
	memcpy(late + 1100, "<meta charset=gbk>", 18);
	c = pick(late, 1118, NULL, true);
	CHECK(c->source == DECODE_DEFAULT);
	c = pick("<meta charset=gbk>", 18, NULL, false);
	CHECK(c->source == DECODE_DEFAULT);
	CHECK_STR(c->charset, "WINDOWS-1252");
	/* A meta cut off by the end of the prescan does not count. */
	c = pick_html("<meta charset=gbk");
	CHECK(c->source == DECODE_DEFAULT);

	/* Pure ASCII: windows-1252, which reads ASCII as ASCII. */
	c = pick_html("<html><p>Hello</p></html>");
	CHECK_STR(c->charset, "WINDOWS-1252");
	CHECK(c->source == DECODE_DEFAULT);
	CHECK_STR(c->label, "");
	/* UTF-8 is checked over the whole page, not uchardet's prefix. */
	size_t big = 300 * 1024;
	char *tail = malloc(big + 4);
	memset(tail, 'a', big);
	memcpy(tail + big, "中", 3);
	c = pick(tail, big + 3, NULL, true);
	CHECK_STR(c->charset, "UTF-8");
	CHECK(c->source == DECODE_UTF8);
	free(tail);
}

static void test_detect(void)
{
	const decode_choice *c;
	/* "中央社台北電 行政院今天召開院會，通過多項法案。" in Big5 */
	static const char big5[] = "\xA4\xA4\xA5\xA1\xAA\xC0\xA5\x78\xA5\x5F\xB9\x71\x20\xA6\xE6"
		"\xAC\x46\xB0\x7C\xA4\xB5\xA4\xD1\xA5\x6C\xB6\x7D\xB0\x7C\xB7\x7C\xA1\x41\xB3\x71"
		"\xB9\x4C\xA6\x68\xB6\xB5\xAA\x6B\xAE\xD7\xA1\x43";
	/* "東京都は今日、新しい防災計画を発表しました。" in Shift_JIS */
	static const char sjis[] = "\x93\x8C\x8B\x9E\x93\x73\x82\xCD\x8D\xA1\x93\xFA\x81\x41\x90"
		"\x56\x82\xB5\x82\xA2\x96\x68\x8D\xD0\x8C\x76\x89\xE6\x82\xF0\x94\xAD\x95\x5C\x82"
		"\xB5\x82\xDC\x82\xB5\x82\xBD\x81\x42";
	/* "서울시는 오늘 새로운 대중교통 요금 체계를 발표했습니다." in EUC-KR */
	static const char euckr[] = "\xBC\xAD\xBF\xEF\xBD\xC3\xB4\xC2\x20\xBF\xC0\xB4\xC3\x20\xBB"
		"\xF5\xB7\xCE\xBF\xEE\x20\xB4\xEB\xC1\xDF\xB1\xB3\xC5\xEB\x20\xBF\xE4\xB1\xDD\x20"
		"\xC3\xBC\xB0\xE8\xB8\xA6\x20\xB9\xDF\xC7\xA5\xC7\xDF\xBD\xC0\xB4\xCF\xB4\xD9\x2E";
	static const char w1252[] = "Le ministre a d\xE9" "clar\xE9 : \x93Nous agirons vite\x94 \x97 "
		"une promesse d\xE9j\xE0 entendue \xE0 Paris.";

	c = pick(GBK_NEWS, LEN(GBK_NEWS), NULL, true);
	CHECK_STR(c->charset, "GB18030");
	CHECK(c->source == DECODE_DETECTED);
	c = pick(big5, LEN(big5), NULL, true);
	CHECK_STR(c->charset, "BIG5-HKSCS");
	CHECK_STR(c->label, "BIG5");
	c = pick(sjis, LEN(sjis), NULL, false);
	CHECK_STR(c->charset, "CP932");
	/* uchardet 0.0.7 calls EUC-KR "UHC", which is no WHATWG label. */
	c = pick(euckr, LEN(euckr), NULL, false);
	CHECK_STR(c->charset, "CP949");
	CHECK(c->source == DECODE_DETECTED);
	c = pick(w1252, LEN(w1252), NULL, false);
	CHECK_STR(c->charset, "WINDOWS-1252");
	CHECK_STR(conv(w1252, LEN(w1252), c->charset),
		  "Le ministre a déclaré : “Nous agirons vite” — une promesse déjà entendue à "
		  "Paris.");
	CHECK_STR(conv(big5, 4, "BIG5-HKSCS"), "中央");
	CHECK_STR(conv(euckr, 8, "CP949"), "서울시는");
}

static void test_convert(void)
{
	/* GBK, and GBK beyond GB2312 (镕 E9 46, 喆 86 B4), and 0x80 as the euro sign. */
	CHECK_STR(conv("\xD6\xD0\xCE\xC4", 4, "GB18030"), "中文");
	CHECK_STR(conv("\xE9\x46\x86\xB4", 4, "GB18030"), "镕喆");
	CHECK_STR(conv("5\x80", 2, "GB18030"), "5€");
	/* Bad GB18030 bytes: one U+FFFD each, and an ASCII byte after a bad lead survives. */
	CHECK_STR(conv("\x81\x20x\xFF", 4, "GB18030"), "\xEF\xBF\xBD x\xEF\xBF\xBD");
	CHECK_STR(conv("a\xD6", 2, "GB18030"), "a\xEF\xBF\xBD");
	CHECK_STR(conv("\xA4\xA4\xA4\xE5", 4, "BIG5-HKSCS"), "中文");
	CHECK_STR(conv("\xF9\xD6", 2, "BIG5-HKSCS"), "碁");   /* an ETEN extension */
	CHECK_STR(conv("\x87\x40\x81\x60", 4, "CP932"), "①～");
	CHECK_STR(conv("\xC7\xD1\xB1\xB9\x8C\x63", 6, "CP949"), "한국똠");
	CHECK_STR(conv("\xA4\xA2\xAD\xA1", 4, "EUC-JP-MS"), "あ①");
	CHECK_STR(conv("\x1B$B0!\x1B(Bx", 9, "ISO-2022-JP"), "亜x");
	CHECK_STR(conv("\x93quote\x94 \x97 caf\xE9", 14, "WINDOWS-1252"), "“quote” — café");
	CHECK_STR(conv("\xC6", 1, "KOI8-R"), "ф");

	/* The BOM is dropped, for UTF-16 and UTF-8 alike. */
	CHECK_STR(conv("\xFF\xFE\x2D\x4E\x87\x65", 6, "UTF-16LE"), "中文");
	CHECK_STR(conv("\xFE\xFF\x4E\x2D\x65\x87", 6, "UTF-16BE"), "中文");
	CHECK_STR(conv("\xEF\xBB\xBFok", 5, "UTF-8"), "ok");
	/* A lone surrogate costs one code unit, not the alignment of the rest. */
	CHECK_STR(conv("\x00\xD8\x41\x00\x42\x00", 6, "UTF-16LE"), "\xEF\xBF\xBD" "AB");
	CHECK_STR(conv("A\0B", 3, "UTF-16LE"), "A\xEF\xBF\xBD");   /* odd final byte */

	/* UTF-8: bad bytes one U+FFFD each, a spelt-out U+FFFD kept, NULs replaced. */
	CHECK_STR(conv("a\xFF" "b", 3, "UTF-8"), "a\xEF\xBF\xBD" "b");
	CHECK_STR(conv("\xC0\xAF" "z", 3, "utf-8"), "\xEF\xBF\xBD\xEF\xBF\xBDz");
	CHECK_STR(conv("x\xE4\xB8", 3, "UTF-8"), "x\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(conv("\xEF\xBF\xBD", 3, "UTF-8"), "\xEF\xBF\xBD");
	CHECK_STR(conv("a\0b", 3, "UTF-8"), "a\xEF\xBF\xBD" "b");
	CHECK_STR(conv("a\0\xD6\xD0", 4, "GB18030"), "a\xEF\xBF\xBD中");
	const char *s = conv("中\0", 4, "UTF-8");
	CHECK(s && strlen(s) == 6);

	/* The output limit is a data error, on both paths; an unknown charset too. */
	buf out;
	err e = {0};
	decode_choice c = {.charset = "UTF-8"};
	buf_init(&out, 8);
	CHECK(decode_to_utf8("12345678", 8, &c, &out, &e) == 0 && out.len == 8);
	CHECK(decode_to_utf8("123456789", 9, &c, &out, &e) == -1);
	CHECK(e.code == ERR_DATA && strstr(e.msg, "8 bytes"));
	err_clear(&e);
	snprintf(c.charset, sizeof c.charset, "GB18030");
	CHECK(decode_to_utf8("\xD6\xD0\xCE\xC4\xD6\xD0", 6, &c, &out, &e) == -1);
	CHECK(e.code == ERR_DATA);
	err_clear(&e);
	CHECK(decode_to_utf8("\xD6\xD0\xCE\xC4", 4, &c, &out, &e) == 0);
	CHECK_STR(out.data, "中文");
	snprintf(c.charset, sizeof c.charset, "NO-SUCH-CHARSET");
	CHECK(decode_to_utf8("abc", 3, &c, &out, &e) == -1);
	CHECK(e.code == ERR_DATA && strstr(e.msg, "NO-SUCH-CHARSET"));
	buf_free(&out);

	/* A page in several kilobytes goes through more than one iconv chunk whole. */
	size_t n = 3 * 8192 + 5;
	char *gbk = malloc(n * 2);
	for (size_t i = 0; i < n; i++)
		memcpy(gbk + 2 * i, "\xD6\xD0", 2);
	s = conv(gbk, n * 2, "GB18030");
	CHECK(s && strlen(s) == n * 3 && memcmp(s + (n - 1) * 3, "中", 3) == 0);
	free(gbk);
	CHECK_STR(conv("", 0, "GB18030"), "");
	CHECK_STR(conv("\xEF\xBB\xBF", 3, "UTF-8"), "");
}

void test_decode(void)
{
	test_labels();
	test_choose();
	test_detect();
	test_convert();
	buf_free(&converted);
}
