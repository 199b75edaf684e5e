/* cmd_feed.c — winnow feed (also run as winnow-feed), the filter of newsboat and Liferea: a
 * feed in, the same feed out with each item's content the clean full text of its
 * article.  Articles are fetched many at once; one that cannot be fetched or cleaned leaves
 * its item as it was; the state file keeps what was cleaned, so a feed polled every few
 * minutes fetches only its new items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "cmd.h"
#include "err.h"
#include "feed.h"
#include "fetch.h"
#include "opts.h"
#include "source.h"
#include "state.h"
#include "winnow.h"

/* Cached articles unused for this long are dropped: the feeds have moved on. */
enum { CACHE_DAYS = 30 };

/* What is read of standard input: past --max-size a feed is refused, but with --fail-open it
 * must still come through whole. */
#define FEED_MAX_MEMORY ((size_t)256 << 20)

typedef struct run {
	const opts *o;
	feed *f;
	winnow *w;
	state *st;      /* NULL when the state cannot be opened: no cache, still a feed */
	size_t cleaned, cached, kept;
} run;

static void note(const run *r, const char *url, const char *what)
{
	if (r->o->verbose)
		fprintf(stderr, "winnow: feed: %s: %s\n", url, what);
}

/* A fetched page into item i, and into the cache. */
static void article(run *r, size_t i, const fetch_result *res)
{
	if (res->e.code) {
		note(r, res->url, res->e.msg);
		r->kept++;
		return;
	}
	winnow_input in = { .bytes = res->body.data, .n = res->body.len, .name = res->url,
			    .url = res->final_url, .asked_url = res->url, .charset = res->charset,
			    .seen = time(NULL) };
	winnow_result *w = NULL;
	err e = { 0 };
	winnow_request rq = cmd_request(r->o, 1u << WINNOW_HTML_BODY);
	if (winnow_clean(r->w, &in, &rq, &w, &e) < 0 || !winnow_result_kept(w)) {
		note(r, res->url, e.code ? e.msg : "no article found");
		r->kept++;
		winnow_result_free(w);
		return;
	}
	const char *html = winnow_result_get(w, WINNOW_HTML_BODY, NULL);
	feed_set_content(r->f, i, html);
	if (r->st)
		state_cache_put(r->st, res->url, html, &e);
	r->cleaned++;
	winnow_result_free(w);
}

/* Every item's article: from the cache, else fetched, -j at once. */
static void articles(run *r)
{
	size_t n = feed_count(r->f);
	if (r->o->max_items && n > r->o->max_items)
		n = r->o->max_items;
	fetch_limits l = cmd_fetch_limits(r->o);
	fetch *f = fetch_new(&l);
	for (size_t i = 0; i < n; i++) {
		const char *link = feed_link(r->f, i);
		char *html = link && r->st ? state_cache_get(r->st, link) : NULL;
		if (html) {
			feed_set_content(r->f, i, html);
			r->cached++;
		} else if (link) {
			fetch_add(f, link, NULL, NULL, (void *)(i + 1));
		}
		free(html);
	}
	fetch_result *res;
	while (fetch_next(f, &res)) {
		article(r, (size_t)res->user - 1, res);
		fetch_result_free(res);
	}
	fetch_free(f);
}

static int filter(const opts *o, const buf *in, buf *out, err *e)
{
	run r = { .o = o };
	if (feed_parse(in->data ? in->data : "", in->len, o->max_size, &r.f, e) < 0)
		return -1;
	err se = { 0 };
	char *path = o->state ? xstrdup(o->state) : state_default_path();
	if (state_open(path, false, &r.st, &se) < 0)
		note(&r, path, se.msg);
	free(path);
	int rc = cmd_winnow(o, &r.w, e);
	if (!rc) {
		articles(&r);
		rc = feed_write(r.f, out, e);
	}
	if (r.st)
		state_cache_expire(r.st, CACHE_DAYS, &se);
	if (o->verbose)
		fprintf(stderr, "winnow: feed: %zu items cleaned, %zu from the cache, %zu left as they "
				"were\n", r.cleaned, r.cached, r.kept);
	winnow_free(r.w);
	state_close(r.st);
	feed_free(r.f);
	return rc;
}

int cmd_feed(int argc, char **argv)
{
	opts o;
	int status;
	if (cmd_options(&o, OPTS_FEED, argc, argv, &status) <= 0) {
		opts_free(&o);
		return status;
	}
	buf in, out;
	buf_init(&in, 0);
	buf_init(&out, 0);
	err e = { 0 };
	status = 0;
	if (o.ninputs) {
		fprintf(stderr, "winnow: feed reads its feed from standard input, not from \"%s\"\n",
			o.inputs[0]);
		status = ERR_USAGE;
	} else if (source_read("-", o.max_size > FEED_MAX_MEMORY ? o.max_size : FEED_MAX_MEMORY,
			       &in, &e) < 0) {
		cmd_error("feed: standard input", &e);
		status = e.code;
	} else if (filter(&o, &in, &out, &e) < 0) {
		cmd_error("feed", &e);
		status = e.code;
		if (o.fail_open) {
			status = cmd_write_stdout(&in, &e) < 0 ? ERR_IO : 0;
		}
	} else if (cmd_write_stdout(&out, &e) < 0) {
		cmd_error(NULL, &e);
		status = ERR_IO;
	}
	buf_free(&in);
	buf_free(&out);
	opts_free(&o);
	return status;
}
