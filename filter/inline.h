/* inline.h — the inline structure of the kept blocks, read back from the DOM once the
 * classifier has decided: what the writers need beyond the text. */
#ifndef WINNOW_INLINE_H
#define WINNOW_INLINE_H

struct doc;

/* Fills in, for every body block of an HTML page, its spans (links resolved against the
 * page's address, emphasis, code, images), its list kind, depth and number, and for table
 * cells their table, row and cell; and the document's images that stand between blocks.
 * The text is not changed: a block whose text no longer reads as its DOM does (a repair took
 * pinyin glosses out) keeps no spans. */
void inline_build(struct doc *d);

#endif
