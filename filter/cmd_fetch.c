/* cmd_fetch.c — winnow fetch, the cron mode: a list of URLs in, each new article delivered
 * once as a mail message (or a file), what was seen kept in the state for the next run.
 *
 * Exactly once: before a delivery its token goes into the state (committed); the delivery
 * is made durable; then one transaction records it and clears the token.  A run that finds a
 * token left by a crash asks the destination whether the message landed (by its name in a
 * Maildir, its Message-ID in an mbox) and settles it before fetching anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cmd.h"
#include "deliver.h"
#include "err.h"
#include "feed.h"
#include "fetch.h"
#include "hash.h"
#include "opts.h"
#include "source.h"
#include "state.h"
#include "url.h"
#include "winnow.h"

/* A 429 or 503 with a short Retry-After is tried again after the wait, this many times. */
enum { MAX_TRIES = 3 };

typedef struct item {
	char *url;
	unsigned tries;
	bool feed;        /* marked "feed:" in the list: its items are the articles */
	bool from_feed;   /* an item of a feed: an article, never read as a feed itself */
} item;

typedef struct run {
	const opts *o;
	winnow *w;
	state *st;
	deliver *dv;
	fetch *f;
	unsigned format;           /* enum winnow_product: one of the formats */
	item **items;     /* each one handed to fetch_add, so never moved */
	size_t nitems, done, delivered, failed;
	int status;                /* 0, or the worst failure so far */
} run;

/* The exit status of a run: a delivery that failed (74) outranks a URL that failed for good
 * (69), which outranks one that failed for now (75). */
static void failed(run *r, const char *name, const err *e)
{
	cmd_error(name, e);
	r->failed++;
	int code = e->code == ERR_IO ? ERR_IO : e->code == ERR_TEMPFAIL ? ERR_TEMPFAIL
									: ERR_UNAVAILABLE;
	static const int rank[] = { [0] = 0, [ERR_TEMPFAIL] = 1, [ERR_UNAVAILABLE] = 2,
				    [ERR_IO] = 3 };
	if (rank[code] > rank[r->status])
		r->status = code;
}

static void verbose(const run *r, const char *name, const char *fmt, const char *what)
{
	if (r->o->verbose)
		fprintf(stderr, "%swinnow: %s: %s%s\n", cmd_progress_shown ? "\r\033[K" : "", name,
			fmt, what ? what : "");
}

/* A URL to fetch, once: NULL when the run has it already. */
static item *add_item(run *r, const char *url, bool is_a_feed, bool from_feed)
{
	for (size_t i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i]->url, url) == 0)
			return NULL;
	item *it = xcalloc(1, sizeof *it);
	*it = (item){ xstrdup(url), 0, is_a_feed, from_feed };
	r->items = xrealloc(r->items, (r->nitems + 1) * sizeof *r->items);
	r->items[r->nitems++] = it;
	return it;
}

/* The URL list: one a line, blank lines and "#" comments (a line's rest after white space
 * and "#") skipped; a line that is no http(s) URL is reported and the others go on. */
static int read_list(run *r, err *e)
{
	const char *path = r->o->urls ? r->o->urls : "-";
	const char *name = r->o->urls ? r->o->urls : "standard input";
	buf b;
	buf_init(&b, 0);
	err re = { 0 };
	if (source_read(path, r->o->max_size, &b, &re) < 0) {
		buf_free(&b);
		return err_set(e, re.code, "%s: %s", name, re.msg);
	}
	int line = 0;
	for (char *p = b.data ? b.data : "", *next; *p; p = next) {
		char *nl = strchr(p, '\n');
		next = nl ? nl + 1 : p + strlen(p);
		if (nl)
			*nl = '\0';
		line++;
		for (char *c = p; *c; c++)
			if (*c == '#' && (c == p || c[-1] == ' ' || c[-1] == '\t')) {
				*c = '\0';
				break;
			}
		p += strspn(p, " \t\r");
		size_t n = strcspn(p, " \t\r");
		if (p[n + strspn(p + n, " \t\r")] != '\0') {
			err le = { 0 };
			err_set(&le, ERR_DATA, "line %d: one URL a line, not \"%s\"", line, p);
			failed(r, name, &le);
			continue;
		}
		p[n] = '\0';
		if (!n)
			continue;
		bool marked = strncmp(p, "feed:", 5) == 0;
		p += marked ? 5 : 0;
		err le = { 0 };
		if (fetch_check_url(p, &le) < 0) {
			char where[600];
			snprintf(where, sizeof where, "%s: line %d: %s", name, line, p);
			failed(r, where, &le);
			continue;
		}
		add_item(r, p, marked, false);
	}
	buf_free(&b);
	return 0;
}

