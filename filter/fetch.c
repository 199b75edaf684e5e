/* fetch.c — libcurl's multi interface behind a queue: transfers start while fewer than
 * `jobs` are under way and their host has fewer than FETCH_PER_HOST, each one limited in
 * protocols, redirects, time and size, and each handed back whole when it ends. */
#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"

/* Below this many bytes a second for LOW_SPEED_TIME seconds a transfer is stalled: a server
 * that sends a trickle should not hold a cron run for the whole --timeout. */
enum { LOW_SPEED_LIMIT = 16, LOW_SPEED_TIME = 30 };

typedef struct pending {
	char *url, *etag, *last_modified, *host;
	void *user;
} pending;

typedef struct xfer {
	CURL *easy;
	struct curl_slist *headers;
	fetch_result *res;
	char errbuf[CURL_ERROR_SIZE];
	bool checked;       /* the response's status and type were looked at */
	bool not_page;      /* its Content-Type is not a page: stopped at the first byte */
	bool http_error;    /* a 4xx or 5xx: its body is not wanted */
	bool too_big;       /* the body passed max_size */
} xfer;

typedef struct hold {
	char *host;
	time_t until;
} hold;

struct fetch {
	fetch_limits l;
	char user_agent[64];
	CURLM *multi;
	pending *queue;     /* waiting to start, in order */
	size_t nqueue;
	xfer **active;
	size_t nactive;
	fetch_result **done;   /* finished, not yet handed over */
	size_t ndone;
	hold *holds;
	size_t nholds;
};

int fetch_check_url(const char *url, err *e)
{
	CURLU *u = curl_url();
	if (!u)
		oom();
	char *scheme = NULL, *host = NULL;
	int r = 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
		r = err_set(e, ERR_USAGE, "not a URL winnow can fetch");
	else if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)
		r = err_set(e, ERR_USAGE, "winnow fetches only http and https, not %s", scheme);
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return r;
}

static char *host_of(const char *url)
{
	CURLU *u = curl_url();
	if (!u)
		oom();
	char *h = NULL, *r;
	curl_url_set(u, CURLUPART_URL, url, 0);
	curl_url_get(u, CURLUPART_HOST, &h, 0);
	r = xstrdup(h ? h : "");
	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	curl_free(h);
	curl_url_cleanup(u);
	return r;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

fetch *fetch_new(const fetch_limits *l)
{
	static bool global;
	if (!global) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			oom();
		global = true;
	}
	fetch *f = xcalloc(1, sizeof *f);
	f->l = *l;
	if (f->l.jobs < 1)
		f->l.jobs = 1;
	snprintf(f->user_agent, sizeof f->user_agent, "winnow/%s libcurl/%s", WINNOW_VERSION,
		 curl_version_info(CURLVERSION_NOW)->version);
	f->multi = curl_multi_init();
	if (!f->multi)
		oom();
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->l.jobs);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_PER_HOST);
	return f;
}

void fetch_result_free(fetch_result *r)
{
	if (!r)
		return;
	free(r->url);
	free(r->final_url);
	free(r->host);
	free(r->media_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	buf_free(&r->body);
	free(r);
}

static void pending_free(pending *p)
{
	free(p->url);
	free(p->etag);
	free(p->last_modified);
	free(p->host);
}

static void xfer_free(fetch *f, xfer *x)
{
	curl_multi_remove_handle(f->multi, x->easy);
	curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	fetch_result_free(x->res);
	free(x);
}

void fetch_free(fetch *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nqueue; i++)
		pending_free(&f->queue[i]);
	for (size_t i = 0; i < f->nactive; i++)
		xfer_free(f, f->active[i]);
	for (size_t i = 0; i < f->ndone; i++)
		fetch_result_free(f->done[i]);
	for (size_t i = 0; i < f->nholds; i++)
		free(f->holds[i].host);
	curl_multi_cleanup(f->multi);
	free(f->queue);
	free(f->active);
	free(f->done);
	free(f->holds);
	free(f);
}

static fetch_result *result_new(const fetch *f, const pending *p)
{
	fetch_result *r = xcalloc(1, sizeof *r);
	r->url = xstrdup(p->url);
	r->host = xstrdup(p->host);
	r->user = p->user;
	buf_init(&r->body, f->l.max_size);
	return r;
}

static void finish(fetch *f, fetch_result *r)
{
	f->done = xrealloc(f->done, (f->ndone + 1) * sizeof *f->done);
	f->done[f->ndone++] = r;
}

void fetch_add(fetch *f, const char *url, const char *etag, const char *last_modified,
	       void *user)
{
	pending p = { xstrdup(url), dup_or_null(etag), dup_or_null(last_modified), host_of(url),
		      user };
	err e = { 0 };
	if (fetch_check_url(url, &e) < 0) {
		fetch_result *r = result_new(f, &p);
		r->e = e;
		finish(f, r);
		pending_free(&p);
		return;
	}
	f->queue = xrealloc(f->queue, (f->nqueue + 1) * sizeof *f->queue);
	f->queue[f->nqueue++] = p;
}

