/* report/write_fhir.c: the reclassification list as HL7 FHIR R4 resources, shaped after the
 * Genomics Reporting implementation guide (STU2, profiles genomics-report, variant and
 * diagnostic-implication).
 *
 * Per patient one Bundle (type collection): the Patient, a DiagnosticReport (status
 * preliminary: every line awaits review) whose results are, per flag, a variant
 * Observation and two diagnostic-implication Observations, the class before (status
 * final, dated by the earlier run) and the class now (status preliminary). A selection of
 * several patients is a collection Bundle of those Bundles. Resources refer to each other
 * by fullUrl "urn:uuid:..." made from a digest of the sample, the flag and the kind, so
 * the same report gives the same ids. Codes are LOINC where the guide names LOINC. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "base/sha256.h"
#include "report/write.h"
#include "variant/varkey.h"

#define LOINC "http://loinc.org"
#define GR "http://hl7.org/fhir/uv/genomics-reporting"

/* ACMG class -> LOINC answer of 53037-8 "Genetic variation clinical significance". */
static const struct { const char *cls, *code, *display; } significance[] = {
    { "P", "LA6668-3", "Pathogenic" }, { "LP", "LA26332-9", "Likely pathogenic" },
    { "VUS", "LA26333-7", "Uncertain significance" }, { "LB", "LA26334-5", "Likely benign" },
    { "B", "LA6675-8", "Benign" },
};
/* Zygosity -> LOINC answer of 53034-5 "Allelic state". */
static const struct { const char *zyg, *code, *display; } allelic[] = {
    { "het", "LA6706-1", "Heterozygous" }, { "hom", "LA6705-3", "Homozygous" },
    { "hemi", "LA6707-9", "Hemizygous" },
};

static int same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

/* "urn:uuid:" + a UUID (version 5 layout) from the digest of the parts. */
static void urn(char out[46], const char *sample, long long flag, const char *kind)
{
    rv_sha256 c;
    uint8_t d[32];
    char buf[512];
    int n = snprintf(buf, sizeof buf, "revus|%s|%lld|%s", sample ? sample : "", flag, kind);
    rv_sha256_init(&c);
    rv_sha256_update(&c, buf, (size_t)(n < (int)sizeof buf ? n : (int)sizeof buf - 1));
    rv_sha256_final(&c, d);
    d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
    d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
    snprintf(out, 46, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static cJSON *coding(const char *system, const char *code, const char *display)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "system", system);
    cJSON_AddStringToObject(c, "code", code);
    if (display) cJSON_AddStringToObject(c, "display", display);
    return c;
}

static cJSON *concept(const char *system, const char *code, const char *display)
{
    cJSON *cc = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(cc, "coding"), coding(system, code, display));
    return cc;
}

static cJSON *ref(const char *url)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "reference", url);
    return r;
}

static void profile(cJSON *res, const char *name)
{
    char url[160];
    snprintf(url, sizeof url, GR "/StructureDefinition/%s", name);
    cJSON *meta = cJSON_AddObjectToObject(res, "meta");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(meta, "profile"), cJSON_CreateString(url));
}

static cJSON *component(cJSON *arr, const char *loinc, const char *display)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddItemToObject(c, "code", concept(LOINC, loinc, display));
    cJSON_AddItemToArray(arr, c);
    return c;
}

static void entry(cJSON *entries, const char *full_url, cJSON *res)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "fullUrl", full_url);
    cJSON_AddItemToObject(e, "resource", res);
    cJSON_AddItemToArray(entries, e);
}

/* A resource id from a urn ("urn:uuid:X" -> "X"). */
static const char *rid(const char *urn) { return urn + 9; }

static cJSON *observation(const char *urn, const char *prof, const char *status)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "resourceType", "Observation");
    cJSON_AddStringToObject(o, "id", rid(urn));
    profile(o, prof);
    cJSON_AddStringToObject(o, "status", status);
    cJSON *cat = cJSON_AddArrayToObject(o, "category");
    cJSON_AddItemToArray(cat, concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", NULL));
    return o;
}

