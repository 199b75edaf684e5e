/* conf.c — finds conf files in the override directories or the compiled-in copy. */
#include "conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

enum { CONF_DIRS = 3, CONF_MAX_FILE = 16 * 1024 * 1024 };

static char *dirs[CONF_DIRS];

void conf_set_dirs(const char *dir)
{
	for (int i = 0; i < CONF_DIRS; i++) {
		free(dirs[i]);
		dirs[i] = NULL;
	}
	if (dir && *dir)
		dirs[0] = xstrdup(dir);
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	buf b;
	buf_init(&b, 0);
	if (xdg && *xdg)
		buf_printf(&b, "%s/winnow", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.config/winnow", home);
	if (b.len)
		dirs[1] = buf_steal(&b);
	buf_free(&b);
	dirs[2] = xstrdup(WINNOW_SYSCONFDIR);
}

/* Reads a whole file; 1 when it does not exist, 0 read, -1 error. */
static int slurp(const char *path, char **out, size_t *len, err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1;
		return err_set(e, ERR_CONFIG, "%s: %s", path, strerror(errno));
	}
	buf b;
	buf_init(&b, CONF_MAX_FILE);
	char chunk[8192];
	size_t n;
	int r = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			r = err_set(e, ERR_CONFIG, "%s: larger than %d bytes", path, CONF_MAX_FILE);
			break;
		}
	if (!r && ferror(f))
		r = err_set(e, ERR_CONFIG, "%s: %s", path, strerror(errno));
	fclose(f);
	if (r) {
		buf_free(&b);
		return r;
	}
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

/* What conf_read read from a directory lives until exit, like the built-in copies: it is kept
 * here, where it stays reachable. */
static char **kept;
static size_t nkept;

static const char *keep(char *p)
{
	kept = xrealloc(kept, (nkept + 1) * sizeof *kept);
	return kept[nkept++] = p;
}

int conf_read(const char *name, const char **out, size_t *len, const char **from, err *e)
{
	for (int i = 0; i < CONF_DIRS; i++) {
		if (!dirs[i])
			continue;
		buf path;
		buf_init(&path, 0);
		buf_printf(&path, "%s/%s", dirs[i], name);
		char *data;
		int r = slurp(path.data, &data, len, e);
		if (r == 0) {
			*out = keep(data);
			*from = keep(buf_steal(&path));
			return 0;
		}
		buf_free(&path);
		if (r < 0)
			return -1;
	}
	for (const struct conf_blob *b = conf_blobs; b->name; b++)
		if (strcmp(b->name, name) == 0) {
			*out = b->data;
			*len = b->len;
			*from = "built-in";
			return 0;
		}
	return err_set(e, ERR_CONFIG, "%s: no such configuration file", name);
}

int conf_list_load(const char *name, conf_list *l, err *e)
{
	const char *text;
	size_t len;
	memset(l, 0, sizeof *l);
	if (conf_read(name, &text, &len, &l->from, e) < 0)
		return -1;
	size_t cap = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *s = p, *t = eol;
		p = nl ? nl + 1 : end;
		while (s < t && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		if (s == t || *s == '#')
			continue;
		float w = 1;
		const char *tab = memchr(s, '\t', (size_t)(t - s));
		if (tab) {
			char *stop;
			char num[32];
			size_t k = (size_t)(t - tab - 1) < sizeof num - 1 ? (size_t)(t - tab - 1) : sizeof num - 1;
			memcpy(num, tab + 1, k);
			num[k] = '\0';
			w = strtof(num, &stop);
			if (stop == num) {
				err_set(e, ERR_CONFIG, "%s: bad weight \"%s\"", l->from, num);
				conf_list_free(l);
				return -1;
			}
			t = tab;
			while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
				t--;
		}
		if (l->n == cap) {
			cap = cap ? cap * 2 : 64;
			l->item = xrealloc(l->item, cap * sizeof *l->item);
			l->weight = xrealloc(l->weight, cap * sizeof *l->weight);
		}
		size_t k = (size_t)(t - s);
		l->item[l->n] = memcpy(xmalloc(k + 1), s, k);
		l->item[l->n][k] = '\0';
		l->weight[l->n++] = w;
	}
	return 0;
}

int conf_numbers(const char *name, const conf_number *set, size_t n, err *e)
{
	conf_list l;
	if (conf_list_load(name, &l, e) < 0)
		return -1;
	int r = 0;
	for (size_t k = 0; k < n && r == 0; k++) {
		size_t i = 0;
		while (i < l.n && strcmp(l.item[i], set[k].name) != 0)
			i++;
		if (i < l.n)
			*set[k].value = l.weight[i];
		else
			r = err_set(e, ERR_CONFIG, "no value for \"%s\" in %s", set[k].name, l.from);
	}
	conf_list_free(&l);
	return r;
}

void conf_list_free(conf_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->item[i]);
	free(l->item);
	free(l->weight);
	memset(l, 0, sizeof *l);
}
