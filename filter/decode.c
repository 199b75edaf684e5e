/* decode.c — picks a page's charset in the WHATWG order and converts the page to UTF-8. */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "buf.h"
#include "err.h"
#include "text.h"

enum {
	/* The HTML standard (13.2.3.2, "determining the character encoding") encourages
	 * prescanning only the first 1024 bytes for a <meta>. */
	PRESCAN_MAX = 1024,
	/* uchardet settled every sample on far less; 256 KiB of GBK took 5 ms where the whole
	 * 3.5 MB took 67 ms with the same answer. */
	DETECT_MAX = 256 * 1024,
	LABEL_MAX = 31,   /* room in decode_choice.label; the longest WHATWG label has 19 */
};

static const char FFFD[] = "\xEF\xBF\xBD";

/* The WHATWG Encoding Standard's label table (section 4.2, "Names and labels"), one line per
 * encoding, with the glibc iconv name winnow decodes it with.  Where the WHATWG decoder is a
 * superset of the standard it names, the iconv name is the superset: GBK is read as GB18030,
 * Big5 as BIG5-HKSCS, Shift_JIS as CP932, EUC-KR as CP949 (UHC) and EUC-JP as EUC-JP-MS
 * (glibc's plain EUC-JP lacks the NEC row 13 that the WHATWG jis0208 index has: AD A1 is ①).
 * The "replacement" labels (iso-2022-kr, iso-2022-cn, hz-gb-2312, csiso2022kr) are left out:
 * browsers decode such pages as one U+FFFD to stop script smuggling, which would only lose
 * the article here, so winnow goes on to detection instead.  glibc has no x-user-defined; its
 * bytes 0x80-0xFF map to private-use code points, and the prescan reads it as windows-1252
 * anyway. */
