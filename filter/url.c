/* url.c — URL resolution through curl's RFC 3986 parser (CURLU), so links resolve as curl
 * would fetch them. */
#include "url.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <strings.h>

#include "arena.h"

static const char *take(struct arena *a, CURLU *u, CURLUPart part)
{
	char *s = NULL;
	const char *r = NULL;
	if (curl_url_get(u, part, &s, 0) == CURLUE_OK && s)
		r = arena_strdup(a, s);
	curl_free(s);
	return r;
}

const char *url_resolve(struct arena *a, const char *base, const char *ref)
{
	CURLU *u = curl_url();
	if (!u)
		oom();
	const char *r = NULL;
	bool ok = true;
	if (base && *base)
		ok = curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK;
	if (ok && ref && *ref)
		ok = curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK;
	if (ok && (base || ref)) {
		const char *scheme = take(a, u, CURLUPART_SCHEME);
		if (scheme && (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0))
			r = take(a, u, CURLUPART_URL);
	}
	curl_url_cleanup(u);
	return r;
}

const char *url_host(struct arena *a, const char *url)
{
	if (!url)
		return NULL;
	CURLU *u = curl_url();
	if (!u)
		oom();
	const char *r = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		char *h = (char *)take(a, u, CURLUPART_HOST);
		for (char *p = h; p && *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		r = h;
	}
	curl_url_cleanup(u);
	return r;
}
