/* state.c — the fetch state in SQLite: WAL journal, full sync, one transaction per change,
 * and a lock file so two runs of winnow fetch never deliver the same article side by side. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

/* How long a statement waits for SQLite's own lock (another reader, a --list). */
enum { BUSY_MS = 10000 };

struct state {
	sqlite3 *db;
	char *path;
	int lock_fd;
};

static const char schema[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = FULL;"
	"CREATE TABLE IF NOT EXISTS url ("
	"  url TEXT PRIMARY KEY,"
	"  etag TEXT, last_modified TEXT,"
	"  status TEXT, checked INTEGER,"
	"  message_id TEXT, hash TEXT, delivered INTEGER,"
	"  pending TEXT, pending_article TEXT, pending_id TEXT, pending_hash TEXT);"
	"CREATE TABLE IF NOT EXISTS article ("
	"  article TEXT PRIMARY KEY, url TEXT, revisions INTEGER, hash TEXT, delivered INTEGER);"
	"CREATE TABLE IF NOT EXISTS host (host TEXT PRIMARY KEY, wait_until INTEGER);"
	"CREATE TABLE IF NOT EXISTS cache (url TEXT PRIMARY KEY, html TEXT, used INTEGER);";

char *state_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	buf b;
	buf_init(&b, 0);
	if (xdg && *xdg == '/')
		buf_printf(&b, "%s/winnow/state.db", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.local/state/winnow/state.db", home);
	else
		buf_adds(&b, "winnow-state.db");
	return buf_steal(&b);
}

static int db_err(state *s, err *e, const char *what)
{
	return err_set(e, ERR_IO, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

/* The directories above path, made as mkdir -p would, private to the user. */
static int parents(const char *path, err *e)
{
	buf b;
	buf_init(&b, 0);
	buf_adds(&b, path);
	int r = 0;
	for (char *p = b.data + 1; *p && !r; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(b.data, 0700) != 0 && errno != EEXIST)
				r = err_set(e, ERR_IO, "%s: %s", b.data, strerror(errno));
			*p = '/';
		}
	buf_free(&b);
	return r;
}

int state_open(const char *path, bool exclusive, state **out, err *e)
{
	if (parents(path, e) < 0)
		return -1;
	state *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->lock_fd = -1;
	buf lock;
	buf_init(&lock, 0);
	buf_printf(&lock, "%s.lock", path);
	s->lock_fd = open(lock.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int r = 0;
	if (s->lock_fd < 0)
		r = err_set(e, ERR_IO, "%s: %s", lock.data, strerror(errno));
	else if (exclusive && flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0)
		r = err_set(e, errno == EWOULDBLOCK ? ERR_TEMPFAIL : ERR_IO,
			    "%s: %s", path, errno == EWOULDBLOCK ? "in use by another winnow fetch"
								 : strerror(errno));
	buf_free(&lock);
	if (!r && sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
			  SQLITE_OK)
		r = db_err(s, e, "cannot open");
	if (!r) {
		sqlite3_busy_timeout(s->db, BUSY_MS);
		char *msg = NULL;
		if (sqlite3_exec(s->db, schema, NULL, NULL, &msg) != SQLITE_OK)
			r = err_set(e, ERR_CONFIG, "%s: not a winnow state file (%s)", path,
				    msg ? msg : "?");
		sqlite3_free(msg);
	}
	if (r) {
		state_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void state_close(state *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	free(s->path);
	free(s);
}

/* Prepares sql and binds the strings that follow it (NULL binds NULL), as many as it has
 * parameters. */
static sqlite3_stmt *prepare(state *s, const char *sql, int n, const char *const *args)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_TRANSIENT);
	return st;
}

/* Runs sql to its end with n string arguments. */
static int run(state *s, const char *sql, int n, const char *const *args, err *e)
{
	sqlite3_stmt *st = prepare(s, sql, n, args);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	int r = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_err(s, e, "cannot write");
	sqlite3_finalize(st);
	return r;
}

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

int state_get(state *s, const char *url, state_entry *out, err *e)
{
	memset(out, 0, sizeof *out);
	const char *a[] = { url };
	sqlite3_stmt *st = prepare(s,
				   "SELECT etag, last_modified, status, checked, message_id, hash,"
				   " delivered, pending, pending_article, pending_id, pending_hash"
				   " FROM url WHERE url = ?",
				   1, a);
	if (!st)
		return db_err(s, e, "cannot read");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->known = true;
		out->etag = col(st, 0);
		out->last_modified = col(st, 1);
		out->status = col(st, 2);
		out->checked = sqlite3_column_int64(st, 3);
		out->message_id = col(st, 4);
		out->hash = col(st, 5);
		out->delivered = sqlite3_column_int64(st, 6);
		out->pending = col(st, 7);
		out->pending_article = col(st, 8);
		out->pending_id = col(st, 9);
		out->pending_hash = col(st, 10);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_err(s, e, "cannot read");
}

void state_entry_free(state_entry *en)
{
	free(en->etag);
	free(en->last_modified);
	free(en->status);
	free(en->message_id);
	free(en->hash);
	free(en->pending);
	free(en->pending_article);
	free(en->pending_id);
	free(en->pending_hash);
	memset(en, 0, sizeof *en);
}

static const char upsert[] = "INSERT INTO url (url) VALUES (?) ON CONFLICT (url) DO NOTHING";

int state_checked(state *s, const char *url, const char *status, const char *etag,
		  const char *last_modified, err *e)
{
	const char *a[] = { url }, *b[] = { status, etag, last_modified, url };
	if (run(s, upsert, 1, a, e) < 0)
		return -1;
	return run(s,
		   "UPDATE url SET status = ?1, checked = strftime('%s', 'now'),"
		   " etag = coalesce(?2, etag), last_modified = coalesce(?3, last_modified)"
		   " WHERE url = ?4",
		   4, b, e);
}

int state_pending(state *s, const char *url, const char *token, const char *article,
		  const char *message_id, const char *hash, err *e)
{
	const char *a[] = { url }, *b[] = { token, article, message_id, hash, url };
	if (run(s, upsert, 1, a, e) < 0)
		return -1;
	return run(s,
		   "UPDATE url SET pending = ?, pending_article = ?, pending_id = ?,"
		   " pending_hash = ? WHERE url = ?",
		   5, b, e);
}

/* Statements of one transaction: all of them, or none if one fails. */
static int transaction(state *s, int n, const char *const *sql, const char *const *const *args,
		       const int *nargs, err *e)
{
	if (run(s, "BEGIN IMMEDIATE", 0, NULL, e) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (run(s, sql[i], nargs[i], args[i], e) < 0) {
			run(s, "ROLLBACK", 0, NULL, NULL);
			return -1;
		}
	return run(s, "COMMIT", 0, NULL, e);
}

int state_delivered(state *s, const char *url, const char *article, const char *message_id,
		    const char *hash, const char *etag, const char *last_modified, err *e)
{
	const char *a0[] = { url };
	const char *a1[] = { message_id, hash, etag, last_modified, url };
	const char *a2[] = { article, url, hash };
	const char *const sql[] = {
		upsert,
		"UPDATE url SET status = 'delivered', checked = strftime('%s', 'now'),"
		" message_id = ?1, hash = ?2, delivered = strftime('%s', 'now'),"
		" etag = coalesce(?3, etag), last_modified = coalesce(?4, last_modified),"
		" pending = NULL, pending_article = NULL, pending_id = NULL, pending_hash = NULL"
		" WHERE url = ?5",
		"INSERT INTO article (article, url, revisions, hash, delivered)"
		" VALUES (?1, ?2, 1, ?3, strftime('%s', 'now')) ON CONFLICT (article)"
		" DO UPDATE SET revisions = revisions + 1, hash = excluded.hash,"
		" delivered = excluded.delivered",
	};
	const char *const *args[] = { a0, a1, a2 };
	const int nargs[] = { 1, 5, 3 };
	return transaction(s, 3, sql, args, nargs, e);
}

int state_settle(state *s, const char *url, bool landed, err *e)
{
	state_entry en;
	if (state_get(s, url, &en, e) < 0)
		return -1;
	int r = 0;
	if (en.pending && landed)
		r = state_delivered(s, url, en.pending_article, en.pending_id, en.pending_hash, NULL,
				    NULL, e);
	else if (en.pending) {
		const char *a[] = { url };
		r = run(s,
			"UPDATE url SET pending = NULL, pending_article = NULL, pending_id = NULL,"
			" pending_hash = NULL WHERE url = ?",
			1, a, e);
	}
	state_entry_free(&en);
	return r;
}

char **state_pending_urls(state *s, err *e)
{
	sqlite3_stmt *st = prepare(s, "SELECT url FROM url WHERE pending IS NOT NULL", 0, NULL);
	if (!st) {
		db_err(s, e, "cannot read");
		return NULL;
	}
	char **urls = xcalloc(1, sizeof *urls);
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		urls = xrealloc(urls, (n + 2) * sizeof *urls);
		urls[n++] = col(st, 0);
		urls[n] = NULL;
	}
	sqlite3_finalize(st);
	return urls;
}

int state_article(state *s, const char *article, unsigned *revisions, char **hash, err *e)
{
	const char *a[] = { article };
	sqlite3_stmt *st = prepare(s, "SELECT revisions, hash FROM article WHERE article = ?", 1, a);
	if (!st)
		return db_err(s, e, "cannot read");
	*revisions = 0;
	*hash = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*revisions = (unsigned)sqlite3_column_int(st, 0);
		*hash = col(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}

time_t state_host_wait(state *s, const char *host)
{
	const char *a[] = { host };
	sqlite3_stmt *st = prepare(s, "SELECT wait_until FROM host WHERE host = ?", 1, a);
	time_t t = st && sqlite3_step(st) == SQLITE_ROW ? (time_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return t;
}

int state_set_host_wait(state *s, const char *host, time_t until, err *e)
{
	char when[32];
	snprintf(when, sizeof when, "%lld", (long long)until);
	const char *a[] = { host, when };
	return run(s,
		   "INSERT INTO host (host, wait_until) VALUES (?1, ?2) ON CONFLICT (host)"
		   " DO UPDATE SET wait_until = excluded.wait_until",
		   2, a, e);
}

int state_each_hold(state *s, void (*fn)(void *ctx, const char *host, time_t until), void *ctx,
		    err *e)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT host, wait_until FROM host"
				   " WHERE wait_until > CAST(strftime('%s', 'now') AS INTEGER)",
				   0, NULL);
	if (!st)
		return db_err(s, e, "cannot read");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), (time_t)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return 0;
}

char *state_cache_get(state *s, const char *url)
{
	const char *a[] = { url };
	sqlite3_stmt *st = prepare(s, "SELECT html FROM cache WHERE url = ?", 1, a);
	char *html = st && sqlite3_step(st) == SQLITE_ROW ? col(st, 0) : NULL;
	sqlite3_finalize(st);
	if (html)
		run(s, "UPDATE cache SET used = strftime('%s', 'now') WHERE url = ?", 1, a, NULL);
	return html;
}

int state_cache_put(state *s, const char *url, const char *html, err *e)
{
	const char *a[] = { url, html };
	return run(s,
		   "INSERT INTO cache (url, html, used) VALUES (?1, ?2, strftime('%s', 'now'))"
		   " ON CONFLICT (url) DO UPDATE SET html = excluded.html, used = excluded.used",
		   2, a, e);
}

int state_cache_expire(state *s, int days, err *e)
{
	char age[32];
	snprintf(age, sizeof age, "%d", days * 86400);
	const char *a[] = { age };
	return run(s,
		   "DELETE FROM cache WHERE used < CAST(strftime('%s', 'now') AS INTEGER) - ?",
		   1, a, e);
}

int state_forget(state *s, const char *url, err *e)
{
	const char *a[] = { url };
	if (run(s, "DELETE FROM url WHERE url = ?", 1, a, e) < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_USAGE, "%s: not in %s", url, s->path);
	/* Its articles too, so that the next run delivers it again. */
	return run(s, "DELETE FROM article WHERE url = ?", 1, a, e);
}

int state_list(state *s, buf *out, err *e)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT url, coalesce(status, '-'),"
				   " coalesce(datetime(checked, 'unixepoch', 'localtime'), '-'),"
				   " coalesce(datetime(delivered, 'unixepoch', 'localtime'), '-'),"
				   " coalesce(etag, '-') FROM url ORDER BY url",
				   0, NULL);
	if (!st)
		return db_err(s, e, "cannot read");
	int r = buf_adds(out, "url\tstatus\tchecked\tdelivered\tetag\n");
	while (sqlite3_step(st) == SQLITE_ROW)
		r |= buf_printf(out, "%s\t%s\t%s\t%s\t%s\n", sqlite3_column_text(st, 0),
				sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
				sqlite3_column_text(st, 3), sqlite3_column_text(st, 4));
	sqlite3_finalize(st);
	return r ? err_set(e, ERR_IO, "the list is too long") : 0;
}
