/* base/out_format.c: the output-format table. */
#include <string.h>
#include "base/out_format.h"

static const struct { rv_out_format f; const char *name; } table[] = {
    { RV_OUT_HTML, "html" }, { RV_OUT_TSV, "tsv" }, { RV_OUT_JSON, "json" }, { RV_OUT_VCF, "vcf" },
};
#define N_TABLE (sizeof table / sizeof *table)

int rv_out_format_parse(const char *name, unsigned allowed, rv_out_format *out, rv_err *err)
{
    char list[64] = "";
    for (size_t i = 0; i < N_TABLE; i++) {
        if (!(allowed & RV_OUT(table[i].f))) continue;
        if (name && strcmp(name, table[i].name) == 0) { *out = table[i].f; return RV_OK; }
        if (*list) strcat(list, ", ");
        strcat(list, table[i].name);
    }
    return rv_err_set(err, RV_EUSAGE, "unknown format '%s' (%s)", name ? name : "", list);
}

const char *rv_out_format_name(rv_out_format f)
{
    for (size_t i = 0; i < N_TABLE; i++)
        if (table[i].f == f) return table[i].name;
    return "?";
}
