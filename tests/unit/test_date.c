/* test_date.c — dates found in text and written as ISO 8601. */
#include "unit.h"

#include <stdio.h>

#include "date.h"

static const char *found(const char *s)
{
	static char out[64];
	size_t len;
	const char *p = date_find(s, strlen(s), &len);
	if (!p)
		return NULL;
	snprintf(out, sizeof out, "%.*s", (int)len, p);
	return out;
}

static const char *iso(const char *s, const char *zone)
{
	static char out[32];
	return date_iso(s, strlen(s), zone, out) == 0 ? out : NULL;
}

void test_date(void)
{
	CHECK_STR(found("第一財經資訊 2026-04-27 22:43:49"), "2026-04-27");
	CHECK_STR(found("发布时间：2011年12月9日 10:20"), "2011年12月9日");
	CHECK_STR(found("妍妍教育日记 3小时前"), "3小时前");
	CHECK_STR(found("Updated 2 hours ago by staff"), "2 hours ago");
	CHECK_STR(found("Posted March 5, 2020"), "March 5, 2020");
	CHECK_STR(found("on 5 Mar 2020."), "5 Mar 2020");
	CHECK_STR(found("Old 30th March 2025, 16:26"), "30th March 2025");
	CHECK_STR(found("the 1st of May 2020"), "1st of May 2020");
	CHECK_STR(found("at 10:20 today"), "10:20");
	CHECK(found("version 2.10.3 of 1234567") == NULL);
	CHECK(found("room 2026-13-45") == NULL);

	CHECK_STR(iso("2026-04-27 22:43:49", "+08:00"), "2026-04-27T22:43:49+08:00");
	CHECK_STR(iso("2020-05-13T15:03:25-05:00", NULL), "2020-05-13T15:03:25-05:00");
	CHECK_STR(iso("2020-05-13T15:03:25.123Z", NULL), "2020-05-13T15:03:25Z");
	CHECK_STR(iso("2011年12月9日", NULL), "2011-12-09");
	CHECK_STR(iso(" 2011/1/5 9:05", NULL), "2011-01-05T09:05:00");
	CHECK_STR(iso("March 5, 2020", NULL), "2020-03-05");
	CHECK_STR(iso("30th March 2025, 16:26", NULL), "2025-03-30T16:26:00");
	CHECK_STR(iso("2020-05-13T15:03:25+0530", NULL), "2020-05-13T15:03:25+05:30");
	CHECK(iso("yesterday", NULL) == NULL);
	CHECK(iso("2011-02-30x", NULL) != NULL);   /* day checked against 31 only */
	CHECK_STR(iso("Wed, 04 Mar 2026 18:58:32 GMT", NULL), "2026-03-04T18:58:32Z");
	CHECK_STR(iso("9/17/2004 5:54:13 AM", "+08:00"), "2004-09-17T05:54:13+08:00");
	CHECK_STR(iso("17/9/2004", NULL), "2004-09-17");   /* 17 is no month */
	CHECK(iso("9/17", NULL) == NULL);
	CHECK_STR(iso("2005-07-05 9:23:57 PM", "+08:00"), "2005-07-05T21:23:57+08:00");
	CHECK_STR(iso("2005-07-05 12:05 am", NULL), "2005-07-05T00:05:00");

	char out[16];
	CHECK(date_url("https://example.com/2011/12/09/story.html", out) == 0 &&
	      strcmp(out, "2011-12-09") == 0);
	CHECK(date_url("http://news.example.cn/world/2011-12/09/c_1.htm", out) == 0 &&
	      strcmp(out, "2011-12-09") == 0);
	CHECK(date_url("http://example.cn/gn/20111209/123.shtml", out) == 0 &&
	      strcmp(out, "2011-12-09") == 0);
	CHECK(date_url("http://example.com/a/20111209123456.html", out) < 0);
	CHECK(date_url("http://2011-12-09.example.com/", out) < 0);   /* a host is no path */
}
