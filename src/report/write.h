/* report/write.h: the report writers, one per format, each in its own file.
 *
 * Every writer reads a model already sorted by rv_report_sort() and writes to an open
 * stream; the caller owns the stream (the CLI writes to a temp file and renames it).
 * Returns 0, or RV_EIO when the stream failed, RV_ENOMEM, RV_EUSAGE (vcf: bad sample). */
#ifndef RV_REPORT_WRITE_H
#define RV_REPORT_WRITE_H

#include <stdio.h>
#include "base/err.h"
#include "report/model.h"

/* One self-contained HTML page (inline CSS and SVG, no script, print-friendly on A4).
 * RV_OK; RV_EIO when the stream failed. */
int rv_report_write_html(const rv_report *r, FILE *out, rv_err *err);
/* Tab-separated: "##key=value" header lines, one column-name line, one row per line.
 * RV_OK; RV_EIO when the stream failed. */
int rv_report_write_tsv(const rv_report *r, FILE *out, rv_err *err);
/* JSON with "schema_version" (RV_REPORT_JSON_SCHEMA), built with cJSON. */
#define RV_REPORT_JSON_SCHEMA 1
/* RV_OK; RV_EIO, RV_ENOMEM. */
int rv_report_write_json(const rv_report *r, FILE *out, rv_err *err);
/* VCF 4.2 of one sample's flagged variants with RVS_* INFO tags, sorted by position.
 * sample NULL: the report must hold exactly one sample.
 * RV_OK; RV_EUSAGE when sample is NULL and the report holds several samples (or none),
 * RV_EINPUT for a line whose variant key does not parse, RV_EIO, RV_ENOMEM. */
int rv_report_write_vcf(const rv_report *r, const char *sample, FILE *out, rv_err *err);
/* The same through input/vcf_writer.h: path "-" (stdout), NAME.vcf, NAME.vcf.gz (bgzipped) or
 * NAME.bcf, written under a temporary name and renamed when complete.
 * Codes as rv_report_write_vcf and rv_writer_open/commit. */
int rv_report_write_vcf_path(const rv_report *r, const char *sample, const char *path, rv_err *err);

/* Shared by writers: number formatting that never prints "nan". Without a value: "absent"
 * when a covering population source (source) was consulted, else "no data". */
void rv_report_fmt_af(char *buf, size_t n, int has_af, double af, const char *source);

#endif