static void variant_obs(cJSON *entries, cJSON *results, const rv_report_line *l, const char *patient, char vurn[46])
{
    urn(vurn, l->sample, (long long)l->flag_id, "variant");
    cJSON *o = observation(vurn, "variant", "final");
    cJSON_AddItemToObject(o, "code", concept(LOINC, "69548-6", "Genetic variant assessment"));
    cJSON_AddItemToObject(o, "subject", ref(patient));
    cJSON_AddItemToObject(o, "valueCodeableConcept", concept(LOINC, "LA9633-4", "Present"));
    cJSON *comps = cJSON_AddArrayToObject(o, "component");
    char c[512] = "", p[512] = "";
    if (l->hgvs) {
        snprintf(c, sizeof c, "%s", l->hgvs);
        char *sp = strstr(c, " p.");
        if (sp) { snprintf(p, sizeof p, "%s", sp + 1); *sp = '\0'; }
        else if (!strncmp(c, "p.", 2)) { snprintf(p, sizeof p, "%s", c); c[0] = '\0'; }
    }
    if (strstr(c, ":c."))
        cJSON_AddItemToObject(component(comps, "48004-6", "DNA change (c.HGVS)"), "valueCodeableConcept",
                              concept("http://varnomen.hgvs.org", c, NULL));
    if (*p)
        cJSON_AddItemToObject(component(comps, "48005-3", "Amino acid change (pHGVS)"), "valueCodeableConcept",
                              concept("http://varnomen.hgvs.org", p, NULL));
    if (l->gene) {
        cJSON *g = l->hgnc_id ? concept("http://www.genenames.org/geneId", l->hgnc_id, l->gene) : cJSON_CreateObject();
        if (!l->hgnc_id) cJSON_AddStringToObject(g, "text", l->gene);
        cJSON_AddItemToObject(component(comps, "48018-6", "Gene studied [ID]"), "valueCodeableConcept", g);
    }
    for (size_t i = 0; l->zygosity && i < sizeof allelic / sizeof *allelic; i++)
        if (!strcmp(l->zygosity, allelic[i].zyg))
            cJSON_AddItemToObject(component(comps, "53034-5", "Allelic state"), "valueCodeableConcept",
                                  concept(LOINC, allelic[i].code, allelic[i].display));
    rv_varkey k;
    if (l->variant && rv_varkey_parse(l->variant, &k) == 0) {
        char buf[512];
        cJSON *v = cJSON_CreateObject();
        if (l->clinvar_id > 0) {
            snprintf(buf, sizeof buf, "%lld", (long long)l->clinvar_id);
            cJSON_AddItemToArray(cJSON_AddArrayToObject(v, "coding"),
                                 coding("http://www.ncbi.nlm.nih.gov/clinvar", buf, NULL));
        }
        snprintf(buf, sizeof buf, "%s%s%s", l->variant, l->build ? " " : "", l->build ? l->build : "");
        cJSON_AddStringToObject(v, "text", buf);
        cJSON_AddItemToObject(component(comps, "81252-9", "Discrete genetic variant"), "valueCodeableConcept", v);
        snprintf(buf, sizeof buf, "%.*s", (int)k.ref_len, k.ref);
        cJSON_AddStringToObject(component(comps, "69547-8", "Genomic ref allele [ID]"), "valueString", buf);
        snprintf(buf, sizeof buf, "%.*s", (int)k.alt_len, k.alt);
        cJSON_AddStringToObject(component(comps, "69551-0", "Genomic alt allele [ID]"), "valueString", buf);
    }
    entry(entries, vurn, o);
    cJSON_AddItemToArray(results, ref(vurn));
}

/* One diagnostic-implication Observation: the class on one side of the flag. */
static void implication(cJSON *entries, cJSON *results, const rv_report_line *l, const char *patient,
                        const char *vurn, const char *cls, int now)
{
    const char *code = NULL, *display = NULL;
    for (size_t i = 0; cls && i < sizeof significance / sizeof *significance; i++)
        if (!strcmp(cls, significance[i].cls)) { code = significance[i].code; display = significance[i].display; }
    if (!code) return;
    char u[46];
    urn(u, l->sample, (long long)l->flag_id, now ? "class-now" : "class-before");
    cJSON *o = observation(u, "diagnostic-implication", now ? "preliminary" : "final");
    cJSON_AddItemToObject(o, "code", concept(GR "/CodeSystem/tbd-codes-cs", "diagnostic-implication", "Diagnostic Implication"));
    cJSON_AddItemToObject(o, "subject", ref(patient));
    const rv_report_side *s = now ? &l->now : &l->before;
    const char *when = now ? s->run_date : (l->basis && !strcmp(l->basis, "reported") ? l->reported_date : s->run_date);
    if (when) cJSON_AddStringToObject(o, "effectiveDateTime", when);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "derivedFrom"), ref(vurn));
    cJSON *comps = cJSON_AddArrayToObject(o, "component");
    cJSON_AddItemToObject(component(comps, "53037-8", "Genetic variation clinical significance [Imp]"),
                          "valueCodeableConcept", concept(LOINC, code, display));
    if (l->condition) {
        char first[256], id[64];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(l->condition, ";"), l->condition);
        cJSON *cc = cJSON_CreateObject();
        if (l->mondo) {
            snprintf(id, sizeof id, "%.*s", (int)strcspn(l->mondo, ";"), l->mondo);
            cJSON_AddItemToArray(cJSON_AddArrayToObject(cc, "coding"), coding("http://purl.obolibrary.org/obo/mondo.owl", id, first));
        }
        cJSON_AddStringToObject(cc, "text", l->condition);
        cJSON_AddItemToObject(component(comps, "81259-4", "Associated phenotype"), "valueCodeableConcept", cc);
    }
    char note[1200];
    if (now) {
        const rv_report_category *c = rv_report_category_find(l->category);
        snprintf(note, sizeof note, "%s (revus flag %lld)%s%s", c ? c->label : (l->category ? l->category : "flag"),
                 (long long)l->flag_id, l->evidence ? ": " : "", l->evidence ? l->evidence : "");
    } else snprintf(note, sizeof note, "class before the change%s%s",
                    l->basis && !strcmp(l->basis, "reported") ? " (as the lab reported it" : "",
                    l->basis && !strcmp(l->basis, "reported") ? (l->report_id ? ", report id on file)" : ")") : "");
    cJSON *n = cJSON_CreateObject();
    cJSON_AddStringToObject(n, "text", note);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "note"), n);
    entry(entries, u, o);
    cJSON_AddItemToArray(results, ref(u));
}

