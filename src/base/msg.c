/* base/msg.c: hand a formatted message to the caller's sink (base/msg.h). */
#include <stdarg.h>
#include <stdio.h>
#include "base/msg.h"

void rv_msg(const rv_msg_sink *sink, int level, const char *fmt, ...)
{
    if (!sink || !sink->fn) return;
    char line[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sink->fn(sink->ud, level, line);
}
