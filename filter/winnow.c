/* winnow.c — the pipeline: sniff, decode, screen, parse, segment, classify, attribute, then
 * the writers for what the caller asked. */
#include "winnow.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "attrib.h"
#include "buf.h"
#include "classify.h"
#include "conf.h"
#include "decode.h"
#include "doc.h"
#include "dom.h"
#include "emit.h"
#include "err.h"
#include "inline.h"
#include "result.h"
#include "sandbox.h"
#include "screen.h"
#include "segment.h"
#include "sniff.h"

struct winnow {
	size_t max_size;
	screen_limits limits;
	classify *classify;
	attrib *attrib;
	sandbox *sandbox;   /* the child that cleans, or NULL to clean in this process */
};

/* A sandboxed cleaning is stopped after this many seconds, and one more per MiB of input
 * (gumbo parses about 12 MB a second here: a page that takes far longer is an attack). */
enum { CLEAN_TIMEOUT = 30 };

/* Gzip inside gzip is allowed this many times: a page saved compressed by a server that had
 * already compressed it. */
enum { MAX_GZIP_LAYERS = 3 };

/* The products a writer of emit.h makes have the writer's number. */
_Static_assert((int)WINNOW_TEXT == (int)EMIT_TEXT && (int)WINNOW_MARKDOWN == (int)EMIT_MARKDOWN &&
		       (int)WINNOW_JSON == (int)EMIT_JSON && (int)WINNOW_HTML == (int)EMIT_HTML &&
		       (int)WINNOW_MAIL == (int)EMIT_MAIL && (int)WINNOW_JSONL == (int)EMIT_JSONL &&
		       (int)WINNOW_FORMATS == (int)EMIT_COUNT,
	       "winnow.h's formats are emit.h's");


void winnow_options_init(winnow_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_size = WINNOW_MAX_SIZE;
	o->max_depth = SCREEN_MAX_DEPTH;
	o->max_attrs = SCREEN_MAX_ATTRS;
	o->max_elements = SCREEN_MAX_ELEMENTS;
	o->sandbox = true;
}

static int clean_here(void *ctx, const winnow_input *in, const winnow_request *rq,
		      winnow_result **out, err *e);

int winnow_new(const winnow_options *o, winnow **out, err *e)
{
	conf_set_dirs(o->conf_dir);
	if (sniff_init(e) < 0)
		return -1;
	winnow *w = xcalloc(1, sizeof *w);
	w->max_size = o->max_size;
	w->limits = (screen_limits){ o->max_depth, o->max_attrs, o->max_elements };
	if (classify_new(&w->classify, e) < 0 || attrib_new(&w->attrib, e) < 0) {
		winnow_free(w);
		return -1;
	}
	/* Everything the child needs is loaded before it starts: it may open nothing. */
	if (o->sandbox && sandbox_available()) {
		decode_preload();
		emit_mail_init();
		/* The products of a page are a few times its size; the explanation the most. */
		size_t most = w->max_size * 16 + ((size_t)64 << 20);
		if (sandbox_start(clean_here, w, most, &w->sandbox, e) < 0) {
			winnow_free(w);
			return -1;
		}
	}
	*out = w;
	return 0;
}

void winnow_free(winnow *w)
{
	if (!w)
		return;
	sandbox_stop(w->sandbox);
	classify_free(w->classify);
	attrib_free(w->attrib);
	sniff_done();
	free(w);
}

static void note_screen(doc *d, const screen_stats *st, const screen_limits *lim)
{
	if (st->depth_cut)
		doc_note(d, "%zu elements nested deeper than %u were made siblings", st->depth_cut,
			 lim->max_depth);
	if (st->attrs_cut)
		doc_note(d, "%zu attributes past %u on one element were dropped", st->attrs_cut,
			 lim->max_attrs);
	if (st->elements_cut)
		doc_note(d, "%zu tags were dropped, their text kept (past %u elements, or tags the "
			 "parser would mishandle)", st->elements_cut, lim->max_elements);
	if (st->charrefs_cut)
		doc_note(d, "%zu out-of-range character references became U+FFFD", st->charrefs_cut);
}

static int parse_html(winnow *w, doc *d, err *e)
{
	screen_stats st;
	buf screened;
	/* A cut adds at most an end tag no longer than an earlier start tag, and a bad character
	 * reference grows to "&#xFFFD;": three times the page bounds what the screen can write. */
	buf_init(&screened, d->utf8_len * 3 + 4096);
	if (screen_html(d->utf8, d->utf8_len, &w->limits, &screened, &st, e) < 0) {
		buf_free(&screened);
		return -1;
	}
	note_screen(d, &st, &w->limits);
	int r = dom_parse(d->a, screened.data ? screened.data : "", screened.len, &d->dom, e);
	buf_free(&screened);
	if (r < 0)
		return -1;
	if (d->dom.hidden_shown)
		doc_note(d, "nearly all of the page's text is hidden; treated as shown");
	segment_html(d->a, &d->dom, &d->blocks, &d->nblocks);
	return 0;
}

