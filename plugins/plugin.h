/* plugin.h — what a classifier plugin is, and the table that lists them in the order they run. */
#ifndef WINNOW_PLUGIN_H
#define WINNOW_PLUGIN_H

struct doc;
struct err;

/* A plugin labels blocks of a document (block.label, .score, .rule).  Plugins run in table
 * order, each seeing the labels of those before it; a block that an earlier plugin decided is
 * normally left alone.  init runs once per process, before any page is read (and before a
 * sandbox starts): it loads the plugin's lists from conf/ into *state.  classify must not
 * fail; it allocates what it needs per page from the document's arena. */
typedef struct plugin {
	const char *name;
	int (*init)(void **state, struct err *e);   /* may be NULL */
	void (*classify)(void *state, struct doc *d);
	void (*free)(void *state);                  /* may be NULL */
} plugin;

/* plugins/table.c: one line per plugin, NULL-terminated. */
extern const plugin *const plugin_table[];

#endif
