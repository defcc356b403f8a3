/* report/write_phenopacket.c: the reclassification list as GA4GH Phenopackets (schema v2).
 *
 * One Phenopacket per patient; a selection of several patients is a Cohort whose members
 * are those Phenopackets (both are messages of phenopacket-schema v2). Each flag is one
 * Interpretation: its Diagnosis names the condition (the gene-validity curation's MONDO
 * id and label) when known, and holds one GenomicInterpretation whose
 * VariantInterpretation carries the ACMG class now and a VariationDescriptor (the variant
 * as a VCF record, HGVS expressions, ClinVar cross-reference, allelic state). The class
 * before, the category and the evidence sentence ride in the descriptor's extensions; the
 * summary says the change in words. Field names follow the proto3 JSON mapping
 * (lowerCamelCase, enums as names, 64-bit integers as strings). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "report/write.h"
#include "variant/varkey.h"

/* ACMG class -> phenopacket AcmgPathogenicityClassification. */
static const struct { const char *cls, *acmg, *status; } classes[] = {
    { "P", "PATHOGENIC", "CANDIDATE" }, { "LP", "LIKELY_PATHOGENIC", "CANDIDATE" },
    { "VUS", "UNCERTAIN_SIGNIFICANCE", "CANDIDATE" },
    { "LB", "LIKELY_BENIGN", "REJECTED" }, { "B", "BENIGN", "REJECTED" },
};

/* Zygosity -> GENO allelic state. */
static const struct { const char *zyg, *id, *label; } allelic[] = {
    { "het", "GENO:0000135", "heterozygous" }, { "hom", "GENO:0000136", "homozygous" },
    { "hemi", "GENO:0000134", "hemizygous" },
};

static void add_str(cJSON *o, const char *k, const char *v) { if (v && *v) cJSON_AddStringToObject(o, k, v); }

static cJSON *ontology(const char *id, const char *label)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "label", label);
    return o;
}

static void extension(cJSON *arr, const char *name, const char *value)
{
    if (!value || !*value) return;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", name);
    cJSON_AddStringToObject(e, "value", value);
    cJSON_AddItemToArray(arr, e);
}

static void expression(cJSON *arr, const char *syntax, const char *value)
{
    if (!value || !*value) return;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "syntax", syntax);
    cJSON_AddStringToObject(e, "value", value);
    cJSON_AddItemToArray(arr, e);
}

/* The first of a "; "-joined list ("MONDO:1; MONDO:2" -> "MONDO:1") into buf. */
static const char *first_of(const char *list, char *buf, size_t n)
{
    if (!list) return NULL;
    size_t k = strcspn(list, ";");
    snprintf(buf, n, "%.*s", (int)k, list);
    return buf;
}

