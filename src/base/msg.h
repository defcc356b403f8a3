/* base/msg.h: warnings and progress handed from the library to its caller.
 *
 * The library never prints. Something to say that is not an error (a REF that differs from
 * the FASTA, an earlier run that was interrupted, N records written) goes, as a level and
 * one line of text, to a sink the caller provides; the command line decides whether and
 * where to print it. Two ways in, one sink type:
 *
 *  - a long-running call (a cohort run, an annotation stream) takes the sink in its options
 *    and speaks through rv_msg();
 *  - deeper calls that take no sink (the VCF reader, the source compilers, cohort import)
 *    speak through rv_log_warn/info/debug, which go to the process's default sink, set once
 *    by the caller with rv_msg_set_default() before the first library call.
 *
 * A NULL sink, or a sink with a NULL function, drops every message. Sinks may be called
 * from several worker threads at once: a sink must be thread-safe. */
#ifndef RV_MSG_H
#define RV_MSG_H

enum {
    RV_MSG_WARN  = 1,   /* something the user should know: results are still complete */
    RV_MSG_INFO  = 2,   /* progress and counts */
    RV_MSG_DEBUG = 3    /* detail for -v: each skipped record */
};

typedef struct rv_msg_sink {
    void (*fn)(void *ud, int level, const char *msg);   /* msg: one line, no newline */
    void *ud;
} rv_msg_sink;

/* Format one message and hand it to the sink (nothing happens for a NULL sink). */
void rv_msg(const rv_msg_sink *sink, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The default sink (copied; NULL drops everything, the state before any call). Not
 * thread-safe itself: set it before starting threads. */
void rv_msg_set_default(const rv_msg_sink *sink);

/* Messages of calls without a sink parameter, to the default sink. */
void rv_log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rv_log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rv_log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