/* A crash left pending marks: each one is a delivery that landed or did not. */
static int settle(run *r, err *e)
{
	char **urls = state_pending_urls(r->st, e);
	if (!urls)
		return -1;
	int rc = 0;
	for (char **u = urls; *u; u++) {
		state_entry en;
		if (!rc && state_get(r->st, *u, &en, e) == 0) {
			bool landed = en.pending && deliver_landed(en.pending, en.pending_id);
			rc = state_settle(r->st, *u, landed, e);
			verbose(r, *u, landed ? "an interrupted delivery had landed"
					      : "an interrupted delivery is made again", NULL);
			state_entry_free(&en);
		}
		free(*u);
	}
	free(urls);
	return rc;
}

/* Delivers the message (or file) of a cleaned page, its token recorded first. */
static int deliver_page(run *r, const fetch_result *res, const winnow_result *w,
			const char *article, const char *hash, err *e)
{
	buf token, name;
	buf_init(&token, 0);
	buf_init(&name, 0);
	size_t len;
	const char *msg = winnow_result_get(w, (enum winnow_product)r->format, &len);
	const char *id = winnow_result_get(w, WINNOW_MAIL_ID, NULL);
	cmd_url_name(res->url, &name);
	buf_printf(&name, ".%s", winnow_format_ext((int)r->format));
	deliver_token(r->dv, name.data, &token);
	int rc = state_pending(r->st, res->url, token.data, article, id, hash, e);
	if (!rc)
		rc = deliver_put(r->dv, token.data, msg, len, e);
	if (!rc)
		rc = state_delivered(r->st, res->url, article, id, hash, res->etag,
				     res->last_modified, e);
	buf_free(&token);
	buf_free(&name);
	return rc;
}

/* A page that came: cleaned, and delivered unless its article went out before unchanged
 * (or changed, without --redeliver-changed).  A changed article delivered again is its next
 * revision: cleaned once more to be written as such. */
static int page(run *r, const fetch_result *res, err *e)
{
	winnow_input in = { .bytes = res->body.data, .n = res->body.len, .name = res->url,
			    .url = res->final_url, .asked_url = res->url, .charset = res->charset,
			    .seen = time(NULL) };
	winnow_request rq = cmd_request(r->o, 1u << r->format | 1u << WINNOW_BODY |
						      1u << WINNOW_MAIL_ID);
	winnow_result *w = NULL, *again = NULL;
	if (winnow_clean(r->w, &in, &rq, &w, e) < 0)
		return -1;
	const char *const *notes;
	size_t nnotes = winnow_result_notes(w, &notes);
	for (size_t i = 0; i < nnotes; i++)
		verbose(r, res->url, notes[i], NULL);
	int rc = 0;
	if (!winnow_result_kept(w)) {
		rc = err_set(e, ERR_NOARTICLE, "no article found");
		winnow_result_free(w);
		return rc;
	}
	size_t len;
	const char *text = winnow_result_get(w, WINNOW_BODY, &len);
	char hash[HASH_HEX + 1];
	hash_hex(text, len, hash);
	char *article = xstrdup(winnow_result_get(w, WINNOW_MAIL_ID, NULL));
	unsigned revisions;
	char *last = NULL;
	rc = state_article(r->st, article, &revisions, &last, e);
	const char *outcome = NULL;
	if (!rc && revisions && last && strcmp(last, hash) == 0)
		outcome = "unchanged";
	else if (!rc && revisions && !r->o->redeliver_changed)
		outcome = "changed, not delivered again";
	if (!rc && outcome) {
		rc = state_checked(r->st, res->url, outcome, res->etag, res->last_modified, e);
		verbose(r, res->url, outcome, NULL);
	} else if (!rc) {
		if (revisions) {
			rq.products = 1u << r->format | 1u << WINNOW_MAIL_ID;
			rq.revision = revisions;
			rc = winnow_clean(r->w, &in, &rq, &again, e);
		}
		if (!rc)
			rc = deliver_page(r, res, again ? again : w, article, hash, e);
		if (!rc)
			r->delivered++;
	}
	free(last);
	free(article);
	winnow_result_free(w);
	winnow_result_free(again);
	return rc;
}

