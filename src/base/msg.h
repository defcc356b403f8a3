/* base/msg.h: warnings and progress handed from the library to its caller.
 *
 * The library never prints. A long-running library call (a cohort run, an annotation
 * stream, a prune) that has something to say that is not an error (an earlier run was
 * interrupted, no source is active, N records written) calls the caller's sink with a
 * level and one line of text; the command line decides whether and where to print it.
 * A NULL sink, or a sink with a NULL function, drops every message. */
#ifndef RV_MSG_H
#define RV_MSG_H

enum {
    RV_MSG_WARN = 1,    /* something the user should know: results are still complete */
    RV_MSG_INFO = 2     /* progress and counts */
};

typedef struct rv_msg_sink {
    void (*fn)(void *ud, int level, const char *msg);   /* msg: one line, no newline */
    void *ud;
} rv_msg_sink;

/* Format one message and hand it to the sink (nothing happens for a NULL sink). */
void rv_msg(const rv_msg_sink *sink, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
