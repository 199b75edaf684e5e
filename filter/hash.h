/* hash.h — SHA-256 in hex (GLib's), for Message-IDs and the state's text hashes. */
#ifndef WINNOW_HASH_H
#define WINNOW_HASH_H

#include <stddef.h>

enum { HASH_HEX = 64 };

/* out receives HASH_HEX lower-case hex digits and a NUL. */
void hash_hex(const void *data, size_t n, char out[HASH_HEX + 1]);

#endif