void fetch_hold(fetch *f, const char *host, time_t until)
{
	for (size_t i = 0; i < f->nholds; i++)
		if (strcmp(f->holds[i].host, host) == 0) {
			if (until > f->holds[i].until)
				f->holds[i].until = until;
			return;
		}
	f->holds = xrealloc(f->holds, (f->nholds + 1) * sizeof *f->holds);
	f->holds[f->nholds++] = (hold){ xstrdup(host), until };
}

static time_t held_until(const fetch *f, const char *host)
{
	for (size_t i = 0; i < f->nholds; i++)
		if (strcmp(f->holds[i].host, host) == 0)
			return f->holds[i].until;
	return 0;
}

/* Text types, XML and HTML types, and types that say nothing (octet-stream, none at all) are
 * looked at; images, PDFs, archives, audio and video are not pages. */
static bool page_type(const char *mt)
{
	if (!mt || !*mt || strncmp(mt, "text/", 5) == 0)
		return true;
	static const char *const ok[] = { "application/xhtml+xml", "application/xml",
					  "application/octet-stream", "application/gzip",
					  "application/x-gzip", "application/rss+xml",
					  "application/atom+xml", "application/rdf+xml" };
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (strcmp(mt, ok[i]) == 0)
			return true;
	size_t n = strlen(mt);
	return n > 4 && strcmp(mt + n - 4, "+xml") == 0;
}

/* Splits a Content-Type value into its media type (lower case) and charset parameter. */
static void content_type(fetch_result *r, const char *ct)
{
	if (!ct)
		return;
	size_t n = strcspn(ct, ";");
	while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	r->media_type = xcalloc(1, n + 1);
	for (size_t i = 0; i < n; i++)
		r->media_type[i] = (char)((ct[i] >= 'A' && ct[i] <= 'Z') ? ct[i] - 'A' + 'a' : ct[i]);
	for (const char *p = strchr(ct, ';'); p; p = strchr(p + 1, ';')) {
		const char *k = p + 1;
		while (*k == ' ' || *k == '\t')
			k++;
		if (strncasecmp(k, "charset=", 8) != 0)
			continue;
		k += 8;
		bool quoted = *k == '"';
		k += quoted;
		size_t m = quoted ? strcspn(k, "\"") : strcspn(k, "; \t");
		if (m && m < 40) {
			free(r->charset);
			r->charset = xcalloc(1, m + 1);
			memcpy(r->charset, k, m);
		}
	}
}

/* At the first byte of the body: a 4xx or 5xx is not read on, nor is what is not a page. */
static void check_response(xfer *x)
{
	x->checked = true;
	long code = 0;
	char *ct = NULL;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	content_type(x->res, ct);
	if (code >= 400)
		x->http_error = true;
	else if (!page_type(x->res->media_type))
		x->not_page = true;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	xfer *x = ud;
	if (!x->checked)
		check_response(x);
	if (x->http_error || x->not_page)
		return CURL_WRITEFUNC_ERROR;
	if (buf_add(&x->res->body, p, size * n) < 0) {
		x->too_big = true;
		return CURL_WRITEFUNC_ERROR;
	}
	return size * n;
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *v)
{
	buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s: %s", name, v);
	struct curl_slist *n = curl_slist_append(l, b.data);
	buf_free(&b);
	if (!n)
		oom();
	return n;
}

static void start(fetch *f, pending *p)
{
	xfer *x = xcalloc(1, sizeof *x);
	x->res = result_new(f, p);
	x->easy = curl_easy_init();
	if (!x->easy)
		oom();
	CURL *h = x->easy;
	x->headers = add_header(NULL, "Accept",
				"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
	if (p->etag)
		x->headers = add_header(x->headers, "If-None-Match", p->etag);
	if (p->last_modified)
		x->headers = add_header(x->headers, "If-Modified-Since", p->last_modified);
	curl_easy_setopt(h, CURLOPT_URL, p->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, f->l.connect_timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, f->l.timeout);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_LIMIT);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME,
			 f->l.timeout && f->l.timeout < LOW_SPEED_TIME ? f->l.timeout
								 : (long)LOW_SPEED_TIME);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->l.max_size);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");   /* every encoding libcurl has */
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(h, CURLOPT_USERAGENT, f->l.user_agent ? f->l.user_agent : f->user_agent);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");   /* cookies within a redirect chain */
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	if (f->l.cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, f->l.cacert);
	if (curl_multi_add_handle(f->multi, h) != CURLM_OK)
		oom();
	f->active = xrealloc(f->active, (f->nactive + 1) * sizeof *f->active);
	f->active[f->nactive++] = x;
}

