/* date.c — recognising dates in text (numeric, Chinese, English, relative) and ISO 8601. */
#include "date.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const months[12] = { "jan", "feb", "mar", "apr", "may", "jun",
					"jul", "aug", "sep", "oct", "nov", "dec" };

/* Up to `max` digits at *p as a number (at least one), advancing *p; -1 when none. */
static int digits(const char **p, const char *end, int max)
{
	int v = 0, k = 0;
	while (*p < end && k < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k ? v : -1;
}

static bool lit(const char **p, const char *end, const char *s)
{
	size_t k = strlen(s);
	if ((size_t)(end - *p) < k || memcmp(*p, s, k) != 0)
		return false;
	*p += k;
	return true;
}

/* An English month name or its abbreviation at *p; 1-12, or 0. */
static int month_name(const char **p, const char *end)
{
	for (int m = 0; m < 12; m++) {
		if (end - *p < 3 || strncasecmp(*p, months[m], 3) != 0)
			continue;
		const char *q = *p + 3;
		while (q < end && isalpha((unsigned char)*q))
			q++;
		if (q < end && *q == '.')
			q++;
		*p = q;
		return m + 1;
	}
	return 0;
}

static bool valid(int y, int m, int d)
{
	return y >= 1970 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* An absolute date at p: numeric y-m-d (- / . or 年月日), "March 5, 2020" or "5 March 2020".
 * Fills y/m/d and returns the end, or NULL. */
static const char *absolute(const char *p, const char *end, int *y, int *m, int *d)
{
	const char *q = p;
	int a = digits(&q, end, 4);
	if (a >= 1970 && q - p == 4) {
		bool zh = lit(&q, end, "\xE5\xB9\xB4");   /* 年 */
		if (!zh && !(q < end && (*q == '-' || *q == '/' || *q == '.')))
			return NULL;
		if (!zh)
			q++;
		int mo = digits(&q, end, 2);
		if (zh ? !lit(&q, end, "\xE6\x9C\x88") : !(q < end && (*q == '-' || *q == '/' || *q == '.')))
			return NULL;   /* 月 */
		if (!zh)
			q++;
		int dd = digits(&q, end, 2);
		if (zh)
			lit(&q, end, "\xE6\x97\xA5");   /* 日 */
		if (!valid(a, mo, dd))
			return NULL;
		*y = a, *m = mo, *d = dd;
		return q;
	}
	q = p;
	a = digits(&q, end, 2);
	if (a > 0 && q < end && *q == '/') {
		/* "9/17/2004": the month first, as American pages write it; the day first when
		 * the first number cannot be a month. */
		q++;
		int b = digits(&q, end, 2);
		if (b < 1 || q >= end || *q != '/')
			return NULL;
		const char *yq = ++q;
		int yy = digits(&q, end, 4);
		if (q - yq != 4 || (q < end && isdigit((unsigned char)*q)))
			return NULL;
		int mm = a <= 12 ? a : b, dd = a <= 12 ? b : a;
		if (!valid(yy, mm, dd))
			return NULL;
		*y = yy, *m = mm, *d = dd;
		return q;
	}
	q = p;
	int mo = month_name(&q, end);
	if (mo) {   /* March 5, 2020 */
		while (q < end && *q == ' ')
			q++;
		int dd = digits(&q, end, 2);
		while (q < end && isalpha((unsigned char)*q))
			q++;   /* 5th */
		if (q < end && *q == ',')
			q++;
		while (q < end && *q == ' ')
			q++;
		const char *yq = q;
		int yy = digits(&q, end, 4);
		if (q - yq != 4 || !valid(yy, mo, dd))
			return NULL;
		*y = yy, *m = mo, *d = dd;
		return q;
	}
	q = p;
	int dd = digits(&q, end, 2);   /* 5 March 2020, 30th March 2025, 1st of May 2020 */
	if (dd < 1)
		return NULL;
	if (end - q >= 2 && (strncasecmp(q, "st", 2) == 0 || strncasecmp(q, "nd", 2) == 0 ||
			     strncasecmp(q, "rd", 2) == 0 || strncasecmp(q, "th", 2) == 0))
		q += 2;
	while (q < end && (*q == ' ' || *q == '-'))
		q++;
	if (end - q >= 3 && strncasecmp(q, "of ", 3) == 0)
		q += 3;
	mo = month_name(&q, end);
	if (!mo)
		return NULL;
	while (q < end && (*q == ' ' || *q == '-' || *q == ','))
		q++;
	const char *yq = q;
	int yy = digits(&q, end, 4);
	if (q - yq != 4 || !valid(yy, mo, dd))
		return NULL;
	*y = yy, *m = mo, *d = dd;
	return q;
}

/* A time of day at p ("10:20", "10:20:30", optional fraction); fills h/mi/s; end or NULL. */
static const char *clock_time(const char *p, const char *end, int *h, int *mi, int *s)
{
	const char *q = p;
	int hh = digits(&q, end, 2);
	if (hh < 0 || hh > 23 || !(q < end && (*q == ':' || lit(&q, end, "\xEF\xBC\x9A"))))
		return NULL;
	if (*q == ':')
		q++;
	const char *mq = q;
	int mm = digits(&q, end, 2);
	if (q - mq != 2 || mm > 59)
		return NULL;
	int ss = 0;
	if (q < end && *q == ':') {
		const char *sq = q + 1;
		int v = digits(&sq, end, 2);
		if (sq - q == 3 && v <= 60) {
			ss = v;
			q = sq;
		}
	}
	if (q < end && *q == '.')
		for (q++; q < end && isdigit((unsigned char)*q); q++)
			;
	*h = hh, *mi = mm, *s = ss;
	return q;
}

/* Relative stamps of listings: "3小时前", "5分钟前", "昨天", "2 hours ago". */
static const char *relative(const char *p, const char *end)
{
	static const char *const zh_units[] = { "\xE7\xA7\x92", "\xE5\x88\x86\xE9\x92\x9F",
						"\xE5\xB0\x8F\xE6\x97\xB6", "\xE5\xA4\xA9",
						"\xE5\x91\xA8", "\xE4\xB8\xAA\xE6\x9C\x88",
						"\xE5\xB0\x8F\xE6\x99\x82", "\xE5\x88\x86\xE9\x90\x98" };
	static const char *const en_units[] = { "second", "minute", "min", "hour", "hr", "day",
						"week", "month", "year" };
	const char *q = p;
	if (digits(&q, end, 3) < 0) {
		if (lit(&q, end, "\xE6\x98\xA8\xE5\xA4\xA9") || lit(&q, end, "\xE5\x89\x8D\xE5\xA4\xA9") ||
		    lit(&q, end, "\xE4\xBB\x8A\xE5\xA4\xA9"))   /* 昨天 前天 今天 */
			return q;
		return NULL;
	}
	const char *u = q;
	for (size_t i = 0; i < sizeof zh_units / sizeof *zh_units; i++) {
		q = u;
		if (lit(&q, end, zh_units[i]) && lit(&q, end, "\xE5\x89\x8D"))   /* 前 */
			return q;
	}
	q = u;
	while (q < end && *q == ' ')
		q++;
	for (size_t i = 0; i < sizeof en_units / sizeof *en_units; i++) {
		size_t k = strlen(en_units[i]);
		if ((size_t)(end - q) < k || strncasecmp(q, en_units[i], k) != 0)
			continue;
		const char *r = q + k;
		while (r < end && isalpha((unsigned char)*r))
			r++;
		while (r < end && *r == ' ')
			r++;
		if (end - r >= 3 && strncasecmp(r, "ago", 3) == 0)
			return r + 3;
	}
	return NULL;
}

const char *date_find(const char *s, size_t n, size_t *len)
{
	const char *end = s + n;
	for (const char *p = s; p < end; p++) {
		/* Only look where a token starts. */
		if (p > s && isalnum((unsigned char)p[-1]))
			continue;
		int y, m, d, h, mi, sec;
		const char *q = absolute(p, end, &y, &m, &d);
		if (!q)
			q = relative(p, end);
		if (!q && isdigit((unsigned char)*p) && (q = clock_time(p, end, &h, &mi, &sec)) &&
		    q - p < 5)
			q = NULL;   /* "1:2" is no time */
		if (q) {
			*len = (size_t)(q - p);
			return p;
		}
	}
	return NULL;
}

/* A weekday name ("Wed", "Wednesday,") before a date, as RFC 2822 and many pages write it. */
static const char *weekday(const char *p, const char *end)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	for (size_t i = 0; i < 7; i++) {
		if (end - p < 3 || strncasecmp(p, days[i], 3) != 0)
			continue;
		const char *q = p + 3;
		while (q < end && isalpha((unsigned char)*q))
			q++;
		if (q < end && *q == '.')
			q++;
		if (q < end && *q == ',')
			q++;
		while (q < end && *q == ' ')
			q++;
		return q;
	}
	return p;
}

int date_iso(const char *s, size_t n, const char *zone, char *out)
{
	const char *end = s + n, *p = s;
	while (p < end && isspace((unsigned char)*p))
		p++;
	p = weekday(p, end);
	int y, m, d, h, mi, sec;
	p = absolute(p, end, &y, &m, &d);
	if (!p)
		return -1;
	int k = snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
	while (p < end && (*p == ' ' || *p == 'T' || *p == ','))
		p++;
	const char *q = clock_time(p, end, &h, &mi, &sec);
	if (!q)
		return 0;
	while (q < end && *q == ' ')
		q++;
	/* "9:23:57 PM": a twelve-hour clock. */
	if (end - q >= 2 && (q[0] == 'P' || q[0] == 'p' || q[0] == 'A' || q[0] == 'a') &&
	    (q[1] == 'M' || q[1] == 'm') && (end - q == 2 || !isalpha((unsigned char)q[2]))) {
		if ((q[0] | 0x20) == 'p' && h < 12)
			h += 12;
		else if ((q[0] | 0x20) == 'a' && h == 12)
			h = 0;
		q += 2;
		while (q < end && *q == ' ')
			q++;
	}
	k += snprintf(out + k, 32 - (size_t)k, "T%02d:%02d:%02d", h, mi, sec);
	if ((q < end && (*q == 'Z' || *q == 'z')) ||
	    (end - q >= 3 && (strncmp(q, "GMT", 3) == 0 || strncmp(q, "UTC", 3) == 0))) {
		snprintf(out + k, 32 - (size_t)k, "Z");
	} else if (q < end && (*q == '+' || *q == '-') && end - q >= 3 &&
		   isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2])) {
		const char *z = q + 3;
		if (z < end && *z == ':')
			z++;
		int zm = end - z >= 2 && isdigit((unsigned char)z[0]) && isdigit((unsigned char)z[1])
				 ? (z[0] - '0') * 10 + (z[1] - '0') : 0;
		snprintf(out + k, 32 - (size_t)k, "%c%c%c:%02d", *q, q[1], q[2], zm);
	} else if (zone) {
		snprintf(out + k, 32 - (size_t)k, "%s", zone);
	}
	return 0;
}

int date_url(const char *url, char *out)
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	if (!p)
		return -1;
	const char *start = p, *end = p + strcspn(p, "?#");
	for (; p < end; p++) {
		if (!isdigit((unsigned char)*p) || (p > start && isalnum((unsigned char)p[-1])))
			continue;
		int y, m, d;
		const char *q = absolute(p, end, &y, &m, &d);
		if (!q) {
			/* "/20111209/" and "/2011/1209/", as Chinese news sites write them. */
			q = p;
			int v = digits(&q, end, 4);
			if (q - p == 4 && q < end && (*q == '/' || *q == '-'))
				q++;
			const char *md = q;
			int w = digits(&q, end, 4);
			if (q - md != 4 || !valid(v, w / 100, w % 100))
				continue;
			y = v, m = w / 100, d = w % 100;
		}
		if (q < end && isdigit((unsigned char)*q))
			continue;
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		return 0;
	}
	return -1;
}
