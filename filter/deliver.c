/* deliver.c — Maildir, mbox, directory and stream delivery, each durable before it returns:
 * what a crash can leave behind is a stray file in tmp/, never half a message in new/ or in
 * the mbox. */
#include "deliver.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

/* How long an mbox append waits for another program's lock before giving up. */
enum { MBOX_LOCK_WAIT_MS = 30000 };

struct deliver {
	enum deliver_kind kind;
	char *path;
	FILE *stream;
	bool framing;
	unsigned count;     /* deliveries by this process: part of a Maildir name */
	char host[256];     /* this machine, as a Maildir name spells it */
};

static int mkdir_one(const char *path, err *e)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
}

/* mkdir -p, for the parents a user names in --maildir ~/Mail/news. */
static int mkdirs(const char *path, err *e)
{
	buf b;
	buf_init(&b, 0);
	buf_adds(&b, path);
	int r = 0;
	for (char *p = b.data + 1; *p && !r; p++)
		if (*p == '/') {
			*p = '\0';
			r = mkdir_one(b.data, e);
			*p = '/';
		}
	if (!r)
		r = mkdir_one(b.data, e);
	buf_free(&b);
	return r;
}

/* maildir(5): "/" and ":" in the host name are written \057 and \072. */
static void maildir_host(char *out, size_t size)
{
	char h[200];
	if (gethostname(h, sizeof h) != 0)
		snprintf(h, sizeof h, "localhost");
	h[sizeof h - 1] = '\0';
	size_t k = 0;
	for (const char *p = h; *p && k + 5 < size; p++) {
		if (*p == '/' || *p == ':')
			k += (size_t)snprintf(out + k, size - k, "\\%03o", (unsigned char)*p);
		else
			out[k++] = *p;
	}
	out[k] = '\0';
}

int deliver_open(enum deliver_kind k, const char *path, FILE *stream, bool mbox_framing,
		 deliver **out, err *e)
{
	deliver *dv = xcalloc(1, sizeof *dv);
	dv->kind = k;
	dv->path = path ? xstrdup(path) : NULL;
	dv->stream = stream;
	dv->framing = mbox_framing;
	maildir_host(dv->host, sizeof dv->host);
	int r = 0;
	if (k == DELIVER_MAILDIR) {
		static const char *const sub[] = { "tmp", "new", "cur" };
		r = mkdirs(path, e);
		for (int i = 0; i < 3 && !r; i++) {
			buf b;
			buf_init(&b, 0);
			buf_printf(&b, "%s/%s", path, sub[i]);
			r = mkdir_one(b.data, e);
			buf_free(&b);
		}
	} else if (k == DELIVER_DIR) {
		r = mkdirs(path, e);
	}
	if (r) {
		deliver_close(dv);
		return -1;
	}
	*out = dv;
	return 0;
}

void deliver_close(deliver *dv)
{
	if (!dv)
		return;
	free(dv->path);
	free(dv);
}

