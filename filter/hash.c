/* hash.c — SHA-256 through GLib, which GMime already brings. */
#include "hash.h"

#include <glib.h>
#include <string.h>

#include "arena.h"

void hash_hex(const void *data, size_t n, char out[HASH_HEX + 1])
{
	gchar *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, n);
	if (!h)
		oom();
	memcpy(out, h, HASH_HEX);
	out[HASH_HEX] = '\0';
	g_free(h);
}
