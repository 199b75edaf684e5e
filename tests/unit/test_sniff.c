/* test_sniff.c — what the bytes are (page, text, gzip, other) and bounded gzip unwrapping. */
#include "unit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#define ZLIB_CONST
#include <zlib.h>

#include "buf.h"
#include "err.h"
#include "sniff.h"

/* GBK "国家统计局今天发布数据显示，居民收入继续增长。" */
#define GBK_NEWS "\xB9\xFA\xBC\xD2\xCD\xB3\xBC\xC6\xBE\xD6\xBD\xF1\xCC\xEC\xB7\xA2\xB2\xBC" \
	"\xCA\xFD\xBE\xDD\xCF\xD4\xCA\xBE\xA3\xAC\xBE\xD3\xC3\xF1\xCA\xD5\xC8\xEB\xBC\xCC" \
	"\xD0\xF8\xD4\xF6\xB3\xA4\xA1\xA3"
#define LEN(literal) (sizeof(literal) - 1)

static sniff_result result;

static enum sniff_type type_of(const char *bytes, size_t n)
{
	sniff_type(bytes, n, &result);
	return result.type;
}

static enum sniff_type type_of_str(const char *s)
{
	return type_of(s, strlen(s));
}

/* UTF-16LE of an ASCII string, with a BOM if asked. */
static size_t utf16le(const char *s, bool with_bom, char *out)
{
	size_t k = 0;
	if (with_bom) {
		memcpy(out, "\xFF\xFE", 2);
		k = 2;
	}
	for (; *s; s++) {
		out[k++] = *s;
		out[k++] = '\0';
	}
	return k;
}

/* gzip of s[0..n), or of n zero bytes when s is NULL; the caller frees. */
static char *gzip(const char *s, size_t n, size_t *len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
	/* Zeros shrink about a thousandfold. */
	size_t cap = s ? deflateBound(&z, n) : n / 256 + 1024;
	char *out = malloc(cap);
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	static char zeros[1 << 20];
	size_t left = n;
	int ret;
	do {
		size_t k = left < sizeof zeros ? left : sizeof zeros;
		z.next_in = (const Bytef *)(s ? s + (n - left) : zeros);
		z.avail_in = (uInt)k;
		left -= k;
		ret = deflate(&z, left ? Z_NO_FLUSH : Z_FINISH);
	} while (left || ret == Z_OK);
	*len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

static void test_types(void)
{
	CHECK(type_of("", 0) == SNIFF_EMPTY);
	CHECK(type_of_str(" \r\n\t\f ") == SNIFF_EMPTY);
	CHECK(type_of_str("\xEF\xBB\xBF \n") == SNIFF_EMPTY);
	CHECK(type_of("\xFF\xFE \0\n\0", 6) == SNIFF_EMPTY);
	CHECK(type_of("\xFE\xFF\0 ", 4) == SNIFF_EMPTY);
	CHECK(type_of("\xFF\xFE \0x\0", 6) != SNIFF_EMPTY);
	CHECK(type_of("\xFF\xFE\x20\x4E", 4) != SNIFF_EMPTY);   /* U+4E20 is no space */
	CHECK(type_of_str("   .") != SNIFF_EMPTY);

	CHECK(type_of("\x1F\x8B\x08\x00", 4) == SNIFF_GZIP);

	static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0"
		"\x90wS\xDE";
	CHECK(type_of(png, LEN(png)) == SNIFF_OTHER);
	CHECK(strstr(result.what, "PNG image") != NULL);
	static const char pdf[] = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n"
		"endobj\n";
	CHECK(type_of(pdf, LEN(pdf)) == SNIFF_OTHER);
	CHECK(strstr(result.what, "PDF document") != NULL);
	/* Noise, as compressed or encrypted data looks. */
	char noise[4096];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof noise; i++) {
		x = x * 1103515245 + 12345;
		noise[i] = (char)(x >> 16);
	}
	CHECK(type_of(noise, sizeof noise) == SNIFF_OTHER);
	CHECK(result.what[0] != '\0');

	/* Legacy CJK text is text, even with a stray control byte that makes libmagic call it
	 * data. */
	CHECK(type_of_str(GBK_NEWS GBK_NEWS) == SNIFF_TEXT);
	CHECK(result.what[0] == '\0');
	char gbk[LEN(GBK_NEWS) * 40 + 1];
	for (size_t i = 0; i < 40; i++)
		memcpy(gbk + i * LEN(GBK_NEWS), GBK_NEWS, LEN(GBK_NEWS));
	gbk[100] = '\0';
	gbk[101] = '\x01';
	CHECK(type_of(gbk, sizeof gbk - 1) == SNIFF_TEXT);
	/* Shift_JIS "東京都は今日、新しい防災計画を発表しました。" */
	CHECK(type_of_str("\x93\x8C\x8B\x9E\x93\x73\x82\xCD\x8D\xA1\x93\xFA\x81\x41\x90\x56\x82"
			  "\xB5\x82\xA2\x96\x68\x8D\xD0\x8C\x76\x89\xE6\x82\xF0\x94\xAD\x95\x5C"
			  "\x82\xB5\x82\xDC\x82\xB5\x82\xBD\x81\x42") == SNIFF_TEXT);
	CHECK(type_of_str("It was a quiet day; 3 < 4 and 5 > 2.\n") == SNIFF_TEXT);

	CHECK(type_of_str("<!DOCTYPE html><html><body><p>hi</p></body></html>") == SNIFF_HTML);
	CHECK(type_of_str("<div class=a><p>" GBK_NEWS "</p></div>") == SNIFF_HTML);
	CHECK(type_of_str("\xEF\xBB\xBF<html><body>" GBK_NEWS "</body></html>") == SNIFF_HTML);
	CHECK(type_of_str("<!-- saved from url=(0022)http://example.com/ -->\n"
			  "<title>x</title>" GBK_NEWS) == SNIFF_HTML);

	/* A page after a text preamble: libmagic stops looking long before 10 KiB. */
	static const char line[] = "Saved by a mail gateway; the page follows below.\n";
	size_t n = 0;
	char *pre = malloc(12 * 1024 + 200);
	for (; n < 10 * 1024; n += LEN(line))
		memcpy(pre + n, line, LEN(line));
	n += (size_t)sprintf(pre + n, "<html><head><title>t</title></head><body>%s</body></html>",
			     GBK_NEWS);
	CHECK(type_of(pre, n) == SNIFF_HTML);
	CHECK(type_of(pre, 2048) == SNIFF_TEXT);   /* the same preamble alone */
	CHECK(type_of(pre + n - 2200, 2200) == SNIFF_HTML);
	free(pre);

	char u16[512];
	n = utf16le("<html><body><p>hello</p></body></html>", true, u16);
	CHECK(type_of(u16, n) == SNIFF_HTML);
	n = utf16le("<html><body><p>hello</p></body></html>", false, u16);
	CHECK(type_of(u16, n) == SNIFF_HTML);
	n = utf16le("Just some words.", true, u16);
	CHECK(type_of(u16, n) == SNIFF_TEXT);

	CHECK(type_of_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC "
			  "\"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n<html xmlns=\"http://www."
			  "w3.org/1999/xhtml\"><head><title>t</title></head><body><p>hi</p></body>"
			  "</html>\n") == SNIFF_XHTML);
	CHECK(type_of_str("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
			  "<body><p>hi</p></body></html>") == SNIFF_XHTML);
	/* The XHTML doctype without an XML declaration is served and read as HTML. */
	CHECK(type_of_str("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n"
			  "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title>"
			  "</head><body><p>hi</p></body></html>") == SNIFF_HTML);
}

