/* report/derive.c: what a reader gets from a line's stored facts: HGVS written once, the
 * conditions ClinVar names in words, one evidence sentence, links to the evidence. */
#include <string.h>
#include <strings.h>
#include "report/model.h"

/* ClinVar's disease names (CLNDN) as words: '|' separates names (a comma belongs to the
 * name: "Breast-ovarian_cancer,_familial_1"), '_' is a space; the
 * placeholders "not provided" / "not specified" name no condition and are left out. */
static const char *disease_words(rv_report *r, const char *clndn)
{
    if (!clndn) return NULL;
    char out[1024];
    size_t k = 0;
    for (const char *p = clndn; *p && k + 3 < sizeof out; ) {
        size_t n = strcspn(p, "|");
        int placeholder = (n == 12 && !strncasecmp(p, "not_provided", n)) ||
                          (n == 13 && !strncasecmp(p, "not_specified", n));
        if (n && !placeholder) {
            if (k) { out[k++] = ';'; out[k++] = ' '; }
            for (size_t i = 0; i < n && k + 1 < sizeof out; i++) out[k++] = p[i] == '_' ? ' ' : p[i];
        }
        p += n;
        if (*p) p++;
    }
    out[k] = '\0';
    return k ? rv_report_str(r, out) : NULL;
}

int rv_report_derive(rv_report *r)
{
    for (size_t i = 0; i < r->n_lines; i++) {
        rv_report_line *l = &r->lines[i];
        l->hgvs = rv_report_hgvs(r, l->transcript, l->hgvsc, l->hgvsp);
        l->clinvar_disease = disease_words(r, l->clinvar_disease);   /* NULL: placeholders only */
        l->evidence = rv_report_evidence_text(r, l);
        if (rv_report_line_links(r, l) < 0) return -1;
    }
    return 0;
}
