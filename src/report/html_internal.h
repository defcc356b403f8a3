/* report/html_internal.h (internal): what the HTML writers (the reclassification report, the statistics page)
 * share. */
#ifndef RV_REPORT_HTML_INTERNAL_H
#define RV_REPORT_HTML_INTERNAL_H

#include <stdio.h>

/* Write s as HTML text, with &, <, >, " and ' escaped (safe in element text and in quoted
 * attribute values); NULL writes nothing. Stream errors are left for the caller's ferror. */
void rv_html_escape(FILE *f, const char *s);

#endif