static void test_gunzip(void)
{
	buf out;
	err e = {0};
	size_t n1, n2;
	static const char a[] = "第一部分：新闻正文。", b[] = " Second member.";
	char *g1 = gzip(a, LEN(a), &n1), *g2 = gzip(b, LEN(b), &n2);
	char *both = malloc(n1 + n2 + 8);
	memcpy(both, g1, n1);
	memcpy(both + n1, g2, n2);
	memset(both + n1 + n2, 0, 8);

	buf_init(&out, 1 << 20);
	CHECK(sniff_gunzip(g1, n1, &out, &e) == 0);
	CHECK_STR(out.data, a);
	CHECK(sniff_gunzip(both, n1 + n2, &out, &e) == 0);
	CHECK_STR(out.data, "第一部分：新闻正文。 Second member.");
	/* Zero padding after the last member is ignored, as gzip(1) does. */
	CHECK(sniff_gunzip(both, n1 + n2 + 8, &out, &e) == 0);
	CHECK(out.len == LEN(a) + LEN(b));

	CHECK(sniff_gunzip(g1, n1 - 5, &out, &e) == -1);
	CHECK(e.code == ERR_DATA && strstr(e.msg, "truncated"));
	err_clear(&e);
	CHECK(sniff_gunzip(g1, 0, &out, &e) == -1 && e.code == ERR_DATA);
	err_clear(&e);
	/* A broken second member fails the whole. */
	CHECK(sniff_gunzip(both, n1 + n2 - 3, &out, &e) == -1 && e.code == ERR_DATA);
	err_clear(&e);
	g1[12] ^= 0x5A;
	g1[13] ^= 0x33;
	CHECK(sniff_gunzip(g1, n1, &out, &e) == -1);
	CHECK(e.code == ERR_DATA && strstr(e.msg, "corrupt"));
	err_clear(&e);
	buf_free(&out);

	/* Exactly the limit fits; one byte less does not. */
	buf_init(&out, LEN(a));
	CHECK(sniff_gunzip(g2, n2, &out, &e) == 0);
	CHECK(sniff_gunzip(both, n1 + n2, &out, &e) == -1 && e.code == ERR_DATA);
	err_clear(&e);
	buf_free(&out);

	/* A gzip bomb: 100 MB of zeros in about 100 KB, against a 1 MiB limit. */
	size_t nb;
	char *bomb = gzip(NULL, 100u << 20, &nb);
	CHECK(nb < 200 * 1024);
	buf_init(&out, 1 << 20);
	CHECK(sniff_gunzip(bomb, nb, &out, &e) == -1);
	CHECK(e.code == ERR_DATA && strstr(e.msg, "inflates past 1048576 bytes"));
	CHECK(out.cap <= 2u << 20);
	buf_free(&out);
	free(bomb);
	free(g1);
	free(g2);
	free(both);
}

void test_sniff(void)
{
	err e = {0};
	CHECK(sniff_init(&e) == 0 && e.code == 0);
	CHECK(sniff_init(&e) == 0);
	test_types();
	test_gunzip();
	sniff_done();
}