static cJSON *patient_bundle(const rv_report *r, size_t from, size_t to)
{
    const rv_report_line *l0 = &r->lines[from];
    char purn[46], rurn[46], burn[46];
    urn(purn, l0->sample, 0, "patient");
    urn(rurn, l0->sample, 0, "report");
    urn(burn, l0->sample, 0, "bundle");
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "resourceType", "Bundle");
    cJSON_AddStringToObject(b, "id", rid(burn));
    cJSON_AddStringToObject(b, "type", "collection");
    if (r->generated_at) cJSON_AddStringToObject(b, "timestamp", r->generated_at);
    cJSON *entries = cJSON_AddArrayToObject(b, "entry");

    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "resourceType", "Patient");
    cJSON_AddStringToObject(p, "id", rid(purn));
    cJSON *ident = cJSON_CreateObject();
    cJSON_AddStringToObject(ident, "system", r->pseudonymised ? "urn:revus:pseudonym" : "urn:revus:sample");
    cJSON_AddStringToObject(ident, "value", l0->sample ? l0->sample : "?");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(p, "identifier"), ident);
    cJSON_AddStringToObject(p, "gender", same(l0->sex, "F") ? "female" : same(l0->sex, "M") ? "male" : "unknown");
    entry(entries, purn, p);

    cJSON *dr = cJSON_CreateObject();
    cJSON_AddStringToObject(dr, "resourceType", "DiagnosticReport");
    cJSON_AddStringToObject(dr, "id", rid(rurn));
    profile(dr, "genomics-report");
    cJSON_AddStringToObject(dr, "status", "preliminary");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(dr, "category"),
                         concept("http://terminology.hl7.org/CodeSystem/v2-0074", "GE", "Genetics"));
    cJSON_AddItemToObject(dr, "code", concept(LOINC, "51969-4", "Genetic analysis report"));
    cJSON_AddItemToObject(dr, "subject", ref(purn));
    if (r->generated_at) cJSON_AddStringToObject(dr, "issued", r->generated_at);
    cJSON *results = cJSON_AddArrayToObject(dr, "result");
    char text[600];
    snprintf(text, sizeof text, "revus reclassification: %zu flag%s for indication %s (%s). Automated output: "
             "every line requires review by a clinical scientist.", to - from, to - from == 1 ? "" : "s",
             l0->indication ? l0->indication : "not recorded", r->selection ? r->selection : "all flags");
    cJSON_AddStringToObject(dr, "conclusion", text);
    entry(entries, rurn, dr);

    for (size_t i = from; i < to; i++) {
        const rv_report_line *l = &r->lines[i];
        char vurn[46];
        variant_obs(entries, results, l, purn, vurn);
        implication(entries, results, l, purn, vurn, l->old_class ? l->old_class : l->before.klass, 0);
        implication(entries, results, l, purn, vurn, l->new_class ? l->new_class : l->now.klass, 1);
    }
    return b;
}

int rv_report_write_fhir(const rv_report *r, FILE *f, rv_err *err)
{
    cJSON *bundles = cJSON_CreateArray();
    int n = 0;
    for (size_t i = 0; i < r->n_lines; ) {
        size_t j = rv_report_patient_end(r, i);
        cJSON_AddItemToArray(bundles, patient_bundle(r, i, j));
        n++;
        i = j;
    }
    cJSON *root;
    if (n == 1) {
        root = cJSON_DetachItemFromArray(bundles, 0);
        cJSON_Delete(bundles);
    } else {
        /* several patients (or none): a collection of their Bundles */
        char u[46];
        urn(u, r->selection, 0, "collection");
        root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "resourceType", "Bundle");
        cJSON_AddStringToObject(root, "id", rid(u));
        cJSON_AddStringToObject(root, "type", "collection");
        if (r->generated_at) cJSON_AddStringToObject(root, "timestamp", r->generated_at);
        cJSON *entries = cJSON_AddArrayToObject(root, "entry");
        cJSON *b;
        while ((b = cJSON_DetachItemFromArray(bundles, 0))) {
            char full[46];
            snprintf(full, sizeof full, "urn:uuid:%s", cJSON_GetObjectItem(b, "id")->valuestring);
            entry(entries, full, b);
        }
        cJSON_Delete(bundles);
    }
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) return rv_err_set(err, RV_ENOMEM, "fhir report: out of memory");
    fputs(text, f);
    fputc('\n', f);
    cJSON_free(text);
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "fhir report: write failed");
    return 0;
}
