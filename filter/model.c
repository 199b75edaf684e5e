/* model.c — loading a linear model's weights by feature name, and scoring with it. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "err.h"

int model_load(model *m, const char *conf_name, const char *const *names, size_t n, err *e)
{
	conf_list l;
	m->w = xcalloc(n, sizeof *m->w);
	m->n = n;
	if (conf_list_load(conf_name, &l, e) < 0)
		return -1;
	m->from = l.from;
	for (size_t i = 0; i < l.n; i++) {
		size_t k = 0;
		while (k < n && strcmp(names[k], l.item[i]) != 0)
			k++;
		if (k == n) {
			err_set(e, ERR_CONFIG, "%s: unknown feature \"%s\"", l.from, l.item[i]);
			conf_list_free(&l);
			return -1;
		}
		m->w[k] = l.weight[i];
	}
	conf_list_free(&l);
	return 0;
}

void model_free(model *m)
{
	free(m->w);
	m->w = NULL;
	m->n = 0;
}

float model_score(const model *m, const float *x)
{
	float s = 0;
	for (size_t i = 0; i < m->n; i++)
		s += m->w[i] * x[i];
	return s;
}

float model_prob(const model *m, const float *x)
{
	return 1.0f / (1.0f + expf(-model_score(m, x)));
}
