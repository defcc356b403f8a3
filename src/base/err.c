/* base/err.c: error records and code names. */
#include <stdio.h>
#include <string.h>
#include "base/err.h"

void rv_err_clear(rv_err *e)
{
    if (!e) return;
    e->code = RV_OK;
    e->msg[0] = '\0';
}

int rv_err_vset(rv_err *e, int code, const char *fmt, va_list ap)
{
    if (!e) return code;
    /* through a temporary: an argument may be e->msg itself ("...: %s", err->msg) */
    char msg[RV_ERR_MSG_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    memcpy(e->msg, msg, sizeof msg);
    e->code = code;
    /* keep it one line: a message is printed as "revus: MSG" */
    for (char *p = e->msg; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    return code;
}

int rv_err_set(rv_err *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rv_err_vset(e, code, fmt, ap);
    va_end(ap);
    return code;
}

int rv_err_prefix(rv_err *e, const char *fmt, ...)
{
    if (!e) return RV_OK;
    char old[RV_ERR_MSG_MAX];
    memcpy(old, e->msg, sizeof old);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n + 2 < sizeof e->msg) {
        size_t room = sizeof e->msg - (size_t)n;
        e->msg[n] = ':'; e->msg[n + 1] = ' ';
        memcpy(e->msg + n + 2, old, room - 2);
        e->msg[sizeof e->msg - 1] = '\0';
    }
    return e->code;
}

static const struct { int code; const char *name; int exit_status; } codes[] = {
    { RV_OK,        "ok",        0 },
    { RV_EUSAGE,    "usage",     2 },
    { RV_EINPUT,    "input",     2 },
    { RV_ESOURCE,   "source",    3 },
    { RV_ESTATE,    "state",     3 },
    { RV_EBUILD,    "build",     3 },
    { RV_EIO,       "io",        2 },
    { RV_ENOMEM,    "memory",    3 },
    { RV_ENOTFOUND, "not-found", 2 },
    { RV_EBUSY,     "busy",      3 },
};

const char *rv_err_name(int code)
{
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (codes[i].code == code) return codes[i].name;
    return "unknown";
}

int rv_err_exit_status(int code)
{
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (codes[i].code == code) return codes[i].exit_status;
    return 3;
}
