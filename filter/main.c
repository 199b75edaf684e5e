/* main.c — the winnow command: picks the subcommand and hands it its words. */
#include <string.h>

#include "cmd.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "fetch", cmd_fetch },
	{ "mail", cmd_mail },
};

int main(int argc, char **argv)
{
	/* "winnow fetch …" names a command; anything else is a page to clean (a file called
	 * "fetch" is ./fetch). */
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cmd_clean(argc, argv);
}
