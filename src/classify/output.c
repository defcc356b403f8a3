/* classify/output.c: a classification written out: names, VCF INFO tags and their header
 * lines, and the compact JSON the state stores. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify/rules_internal.h"



int rv_criterion_label(const rv_classifier *c, const rv_criterion *k, char *buf, size_t n)
{
    (void)c;
    if (k->strength == rv_code_default_strength(k->code))
        return snprintf(buf, n, "%s", k->code);
    return snprintf(buf, n, "%s_%s", k->code, rv_strength_name(k->strength));
}

/* INFO values must not hold ';', '=', ',', '|' or whitespace. */
static void put_clean(kstring_t *out, const char *s)
{
    for (; *s; s++) {
        char ch = *s;
        if (ch == ';' || ch == ',' || ch == '|') ch = '/';
        else if (ch == '=') ch = ':';
        else if (isspace((unsigned char)ch)) ch = '_';
        kputc(ch, out);
    }
}

int rv_classification_info(const rv_classifier *c, const rv_classification *r, kstring_t *out)
{
    size_t start = out->l;
    char label[48];
    ksprintf(out, "RV_CLASS=%s;RV_POINTS=%d", rv_class_name(r->acmg_class), r->points);
    if (r->vus_tier_name) { kputs(";RV_VUS_TIER=", out); put_clean(out, r->vus_tier_name); }
    if (r->n_criteria) {
        kputs(";RV_CRITERIA=", out);
        for (int i = 0; i < r->n_criteria; i++) {
            const rv_criterion *k = &r->criteria[i];
            if (i) kputc(',', out);
            rv_criterion_label(c, k, label, sizeof label);
            kputs(label, out);
            ksprintf(out, "|%d|", k->points);
            put_clean(out, k->value);
            kputc('|', out);
            put_clean(out, k->source);
        }
    }
    if (r->n_notes) {
        kputs(";RV_NOT_EVALUATED=", out);
        for (int i = 0; i < r->n_notes; i++) {
            if (i) kputc(',', out);
            put_clean(out, r->notes[i]);
        }
    }
    if (r->has_clinvar && r->clinvar.tier != RV_CV_TIER_NONE) {
        kputs(";RV_CLINVAR_TIER=", out);
        put_clean(out, rv_clinvar_tier_name(r->clinvar.tier));
    }
    if (r->has_clinvar && r->clinvar.stars >= 0) ksprintf(out, ";RV_STARS=%d", r->clinvar.stars);
    if (r->rule) {
        ksprintf(out, ";RV_EFFECTIVE=%s;RV_RULE=", rv_class_name(r->effective_class));
        put_clean(out, r->rule_text);
    }
    return out->l > start ? 0 : RV_ENOMEM;
}

int rv_classification_not_evaluated(const char *reason, kstring_t *out)
{
    size_t start = out->l;
    kputs("RV_NOT_EVALUATED=", out);
    put_clean(out, "ACMG: not evaluated: ");
    put_clean(out, reason);
    return out->l > start ? 0 : RV_ENOMEM;
}

int rv_classification_tags_bcf(const char *tags, const bcf_hdr_t *hdr, bcf1_t *rec, rv_err *err)
{
    char *copy = strdup(tags), *save = NULL;
    int rc = copy ? 0 : rv_err_set(err, RV_ENOMEM, "out of memory");
    for (char *item = rc ? NULL : strtok_r(copy, ";", &save); item && !rc;
         item = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) continue;
        *eq = '\0';
        int ret;
        if (strcmp(item, "RV_POINTS") == 0 || strcmp(item, "RV_STARS") == 0) {
            int32_t v = (int32_t)strtol(eq + 1, NULL, 10);
            ret = bcf_update_info_int32(hdr, rec, item, &v, 1);
        } else {
            ret = bcf_update_info_string(hdr, rec, item, eq + 1);
        }
        if (ret < 0) rc = rv_err_set(err, RV_EINPUT, "cannot set INFO/%s (is its header line missing?)", item);
    }
    free(copy);
    return rc;
}

int rv_classification_bcf(const rv_classifier *c, const rv_classification *r,
                          const bcf_hdr_t *hdr, bcf1_t *rec, rv_err *err)
{
    kstring_t ks = { 0, 0, NULL };
    int rc = rv_classification_info(c, r, &ks) < 0 ? rv_err_set(err, RV_ENOMEM, "out of memory")
                                                    : rv_classification_tags_bcf(ks.s, hdr, rec, err);
    free(ks.s);
    return rc;
}

