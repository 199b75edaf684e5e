/* widgets.c — takes back what the model kept from the page's interactive parts: the text of a
 * small <form> (a sign-up, log-in or search box: "Enter your email", "By clicking subscribe,
 * you agree to…", "Forgot your password?") and of a modal dialog (<dialog>, role=dialog or
 * alertdialog, aria-modal=true: a consent window, a log-in box, a cart, "Link was copied!").
 * Neither is ever the article, whatever its words, and both are told by the markup alone, in
 * any language.  It runs after the content plugin and relabels body blocks only: labelled
 * before the model, they would change the container's score and the neighbours' odds of
 * blocks that have nothing to do with them (measured: a shop's filter form labelled first
 * turned its category page into a listing).  Thresholds are in conf/widgets-limits.txt. */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "doc.h"
#include "dom.h"
#include "err.h"
#include "plugin.h"

struct widgets {
	float form_max, dialog_share;
};

static int widgets_init(void **state, err *e)
{
	struct widgets *t = xcalloc(1, sizeof *t);
	*state = t;
	const conf_number names[] = {
		{ "form-max-latin", &t->form_max },
		{ "dialog-max-share", &t->dialog_share },
	};
	return conf_numbers("widgets-limits.txt", names, sizeof names / sizeof *names, e);
}

static void widgets_free(void *state)
{
	free(state);
}

static uint32_t latin(const dom_node *n)
{
	return n->chars + 2 * n->han;
}

/* A window over the page: what it says is about the page, never in it. */
static bool dialog(const dom_node *n)
{
	const char *role = dom_attr_get(n, "role"), *modal = dom_attr_get(n, "aria-modal");
	return strcmp(n->name, "dialog") == 0 ||
	       (role && (strcmp(role, "dialog") == 0 || strcmp(role, "alertdialog") == 0)) ||
	       (modal && strcmp(modal, "true") == 0);
}

static void widgets_classify(void *state, doc *d)
{
	const struct widgets *t = state;
	const dom *dm = &d->dom;
	if (dm->n == 0)
		return;
	uint32_t page = latin(&dm->node[dm->body >= 0 ? dm->body : 0]);
	for (size_t i = 0; i < d->nblocks; i++) {
		block *b = &d->blocks[i];
		if (b->label != LABEL_BODY || b->node < 0)
			continue;
		for (int32_t a = b->node; a >= 0; a = dm->node[a].parent) {
			const dom_node *n = &dm->node[a];
			/* A form around the whole page (ASP.NET puts everything in one) holds far
			 * more text than a box's labels and its line of terms. */
			if (n->tag == GUMBO_TAG_FORM && latin(n) <= t->form_max) {
				b->label = LABEL_BOILERPLATE;
				b->rule = "inside a small form (sign-up, log-in, search)";
				break;
			}
			/* A saved page may show its article in an overlay: a dialog holding most of
			 * the page's text is that, not a window over it. */
			if (n->tag != DOM_TEXT && dialog(n) && latin(n) <= t->dialog_share * page) {
				b->label = LABEL_BOILERPLATE;
				b->rule = "inside a modal dialog";
				break;
			}
		}
	}
}

const plugin plugin_widgets = {
	"widgets", widgets_init, widgets_classify, widgets_free,
};