static cJSON *descriptor(const rv_report_line *l, const char *new_class, int *used_geno)
{
    cJSON *d = cJSON_CreateObject();
    char buf[512];
    cJSON_AddStringToObject(d, "id", l->variant ? l->variant : "unknown");
    snprintf(buf, sizeof buf, "%s%s%s", l->gene ? l->gene : "", l->gene && l->hgvs ? " " : "", l->hgvs ? l->hgvs : "");
    add_str(d, "label", buf);
    if (l->gene && l->hgnc_id) {
        cJSON *g = cJSON_AddObjectToObject(d, "geneContext");
        cJSON_AddStringToObject(g, "valueId", l->hgnc_id);
        cJSON_AddStringToObject(g, "symbol", l->gene);
    }
    cJSON *ex = cJSON_AddArrayToObject(d, "expressions");
    if (l->hgvsc || l->hgvsp) {
        /* the HGVS of the line, written once: c. with its transcript, p. on its own */
        char c[512] = "", p[512] = "";
        if (l->hgvs) {
            snprintf(c, sizeof c, "%s", l->hgvs);
            char *sp = strstr(c, " p.");
            if (sp) { snprintf(p, sizeof p, "%s", sp + 1); *sp = '\0'; }
            else if (!strncmp(c, "p.", 2)) { snprintf(p, sizeof p, "%s", c); c[0] = '\0'; }
        }
        if (strstr(c, ":c.")) expression(ex, "hgvs.c", c);
        expression(ex, "hgvs.p", p);
    }
    rv_varkey k;
    if (l->variant && rv_varkey_parse(l->variant, &k) == 0) {
        cJSON *v = cJSON_AddObjectToObject(d, "vcfRecord");
        add_str(v, "genomeAssembly", l->build);
        char pos[32];
        snprintf(pos, sizeof pos, "%lld", (long long)k.pos);
        snprintf(buf, sizeof buf, "%.*s", (int)strcspn(l->variant, "-"), l->variant);
        cJSON_AddStringToObject(v, "chrom", buf);
        cJSON_AddStringToObject(v, "pos", pos);
        snprintf(buf, sizeof buf, "%.*s", (int)k.ref_len, k.ref);
        cJSON_AddStringToObject(v, "ref", buf);
        snprintf(buf, sizeof buf, "%.*s", (int)k.alt_len, k.alt);
        cJSON_AddStringToObject(v, "alt", buf);
    }
    if (l->clinvar_id > 0) {
        cJSON *x = cJSON_AddArrayToObject(d, "xrefs");
        snprintf(buf, sizeof buf, "clinvar:%lld", (long long)l->clinvar_id);
        cJSON_AddItemToArray(x, cJSON_CreateString(buf));
    }
    cJSON *ext = cJSON_AddArrayToObject(d, "extensions");
    snprintf(buf, sizeof buf, "%lld", (long long)l->flag_id);
    extension(ext, "revus_flag_id", buf);
    extension(ext, "revus_category", l->category);
    extension(ext, "revus_class_before", l->old_class ? l->old_class : l->before.klass);
    extension(ext, "revus_class_now", new_class);
    extension(ext, "revus_reported_class", l->reported_class);
    extension(ext, "revus_report_id", l->report_id);
    extension(ext, "revus_evidence", l->evidence);
    extension(ext, "clinvar_disease", l->clinvar_disease);
    /* proto3 JSON leaves out empty repeated fields */
    if (!cJSON_GetArraySize(ex)) cJSON_DeleteItemFromObject(d, "expressions");
    if (!cJSON_GetArraySize(ext)) cJSON_DeleteItemFromObject(d, "extensions");
    cJSON_AddStringToObject(d, "moleculeContext", "genomic");
    for (size_t i = 0; l->zygosity && i < sizeof allelic / sizeof *allelic; i++)
        if (!strcmp(l->zygosity, allelic[i].zyg)) {
            cJSON_AddItemToObject(d, "allelicState", ontology(allelic[i].id, allelic[i].label));
            *used_geno = 1;
        }
    return d;
}

static cJSON *interpretation(const rv_report_line *l, int *used_mondo, int *used_geno)
{
    const char *new_class = l->new_class ? l->new_class : l->now.klass;
    const char *old_class = l->old_class ? l->old_class : l->before.klass;
    const rv_report_category *cat = rv_report_category_find(l->category);
    char buf[1024];
    cJSON *it = cJSON_CreateObject();
    snprintf(buf, sizeof buf, "flag-%lld", (long long)l->flag_id);
    cJSON_AddStringToObject(it, "id", buf);
    cJSON_AddStringToObject(it, "progressStatus", l->acked ? "COMPLETED" : "IN_PROGRESS");
    cJSON *dx = cJSON_AddObjectToObject(it, "diagnosis");
    char mondo[64], label[256];
    if (l->mondo && l->condition) {
        cJSON_AddItemToObject(dx, "disease", ontology(first_of(l->mondo, mondo, sizeof mondo),
                                                      first_of(l->condition, label, sizeof label)));
        *used_mondo = 1;
    }
    cJSON *gis = cJSON_AddArrayToObject(dx, "genomicInterpretations");
    cJSON *gi = cJSON_CreateObject();
    cJSON_AddItemToArray(gis, gi);
    add_str(gi, "subjectOrBiosampleId", l->sample);
    const char *status = "UNKNOWN_STATUS", *acmg = "NOT_PROVIDED";
    for (size_t i = 0; new_class && i < sizeof classes / sizeof *classes; i++)
        if (!strcmp(new_class, classes[i].cls)) { acmg = classes[i].acmg; status = classes[i].status; }
    cJSON_AddStringToObject(gi, "interpretationStatus", status);
    cJSON *vi = cJSON_AddObjectToObject(gi, "variantInterpretation");
    cJSON_AddStringToObject(vi, "acmgPathogenicityClassification", acmg);
    cJSON_AddStringToObject(vi, "therapeuticActionability", "UNKNOWN_ACTIONABILITY");
    cJSON_AddItemToObject(vi, "variationDescriptor", descriptor(l, new_class, used_geno));
    snprintf(buf, sizeof buf, "%s: %s -> %s%s%s", cat ? cat->label : (l->category ? l->category : "flag"),
             old_class ? old_class : "none", new_class ? new_class : "none",
             l->evidence ? ". " : "", l->evidence ? l->evidence : "");
    cJSON_AddStringToObject(it, "summary", buf);
    return it;
}

