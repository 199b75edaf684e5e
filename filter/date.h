/* date.h — dates and times as pages write them: found in text, and put into ISO 8601. */
#ifndef WINNOW_DATE_H
#define WINNOW_DATE_H

#include <stddef.h>

/* The first date or time stamp in s[0..n): "2026-04-27 22:43:49", "2011/12/09", "2011年12月9日",
 * "9/17/2004" (month first unless the first number cannot be a month),
 * "3小时前", "昨天 10:20", "2 hours ago", "March 5, 2020", "5 Mar 2020".  Returns where it starts,
 * or NULL; *len gets its length. */
const char *date_find(const char *s, size_t n, size_t *len);

/* Reads the absolute date at the start of s (after blanks and a weekday: "Wed, 4 Mar 2026")
 * into ISO 8601: "2011-12-09", or
 * "2011-12-09T10:20:00+08:00" when a time is given, with the zone as written, else
 * default_zone (may be NULL: no zone).  out must hold 32 bytes.  -1 when s starts with no
 * absolute date. */
int date_iso(const char *s, size_t n, const char *default_zone, char *out);

/* The date a URL's path gives ("/2011/12/09/", "/2011-12-09-", "/20111209/"), in ISO 8601
 * into out (11 bytes); -1 when it gives none. */
int date_url(const char *url, char *out);

#endif
