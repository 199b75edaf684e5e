/* cmd.c — what the commands share: one shape for error lines, standard output, output
 * names for URLs, and the transfer limits from the options. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "opts.h"

bool cmd_progress_shown;

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
