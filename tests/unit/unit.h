/* unit.h — the unit-test harness: CHECK macros and a count of what passed. */
#ifndef WINNOW_UNIT_H
#define WINNOW_UNIT_H

#include <string.h>

/* One CHECK is one test: it passes or fails on its own, and a failure prints where. */
void unit_check(int ok, const char *what, const char *file, int line);
void unit_check_str(const char *got, const char *want, const char *what, const char *file,
		    int line);

#define CHECK(cond) unit_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) unit_check_str((got), (want), #got, __FILE__, __LINE__)

/* Each tests/unit/test_<module>.c defines one entry point, listed in tests/unit/main.c. */
void test_text(void);
void test_buf(void);
void test_decode(void);
void test_sniff(void);
void test_screen(void);
void test_dom(void);
void test_segment(void);
void test_opts(void);
void test_date(void);
void test_lexicon(void);
void test_attrib(void);
void test_pinyin(void);
void test_spam(void);
void test_feed(void);
void test_sandbox(void);

#endif