static size_t active_for(const fetch *f, const char *host)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nactive; i++)
		n += strcmp(f->active[i]->res->host, host) == 0;
	return n;
}

/* Starts what may start; fails at once what a long hold keeps back.  Returns the earliest
 * time a held transfer may start, or 0. */
static time_t start_queued(fetch *f)
{
	time_t now = time(NULL), wake = 0;
	size_t keep = 0;
	for (size_t i = 0; i < f->nqueue; i++) {
		pending *p = &f->queue[i];
		time_t until = held_until(f, p->host);
		if (until > now + FETCH_MAX_WAIT) {
			fetch_result *r = result_new(f, p);
			struct tm tm;
			char when[32];
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime_r(&until, &tm));
			err_set(&r->e, ERR_TEMPFAIL, "not fetched: %s asked to wait until %s", p->host,
				when);
			r->deferred = true;
			finish(f, r);
			pending_free(p);
			continue;
		}
		if (until > now) {
			if (!wake || until < wake)
				wake = until;
		} else if (f->nactive < f->l.jobs && active_for(f, p->host) < FETCH_PER_HOST) {
			start(f, p);
			pending_free(p);
			continue;
		}
		f->queue[keep++] = *p;
	}
	f->nqueue = keep;
	return wake;
}

static char *header(CURL *h, const char *name)
{
	struct curl_header *hd;
	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK || !hd->value[0])
		return NULL;
	return xstrdup(hd->value);
}

/* Failures that a later run may not see: the network, the server's load, its time. */
static bool temporary(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_AGAIN:
		return true;
	default:
		return false;
	}
}

static void complete(fetch *f, xfer *x, CURLcode rc)
{
	fetch_result *r = x->res;
	CURL *h = x->easy;
	char *final = NULL;
	curl_off_t retry = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final);
	curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry);
	r->final_url = xstrdup(final ? final : r->url);
	r->retry_after = retry > 0 && retry < 86400 * 7 ? (long)retry : 0;
	if (!x->checked && rc == CURLE_OK)
		check_response(x);
	r->etag = header(h, "ETag");
	r->last_modified = header(h, "Last-Modified");
	const char *why = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
	err *e = &r->e;
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		err_set(e, ERR_DATA, "larger than %zu bytes (see --max-size)", f->l.max_size);
	else if (x->not_page)
		err_set(e, ERR_DATA, "not a web page (Content-Type %s)", r->media_type);
	else if (x->http_error || r->status >= 400)
		err_set(e, r->status == 429 || r->status >= 500 ? ERR_TEMPFAIL : ERR_UNAVAILABLE,
			"HTTP %ld%s", r->status,
			r->retry_after ? " (the server asks to wait)" : "");
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		err_set(e, ERR_UNAVAILABLE, "redirected to a scheme winnow does not follow: %s", why);
	else if (rc != CURLE_OK)
		err_set(e, temporary(rc) ? ERR_TEMPFAIL : ERR_UNAVAILABLE, "%s", why);
	else if (r->status == 304)
		r->not_modified = true;
	else if (r->status < 200 || r->status >= 300)
		err_set(e, ERR_UNAVAILABLE, "HTTP %ld", r->status);
	if (r->e.code)
		buf_free(&r->body);
	x->res = NULL;
	finish(f, r);
	for (size_t i = 0; i < f->nactive; i++)
		if (f->active[i] == x) {
			f->active[i] = f->active[--f->nactive];
			break;
		}
	xfer_free(f, x);
}

int fetch_next(fetch *f, fetch_result **out)
{
	for (;;) {
		time_t wake = start_queued(f);
		if (f->ndone) {
			*out = f->done[0];
			memmove(f->done, f->done + 1, --f->ndone * sizeof *f->done);
			return 1;
		}
		if (!f->nactive && !f->nqueue)
			return 0;
		int running;
		curl_multi_perform(f->multi, &running);
		CURLMsg *m;
		int left;
		while ((m = curl_multi_info_read(f->multi, &left)))
			if (m->msg == CURLMSG_DONE) {
				xfer *x;
				curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
				complete(f, x, m->data.result);
			}
		if (f->ndone)
			continue;
		long ms = 1000;
		if (wake) {
			time_t now = time(NULL);
			ms = wake > now ? (long)(wake - now) * 1000 : 0;
			if (ms > 1000)
				ms = 1000;
		}
		/* With nothing under way this only sleeps until a hold ends. */
		curl_multi_poll(f->multi, NULL, 0, (int)ms, NULL);
	}
}

fetch_result *fetch_one(const fetch_limits *l, const char *url)
{
	fetch *f = fetch_new(l);
	fetch_result *r = NULL;
	fetch_add(f, url, NULL, NULL, NULL);
	fetch_next(f, &r);
	fetch_free(f);
	return r;
}
