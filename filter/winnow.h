/* winnow.h — the library: a page's bytes in, what was asked of its article out.  The commands,
 * the fuzz harness and the benchmark reach the cleaning through this header alone: their own
 * options, an input, a request, and an opaque result with accessors. */
#ifndef WINNOW_WINNOW_H
#define WINNOW_WINNOW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Why a call failed: code is a process exit status from sysexits (65 the input is no page or
 * cannot be decoded, 70 an internal error, 78 a bad conf file …), msg one line that does not
 * name the input (the caller does). */
typedef struct err {
	int code;
	char msg[512];
} winnow_error;

#define WINNOW_MAX_SIZE ((size_t)32 << 20)   /* the default of max_size */

/* What a run is set up with.  conf_dir is copied. */
typedef struct winnow_options {
	size_t max_size;          /* bytes of any input, and of what it inflates to */
	unsigned max_depth, max_attrs, max_elements;   /* what the parser is handed at most */
	const char *conf_dir;     /* searched first for conf files (word lists, weights), or NULL */
	bool sandbox;             /* clean in a child confined by seccomp, where the system can */
} winnow_options;

void winnow_options_init(winnow_options *o);   /* the defaults: sandboxed, 32 MiB … */

typedef struct winnow winnow;

/* Everything a run needs before it reads a page: libmagic's database, the plugins' conf lists,
 * the converters of every charset.  -1 with code 78 (a bad conf file) or 70. */
int winnow_new(const winnow_options *o, winnow **out, winnow_error *e);
void winnow_free(winnow *w);

/* One page as it came.  The strings need live only during the call. */
typedef struct winnow_input {
	const char *bytes;        /* as read: HTML in any charset, gzip, or text */
	size_t n;
	const char *name;         /* for messages: the file, "standard input", or the URL */
	const char *url;          /* the page's address (after redirects), or NULL */
	const char *asked_url;    /* the URL the user gave, when the page was fetched, or NULL */
	const char *charset;      /* the transport's charset label (HTTP, MIME, --charset), or NULL */
	const char *title;        /* what the container calls the page (a mail's Subject), taken
				     as its <title>; NULL for the page's own */
	time_t seen;              /* when it was fetched or read */
} winnow_input;

/* What can be asked of a cleaned page.  The first six are the output formats (-f). */
enum winnow_product {
	WINNOW_TEXT,          /* the title, the byline, the body, the links' references */
	WINNOW_MARKDOWN,      /* CommonMark */
	WINNOW_JSON,          /* one object, keys in a fixed order */
	WINNOW_HTML,          /* a small, safe page */
	WINNOW_MAIL,          /* an RFC 5322 message */
	WINNOW_JSONL,         /* JSON on one line */
	WINNOW_EXPLAIN,       /* every block with its label and the rule behind it */
	WINNOW_EXPLAIN_HTML,  /* the same as a page to open in a browser */
	WINNOW_EXPLAIN_TSV,   /* one line per block with the content model's features */
	WINNOW_BODY,          /* the body alone as plain text, a paragraph per block */
	WINNOW_HTML_BODY,     /* the body alone as an HTML fragment (a feed item's content) */
	WINNOW_MAIL_ID,       /* the Message-ID of the request's revision; revision 0's is who the
				 article is, across runs */
	WINNOW_PRODUCTS
};
enum { WINNOW_FORMATS = WINNOW_JSONL + 1 };   /* the products -f names */

typedef struct winnow_request {
	unsigned products;        /* a bit per enum winnow_product */
	bool no_links;            /* text: no numbered references */
	bool body_only;           /* text: the title and the paragraphs only (what make eval scores) */
	bool json_html;           /* json: the body's HTML too */
	unsigned revision;        /* mail, mail id: the article's version, 0 for the first */
} winnow_request;

typedef struct winnow_result winnow_result;

/* Cleans one page and writes what rq asks for.  *out (free it with winnow_result_free) may
 * hold an empty body: winnow_result_kept tells.  -1 with code 65 when the input is not a page
 * (a feed or a mail message is named as such) or cannot be decoded, 70 on internal errors. */
int winnow_clean(winnow *w, const winnow_input *in, const winnow_request *rq,
		 winnow_result **out, winnow_error *e);
void winnow_result_free(winnow_result *r);

size_t winnow_result_kept(const winnow_result *r);   /* blocks of body kept */
/* What the user should hear about with -v (screening cuts, fallbacks); the strings live as
 * long as r. */
size_t winnow_result_notes(const winnow_result *r, const char *const **notes);
/* A product asked for, its bytes (NUL-terminated) and length; NULL when it was not asked. */
const char *winnow_result_get(const winnow_result *r, enum winnow_product p, size_t *len);

const char *winnow_format_name(int f);   /* "text", "markdown", … for f < WINNOW_FORMATS */
const char *winnow_format_ext(int f);    /* "txt", "md", "json", "html", "eml", "jsonl" */
int winnow_format_parse(const char *name);   /* a product < WINNOW_FORMATS, or -1 */

/* Whether bytes are an RSS or Atom feed (winnow fetch reads a feed in its list for its
 * items). */
bool winnow_is_feed(const char *bytes, size_t n);

#endif
