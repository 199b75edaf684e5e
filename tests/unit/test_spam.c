/* test_spam.c — the seo_spam plugin: keyword-spam titles and lines, and what is not spam. */
#include "unit.h"

#include "doc.h"
#include "err.h"
#include "plugin.h"
#include "segment.h"

extern const plugin plugin_seo_spam;

/* A text page with a <title>, through the plugin alone. */
static doc *run(void *state, const char *title, const char *text)
{
	doc *d = doc_new("test", NULL);
	d->is_text = true;
	d->dom.title = title;
	segment_text(d->a, text, strlen(text), &d->blocks, &d->nblocks);
	plugin_seo_spam.classify(state, d);
	return d;
}

static bool said(const doc *d, const char *what)
{
	for (size_t i = 0; i < d->nwhy; i++)
		if (strstr(d->why[i], what))
			return true;
	return false;
}

static const char article[] =
	"\n\n市交通部门昨天表示，共享单车停放新规将于下月起实施，"
	"运营企业需要在重点区域设置电子围栏。\n\n"
	"Officials said the new rules would take effect next month, after a year of complaints.\n";

void test_spam(void)
{
	void *state = NULL;
	err e = { 0 };
	CHECK(plugin_seo_spam.init(&state, &e) == 0);

	/* Pipes alone are no spam: real titles are lists of sections. */
	doc *d = run(state, "新闻|体育|财经_网易", article);
	CHECK(!d->title_spam);
	CHECK_STR(d->dom.title, "新闻|体育|财经_网易");
	doc_free(d);
	d = run(state, "Politics | World | The Guardian", article);
	CHECK(!d->title_spam);
	CHECK(d->nwhy == 0);
	doc_free(d);

	/* Three plain terms, three segments: 3 + 3 + 3 (conf/spam-thresholds.txt). */
	d = run(state, "三级片|百家乐|无码", article);
	CHECK(d->title_spam);
	CHECK(said(d, "score 9.0, 3 of 3 segments"));
	doc_free(d);
	d = run(state, "Free Porn Videos - XXX Sex Movies - HD Porn Tube", article);
	CHECK(d->title_spam);
	doc_free(d);

	/* A headline with two terms in one phrase is no keyword list. */
	d = run(state, "台湾首位AV女优宣宣洗底 投资房地产赚450万", article);
	CHECK(!d->title_spam);
	doc_free(d);

	/* Terms the article uses itself weigh a quarter: a report on a casino. */
	d = run(state, "澳门赌场|百家乐|博彩业收入下滑_财经",
		"\n\n澳门博彩业上月收入下滑，多家赌场表示百家乐台面的客流减少，"
		"博彩企业正在调整经营。\n");
	CHECK(!d->title_spam);
	doc_free(d);

	/* A spam title with the real one after it keeps the real one. */
	d = run(state, "百家乐|真人娱乐城|时时彩|共享单车停放新规下月起实施_本地新闻", article);
	CHECK(!d->title_spam);
	CHECK_STR(d->dom.title, "共享单车停放新规下月起实施_本地新闻");
	doc_free(d);

	/* The first line of a text page, comma-separated. */
	d = run(state, NULL, "成人视频在线观看,日韩无码av,澳门百家乐,真人娱乐城\n\n标题");
	CHECK(d->blocks[0].label == LABEL_SPAM && d->blocks[0].score > 6);
	CHECK(d->blocks[1].label == LABEL_NONE);
	doc_free(d);

	plugin_seo_spam.free(state);
}
