/* csq/conventions.c: load a profile of pipeline/csq_conventions.json (csq/conventions.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "base/json_check.h"
#include "csq/conventions.h"

#define CONV_MAX_BYTES (1 << 20)

/* The choices: member name, where it goes, its values in the order of the int (0 = VEP's). */
static const struct choice {
    const char *key;
    size_t      off;
    const char *values[3];
} choices[] = {
    { "allele_trimming",                  offsetof(rv_csq_conv, trim_suffix_first),
      { "anchor-first", "suffix-first", NULL } },
    { "insertion_at_exon_end",            offsetof(rv_csq_conv, ins_right_intronic),
      { "exon", "intron-at-genomic-right-edge", NULL } },
    { "splice_region_beside_splice_site", offsetof(rv_csq_conv, region_other_junction),
      { "never", "other-junction", NULL } },
    { "deletion_over_exon_edge",          offsetof(rv_csq_conv, del_exonic_length),
      { "unpredicted", "exonic-part", NULL } },
    { "splice_sequence_kept",             offsetof(rv_csq_conv, splice_kept_synonymous),
      { "ignored", "synonymous", NULL } },
    { "cds_without_stop",       offsetof(rv_csq_conv, last_codon_stop),
      { "no-stop", "last-codon-is-the-stop", NULL } },
    { "utr_terms",              offsetof(rv_csq_conv, utr_from_features),
      { "exons-outside-cds", "gff3-utr-lines", NULL } },
    { "ref_past_reference_end", offsetof(rv_csq_conv, ref_past_end_held),
      { "unannotated", "compare-held-bases", NULL } },
};

/* The numbers: member name, where it goes, its range. */
static const struct number {
    const char *key;
    size_t      off;
    int         lo, hi;
} numbers[] = {
    { "splice_region_exon_bases",   offsetof(rv_csq_conv, splice_exon),   1, 50 },
    { "splice_region_intron_bases", offsetof(rv_csq_conv, splice_intron), 3, 50 },
    { "nmd_last_junction_nt",       offsetof(rv_csq_conv, nmd_nt),        0, 10000 },
};

#define N_OF(a) (sizeof a / sizeof *a)

void rv_csq_conv_vep(rv_csq_conv *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "vep");
    c->splice_exon = 3; c->splice_intron = 8; c->nmd_nt = 55;
}

static int load_profile(const rv_json_ctx *j, const cJSON *p, const char *path, rv_csq_conv *out)
{
    const char *allowed[N_OF(choices) + N_OF(numbers) + 3];
    size_t k = 0;
    for (size_t i = 0; i < N_OF(choices); i++) allowed[k++] = choices[i].key;
    for (size_t i = 0; i < N_OF(numbers); i++) allowed[k++] = numbers[i].key;
    allowed[k++] = "description";
    allowed[k++] = "symbolic_utr_terms";
    allowed[k] = NULL;
    int rc = rv_json_keys_only(j, p, path, allowed);
    for (size_t i = 0; rc == 0 && i < N_OF(numbers); i++) {
        int64_t v = 0;
        rc = rv_json_integer(j, p, path, numbers[i].key, 1, numbers[i].lo, numbers[i].hi, &v);
        if (rc == 0) *(int *)((char *)out + numbers[i].off) = (int)v;
    }
    for (size_t i = 0; rc == 0 && i < N_OF(choices); i++) {
        const char *s = NULL;
        if ((rc = rv_json_string(j, p, path, choices[i].key, 1, &s)) < 0) break;
        int v = -1;
        for (int x = 0; choices[i].values[x]; x++) if (strcmp(s, choices[i].values[x]) == 0) v = x;
        if (v < 0)
            return rv_json_fail(j, path, choices[i].key, "'%s' is not one of: %s, %s", s, choices[i].values[0],
                                choices[i].values[1]);
        *(int *)((char *)out + choices[i].off) = v;
    }
    int utr = 1;
    if (rc == 0 && (rc = rv_json_bool(j, p, path, "symbolic_utr_terms", 1, &utr)) == 0) out->symbolic_no_utr = !utr;
    return rc;
}

int rv_csq_conv_load(const char *path, const char *name, rv_csq_conv *out, rv_err *err)
{
    cJSON *root = NULL;
    int rc = rv_json_load(path, CONV_MAX_BYTES, &root, NULL, NULL, err);
    if (rc < 0) return rc;
    rv_json_ctx j = { path, err };
    static const char *const top[] = { "default", "profiles", NULL };
    const char *def = NULL;
    const cJSON *profiles = NULL;
    if ((rc = rv_json_keys_only(&j, root, "(top)", top)) == 0 && (rc = rv_json_string(&j, root, "", "default", 1, &def)) == 0)
        rc = rv_json_object(&j, root, "", "profiles", 1, &profiles);
    if (rc == 0) {
        const char *want = name ? name : def;
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(profiles, want);
        if (!p) {
            char names[256] = "";
            for (const cJSON *q = profiles->child; q; q = q->next)
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", names[0] ? ", " : "", q->string);
            rc = rv_json_fail(&j, "profiles", want, "no such profile (the file has: %s)", names);
        } else {
            rv_csq_conv_vep(out);
            char ppath[128];
            rv_json_path(ppath, sizeof ppath, "profiles", want);
            if (!cJSON_IsObject(p)) rc = rv_json_fail(&j, "profiles", want, "expected an object, found %s", rv_json_kind(p));
            else rc = load_profile(&j, p, ppath, out);
            if (rc == 0) snprintf(out->name, sizeof out->name, "%s", want);
        }
    }
    cJSON_Delete(root);
    return rc;
}