/* A 429 or 503 that says how long to wait: the host is left alone that long, in this run and
 * (through the state) the next; a short wait is waited out and the URL tried again. */
static bool retry_later(run *r, fetch_result *res, item *it)
{
	if (!res->retry_after || (res->status != 429 && res->status != 503))
		return false;
	time_t until = time(NULL) + res->retry_after;
	err e = { 0 };
	state_set_host_wait(r->st, res->host, until, &e);
	fetch_hold(r->f, res->host, until);
	if (res->retry_after > FETCH_MAX_WAIT || ++it->tries >= MAX_TRIES)
		return false;
	verbose(r, res->url, "the server asks to wait; trying again after the wait", NULL);
	fetch_add(r->f, it->url, NULL, NULL, it);
	return true;
}

/* Whether a page that came is a feed, by its bytes; one marked "feed:" must be. */
static bool is_feed(const item *it, const fetch_result *res, err *e)
{
	if (it->from_feed)
		return false;
	bool yes = winnow_is_feed(res->body.data ? res->body.data : "", res->body.len);
	if (it->feed && !yes)
		err_set(e, ERR_DATA, "marked feed: in the list, but not a feed");
	return yes;
}

/* A feed in the list: each of its items not delivered before is queued as an article (its
 * link resolved against the feed's address), as rss2email does with summaries. */
static int feed_items(run *r, const fetch_result *res, err *e)
{
	feed *f;
	if (feed_parse(res->body.data ? res->body.data : "", res->body.len, r->o->max_size, &f,
		       e) < 0)
		return -1;
	size_t n = feed_count(f), fresh = 0;
	if (r->o->max_items && n > r->o->max_items)
		n = r->o->max_items;
	arena *a = arena_new();
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *link = feed_link(f, i);
		const char *u = link ? url_resolve(a, res->final_url, link) : NULL;
		state_entry en;
		if (!u || (rc = state_get(r->st, u, &en, e)) < 0)
			continue;
		item *it = en.delivered ? NULL : add_item(r, u, false, true);
		if (it) {
			fetch_add(r->f, u, en.etag, en.last_modified, it);
			fresh++;
		}
		state_entry_free(&en);
	}
	if (!rc) {
		char status[96];
		snprintf(status, sizeof status, "%s feed: %zu items, %zu new",
			 feed_kind_name(feed_kind(f)), feed_count(f), fresh);
		rc = state_checked(r->st, res->url, status, res->etag, res->last_modified, e);
		verbose(r, res->url, status, NULL);
	}
	arena_free(a);
	feed_free(f);
	return rc;
}

static void result(run *r, fetch_result *res)
{
	item *it = res->user;
	err e = { 0 };
	if (res->deferred) {
		verbose(r, res->url, res->e.msg, NULL);
	} else if (res->e.code) {
		if (retry_later(r, res, it))
			return;
		e = res->e;
	} else if (res->not_modified) {
		state_checked(r->st, res->url, "not modified", res->etag, res->last_modified, &e);
		verbose(r, res->url, "not modified", NULL);
	} else if (is_feed(it, res, &e)) {
		feed_items(r, res, &e);
	} else if (!e.code) {
		page(r, res, &e);
	}
	r->done++;
	if (e.code) {
		err ignored = { 0 };
		state_checked(r->st, res->url, e.msg, NULL, NULL, &ignored);
		failed(r, res->url, &e);
	}
}

static void progress(run *r, bool last)
{
	if (!isatty(2))
		return;
	fprintf(stderr, "\r\033[K%zu/%zu URLs, %zu delivered, %zu failed%s", r->done, r->nitems,
		r->delivered, r->failed, last ? "\n" : "");
	cmd_progress_shown = !last;
}

