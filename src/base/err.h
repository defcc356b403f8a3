/* base/err.h: error codes, the error record every library call fills, and the warning sink.
 *
 * The library never exits and never prints. A failing call returns a negative RV_E* code
 * and, when given a non-NULL rv_err, a one-line message of the form "FILE:LINE: what is
 * wrong" (or "what: why" where no file applies). Warnings and progress notes go to a sink
 * the caller provides (base/msg.h). Only the CLI turns codes into exit statuses
 * (rv_err_exit_status) and prints.
 *
 * Conventions of every public header: a function returning int returns RV_OK (0) or a
 * value >= 0 on success and one of the negative codes below on failure, with err filled;
 * the codes a function can return are listed beside it. "Caller frees" names what the
 * caller owns; everything else a call returns is borrowed from its argument and valid as
 * long as that argument is. */
#ifndef RV_ERR_H
#define RV_ERR_H

#include <stdarg.h>

enum {
    RV_OK       = 0,
    RV_EUSAGE   = -1,  /* bad arguments or options                       -> exit 2 */
    RV_EINPUT   = -2,  /* malformed input file (VCF, TSV, JSON, FASTA)   -> exit 2 */
    RV_ESOURCE  = -3,  /* source problem: checksum, download, format drift -> exit 3 */
    RV_ESTATE   = -4,  /* state database problem: locked, newer schema   -> exit 3 */
    RV_EBUILD   = -5,  /* genome build mismatch                          -> exit 3 */
    RV_EIO      = -6,  /* read/write failure on a local file             -> exit 2 */
    RV_ENOMEM   = -7,  /* out of memory                                  -> exit 3 */
    RV_ENOTFOUND= -8,  /* named thing (source, sample, flag) not found   -> exit 2 */
    RV_EBUSY    = -9   /* another process holds the lock                 -> exit 3 */
};

/* Marks calls whose result must be looked at (open, next, apply, commit): ignoring it
 * would read past an error or leak what was opened. */
#define RV_MUST_CHECK __attribute__((warn_unused_result))

#define RV_ERR_MSG_MAX 1024

typedef struct rv_err {
    int  code;                  /* last RV_E* code, RV_OK when none */
    char msg[RV_ERR_MSG_MAX];   /* one line, no trailing newline */
} rv_err;

/* Reset to "no error". Accepts NULL. */
void rv_err_clear(rv_err *e);

/* Record an error (printf-style message) and return code, so callers can write
 * `return rv_err_set(err, RV_EINPUT, "%s:%d: bad POS", path, line);`. Accepts e == NULL.
 * The arguments may point into e->msg itself (the message is formatted through a
 * temporary first). */
int rv_err_set(rv_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int rv_err_vset(rv_err *e, int code, const char *fmt, va_list ap);

/* Prefix the existing message with more context ("while compiling X: ..."); returns
 * e->code (RV_OK when e is NULL). */
int rv_err_prefix(rv_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Short name of a code ("input", "source", ...). */
const char *rv_err_name(int code);

/* Documented CLI exit status for a code: 0 ok, 2 usage/input, 3 source/state/build. */
int rv_err_exit_status(int code);

/* Warnings and progress (rv_log_warn, rv_msg, the sinks): base/msg.h. */
#include "base/msg.h"

#endif
