/* test_pinyin.c — the pinyin plugin: which parentheses are glosses, and when they are removed. */
#include "unit.h"

#include "doc.h"
#include "err.h"
#include "plugin.h"
#include "segment.h"

extern const plugin plugin_pinyin;

/* A text page of one paragraph per line pair, through the plugin alone. */
static doc *run(void *state, const char *text)
{
	doc *d = doc_new("test", NULL);
	d->is_text = true;
	segment_text(d->a, text, strlen(text), &d->blocks, &d->nblocks);
	plugin_pinyin.classify(state, d);
	return d;
}

/* Many glosses among many plain characters: a mirror's artifact. */
static const char artifact[] =
	"網(wǎng)易報道,線上學(xué)習(xí)平臺的用戶數(shù)再創(chuàng)新高,"
	"他們(men)說這和職業教育的發（fā）展有關,也和今天的就業市場有關。\n\n";

void test_pinyin(void)
{
	void *state = NULL;
	err e = { 0 };
	CHECK(plugin_pinyin.init(&state, &e) == 0);

	doc *d = run(state, artifact);
	CHECK_STR(d->blocks[0].text, "網易報道,線上學習平臺的用戶數再創新高,"
				     "他們說這和職業教育的發展有關,也和今天的就業市場有關。");
	CHECK(d->pinyin_glosses == 7);
	CHECK(d->blocks[0].tc.chars == 47);   /* the features follow the repaired text */
	doc_free(d);

	/* On such a page, what is not one pinyin syllable glued to a Han character stays:
	 * English, list markers, two tone marks, a syllable that does not exist, a gloss after a
	 * non-Han character, text beyond repair, an unclosed parenthesis at the end. */
	d = run(state, "網(wǎng)易報道,線上學(xué)習(xí)平臺的用戶數(shù)再創(chuàng)新高,"
		       "場景(a)、廣告(flash)、北京(Beijing)、網(wǎngá)、網(wǎngg)、5(wǔ)、"
		       "改變?nèi)祟惖墓ぷ,也和今天的就業市場有關。\n\n網(wǎng");
	CHECK_STR(d->blocks[0].text, "網易報道,線上學習平臺的用戶數再創新高,"
				     "場景(a)、廣告(flash)、北京(Beijing)、網(wǎngá)、網(wǎngg)、"
				     "5(wǔ)、改變?nèi)祟惖墓ぷ,也和今天的就業市場有關。");
	CHECK_STR(d->blocks[1].text, "網(wǎng");
	doc_free(d);

	/* One lone gloss is ambiguous: it stays. */
	d = run(state, "文章中提到的“蚝(háo)”字,是廣東一帶對牡蠣的叫法。\n");
	CHECK_STR(d->blocks[0].text, "文章中提到的“蚝(háo)”字,是廣東一帶對牡蠣的叫法。");
	CHECK(d->pinyin_glosses == 0);
	doc_free(d);

	/* A learning text glosses nearly every character: it stays. */
	const char *lesson = "請(qǐng)問(wèn),去(qù)火(huǒ)車(chē)站(zhàn)怎(zěn)麼(me)走(zǒu)?";
	d = run(state, lesson);
	CHECK_STR(d->blocks[0].text, lesson);
	CHECK(d->pinyin_glosses == 0);
	doc_free(d);

	plugin_pinyin.free(state);
}