static const struct {
	const char *charset;
	const char *labels;   /* separated by one space */
} encodings[] = {
	{"UTF-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
	{"IBM866", "866 cp866 csibm866 ibm866"},
	{"ISO-8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
		       "iso_8859-2:1987 l2 latin2"},
	{"ISO-8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
		       "iso_8859-3:1988 l3 latin3"},
	{"ISO-8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
		       "iso_8859-4:1988 l4 latin4"},
	{"ISO-8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
		       "iso_8859-5 iso_8859-5:1988"},
	{"ISO-8859-6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
		       "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
		       "iso_8859-6 iso_8859-6:1987"},
	{"ISO-8859-7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
		       "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
	/* ISO-8859-8-I differs from ISO-8859-8 only in text direction, which has no bytes. */
	{"ISO-8859-8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
		       "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual "
		       "csiso88598i iso-8859-8-i logical"},
	{"ISO-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
	{"ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"},
	{"ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"},
	{"ISO-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
	{"ISO-8859-16", "iso-8859-16"},
	{"KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"},
	{"KOI8-U", "koi8-ru koi8-u"},
	{"MACINTOSH", "csmacintosh mac macintosh x-mac-roman"},
	{"WINDOWS-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
	{"WINDOWS-1250", "cp1250 windows-1250 x-cp1250"},
	{"WINDOWS-1251", "cp1251 windows-1251 x-cp1251"},
	{"WINDOWS-1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
			 "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 "
			 "us-ascii windows-1252 x-cp1252 x-user-defined"},
	{"WINDOWS-1253", "cp1253 windows-1253 x-cp1253"},
	{"WINDOWS-1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
			 "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
	{"WINDOWS-1255", "cp1255 windows-1255 x-cp1255"},
	{"WINDOWS-1256", "cp1256 windows-1256 x-cp1256"},
	{"WINDOWS-1257", "cp1257 windows-1257 x-cp1257"},
	{"WINDOWS-1258", "cp1258 windows-1258 x-cp1258"},
	{"MAC-CYRILLIC", "x-mac-cyrillic x-mac-ukrainian"},
	{"GB18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 "
		    "x-gbk gb18030"},
	{"BIG5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
	{"EUC-JP-MS", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
	{"ISO-2022-JP", "csiso2022jp iso-2022-jp"},
	{"CP932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
	{"CP949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
		  "ksc5601 ksc_5601 windows-949"},
	{"UTF-16BE", "unicodefffe utf-16be"},
	{"UTF-16LE", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
};

/* Names uchardet 0.0.7 can answer (read from the library's strings) that are not WHATWG
 * labels but that glibc decodes.  Its other answers are WHATWG labels, "ASCII", "" and
 * HZ-GB-2312, for which glibc has no converter. */
static const struct {
	const char *name, *charset;
} detected[] = {
	{"EUC-TW", "EUC-TW"},
	{"IBM852", "IBM852"},
	{"IBM855", "IBM855"},
	{"ISO-2022-CN", "ISO-2022-CN"},
	{"ISO-2022-KR", "ISO-2022-KR"},
	{"MAC-CENTRALEUROPE", "MAC-CENTRALEUROPE"},
	{"MAC-CYRILLIC", "MAC-CYRILLIC"},
	{"UHC", "CP949"},       /* its answer for EUC-KR pages */
	{"UTF-32", "UTF-32"},
	{"VISCII", "VISCII"},
};

/* ASCII whitespace as the WHATWG specs define it: no vertical tab. */
static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_ws((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_ws((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

const char *decode_label(const char *label, size_t len)
{
	char want[LABEL_MAX + 1];
	trim(&label, &len);
	if (len == 0 || len > LABEL_MAX)
		return NULL;
	for (size_t i = 0; i < len; i++)
		want[i] = (char)lower((unsigned char)label[i]);
	for (size_t i = 0; i < sizeof encodings / sizeof *encodings; i++) {
		for (const char *p = encodings[i].labels; *p;) {
			size_t k = strcspn(p, " ");
			if (k == len && memcmp(p, want, len) == 0)
				return encodings[i].charset;
			p += k + (p[k] == ' ');
		}
	}
	return NULL;
}

const char *decode_source_name(enum decode_source s)
{
	static const char *const names[] = {
		[DECODE_BOM] = "bom",         [DECODE_TRANSPORT] = "transport",
		[DECODE_META] = "meta",       [DECODE_UTF8] = "utf8",
		[DECODE_DETECTED] = "detected", [DECODE_DEFAULT] = "default",
	};
	return (size_t)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

static void choose(decode_choice *c, const char *charset, const char *label, size_t len,
		   enum decode_source source)
{
	trim(&label, &len);
	if (len > LABEL_MAX)
		len = LABEL_MAX;
	snprintf(c->charset, sizeof c->charset, "%s", charset);
	memcpy(c->label, label, len);
	c->label[len] = '\0';
	c->source = source;
}

/* The byte-order mark, if any: its charset and length. */
static const char *bom(const char *bytes, size_t n, size_t *len)
{
	static const struct {
		const char *mark, *charset;
	} marks[] = {
		{"\xEF\xBB\xBF", "UTF-8"}, {"\xFF\xFE", "UTF-16LE"}, {"\xFE\xFF", "UTF-16BE"},
	};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		*len = strlen(marks[i].mark);
		if (n >= *len && memcmp(bytes, marks[i].mark, *len) == 0)
			return marks[i].charset;
	}
	*len = 0;
	return NULL;
}

static bool is_utf16(const char *charset)
{
	return strcmp(charset, "UTF-16LE") == 0 || strcmp(charset, "UTF-16BE") == 0;
}

/* Valid UTF-8 with at least one non-ASCII character.  An incomplete sequence at the very end
 * still counts: a fetch cut at the size limit stops anywhere. */
static bool utf8_nonascii(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k = 0;
	while (i < n && u[i] < 0x80)
		i++;
	while (k < 3 && k < n - i && (u[n - 1 - k] & 0xC0) == 0x80)
		k++;
	if (k < n - i) {
		unsigned char lead = u[n - 1 - k];
		size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
		if (lead >= 0xC2 && lead <= 0xF4 && k < need)
			n -= k + 1;
	}
	return i < n && text_valid_utf8(s + i, n - i);
}

/* The HTML standard's "get an attribute" (13.2.3.2).  Returns 1 with an attribute, 0 at the
 * '>' that ends the tag, -1 when the bytes run out, which ends the whole prescan.  Names and
 * values are lowercased as the standard says; a name too long for the buffer cannot be one
 * the prescan looks for, so it is kept cut short and marked. */
struct attr {
	char name[16];
	size_t nlen;
	bool long_name;
	char value[PRESCAN_MAX];
	size_t vlen;
};

static void attr_name(struct attr *a, unsigned char c)
{
	if (a->nlen < sizeof a->name - 1)
		a->name[a->nlen++] = (char)lower(c);
	else
		a->long_name = true;
}

static void attr_value(struct attr *a, unsigned char c)
{
	if (a->vlen < sizeof a->value)
		a->value[a->vlen++] = (char)lower(c);
}

static bool attr_is(const struct attr *a, const char *name)
{
	return !a->long_name && a->nlen == strlen(name) && memcmp(a->name, name, a->nlen) == 0;
}

static int get_attr(const unsigned char *s, size_t n, size_t *pos, struct attr *a)
{
	size_t p = *pos;
	a->nlen = a->vlen = 0;
	a->long_name = false;
	while (p < n && (is_ws(s[p]) || s[p] == '/'))
		p++;
	if (p >= n)
		return -1;
	if (s[p] == '>') {
		*pos = p;
		return 0;
	}
	for (;; p++) {
		if (p >= n)
			return -1;
		if (s[p] == '=' && a->nlen > 0) {
			p++;
			goto value;
		}
		if (is_ws(s[p]))
			break;
		if (s[p] == '/' || s[p] == '>') {
			*pos = p;
			return 1;
		}
		attr_name(a, s[p]);
	}
	while (p < n && is_ws(s[p]))
		p++;
	if (p >= n)
		return -1;
	if (s[p] != '=') {
		*pos = p;
		return 1;
	}
	p++;
value:
	while (p < n && is_ws(s[p]))
		p++;
	if (p >= n)
		return -1;
	if (s[p] == '"' || s[p] == '\'') {
		unsigned char quote = s[p];
		for (p++; p < n; p++) {
			if (s[p] == quote) {
				*pos = p + 1;
				return 1;
			}
			attr_value(a, s[p]);
		}
		return -1;
	}
	if (s[p] == '>') {
		*pos = p;
		return 1;
	}
	for (; p < n; p++) {
		if (is_ws(s[p]) || s[p] == '>') {
			*pos = p;
			return 1;
		}
		attr_value(a, s[p]);
	}
	return -1;
}

/* The HTML standard's "algorithm for extracting a character encoding from a meta element",
 * run on a content attribute's (lowercased) value.  Sets the label found, if any. */
static const char *content_charset(const char *v, size_t n, const char **label, size_t *len)
{
	size_t p = 0;
	for (;;) {
		const char *hit = text_find_ci(v + p, n - p, "charset");
		if (!hit)
			return NULL;
		p = (size_t)(hit - v) + 7;
		while (p < n && is_ws((unsigned char)v[p]))
			p++;
		if (p < n && v[p] == '=')
			break;
	}
	p++;
	while (p < n && is_ws((unsigned char)v[p]))
		p++;
	if (p >= n)
		return NULL;
	size_t q;
	if (v[p] == '"' || v[p] == '\'') {
		const char *end = memchr(v + p + 1, v[p], n - p - 1);
		if (!end)
			return NULL;
		p++;
		q = (size_t)(end - v);
	} else {
		for (q = p; q < n && !is_ws((unsigned char)v[q]) && v[q] != ';'; q++)
			;
	}
	*label = v + p;
	*len = q - p;
	return decode_label(v + p, q - p);
}

/* Runs the attributes of one <meta> (position just past "<meta" and the byte after it).
 * Returns the charset it declares, or NULL; *end says the bytes ran out. */
static const char *meta(const unsigned char *s, size_t n, size_t *pos, bool *end,
			char label[LABEL_MAX + 1])
{
	struct attr a;
	bool got_pragma = false, seen_equiv = false, seen_content = false, seen_charset = false;
	enum { PRAGMA_NULL, PRAGMA_NO, PRAGMA_YES } need_pragma = PRAGMA_NULL;
	enum { CS_NULL, CS_FAILURE, CS_FOUND } state = CS_NULL;
	const char *charset = NULL;
	int r;
	while ((r = get_attr(s, n, pos, &a)) > 0) {
		if (attr_is(&a, "http-equiv") && !seen_equiv) {
			seen_equiv = true;
			if (a.vlen == 12 && memcmp(a.value, "content-type", 12) == 0)
				got_pragma = true;
		} else if (attr_is(&a, "content") && !seen_content) {
			seen_content = true;
			const char *lab;
			size_t len;
			const char *cs = content_charset(a.value, a.vlen, &lab, &len);
			if (cs && state == CS_NULL) {
				charset = cs;
				state = CS_FOUND;
				need_pragma = PRAGMA_YES;
				snprintf(label, LABEL_MAX + 1, "%.*s", (int)len, lab);
			}
		} else if (attr_is(&a, "charset") && !seen_charset) {
			seen_charset = true;
			charset = decode_label(a.value, a.vlen);
			state = charset ? CS_FOUND : CS_FAILURE;
			need_pragma = PRAGMA_NO;
			snprintf(label, LABEL_MAX + 1, "%.*s", (int)a.vlen, a.value);
		}
	}
	*end = r < 0;
	if (r < 0 || need_pragma == PRAGMA_NULL || state != CS_FOUND)
		return NULL;
	if (need_pragma == PRAGMA_YES && !got_pragma)
		return NULL;
	/* A page cannot declare UTF-16 in ASCII bytes and mean it: the standard reads it as
	 * UTF-8. */
	return is_utf16(charset) ? "UTF-8" : charset;
}

static bool starts(const unsigned char *s, size_t n, const char *with)
{
	size_t k = strlen(with);
	return n >= k && memcmp(s, with, k) == 0;
}

static bool is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static size_t find(const unsigned char *s, size_t n, size_t from, const char *what)
{
	size_t k = strlen(what);
	for (size_t i = from; i + k <= n; i++)
		if (memcmp(s + i, what, k) == 0)
			return i;
	return n;
}

/* The HTML standard's "get an XML encoding", for a page that starts with an XML declaration
 * and has no <meta> the prescan could use.  The search stays inside the declaration. */
static const char *xml_encoding(const unsigned char *s, size_t n, char label[LABEL_MAX + 1])
{
	if (!starts(s, n, "<?xml"))
		return NULL;
	const unsigned char *gt = memchr(s, '>', n);
	if (!gt)
		return NULL;
	n = (size_t)(gt - s);
	const char *hit = text_find_ci((const char *)s, n, "encoding");
	if (!hit)
		return NULL;
	size_t p = (size_t)((const unsigned char *)hit - s) + 8;
	while (p < n && s[p] <= 0x20)
		p++;
	if (p >= n || s[p] != '=')
		return NULL;
	for (p++; p < n && s[p] <= 0x20; p++)
		;
	if (p >= n || (s[p] != '"' && s[p] != '\''))
		return NULL;
	const unsigned char *q = memchr(s + p + 1, s[p], n - p - 1);
	if (!q)
		return NULL;
	p++;
	size_t len = (size_t)(q - s) - p;
	for (size_t i = p; i < p + len; i++)
		if (s[i] <= 0x20)
			return NULL;
	const char *cs = decode_label((const char *)s + p, len);
	if (!cs)
		return NULL;
	snprintf(label, LABEL_MAX + 1, "%.*s", (int)len, (const char *)s + p);
	return is_utf16(cs) ? "UTF-8" : cs;
}

/* The HTML standard's "prescan a byte stream to determine its encoding" over bytes[0..n),
 * n at most PRESCAN_MAX.  Comments, other tags and their attribute values are stepped over
 * as the standard says, so a charset inside them does not count. */
static const char *prescan(const char *bytes, size_t n, char label[LABEL_MAX + 1])
{
	const unsigned char *s = (const unsigned char *)bytes;
	/* "<?x" in UTF-16: an XML declaration, which needs no label to be read. */
	if (n >= 6 && memcmp(s, "<\0?\0x\0", 6) == 0)
		return "UTF-16LE";
	if (n >= 6 && memcmp(s, "\0<\0?\0x", 6) == 0)
		return "UTF-16BE";
	for (size_t p = 0; p < n; p++) {
		if (s[p] != '<')
			continue;
		if (starts(s + p, n - p, "<!--")) {
			/* The dashes of "<!--" may end it too: "<!-->" is a whole comment. */
			size_t q = find(s, n, p + 2, "-->");
			if (q == n)
				break;
			p = q + 2;
		} else if (n - p > 5 && strncasecmp((const char *)s + p, "<meta", 5) == 0 &&
			   (is_ws(s[p + 5]) || s[p + 5] == '/')) {
			bool end;
			p += 6;
			const char *cs = meta(s, n, &p, &end, label);
			if (cs)
				return cs;
			if (end)
				break;
		} else if (n - p > 1 && (is_alpha(s[p + 1]) ||
					 (n - p > 2 && s[p + 1] == '/' && is_alpha(s[p + 2])))) {
			struct attr a;
			int r;
			while (p < n && !is_ws(s[p]) && s[p] != '>')
				p++;
			while ((r = get_attr(s, n, &p, &a)) > 0)
				;
			if (r < 0)
				break;
		} else if (n - p > 1 && (s[p + 1] == '!' || s[p + 1] == '/' || s[p + 1] == '?')) {
			const unsigned char *gt = memchr(s + p, '>', n - p);
			if (!gt)
				break;
			p = (size_t)(gt - s);
		}
	}
	return xml_encoding(s, n, label);
}

static const char *detector_charset(const char *name)
{
	const char *cs = decode_label(name, strlen(name));
	if (cs)
		return cs;
	for (size_t i = 0; i < sizeof detected / sizeof *detected; i++)
		if (strcasecmp(name, detected[i].name) == 0)
			return detected[i].charset;
	return NULL;
}

static void detect(const char *bytes, size_t n, decode_choice *out)
{
	char name[LABEL_MAX + 1] = "";
	uchardet_t ud = uchardet_new();
	if (ud) {
		if (uchardet_handle_data(ud, bytes, n < DETECT_MAX ? n : DETECT_MAX) == 0) {
			uchardet_data_end(ud);
			snprintf(name, sizeof name, "%s", uchardet_get_charset(ud));
		}
		uchardet_delete(ud);
	}
	/* uchardet 0.0.7 answers "ASCII" for 7-bit text: every ASCII-compatible charset reads
	 * it the same, so it is the default's case, not a finding. */
	bool ascii = strcasecmp(name, "ASCII") == 0;
	const char *cs = ascii ? NULL : detector_charset(name);
	if (cs)
		choose(out, cs, name, strlen(name), DECODE_DETECTED);
	else
		choose(out, "WINDOWS-1252", name, ascii ? 0 : strlen(name), DECODE_DEFAULT);
}

void decode_choose(const char *bytes, size_t n, const char *transport, bool html,
		   decode_choice *out)
{
	size_t skip;
	const char *cs = bom(bytes, n, &skip);
	char label[LABEL_MAX + 1] = "";
	memset(out, 0, sizeof *out);
	if (cs) {
		choose(out, cs, "", 0, DECODE_BOM);
		return;
	}
	bool utf8 = utf8_nonascii(bytes, n);
	if (transport && (cs = decode_label(transport, strlen(transport)))) {
		choose(out, cs, transport, strlen(transport), DECODE_TRANSPORT);
	} else if (html && (cs = prescan(bytes, n < PRESCAN_MAX ? n : PRESCAN_MAX, label))) {
		choose(out, cs, label, strlen(label), DECODE_META);
	} else if (utf8) {
		/* Checked over the whole page before asking uchardet, which sees only a prefix
		 * and calls a page ASCII when its first non-ASCII byte lies past it. */
		choose(out, "UTF-8", "", 0, DECODE_UTF8);
		return;
	} else {
		detect(bytes, n, out);
		return;
	}
	/* Pages re-encoded to UTF-8 often keep a stale legacy declaration (114 of 621 in one
	 * English news set); legacy text is almost never valid non-ASCII UTF-8 by chance. */
	if (utf8 && strcmp(out->charset, "UTF-8") != 0 && !is_utf16(out->charset)) {
		snprintf(out->charset, sizeof out->charset, "UTF-8");
		out->source = DECODE_UTF8;
	}
}

/* Converters opened before a sandbox starts (decode_preload): glibc loads converter modules
 * from disk at iconv_open, which the sandbox forbids. */
static struct {
	const char *charset;
	iconv_t cd;
} preloaded[sizeof encodings / sizeof *encodings + sizeof detected / sizeof *detected];
static size_t npreloaded;

void decode_preload(void)
{
	enum { E = sizeof encodings / sizeof *encodings, D = sizeof detected / sizeof *detected };
	if (npreloaded)
		return;
	for (size_t i = 0; i < E + D; i++) {
		const char *cs = i < E ? encodings[i].charset : detected[i - E].charset;
		iconv_t cd = iconv_open("UTF-8", cs);
		if (cd == (iconv_t)-1)
			continue;
		preloaded[npreloaded].charset = cs;
		preloaded[npreloaded++].cd = cd;
	}
}

/* Every converter winnow uses is opened here: one preloaded, reset to its initial state, or
 * a new one (closed with release). */
static int converter(const char *charset, iconv_t *cd, err *e)
{
	for (size_t i = 0; i < npreloaded; i++)
		if (strcasecmp(preloaded[i].charset, charset) == 0) {
			*cd = preloaded[i].cd;
			iconv(*cd, NULL, NULL, NULL, NULL);
			return 0;
		}
	*cd = iconv_open("UTF-8", charset);
	if (*cd == (iconv_t)-1)
		return err_set(e, ERR_DATA, "cannot decode %s: no iconv converter to UTF-8 (%s)",
			       charset, strerror(errno));
	return 0;
}

static int too_big(const buf *out, err *e)
{
	return err_set(e, ERR_DATA, "the page decoded to UTF-8 passes %zu bytes", out->max);
}

/* Appends UTF-8 s[0..n), a NUL becoming U+FFFD: later stages treat text as C strings. */
static int put(buf *out, const char *s, size_t n)
{
	const char *z;
	while ((z = memchr(s, '\0', n))) {
		size_t k = (size_t)(z - s);
		if (buf_add(out, s, k) < 0 || buf_add(out, FFFD, 3) < 0)
			return -1;
		s += k + 1;
		n -= k + 1;
	}
	return buf_add(out, s, n);
}

/* UTF-8 needs no converter: valid runs are copied whole, each invalid byte is one U+FFFD
 * (text_next's rule). */
static int from_utf8(const char *s, size_t n, buf *out)
{
	const char *p = s, *end = s + n, *run = s;
	while (p < end) {
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		const char *q = p;
		if (text_next(&p, end) == 0xFFFD && p - q == 1) {
			if (put(out, run, (size_t)(q - run)) < 0 || buf_add(out, FFFD, 3) < 0)
				return -1;
			run = p;
		}
	}
	return put(out, run, (size_t)(end - run));
}

static int from_iconv(iconv_t cd, const char *charset, const char *s, size_t n, buf *out)
{
	char chunk[8192], *o;
	char *in = (char *)s;
	size_t left = n, room;
	/* A bad UTF-16 code unit is skipped whole, or the rest would be misaligned. */
	size_t step = is_utf16(charset) ? 2 : 1;
	bool gb18030 = strcmp(charset, "GB18030") == 0;
	while (left) {
		o = chunk;
		room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		int why = errno;
		if (put(out, chunk, (size_t)(o - chunk)) < 0)
			return -1;
		if (r != (size_t)-1 || why == E2BIG)
			continue;
		/* EINVAL is an incomplete sequence at the end: one U+FFFD for all of it. */
		size_t skip = why == EINVAL || left < step ? left : step;
		/* The WHATWG gb18030 decoder reads a lone 0x80 as the euro sign, as code page
		 * 936 does; glibc rejects it. */
		bool euro = gb18030 && (unsigned char)*in == 0x80;
		if (buf_add(out, euro ? "\xE2\x82\xAC" : FFFD, 3) < 0)
			return -1;
		in += skip;
		left -= skip;
	}
	/* Ends a shift state (ISO-2022-JP); 8 KiB of room is more than any reset needs. */
	o = chunk;
	room = sizeof chunk;
	iconv(cd, NULL, NULL, &o, &room);
	return put(out, chunk, (size_t)(o - chunk));
}

int decode_to_utf8(const char *bytes, size_t n, const decode_choice *c, buf *out, err *e)
{
	size_t skip;
	const char *mark = bom(bytes, n, &skip);
	if (mark && strcasecmp(mark, c->charset) == 0) {
		bytes += skip;
		n -= skip;
	}
	buf_reset(out);
	if (strcasecmp(c->charset, "UTF-8") == 0)
		return from_utf8(bytes, n, out) < 0 ? too_big(out, e) : 0;
	iconv_t cd;
	if (converter(c->charset, &cd, e) < 0)
		return -1;
	int r = from_iconv(cd, c->charset, bytes, n, out);
	bool kept = false;
	for (size_t i = 0; i < npreloaded; i++)
		kept |= preloaded[i].cd == cd;
	if (!kept)
		iconv_close(cd);
	return r < 0 ? too_big(out, e) : 0;
}
