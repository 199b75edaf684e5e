/* test_buf.c — the bounded buffer keeps its maximum and its NUL. */
#include "unit.h"

#include <stdlib.h>

#include "buf.h"

void test_buf(void)
{
	buf b;
	buf_init(&b, 8);
	CHECK(buf_adds(&b, "abcd") == 0);
	CHECK(buf_adds(&b, "efgh") == 0);
	CHECK(buf_addc(&b, 'x') == -1);
	CHECK(b.len == 8 && b.data[8] == '\0');
	CHECK_STR(b.data, "abcdefgh");
	buf_reset(&b);
	CHECK(buf_printf(&b, "%d-%s", 42, "z") == 0);
	CHECK_STR(b.data, "42-z");
	CHECK(buf_printf(&b, "%s", "123456789") == -1);
	CHECK_STR(b.data, "42-z");
	char *s = buf_steal(&b);
	CHECK_STR(s, "42-z");
	CHECK(b.len == 0 && b.data == NULL);
	free(s);

	buf big;
	buf_init(&big, 0);
	for (int i = 0; i < 100000; i++)
		buf_addc(&big, 'a');
	CHECK(big.len == 100000 && big.data[100000] == '\0');
	buf_free(&big);
}
