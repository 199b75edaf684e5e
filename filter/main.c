/* main.c — the winnow command: picks the subcommand, loads the options, dispatches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "err.h"
#include "opts.h"

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

static const struct command {
	const char *name;
	enum opts_command id;
	int (*run)(opts *o);
} commands[] = {
	{ "fetch", OPTS_FETCH, cmd_fetch },
};

int main(int argc, char **argv)
{
	/* "winnow fetch …" names a command; anything else is a page to clean (a file called
	 * "fetch" is ./fetch). */
	struct command cmd = { "winnow", OPTS_CLEAN, cmd_clean };
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			cmd = commands[i];
			argc--, argv++;
		}
	opts o;
	err e = { 0 };
	opts_init(&o);
	o.command = cmd.id;
	char *uc = user_conf();
	int r = opts_load(&o, argc, argv, WINNOW_SYSCONFDIR "/winnow.conf", uc, &e);
	free(uc);
	if (r) {
		fprintf(stderr, "winnow: %s\n", e.msg);
		opts_free(&o);
		return e.code;
	}
	if (o.help || o.version) {
		buf b;
		buf_init(&b, 0);
		if (o.help)
			opts_help(&b, cmd.id);
		else
			buf_adds(&b, "winnow " WINNOW_VERSION "\n");
		r = cmd_write_stdout(&b, &e);
		buf_free(&b);
		opts_free(&o);
		if (r)
			fprintf(stderr, "winnow: %s\n", e.msg);
		return r ? ERR_IO : 0;
	}
	int status = cmd.run(&o);
	opts_free(&o);
	return status;
}