static void hold(void *ctx, const char *host, time_t until)
{
	fetch_hold(ctx, host, until);
}

/* Queues every URL, with its validators; hosts that asked to be left alone are held. */
static void queue(run *r)
{
	err e = { 0 };
	state_each_hold(r->st, hold, r->f, &e);
	for (size_t i = 0; i < r->nitems; i++) {
		item *it = r->items[i];
		state_entry en;
		if (state_get(r->st, it->url, &en, &e) < 0) {
			failed(r, it->url, &e);
			continue;
		}
		fetch_add(r->f, it->url, en.etag, en.last_modified, it);
		state_entry_free(&en);
	}
}

static int destination(run *r, err *e)
{
	const opts *o = r->o;
	int n = !!o->maildir + !!o->mbox + !!o->output_dir;
	if (n > 1)
		return err_set(e, ERR_USAGE, "one destination: --maildir, --mbox or --output-dir");
	/* A mailbox holds mail: --maildir and --mbox write messages whatever -f says. */
	unsigned formats = o->formats && !o->maildir && !o->mbox ? o->formats : 1u << WINNOW_MAIL;
	if (formats & (formats - 1))
		return err_set(e, ERR_USAGE, "winnow fetch writes one format");
	for (unsigned f = 0; f < WINNOW_FORMATS; f++)
		if (formats == 1u << f)
			r->format = f;
	if (o->maildir)
		return deliver_open(DELIVER_MAILDIR, o->maildir, NULL, false, &r->dv, e);
	if (o->mbox)
		return deliver_open(DELIVER_MBOX, o->mbox, NULL, false, &r->dv, e);
	if (o->output_dir)
		return deliver_open(DELIVER_DIR, o->output_dir, NULL, false, &r->dv, e);
	return deliver_open(DELIVER_STREAM, NULL, stdout, r->format == WINNOW_MAIL, &r->dv, e);
}

static int fetch_all(opts *o)
{
	err e = { 0 };
	run r = { .o = o };
	if (o->ninputs) {
		fprintf(stderr, "winnow: fetch reads its URLs from --urls FILE or standard input, "
				"not from arguments (see winnow fetch --help)\n");
		return ERR_USAGE;
	}
	bool maintenance = o->list || o->forget;
	if (!maintenance && !o->urls && isatty(0)) {
		fprintf(stderr, "winnow: fetch: no URLs: give --urls FILE or pipe the list in\n");
		return ERR_USAGE;
	}
	char *path = o->state ? xstrdup(o->state) : state_default_path();
	int rc = maintenance ? 0 : destination(&r, &e);
	if (!rc)
		rc = state_open(path, true, &r.st, &e);
	free(path);
	if (!rc && o->list) {
		buf b;
		buf_init(&b, 0);
		rc = state_list(r.st, &b, &e);
		if (!rc)
			rc = cmd_write_stdout(&b, &e);
		buf_free(&b);
	} else if (!rc && o->forget) {
		rc = state_forget(r.st, o->forget, &e);
	} else if (!rc) {
		rc = settle(&r, &e);
		if (!rc)
			rc = read_list(&r, &e);
		if (!rc)
			rc = cmd_winnow(o, &r.w, &e);
	}
	if (rc) {
		cmd_error(NULL, &e);
		r.status = e.code;
	} else if (!maintenance) {
		fetch_limits l = cmd_fetch_limits(o);
		r.f = fetch_new(&l);
		queue(&r);
		fetch_result *res;
		while (fetch_next(r.f, &res)) {
			result(&r, res);
			fetch_result_free(res);
			progress(&r, false);
		}
		if (r.nitems)
			progress(&r, true);
	}
	fetch_free(r.f);
	for (size_t i = 0; i < r.nitems; i++) {
		free(r.items[i]->url);
		free(r.items[i]);
	}
	free(r.items);
	winnow_free(r.w);
	deliver_close(r.dv);
	state_close(r.st);
	return r.status;
}

int cmd_fetch(int argc, char **argv)
{
	opts o;
	int status;
	if (cmd_options(&o, OPTS_FETCH, argc, argv, &status) > 0)
		status = fetch_all(&o);
	opts_free(&o);
	return status;
}
