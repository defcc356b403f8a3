/* base/out_format.h: the output formats of the commands that write results (report, stats,
 * flags, plan), named once. Each command accepts a subset. */
#ifndef RV_OUT_FORMAT_H
#define RV_OUT_FORMAT_H

#include <stddef.h>
#include "base/err.h"

typedef enum rv_out_format { RV_OUT_HTML = 1, RV_OUT_TSV, RV_OUT_JSON, RV_OUT_VCF } rv_out_format;
#define RV_OUT(f) (1u << (f))           /* a set of formats: RV_OUT(RV_OUT_TSV) | RV_OUT(RV_OUT_JSON) */

/* The format called name, if it is in allowed: RV_OK and *out set; otherwise RV_EUSAGE with
 * "unknown format 'NAME' (html, tsv, ...)" listing the allowed ones. */
int rv_out_format_parse(const char *name, unsigned allowed, rv_out_format *out, rv_err *err) RV_MUST_CHECK;
/* "html", "tsv", "json", "vcf"; "?" for anything else. */
const char *rv_out_format_name(rv_out_format f);

#endif