static const char *const hdr_lines[] = {
    "##INFO=<ID=RV_CLASS,Number=1,Type=String,Description=\"revus ACMG/AMP class from the criteria on the points scale: P, LP, VUS, LB, B\">",
    "##INFO=<ID=RV_POINTS,Number=1,Type=Integer,Description=\"revus sum of criterion points (Tavtigian 2020)\">",
    "##INFO=<ID=RV_VUS_TIER,Number=1,Type=String,Description=\"revus VUS sub-tier by points (hot, warm, tepid, cool, cold, ice_cold)\">",
    "##INFO=<ID=RV_CRITERIA,Number=.,Type=String,Description=\"revus criteria met. Format: criterion|points|value|source@version\">",
    "##INFO=<ID=RV_NOT_EVALUATED,Number=.,Type=String,Description=\"revus criteria not evaluated or not applied, with the reason\">",
    "##INFO=<ID=RV_CLINVAR_TIER,Number=1,Type=String,Description=\"revus ClinVar tier beside the criteria: P/LP, VUS, B/LB, Conflicting, Risk, Other\">",
    "##INFO=<ID=RV_STARS,Number=1,Type=Integer,Description=\"revus ClinVar review stars 0..4\">",
    "##INFO=<ID=RV_EFFECTIVE,Number=1,Type=String,Description=\"revus effective class reanalysis compares\">",
    "##INFO=<ID=RV_RULE,Number=1,Type=String,Description=\"revus rule that decided the effective class: lab, clinvar>=N*, acmg\">",
};

int rv_classification_hdr(bcf_hdr_t *hdr, rv_err *err)
{
    for (size_t i = 0; i < sizeof hdr_lines / sizeof *hdr_lines; i++) {
        char id[32];
        const char *p = strstr(hdr_lines[i], "ID=") + 3;
        size_t n = strcspn(p, ",");
        snprintf(id, sizeof id, "%.*s", (int)n, p);
        if (bcf_hdr_id2int(hdr, BCF_DT_ID, id) >= 0 &&
            bcf_hdr_idinfo_exists(hdr, BCF_HL_INFO, bcf_hdr_id2int(hdr, BCF_DT_ID, id)))
            continue;
        if (bcf_hdr_append(hdr, hdr_lines[i]) != 0)
            return rv_err_set(err, RV_ENOMEM, "cannot add header line for %s", id);
    }
    if (bcf_hdr_sync(hdr) != 0) return rv_err_set(err, RV_ENOMEM, "cannot update VCF header");
    return 0;
}

static void json_str(kstring_t *out, const char *s)
{
    kputc('"', out);
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') { kputc('\\', out); kputc(ch, out); }
        else if (ch < 0x20) ksprintf(out, "\\u%04x", ch);
        else kputc(ch, out);
    }
    kputc('"', out);
}

int rv_classification_criteria_str(const rv_classifier *c, const rv_classification *r,
                                   kstring_t *out)
{
    char label[48];
    size_t start = out->l;
    ksprintf(out, "{\"class\":\"%s\",\"points\":%d,\"vus_tier\":", rv_class_name(r->acmg_class), r->points);
    if (r->vus_tier_name) json_str(out, r->vus_tier_name); else kputs("null", out);
    kputs(",\"criteria\":[", out);
    for (int i = 0; i < r->n_criteria; i++) {
        const rv_criterion *k = &r->criteria[i];
        rv_criterion_label(c, k, label, sizeof label);
        ksprintf(out, "%s{\"code\":\"%s\",\"label\":\"%s\",\"strength\":\"%s\",\"points\":%d,\"value\":",
                 i ? "," : "", k->code, label, rv_strength_name(k->strength), k->points);
        json_str(out, k->value);
        kputs(",\"source\":", out);
        json_str(out, k->source);
        kputc('}', out);
    }
    kputs("],\"not_evaluated\":[", out);
    for (int i = 0; i < r->n_notes; i++) {
        if (i) kputc(',', out);
        json_str(out, r->notes[i]);
    }
    kputs("],\"clinvar\":", out);
    if (r->has_clinvar)
        ksprintf(out, "{\"tier\":\"%s\",\"class\":\"%s\",\"stars\":%d}",
                 rv_clinvar_tier_name(r->clinvar.tier), rv_clinvar_class_name(r->clinvar.cls), r->clinvar.stars);
    else
        kputs("null", out);
    ksprintf(out, ",\"effective\":\"%s\",\"rule\":", rv_class_name(r->effective_class));
    json_str(out, r->rule_text);
    kputc('}', out);
    return out->l > start ? 0 : RV_ENOMEM;
}