void deliver_token(deliver *dv, const char *name, buf *token)
{
	buf_reset(token);
	switch (dv->kind) {
	case DELIVER_MAILDIR: {
		struct timeval tv;
		gettimeofday(&tv, NULL);
		buf_printf(token, "maildir:%s/new/%lld.M%ldP%ldQ%u.%s", dv->path, (long long)tv.tv_sec,
			   (long)tv.tv_usec, (long)getpid(), ++dv->count, dv->host);
		break;
	}
	case DELIVER_MBOX: {
		struct stat st;
		buf_printf(token, "mbox:%s@%lld", dv->path,
			   stat(dv->path, &st) == 0 ? (long long)st.st_size : 0LL);
		break;
	}
	case DELIVER_DIR:
		buf_printf(token, "file:%s/%s", dv->path, name);
		break;
	case DELIVER_STREAM:
		break;
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The directory entry of a rename is durable only once the directory itself is synced. */
static int sync_dir_of(const char *path)
{
	buf b;
	buf_init(&b, 0);
	const char *slash = strrchr(path, '/');
	if (slash)
		buf_add(&b, path, (size_t)(slash - path) + (slash == path));
	else
		buf_adds(&b, ".");
	int fd = open(b.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	buf_free(&b);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

/* Writes tmp (created, never an existing file), syncs it, renames it to path and syncs the
 * directory: a reader sees the whole file or none of it, and so does a crash. */
static int put_renamed(const char *tmp, const char *path, const char *data, size_t n, err *e)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
	int r = write_all(fd, data, n) < 0 || fsync(fd) < 0;
	if (close(fd) != 0)
		r = 1;
	if (!r && rename(tmp, path) == 0 && sync_dir_of(path) == 0)
		return 0;
	int saved = errno;
	unlink(tmp);
	return err_set(e, ERR_IO, "%s: %s", path, strerror(saved));
}

int deliver_file(const char *path, const char *data, size_t n, err *e)
{
	buf tmp;
	buf_init(&tmp, 0);
	buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	unlink(tmp.data);   /* left by a crashed run of the same pid */
	int r = put_renamed(tmp.data, path, data, n, e);
	buf_free(&tmp);
	return r;
}

/* mboxrd: a line that reads ">*From " gets one more ">", which a reader takes off again. */
static void mboxrd(buf *out, const char *msg, size_t n)
{
	const char *p = msg, *end = msg + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl + 1 : end;
		const char *q = p;
		while (q < e && *q == '>')
			q++;
		if ((size_t)(e - q) >= 5 && memcmp(q, "From ", 5) == 0)
			buf_addc(out, '>');
		buf_add(out, p, (size_t)(e - p));
		p = e;
	}
	if (n && msg[n - 1] != '\n')
		buf_addc(out, '\n');
}

static void framed(buf *out, const char *msg, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;
	char when[32];
	strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y", gmtime_r(&now, &tm));
	buf_printf(out, "From winnow@localhost %s\n", when);
	mboxrd(out, msg, n);
	buf_addc(out, '\n');
}

static int lock_wait(int fd)
{
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	for (int waited = 0;; waited += 50) {
		if (fcntl(fd, F_SETLK, &l) == 0)
			return 0;
		if ((errno != EACCES && errno != EAGAIN) || waited >= MBOX_LOCK_WAIT_MS)
			return -1;
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
}

static int put_mbox(const deliver *dv, const char *msg, size_t n, err *e)
{
	int fd = open(dv->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, ERR_IO, "%s: %s", dv->path, strerror(errno));
	if (lock_wait(fd) < 0) {
		err_set(e, ERR_IO, "%s: cannot lock: %s", dv->path, strerror(errno));
		close(fd);
		return -1;
	}
	buf b;
	buf_init(&b, 0);
	struct stat st = { 0 };
	int r = fstat(fd, &st);
	/* A message starts after a blank line, whatever the last writer left. */
	char tail[2] = "\n\n";
	if (!r && st.st_size >= 2)
		r = pread(fd, tail, 2, st.st_size - 2) == 2 ? 0 : -1;
	else if (!r && st.st_size == 1)
		r = pread(fd, tail + 1, 1, 0) == 1 ? 0 : -1;
	if (st.st_size > 0 && tail[1] != '\n')
		buf_adds(&b, "\n\n");
	else if (st.st_size > 0 && tail[0] != '\n')
		buf_addc(&b, '\n');
	framed(&b, msg, n);
	if (!r && (write_all(fd, b.data, b.len) < 0 || fsync(fd) < 0)) {
		int saved = errno;
		if (ftruncate(fd, st.st_size) == 0)
			fsync(fd);
		errno = saved;
		r = -1;
	}
	if (r)
		err_set(e, ERR_IO, "%s: %s", dv->path, strerror(errno));
	buf_free(&b);
	close(fd);   /* and with it the lock */
	return r;
}

int deliver_put(deliver *dv, const char *token, const char *msg, size_t n, err *e)
{
	switch (dv->kind) {
	case DELIVER_MAILDIR: {
		const char *path = token + strlen("maildir:");
		const char *name = strrchr(path, '/') + 1;
		buf tmp;
		buf_init(&tmp, 0);
		buf_printf(&tmp, "%s/tmp/%s", dv->path, name);
		int r = put_renamed(tmp.data, path, msg, n, e);
		buf_free(&tmp);
		return r;
	}
	case DELIVER_MBOX:
		return put_mbox(dv, msg, n, e);
	case DELIVER_DIR:
		return deliver_file(token + strlen("file:"), msg, n, e);
	case DELIVER_STREAM: {
		buf b;
		buf_init(&b, 0);
		if (dv->framing)
			framed(&b, msg, n);
		else
			buf_add(&b, msg, n);
		int r = fwrite(b.data, 1, b.len, dv->stream) != b.len || fflush(dv->stream) != 0;
		buf_free(&b);
		return r ? err_set(e, ERR_IO, "standard output: %s", strerror(errno)) : 0;
	}
	}
	return 0;
}

/* A Maildir message keeps its name when a reader moves it to cur/ and adds ":2,FLAGS". */
static bool maildir_landed(const char *path)
{
	if (access(path, F_OK) == 0)
		return true;
	const char *name = strrchr(path, '/') + 1;
	size_t len = strlen(name);
	buf cur;
	buf_init(&cur, 0);
	buf_add(&cur, path, (size_t)(name - path) - strlen("new/"));
	buf_adds(&cur, "cur");
	DIR *d = opendir(cur.data);
	bool found = false;
	for (struct dirent *de; d && !found && (de = readdir(d));)
		found = strncmp(de->d_name, name, len) == 0 &&
			(de->d_name[len] == '\0' || strchr(":!;", de->d_name[len]));
	if (d)
		closedir(d);
	buf_free(&cur);
	return found;
}

/* Looks for the Message-ID among the headers of the messages after offset. */
static bool mbox_landed(const char *path, long long offset, const char *message_id)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool found = false, headers = false;
	size_t idlen = strlen(message_id);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	if (fseeko(f, (off_t)offset, SEEK_SET) == 0)
		while (!found && (n = getline(&line, &cap, f)) >= 0) {
			if (strncmp(line, "From ", 5) == 0)
				headers = true;
			else if (line[0] == '\n')
				headers = false;
			else if (headers && strncasecmp(line, "Message-ID:", 11) == 0) {
				const char *v = line + 11;
				while (*v == ' ' || *v == '\t')
					v++;
				found = v[0] == '<' && strncmp(v + 1, message_id, idlen) == 0 &&
					v[1 + idlen] == '>';
			}
		}
	free(line);
	fclose(f);
	return found;
}

bool deliver_landed(const char *token, const char *message_id)
{
	if (strncmp(token, "maildir:", 8) == 0)
		return maildir_landed(token + 8);
	if (strncmp(token, "file:", 5) == 0)
		return access(token + 5, F_OK) == 0;
	if (strncmp(token, "mbox:", 5) == 0) {
		const char *at = strrchr(token, '@');
		if (!at)
			return false;
		buf path;
		buf_init(&path, 0);
		buf_add(&path, token + 5, (size_t)(at - token - 5));
		bool r = mbox_landed(path.data, atoll(at + 1), message_id);
		buf_free(&path);
		return r;
	}
	return false;
}
