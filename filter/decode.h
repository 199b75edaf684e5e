/* decode.h — find a page's charset in the WHATWG order and convert its bytes to UTF-8. */
#ifndef WINNOW_DECODE_H
#define WINNOW_DECODE_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct err;

/* Where the charset came from, in the order they are tried. */
enum decode_source {
	DECODE_BOM,        /* a byte-order mark */
	DECODE_TRANSPORT,  /* HTTP Content-Type or MIME part charset, given by the caller */
	DECODE_META,       /* <meta charset> / http-equiv in the first 1024 bytes */
	DECODE_UTF8,       /* the bytes are valid non-ASCII UTF-8 (overrides a legacy label) */
	DECODE_DETECTED,   /* uchardet */
	DECODE_DEFAULT,    /* nothing else: windows-1252 */
};

typedef struct decode_choice {
	char charset[32];          /* the iconv name, after the WHATWG label table ("GB18030") */
	char label[32];            /* the label as declared or detected ("gb2312"), "" if none */
	enum decode_source source;
} decode_choice;

/* Chooses the charset of bytes[0..n).  transport may be NULL.  html says whether to run the
 * <meta> prescan.  A declared legacy charset loses to bytes that are valid UTF-8 and contain
 * non-ASCII; a BOM wins over everything.  Never fails. */
void decode_choose(const char *bytes, size_t n, const char *transport, bool html,
		   decode_choice *out);

/* Converts bytes to UTF-8 in out (whose max bounds the result), dropping a BOM; invalid or
 * unmappable sequences become U+FFFD and conversion goes on.  Fails only when the charset has
 * no converter or out would pass its maximum (ERR_DATA). */
int decode_to_utf8(const char *bytes, size_t n, const decode_choice *c, struct buf *out,
		   struct err *e);

/* The WHATWG encoding label table: label (case-insensitive, surrounding ASCII whitespace
 * ignored) to the iconv name winnow decodes with; NULL for an unknown label.  gb2312 and gbk
 * map to GB18030, shift_jis to CP932, iso-8859-1 and us-ascii to WINDOWS-1252, and so on. */
const char *decode_label(const char *label, size_t len);

/* Opens the converter of every charset winnow knows, once per process, so that decoding needs
 * no file afterwards (the sandbox allows none). */
void decode_preload(void);

/* Name of a decode_source, for --explain ("bom", "transport", "meta", ...). */
const char *decode_source_name(enum decode_source s);

#endif
