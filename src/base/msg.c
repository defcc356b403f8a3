/* base/msg.c: hand a formatted message to a sink (base/msg.h). */
#include <stdarg.h>
#include <stdio.h>
#include "base/msg.h"

static rv_msg_sink default_sink;

static void vmsg(const rv_msg_sink *sink, int level, const char *fmt, va_list ap)
{
    if (!sink || !sink->fn) return;
    char line[1200];
    vsnprintf(line, sizeof line, fmt, ap);
    sink->fn(sink->ud, level, line);
}

void rv_msg(const rv_msg_sink *sink, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(sink, level, fmt, ap);
    va_end(ap);
}

void rv_msg_set_default(const rv_msg_sink *sink)
{
    default_sink = sink ? *sink : (rv_msg_sink){ NULL, NULL };
}

void rv_log_warn(const char *fmt, ...)
{ va_list ap; va_start(ap, fmt); vmsg(&default_sink, RV_MSG_WARN, fmt, ap); va_end(ap); }
void rv_log_info(const char *fmt, ...)
{ va_list ap; va_start(ap, fmt); vmsg(&default_sink, RV_MSG_INFO, fmt, ap); va_end(ap); }
void rv_log_debug(const char *fmt, ...)
{ va_list ap; va_start(ap, fmt); vmsg(&default_sink, RV_MSG_DEBUG, fmt, ap); va_end(ap); }
