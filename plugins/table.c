/* table.c — the classifier plugins, in the order they run.  One line registers a plugin. */
#include "plugin.h"

extern const plugin plugin_pinyin;
extern const plugin plugin_seo_spam;
extern const plugin plugin_trending;
extern const plugin plugin_boilerplate;
extern const plugin plugin_content;
extern const plugin plugin_tables;
extern const plugin plugin_widgets;

const plugin *const plugin_table[] = {
	&plugin_pinyin,
	&plugin_seo_spam,
	&plugin_trending,
	&plugin_boilerplate,
	&plugin_content,
	&plugin_tables,
	&plugin_widgets,
	0,
};
