/* classify.h — runs the classifier plugins over a document's blocks. */
#ifndef WINNOW_CLASSIFY_H
#define WINNOW_CLASSIFY_H

struct doc;
struct err;

typedef struct classify classify;

/* Initialises every plugin of the table (loading their conf/ lists).  -1 on a config error. */
int classify_new(classify **out, struct err *e);
void classify_free(classify *c);

/* Labels every block of d: plugins in order, then what no plugin claimed is boilerplate. */
void classify_doc(classify *c, struct doc *d);

#endif
