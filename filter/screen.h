/* screen.h — the pass before gumbo: caps what gumbo 0.10.1 cannot survive, counts what it cut. */
#ifndef WINNOW_SCREEN_H
#define WINNOW_SCREEN_H

#include <stddef.h>

struct buf;
struct err;

/* Limits on the markup handed to gumbo.  Measured with Debian's gumbo 0.10.1: 40 000 nested
 * <div>s take 18.6 s, one element with 200 000 attributes over 120 s; these caps keep the worst
 * input within seconds while no real page comes near them.  A zero field takes its default. */
typedef struct screen_limits {
	unsigned max_depth;     /* open elements; deeper start tags become siblings */
	unsigned max_attrs;     /* attributes per tag; the rest are dropped */
	unsigned max_elements;  /* start tags in the document; later tags are dropped, text kept */
} screen_limits;

/* On the 709 pages of ../shared/corpora the stack reaches 44, a tag has at most 70 attributes
 * and a page at most 15 793 start tags.  gumbo's duplicate check is quadratic in attributes per
 * tag, but an 8 MB page of tags with 256 attributes each parses in 2.4 s (1.2 s with 16 each,
 * 46 s with 16 384 each); a million elements take gumbo 5.3 s and 417 MB. */
#define SCREEN_MAX_DEPTH 256
#define SCREEN_MAX_ATTRS 256
#define SCREEN_MAX_ELEMENTS 200000

/* What the pass changed, for a note on stderr. */
typedef struct screen_stats {
	size_t depth_cut;     /* end tags added at the depth cap (the next element becomes a
				 * sibling, or a formatting element is not reopened) */
	size_t attrs_cut;     /* attributes dropped */
	size_t elements_cut;  /* tags dropped: past the element cap, start tags gumbo ignores past
				 * 100 in a page, svg/math elements gumbo mistakes for HTML ones */
	size_t endtags_cut;   /* end tags dropped: of elements closed at the depth cap, past
				 * 10 000 in a page that close nothing, "</>" right before a tag */
	size_t charrefs_cut;  /* numeric character references out of range, made U+FFFD */
} screen_stats;

/* Copies the UTF-8 page in[0..n) to out, rewritten so that gumbo sees bounded depth, attributes
 * and elements.  A page within the limits comes out byte for byte but for the rarities counted
 * in stats (all 709 corpus pages do).  lim may be NULL for the defaults.  One linear pass, no
 * recursion.  Fails only when out passes its maximum (ERR_DATA).  stats is zeroed first. */
int screen_html(const char *in, size_t n, const screen_limits *lim, struct buf *out,
		screen_stats *stats, struct err *e);

#endif
