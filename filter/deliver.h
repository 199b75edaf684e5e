/* deliver.h — putting messages where a reader finds them, durably: a Maildir (tmp, fsync,
 * rename into new), an mbox (mboxrd quoting, fcntl lock, whole messages, fsync), files in a
 * directory, or a stream (standard output). */
#ifndef WINNOW_DELIVER_H
#define WINNOW_DELIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct buf;
struct err;

enum deliver_kind {
	DELIVER_MAILDIR,
	DELIVER_MBOX,
	DELIVER_DIR,      /* one file per article, named by the caller */
	DELIVER_STREAM,   /* a FILE, messages framed as an mboxrd stream when mbox is set */
};

typedef struct deliver deliver;

/* Opens a destination: a Maildir's tmp/, new/ and cur/ (and the Maildir itself) are made
 * when missing; an mbox is created at the first message.  stream is for DELIVER_STREAM (not
 * owned); mbox_framing says whether stream messages get "From " lines.  -1 with ERR_IO. */
int deliver_open(enum deliver_kind k, const char *path, FILE *stream, bool mbox_framing,
		 deliver **out, struct err *e);
void deliver_close(deliver *dv);

/* The token of the next delivery, recorded before it is made, so that after a crash
 * deliver_landed can tell whether it got there: "maildir:DIR/new/NAME", "mbox:FILE@OFFSET",
 * "file:PATH", or "" for a stream.  name is the file name for DELIVER_DIR (else unused). */
void deliver_token(deliver *dv, const char *name, struct buf *token);

/* Delivers msg[0..n) under token (from deliver_token) and returns once it is on disk.  An
 * mbox gets a "From " line and mboxrd quoting; a failed append is cut off again, so the mbox
 * only ever holds whole messages.  -1 with ERR_IO. */
int deliver_put(deliver *dv, const char *token, const char *msg, size_t n, struct err *e);

/* Writes path whole or not at all: a temporary file beside it, fsync, rename, and a sync
 * of the directory.  -1 with ERR_IO. */
int deliver_file(const char *path, const char *data, size_t n, struct err *e);

/* Whether the delivery of token (a message with this Message-ID) is in its place, whatever
 * a mail reader has done since (a Maildir message moved to cur/ and flagged counts). */
bool deliver_landed(const char *token, const char *message_id);

#endif
