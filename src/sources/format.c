/* sources/format.c: the format registry. */
#include <stdio.h>
#include <string.h>
#include "sources/format_internal.h"

#define V RV_FMT_KEY(RV_KEY_VARIANT)
#define G RV_FMT_KEY(RV_KEY_GENE)
#define I RV_FMT_KEY(RV_KEY_INTERVAL)

static const rv_format formats[] = {
    { RV_FMT_VCF,           "vcf",           V,     0,    ".vcf",  1, 0 },
    { RV_FMT_TSV,           "tsv",           V | G, '\t', ".tsv",  0, 0 },
    { RV_FMT_CSV,           "csv",           V | G, ',',  ".csv",  0, 0 },
    { RV_FMT_PANELAPP_JSON, "panelapp-json", G,     0,    ".json", 0, 1 },
    { RV_FMT_CLINGEN_CSV,   "clingen-csv",   G,     ',',  ".csv",  0, 0 },
    { RV_FMT_BED,           "bed",           I,     '\t', ".bed",  1, 0 },
    { RV_FMT_GFF3,          "gff3",          I,     '\t', ".gff3", 1, 0 },
};
#define N_FORMATS (sizeof formats / sizeof *formats)

const rv_format *rv_format_find(const char *name)
{
    for (size_t i = 0; name && i < N_FORMATS; i++)
        if (strcmp(formats[i].name, name) == 0) return &formats[i];
    return NULL;
}

rv_format_id rv_format_id_of(const char *name)
{
    const rv_format *f = rv_format_find(name);
    return f ? f->id : RV_FMT_UNKNOWN;
}

int rv_format_serves(const rv_format *f, rv_key_kind k)
{
    return f && (f->keys & RV_FMT_KEY(k)) != 0;
}

const char *rv_format_names(char *out, size_t n)
{
    size_t k = 0;
    if (n) out[0] = '\0';
    for (size_t i = 0; i < N_FORMATS && k < n; i++) {
        int w = snprintf(out + k, n - k, "%s%s", i ? ", " : "", formats[i].name);
        if (w < 0) break;
        k += (size_t)w;
    }
    return out;
}
