/* test_lexicon.c — the keys short texts are compared by, how much of a text an entry covers, and
 * the thresholds a plugin reads from conf. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "lexicon.h"

static const char *key(const char *s)
{
	static char out[LEXICON_KEY_MAX];
	size_t len;
	return lexicon_key(s, strlen(s), out, &len) == 0 ? out : NULL;
}

static float cover(const lexicon *x, const char *s, enum lexicon_where w)
{
	return lexicon_cover(x, s, strlen(s), w, NULL);
}

void test_lexicon(void)
{
	CHECK_STR(key("  Most Read: "), "most read");
	CHECK_STR(key("相关 推荐 >>"), "相关推荐");
	CHECK_STR(key("相關(guān)推薦"), "相關推薦");   /* a mirror's pinyin gloss */
	CHECK_STR(key("More from\tThe Guardian »"), "more from the guardian");
	CHECK_STR(key("热点 Hot 推荐"), "热点hot推荐");
	char big[400];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK(key(big) == NULL);

	/* A list of headings in a conf directory of its own. */
	char dir[] = "/tmp/winnow-lexicon-XXXXXX", path[64];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/headings.txt", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("# a comment\n相关推荐\nrelated\nrelated articles\ntrending\nmore from\n", f);
		fclose(f);
	}
	conf_set_dirs(dir);
	lexicon x;
	err e = { 0 };
	CHECK(lexicon_load(&x, "headings.txt", &e) == 0);
	CHECK(cover(&x, "相关推荐", LEXICON_ANYWHERE) == 1.0f);
	CHECK(cover(&x, "相关(guān)推荐", LEXICON_ANYWHERE) == 1.0f);
	CHECK(cover(&x, "Related Articles:", LEXICON_ANYWHERE) == 1.0f);
	CHECK(cover(&x, "更多相关推荐>>", LEXICON_ANYWHERE) > 0.6f);
	/* whole words only, and only where asked */
	CHECK(cover(&x, "Unrelated", LEXICON_ANYWHERE) == 0);
	CHECK(cover(&x, "Why it is trending", LEXICON_START) == 0);
	CHECK(cover(&x, "Why it is trending", LEXICON_END) > 0.4f);
	CHECK(cover(&x, "More from The Guardian", LEXICON_START) > 0.4f);
	lexicon_free(&x);
	remove(path);

	/* Counts: an entry next to a number, on either side. */
	snprintf(path, sizeof path, "%s/counts.txt", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("阅读\n条评论\nfollowers\n", f);
		fclose(f);
	}
	CHECK(lexicon_load(&x, "counts.txt", &e) == 0);
	CHECK(lexicon_counted(&x, "已被阅读178次", strlen("已被阅读178次")));
	CHECK(lexicon_counted(&x, "(阅读：3727)", strlen("(阅读：3727)")));
	CHECK(lexicon_counted(&x, "阅读(3727)", strlen("阅读(3727)")));
	CHECK(lexicon_counted(&x, "已有 3 条评论", strlen("已有 3 条评论")));
	CHECK(lexicon_counted(&x, "2.3万 Followers", strlen("2.3万 Followers")));
	CHECK(!lexicon_counted(&x, "延伸阅读", strlen("延伸阅读")));
	CHECK(!lexicon_counted(&x, "阅读量达到3万", strlen("阅读量达到3万")));
	lexicon_free(&x);
	remove(path);

	/* A plugin's thresholds: every setting named, or an error that names the missing one. */
	snprintf(path, sizeof path, "%s/limits.txt", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("# limits\nheading-max\t60\nshare\t0.25\n", f);
		fclose(f);
	}
	float max = 0, share = 0, runs = 0;
	const conf_number two[] = { { "heading-max", &max }, { "share", &share } };
	CHECK(conf_numbers("limits.txt", two, 2, &e) == 0);
	CHECK(max == 60 && share == 0.25f);
	const conf_number three[] = { { "share", &share }, { "runs", &runs } };
	CHECK(conf_numbers("limits.txt", three, 2, &e) < 0);
	CHECK(e.code == ERR_CONFIG && strstr(e.msg, "\"runs\"") != NULL);
	remove(path);
	rmdir(dir);
	conf_set_dirs(NULL);
}
