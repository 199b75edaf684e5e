/* model.h — a linear model over named features, its weights read from a conf file. */
#ifndef WINNOW_MODEL_H
#define WINNOW_MODEL_H

#include <stddef.h>

struct err;

/* Weights in the order of the caller's feature names.  The conf file holds "name<TAB>weight"
 * lines (the fitting script writes them); a name the caller does not know is a config error,
 * a feature the file does not name weighs 0. */
typedef struct model {
	float *w;
	size_t n;
	const char *from;   /* where the weights were read from */
} model;

int model_load(model *m, const char *conf_name, const char *const *names, size_t n,
	       struct err *e);
void model_free(model *m);

float model_score(const model *m, const float *x);   /* w·x */
float model_prob(const model *m, const float *x);    /* the logistic of w·x */

#endif
