/* main.c — runs every unit test and ends with the line "N passed, N failed". */
#include <stdio.h>

#include "unit.h"

static int passed, failed;

void unit_check(int ok, const char *what, const char *file, int line)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s:%d: %s\n", file, line, what);
}

void unit_check_str(const char *got, const char *want, const char *what, const char *file,
		    int line)
{
	int ok = got && want ? strcmp(got, want) == 0 : got == want;
	unit_check(ok, what, file, line);
	if (!ok)
		printf("     got  \"%s\"\n     want \"%s\"\n", got ? got : "(null)",
		       want ? want : "(null)");
}

int main(void)
{
	static void (*const suites[])(void) = {
		test_text, test_buf, test_decode, test_sniff, test_screen, test_dom,
		test_segment, test_opts, test_date, test_lexicon, test_attrib, test_pinyin,
		test_spam, test_feed, test_sandbox,
	};
	for (size_t i = 0; i < sizeof suites / sizeof *suites; i++)
		suites[i]();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
