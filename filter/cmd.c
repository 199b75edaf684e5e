/* cmd.c — what the commands share: one shape for error lines, standard output, output
 * names for URLs, and the transfer limits from the options. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "opts.h"

bool cmd_progress_shown;

/* The user's config file: $XDG_CONFIG_HOME/winnow/winnow.conf or ~/.config/winnow/winnow.conf. */
static char *user_conf(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	buf b;
	buf_init(&b, 0);
	if (xdg && *xdg)
		buf_printf(&b, "%s/winnow/winnow.conf", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.config/winnow/winnow.conf", home);
	return b.len ? buf_steal(&b) : NULL;
}

int cmd_help_or_version(int c, int argc, char **argv, int *status)
{
	opts pre;
	err e = { 0 };
	opts_init(&pre);
	pre.command = c;
	int asked = opts_argv(&pre, argc, argv, &e) == 0 && (pre.help || pre.version);
	if (asked) {
		buf b;
		buf_init(&b, 0);
		if (pre.help)
			opts_help(&b, c);
		else
			buf_adds(&b, "winnow " WINNOW_VERSION "\n");
		*status = 0;
		if (cmd_write_stdout(&b, &e) < 0) {
			cmd_error(NULL, &e);
			*status = ERR_IO;
		}
		buf_free(&b);
	}
	opts_free(&pre);
	return asked;
}

int cmd_options(opts *o, int c, int argc, char **argv, int *status)
{
	opts_init(o);
	o->command = c;
	if (cmd_help_or_version(c, argc, argv, status))
		return 0;
	err e = { 0 };
	char *uc = user_conf();
	int r = opts_load(o, argc, argv, WINNOW_SYSCONFDIR "/winnow.conf", uc, &e);
	free(uc);
	if (r < 0) {
		cmd_error(NULL, &e);
		*status = e.code;
		return -1;
	}
	return 1;
}

void cmd_error(const char *name, const err *e)
{
	fprintf(stderr, "%swinnow: %s%s%s\n", cmd_progress_shown ? "\r\033[K" : "",
		name ? name : "", name ? ": " : "", e->msg);
}

int cmd_write_stdout(const buf *data, err *e)
{
	if ((data->len && fwrite(data->data, 1, data->len, stdout) != data->len) ||
	    fflush(stdout) != 0)
		return err_set(e, ERR_IO, "standard output: %s", strerror(errno));
	return 0;
}

void cmd_url_name(const char *url, buf *out)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t start = out->len;
	for (; *p && *p != '#' && out->len - start < 120; p++) {
		char c = *p;
		bool keep = isalnum((unsigned char)c) || c == '.' || c == '-';
		if (!keep && out->len > start && out->data[out->len - 1] == '_')
			continue;   /* one "_" for a run of them */
		buf_addc(out, keep ? c : '_');
	}
	while (out->len > start && out->data[out->len - 1] == '_')
		out->data[--out->len] = '\0';
	if (out->len == start)
		buf_adds(out, "page");
}

bool cmd_is_url(const char *input)
{
	const char *p = input;
	if (!isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}

fetch_limits cmd_fetch_limits(const opts *o)
{
	return (fetch_limits){
		.timeout = (long)o->timeout,
		.connect_timeout = (long)o->connect_timeout,
		.max_size = o->max_size,
		.user_agent = o->user_agent,
		.cacert = o->cacert,
		.jobs = o->jobs,
	};
}

int cmd_winnow(const opts *o, winnow **w, err *e)
{
	winnow_options wo;
	winnow_options_init(&wo);
	wo.max_size = o->max_size;
	wo.max_depth = o->max_depth;
	wo.max_attrs = o->max_attrs;
	wo.max_elements = o->max_elements;
	wo.conf_dir = o->conf_dir;
	wo.sandbox = !o->no_sandbox;
	return winnow_new(&wo, w, e);
}

winnow_request cmd_request(const opts *o, unsigned products)
{
	return (winnow_request){ .products = products, .no_links = o->no_links,
				 .body_only = o->body_only, .json_html = o->json_html };
}
