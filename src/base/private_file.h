/* base/private_file.h: files of revus's private home (the state database, the run lock,
 * the pseudonym salt, shards, outputs): created 0600, never reached through a symbolic
 * link (someone able to plant a link in the home could otherwise make revus truncate or
 * read a file of their choosing), and always a regular file. docs/reliability.md. */
#ifndef RV_PRIVATE_FILE_H
#define RV_PRIVATE_FILE_H

#include "base/err.h"

/* open(2) path with flags | O_NOFOLLOW | O_CLOEXEC and mode 0600 when created. Returns the
 * descriptor, or a negative RV_E* code with "PATH: ..." in err: RV_EIO when path is a
 * symbolic link or not a regular file, or open failed (errno kept for the caller). */
int rv_open_private(const char *path, int flags, rv_err *err);

/* mkdir(2) with mode 0700; an existing folder is fine. 0, or RV_EIO with a message. */
int rv_mkdir_private(const char *path, rv_err *err);

#endif
