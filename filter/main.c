/* main.c — the winnow command: picks the subcommand and hands it its words. */
#include <string.h>

#include "cmd.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "fetch", cmd_fetch },
	{ "mail", cmd_mail },
	{ "feed", cmd_feed },
};

int main(int argc, char **argv)
{
	/* Run as winnow-feed (a link), winnow is the feed filter: newsboat's filter: runs its
	 * program with no arguments. */
	const char *self = argc ? strrchr(argv[0], '/') : NULL;
	self = self ? self + 1 : argc ? argv[0] : "";
	if (strcmp(self, "winnow-feed") == 0)
		return cmd_feed(argc, argv);
	/* "winnow fetch …" names a command; anything else is a page to clean (a file called
	 * "fetch" is ./fetch). */
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cmd_clean(argc, argv);
}