/* The page cleaned into a document of its own (free it with doc_free). */
static int clean_doc(winnow *w, const winnow_input *in, doc **out, err *e)
{
	const char *bytes = in->bytes ? in->bytes : "";
	size_t n = in->n;
	buf inflated[2];
	buf_init(&inflated[0], w->max_size);
	buf_init(&inflated[1], w->max_size);
	sniff_result sr;
	int r = -1, layer = 0;
	doc *d = NULL;

	for (sniff_type(bytes, n, &sr); sr.type == SNIFF_GZIP; sniff_type(bytes, n, &sr)) {
		if (layer == MAX_GZIP_LAYERS) {
			err_set(e, ERR_DATA, "gzip nested more than %d deep", MAX_GZIP_LAYERS);
			goto done;
		}
		buf *o = &inflated[layer++ % 2];
		buf_reset(o);
		if (sniff_gunzip(bytes, n, o, e) < 0)
			goto done;
		bytes = o->data ? o->data : "";
		n = o->len;
	}
	if (sr.type == SNIFF_EMPTY) {
		err_set(e, ERR_DATA, "empty input");
		goto done;
	}
	if (sr.type == SNIFF_FEED) {
		err_set(e, ERR_DATA, "this is an %s feed: use winnow feed", sr.what);
		goto done;
	}
	if (sr.type == SNIFF_MAIL) {
		err_set(e, ERR_DATA, "this is a mail message: use winnow mail");
		goto done;
	}
	if (sr.type == SNIFF_OTHER) {
		err_set(e, ERR_DATA, "not a web page (%s)", sr.what);
		goto done;
	}

	d = doc_new(in->name, in->url);
	if (in->asked_url)
		d->asked_url = arena_strdup(d->a, in->asked_url);
	d->seen = in->seen;
	if (in->title)
		d->title_hint = arena_strdup(d->a, in->title);
	bool html = sr.type == SNIFF_HTML || sr.type == SNIFF_XHTML;
	decode_choose(bytes, n, in->charset, html, &d->charset);
	buf utf8;
	/* UTF-8 takes at most three bytes for any one byte of a legacy charset. */
	buf_init(&utf8, n * 3 + 16);
	if (decode_to_utf8(bytes, n, &d->charset, &utf8, e) < 0) {
		buf_free(&utf8);
		goto done;
	}
	d->utf8 = arena_strndup(d->a, utf8.data ? utf8.data : "", utf8.len);
	d->utf8_len = utf8.len;
	buf_free(&utf8);

	if (html) {
		if (parse_html(w, d, e) < 0)
			goto done;
	} else {
		d->is_text = true;
		segment_text(d->a, d->utf8, d->utf8_len, &d->blocks, &d->nblocks);
	}
	classify_doc(w->classify, d);
	attrib_find(w->attrib, d);
	inline_build(d);
	*out = d;
	d = NULL;
	r = 0;
done:
	doc_free(d);
	buf_free(&inflated[0]);
	buf_free(&inflated[1]);
	return r;
}

/* One product of a document. */
static void make(const doc *d, enum winnow_product p, const winnow_request *rq, buf *out)
{
	emit_opts eo = { rq->no_links, rq->body_only, rq->json_html };
	switch (p) {
	case WINNOW_MAIL: emit_mail_revision(d, rq->revision, out); break;
	case WINNOW_EXPLAIN: emit_explain(d, out); break;
	case WINNOW_EXPLAIN_HTML: emit_explain_html(d, out); break;
	case WINNOW_EXPLAIN_TSV: emit_explain_tsv(d, out); break;
	case WINNOW_BODY: emit_body_text(d, out); break;
	case WINNOW_HTML_BODY: emit_html_body(d, out); break;
	case WINNOW_MAIL_ID: emit_mail_id(d, rq->revision, out); break;
	default: emit((enum emit_format)p, d, &eo, out); break;
	}
}

/* The cleaning itself, in this process (the sandbox's child runs it too). */
static int clean_here(void *ctx, const winnow_input *in, const winnow_request *rq,
		      winnow_result **out, err *e)
{
	winnow *w = ctx;
	doc *d;
	if (clean_doc(w, in, &d, e) < 0)
		return -1;
	winnow_result *r = result_new();
	r->kept = doc_kept(d);
	for (size_t i = 0; i < d->nnotes; i++)
		result_note(r, d->notes[i]);
	for (int p = 0; p < WINNOW_PRODUCTS; p++)
		if (rq->products & (1u << p)) {
			r->asked[p] = true;
			make(d, (enum winnow_product)p, rq, &r->product[p]);
		}
	doc_free(d);
	*out = r;
	return 0;
}

int winnow_clean(winnow *w, const winnow_input *in, const winnow_request *rq,
		 winnow_result **out, err *e)
{
	if (!w->sandbox)
		return clean_here(w, in, rq, out, e);
	return sandbox_clean(w->sandbox, in, rq, CLEAN_TIMEOUT + (unsigned)(in->n >> 20), out, e);
}

void winnow_result_free(winnow_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (int p = 0; p < WINNOW_PRODUCTS; p++)
		buf_free(&r->product[p]);
	free(r);
}

size_t winnow_result_kept(const winnow_result *r)
{
	return r->kept;
}

size_t winnow_result_notes(const winnow_result *r, const char *const **notes)
{
	*notes = (const char *const *)r->notes;
	return r->nnotes;
}

const char *winnow_result_get(const winnow_result *r, enum winnow_product p, size_t *len)
{
	if (p >= WINNOW_PRODUCTS || !r->asked[p])
		return NULL;
	if (len)
		*len = r->product[p].len;
	return r->product[p].data ? r->product[p].data : "";
}

const char *winnow_format_name(int f)
{
	return emit_format_name((enum emit_format)f);
}

const char *winnow_format_ext(int f)
{
	return emit_format_ext((enum emit_format)f);
}

int winnow_format_parse(const char *name)
{
	return emit_format_parse(name);
}

bool winnow_is_feed(const char *bytes, size_t n)
{
	sniff_result sr;
	sniff_type(bytes, n, &sr);
	return sr.type == SNIFF_FEED;
}
