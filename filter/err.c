/* err.c — first failure wins. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

int err_set(err *e, int code, const char *fmt, ...)
{
	if (!e || e->code)
		return -1;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void err_clear(err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
}