static void resource(cJSON *arr, const char *id, const char *name, const char *url, const char *version,
                     const char *prefix, const char *iri)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", id);
    cJSON_AddStringToObject(r, "name", name);
    cJSON_AddStringToObject(r, "url", url);
    cJSON_AddStringToObject(r, "version", version);
    cJSON_AddStringToObject(r, "namespacePrefix", prefix);
    cJSON_AddStringToObject(r, "iriPrefix", iri);
    cJSON_AddItemToArray(arr, r);
}

/* The version of the first source of role, for the ontology resources it cites. */
static const char *role_version(const rv_report *r, const char *role)
{
    for (size_t i = 0; i < r->n_sources; i++)
        if (r->sources[i].role && !strcmp(r->sources[i].role, role)) return r->sources[i].version;
    return NULL;
}

static cJSON *meta_data(const rv_report *r, int used_mondo, int used_geno)
{
    cJSON *m = cJSON_CreateObject();
    add_str(m, "created", r->generated_at);
    char by[128];
    snprintf(by, sizeof by, "revus %s", r->generator ? r->generator : "");
    cJSON_AddStringToObject(m, "createdBy", by);
    cJSON_AddStringToObject(m, "phenopacketSchemaVersion", "2.0");
    cJSON *res = cJSON_AddArrayToObject(m, "resources");
    if (used_mondo) {
        char v[96];
        const char *gv = role_version(r, "gene-validity");
        snprintf(v, sizeof v, "as cited by the gene-validity source %s", gv ? gv : "");
        resource(res, "mondo", "Mondo Disease Ontology", "http://purl.obolibrary.org/obo/mondo.obo", v,
                 "MONDO", "http://purl.obolibrary.org/obo/MONDO_");
    }
    if (used_geno)
        resource(res, "geno", "Genotype Ontology", "http://purl.obolibrary.org/obo/geno.owl", "unversioned",
                 "GENO", "http://purl.obolibrary.org/obo/GENO_");
    return m;
}

static int same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

static cJSON *phenopacket(const rv_report *r, size_t from, size_t to, int *used_mondo, int *used_geno)
{
    const rv_report_line *l = &r->lines[from];
    cJSON *p = cJSON_CreateObject();
    char id[256];
    snprintf(id, sizeof id, "revus-%s-%s", l->indication ? l->indication : "none", l->sample ? l->sample : "?");
    cJSON_AddStringToObject(p, "id", id);
    cJSON *s = cJSON_AddObjectToObject(p, "subject");
    cJSON_AddStringToObject(s, "id", l->sample ? l->sample : "?");
    cJSON_AddStringToObject(s, "sex", same(l->sex, "F") ? "FEMALE" : same(l->sex, "M") ? "MALE" : "UNKNOWN_SEX");
    cJSON *its = cJSON_AddArrayToObject(p, "interpretations");
    int mondo = 0, geno = 0;
    for (size_t i = from; i < to; i++) cJSON_AddItemToArray(its, interpretation(&r->lines[i], &mondo, &geno));
    cJSON_AddItemToObject(p, "metaData", meta_data(r, mondo, geno));
    *used_mondo |= mondo;
    *used_geno |= geno;
    return p;
}

int rv_report_write_phenopacket(const rv_report *r, FILE *f, rv_err *err)
{
    cJSON *members = cJSON_CreateArray();
    int n = 0, mondo = 0, geno = 0;
    for (size_t i = 0; i < r->n_lines; ) {
        size_t j = rv_report_patient_end(r, i);
        cJSON_AddItemToArray(members, phenopacket(r, i, j, &mondo, &geno));
        n++;
        i = j;
    }
    cJSON *root;
    if (n == 1) {
        root = cJSON_DetachItemFromArray(members, 0);
        cJSON_Delete(members);
    } else {
        /* several patients (or none): a Cohort of their Phenopackets */
        root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "id", "revus-reclassification");
        char d[600];
        snprintf(d, sizeof d, "revus reclassification list (%s); automated output, requires "
                 "clinical-scientist review", r->selection ? r->selection : "all flags");
        cJSON_AddStringToObject(root, "description", d);
        cJSON_AddItemToObject(root, "members", members);
        cJSON_AddItemToObject(root, "metaData", meta_data(r, mondo, geno));
    }
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) return rv_err_set(err, RV_ENOMEM, "phenopacket report: out of memory");
    fputs(text, f);
    fputc('\n', f);
    cJSON_free(text);
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "phenopacket report: write failed");
    return 0;
}
