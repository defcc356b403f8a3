/* classify/residue_index.c: PS1/PM5 residues from the active ClinVar release (residue_index.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "classify/residue_index.h"
#include "sources/clinvar.h"
#include "sources/index.h"

/* An amino acid at s (three letters, one letter, or Ter or a star): its length, 0 when none. */
static size_t amino_acid(const char *s, const char *end, char *out)
{
    if (end - s >= 3 && (*out = rv_aa_one_letter(s, 3))) return 3;
    if (end - s >= 1 && (isupper((unsigned char)*s) || *s == '*') && (*out = rv_aa_one_letter(s, 1))) return 1;
    return 0;
}

int rv_protein_change_parse(const char *s, size_t n, char *ref, int *pos, char *alt)
{
    const char *end = s + n, *p = NULL;
    for (const char *q = s; q + 1 < end; q++)
        if (q[0] == 'p' && q[1] == '.') { p = q + 2; break; }
    if (!p) return 0;
    if (p < end && *p == '(') p++;
    size_t k = amino_acid(p, end, ref);
    if (!k) return 0;
    p += k;
    long v = 0;
    const char *d = p;
    while (p < end && isdigit((unsigned char)*p) && v < 100000) v = v * 10 + (*p++ - '0');
    if (p == d || v <= 0) return 0;
    k = amino_acid(p, end, alt);
    if (!k || *alt == *ref) return 0;
    p += k;
    if (p < end && *p == ')') p++;
    if (p < end && !isspace((unsigned char)*p) && *p != ';' && *p != ',' && *p != '|') return 0;   /* fs, del, ext... */
    *pos = (int)v;
    return 1;
}

static void free_table(void *t) { rv_residue_table_free(t); }

int rv_residues_attach(rv_classifier *c, const rv_annotator *a, int *rows, rv_err *err)
{
    *rows = 0;
    for (int i = 0; i < rv_annotator_n_sources(a); i++) {
        const char *name, *version, *role, *sha;
        rv_annotator_source(a, i, &name, &version, &role, &sha);
        if (!role || strcmp(role, "clinical-assertion") != 0) continue;
        const rv_index *idx = rv_annotator_index(a, i);
        int fp = rv_index_field_id(idx, "protein"), fg = rv_index_field_id(idx, "gene");
        int fs = rv_index_field_id(idx, "clnsig"), fr = rv_index_field_id(idx, "clnrevstat");
        int fv = rv_index_field_id(idx, "variation_id");
        char why[160], src[64];
        snprintf(src, sizeof src, "%s@%s", name, version);
        if (fp < 0 || fg < 0) {
            snprintf(why, sizeof why, "protein change unknown (none in %s %s)", name, version);
            rv_classifier_set_residue_gap(c, why);
            return 0;
        }
        rv_residue_table *tab = rv_residue_table_new();
        if (!tab) return rv_err_set(err, RV_ENOMEM, "out of memory");
        int64_t n = rv_index_n_records(idx);
        for (int64_t r = 0; r < n; r++) {
            const char *p, *g, *sig, *rev = NULL;
            size_t pn, gn, sn, rn = 0;
            char ref, alt;
            int pos;
            if (rv_index_get_str(idx, r, fp, &p, &pn) < 0 || !rv_protein_change_parse(p, pn, &ref, &pos, &alt)) continue;
            if (rv_index_get_str(idx, r, fg, &g, &gn) < 0 || fs < 0 || rv_index_get_str(idx, r, fs, &sig, &sn) < 0) continue;
            if (fr >= 0 && rv_index_get_str(idx, r, fr, &rev, &rn) < 0) rev = NULL;
            rv_clinvar cv;
            if (rv_clinvar_parse(sig, sn, rev, rev ? rn : 0, NULL, 0, &cv, NULL) != 0 || cv.tier != RV_CV_TIER_PLP) continue;
            size_t k = 0;               /* GENEINFO "CFTR:1080|..." -> CFTR */
            while (k < gn && g[k] != ':' && g[k] != '|') k++;
            int64_t vid = -1;
            if (fv >= 0 && rv_index_get_int(idx, r, fv, &vid) < 0) vid = -1;
            if (k && rv_residue_table_add(tab, g, k, pos, ref, alt, cv.tier, cv.stars, vid, src) < 0) {
                rv_residue_table_free(tab);
                return rv_err_set(err, RV_ENOMEM, "out of memory");
            }
        }
        rv_residue_table_finish(tab);
        *rows = rv_residue_table_size(tab);
        if (*rows == 0) {
            rv_residue_table_free(tab);
            snprintf(why, sizeof why, "protein change unknown (no P/LP one in %s %s)", name, version);
            rv_classifier_set_residue_gap(c, why);
            return 0;
        }
        rv_classifier_own_residues(c, rv_residue_table_lookup, tab, free_table);
        return 0;
    }
    return 0;
}
