/* source.c — files and standard input, read whole and never past the size cap. */
#include "source.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"

int source_read(const char *path, size_t max, buf *out, err *e)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_NOINPUT, "%s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!is_stdin)
			close(fd);
		return err_set(e, ERR_NOINPUT, "is a directory");
	}
	buf_reset(out);
	int r = 0;
	for (;;) {
		if (buf_reserve(out, 65536) < 0) {
			r = err_set(e, ERR_DATA, "larger than %zu bytes", max);
			break;
		}
		ssize_t n = read(fd, out->data + out->len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = err_set(e, ERR_NOINPUT, "%s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len > max) {
			r = err_set(e, ERR_DATA, "larger than %zu bytes (see --max-size)", max);
			break;
		}
	}
	if (!is_stdin)
		close(fd);
	return r;
}
