/* Unit tests: the classifier on hand-worked cases (each criterion alone, at and either
 * side of its thresholds; combinations; conflicting and missing evidence), the rules
 * loader's validation, the INFO/JSON output, and Richards 2015 vs the points scale. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "classify/classifier.h"
#include "classify/to_call.h"
#include "classify/residue_index.h"
#include "csq/effect.h"
#include "testhelp.h"

#define RULES "pipeline/acmg.json"

typedef struct tcase {
    const char *name;
    /* evidence */
    const char *csq;        /* consequence; NULL = no consequence annotation */
    int exon, n_exons, ppos, plen;
    int nmd;                /* a gene model's NMD prediction (variant/evidence.h), 0 none */
    const char *aa;         /* "R/H" */
    const char *hgvsc;
    const char *gene;
    int lof;                /* gene LoF mechanism: 1, 0, -1 */
    const char *pop;        /* NULL: no source; "absent"; or "af=..,grpmax=..,faf=..,an=..,ac=..,hom=..,hemi=.." */
    const char *scores;     /* "revel=0.9,spliceai=0.3" */
    const char *moi;        /* validity MOI */
    const char *clnsig, *clnrevstat;
    const char *lab;
    int repeat;
    const char *key;        /* variant key, default 1-1000-A-G */
    /* expected */
    int points;
    const char *cls;
    const char *criteria;   /* labels, ',' joined, in evaluation order */
    const char *tier;       /* VUS sub-tier or NULL */
    const char *eff, *rule;
} tcase;

static const tcase cases[] = {
    /* missing evidence */
    { .name = "nothing known", .points = 0, .cls = "VUS", .criteria = "", .tier = "ice_cold", .eff = "VUS", .rule = "acmg" },
    { .name = "absent from gnomAD", .pop = "absent", .points = 1, .cls = "VUS", .criteria = "PM2_Supporting", .tier = "cold" },
    /* BA1: > 0.05 with AN >= 2000 */
    { .name = "BA1 above", .pop = "grpmax=0.0501,af=0.03,an=3000,ac=90", .points = 0, .cls = "B", .criteria = "BA1" },
    { .name = "BA1 at 0.05 is not above (BS1 instead)", .pop = "grpmax=0.05,an=3000,ac=150", .points = -4, .cls = "LB", .criteria = "BS1" },
    { .name = "BA1 with AN 1999", .pop = "grpmax=0.2,an=1999,ac=400", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "BA1 with AN 2000", .pop = "grpmax=0.2,an=2000,ac=400", .points = 0, .cls = "B", .criteria = "BA1" },
    { .name = "BA1 falls back to overall AF", .pop = "af=0.3,an=5000,ac=1500", .points = 0, .cls = "B", .criteria = "BA1" },
    { .name = "BA1 exception GJB2 GRCh37", .pop = "grpmax=0.08,an=50000,ac=4000", .key = "13-20763612-C-T", .points = -4, .cls = "LB", .criteria = "BS1" },
    { .name = "BA1 exception HFE GRCh38", .pop = "grpmax=0.08,an=50000,ac=4000", .key = "6-26092913-G-A", .points = -4, .cls = "LB", .criteria = "BS1" },
    /* BS1: FAF first, > 0.01 */
    { .name = "BS1 at 0.01 is not above", .pop = "faf=0.01,grpmax=0.011,an=100000,ac=1000", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "BS1 above", .pop = "faf=0.0101,an=100000,ac=1000", .points = -4, .cls = "LB", .criteria = "BS1" },
    { .name = "BS1 AN too low", .pop = "faf=0.02,an=1000,ac=20", .points = 0, .cls = "VUS", .criteria = "" },
    /* PM2_Supporting: absent or AF 0 */
    { .name = "PM2 AC 0 at a seen site", .pop = "af=0,an=100000,ac=0", .points = 1, .cls = "VUS", .criteria = "PM2_Supporting", .tier = "cold" },
    { .name = "PM2 not met with one allele", .pop = "af=0.00001,grpmax=0.00002,an=100000,ac=1", .points = 0, .cls = "VUS", .criteria = "" },
    /* BS2 by inheritance */
    { .name = "BS2 recessive 2 homozygotes", .pop = "af=0.001,an=100000,ac=100,hom=2", .moi = "Autosomal recessive", .points = -4, .cls = "LB", .criteria = "BS2" },
    { .name = "BS2 recessive 1 homozygote", .pop = "af=0.001,an=100000,ac=100,hom=1", .moi = "AR", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "BS2 dominant AC 5", .pop = "af=0.00005,an=100000,ac=5,hom=0", .moi = "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted", .points = -4, .cls = "LB", .criteria = "BS2" },
    { .name = "BS2 dominant AC 4", .pop = "af=0.00004,an=100000,ac=4,hom=0", .moi = "AD", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "BS2 X-linked 2 hemizygotes", .pop = "af=0.0001,an=100000,ac=10,hom=0,hemi=2", .moi = "X-LINKED: hemizygous mutation in males, biallelic mutations in females", .points = -4, .cls = "LB", .criteria = "BS2" },
    { .name = "BS2 both mono/biallelic uses homozygotes", .pop = "af=0.0001,an=100000,ac=10,hom=0", .moi = "BOTH monoallelic and biallelic, autosomal or pseudoautosomal", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "BS2 imprinted: heterozygotes do not count", .pop = "af=0.00005,an=100000,ac=5,hom=0", .moi = "MONOALLELIC, autosomal or pseudoautosomal, maternally imprinted (paternal allele expressed)", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "BS2 imprinted: 2 homozygotes", .pop = "af=0.001,an=100000,ac=100,hom=2", .moi = "MONOALLELIC, autosomal or pseudoautosomal, paternally imprinted (maternal allele expressed)", .points = -4, .cls = "LB", .criteria = "BS2" },
    { .name = "BS2 inheritance unknown", .pop = "af=0.001,an=100000,ac=100,hom=9", .points = 0, .cls = "VUS", .criteria = "" },
    /* PVS1 */
    { .name = "PVS1 nonsense, NMD", .csq = "stop_gained", .exon = 3, .n_exons = 10, .gene = "GENE1", .lof = 1, .pop = "absent", .points = 9, .cls = "LP", .criteria = "PM2_Supporting,PVS1" },
    { .name = "PVS1 frameshift alone", .csq = "frameshift_variant", .exon = 8, .n_exons = 10, .gene = "GENE1", .lof = 1, .points = 8, .cls = "LP", .criteria = "PVS1" },
    { .name = "PVS1 penultimate exon", .csq = "stop_gained", .exon = 9, .n_exons = 10, .gene = "GENE1", .lof = 1, .points = 4, .cls = "VUS", .criteria = "PVS1_Strong", .tier = "warm" },
    { .name = "PVS1 last exon removes 10%", .csq = "stop_gained", .exon = 10, .n_exons = 10, .ppos = 91, .plen = 100, .gene = "GENE1", .lof = 1, .points = 4, .cls = "VUS", .criteria = "PVS1_Strong" },
    { .name = "PVS1 last exon removes 9%", .csq = "stop_gained", .exon = 10, .n_exons = 10, .ppos = 92, .plen = 100, .gene = "GENE1", .lof = 1, .points = 2, .cls = "VUS", .criteria = "PVS1_Moderate" },
    { .name = "PVS1 last exon, length unknown", .csq = "frameshift_variant", .exon = 5, .n_exons = 5, .ppos = 92, .gene = "GENE1", .lof = 1, .points = 2, .cls = "VUS", .criteria = "PVS1_Moderate" },
    { .name = "PVS1 gene model: NMD in the penultimate exon (50-55 nt rule)", .csq = "stop_gained", .exon = 9, .n_exons = 10, .nmd = 1, .gene = "GENE1", .lof = 1, .points = 8, .cls = "LP", .criteria = "PVS1" },
    { .name = "PVS1 gene model: escapes NMD, removes 9%", .csq = "stop_gained", .exon = 8, .n_exons = 10, .nmd = 3, .ppos = 92, .plen = 100, .gene = "GENE1", .lof = 1, .points = 2, .cls = "VUS", .criteria = "PVS1_Moderate" },
    { .name = "PVS1 exon unknown", .csq = "stop_gained", .gene = "GENE1", .lof = 1, .points = 4, .cls = "VUS", .criteria = "PVS1_Strong" },
    { .name = "PVS1 canonical splice", .csq = "splice_donor_variant&intron_variant", .gene = "GENE1", .lof = 1, .scores = "spliceai=0.9", .points = 4, .cls = "VUS", .criteria = "PVS1_Strong" },
    { .name = "PVS1 start lost", .csq = "start_lost", .gene = "GENE1", .lof = 1, .points = 1, .cls = "VUS", .criteria = "PVS1_Supporting" },
    { .name = "PVS1 LoF mechanism unknown", .csq = "stop_gained", .exon = 3, .n_exons = 10, .gene = "GENE1", .lof = 0, .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "PVS1 LoF not a mechanism", .csq = "stop_gained", .exon = 3, .n_exons = 10, .gene = "GENE1", .lof = -1, .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "not LoF: splice PP3 on a nonsense variant", .csq = "stop_gained", .exon = 3, .n_exons = 10, .gene = "GENE1", .lof = 0, .scores = "spliceai=0.5", .points = 1, .cls = "VUS", .criteria = "PP3" },
    /* PP3/BP4 missense, REVEL (Pejaver 2022) */
    { .name = "REVEL 0.932 PP3_Strong", .csq = "missense_variant", .scores = "revel=0.932", .points = 4, .cls = "VUS", .criteria = "PP3_Strong", .tier = "warm" },
    { .name = "REVEL 0.931 PP3_Moderate", .csq = "missense_variant", .scores = "revel=0.931", .points = 2, .cls = "VUS", .criteria = "PP3_Moderate", .tier = "cool" },
    { .name = "REVEL 0.773 PP3_Moderate", .csq = "missense_variant", .scores = "revel=0.773", .points = 2, .cls = "VUS", .criteria = "PP3_Moderate" },
    { .name = "REVEL 0.772 PP3", .csq = "missense_variant", .scores = "revel=0.772", .points = 1, .cls = "VUS", .criteria = "PP3" },
    { .name = "REVEL 0.644 PP3", .csq = "missense_variant", .scores = "revel=0.644", .points = 1, .cls = "VUS", .criteria = "PP3" },
    { .name = "REVEL 0.643 indeterminate", .csq = "missense_variant", .scores = "revel=0.643", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "REVEL 0.291 indeterminate", .csq = "missense_variant", .scores = "revel=0.291", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "REVEL 0.290 BP4", .csq = "missense_variant", .scores = "revel=0.290", .points = -1, .cls = "LB", .criteria = "BP4" },
    { .name = "REVEL 0.183 BP4_Moderate", .csq = "missense_variant", .scores = "revel=0.183", .points = -2, .cls = "LB", .criteria = "BP4_Moderate" },
    { .name = "REVEL 0.016 BP4_Strong", .csq = "missense_variant", .scores = "revel=0.016", .points = -4, .cls = "LB", .criteria = "BP4_Strong" },
    { .name = "REVEL 0.0031 BP4_Strong", .csq = "missense_variant", .scores = "revel=0.0031", .points = -4, .cls = "LB", .criteria = "BP4_Strong" },
    { .name = "REVEL 0.003 BP4_VeryStrong", .csq = "missense_variant", .scores = "revel=0.003,spliceai=0.01", .points = -8, .cls = "B", .criteria = "BP4_VeryStrong" },
    { .name = "missense without REVEL", .csq = "missense_variant", .scores = "cadd=30", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "missense BP4 but SpliceAI splice effect -> PP3", .csq = "missense_variant", .scores = "revel=0.1,spliceai=0.5", .points = 1, .cls = "VUS", .criteria = "PP3" },
    { .name = "missense BP4 but SpliceAI indeterminate", .csq = "missense_variant", .scores = "revel=0.1,spliceai=0.15", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "missense PP3_Strong beats splice PP3", .csq = "missense_variant", .scores = "revel=0.95,spliceai=0.5", .points = 4, .cls = "VUS", .criteria = "PP3_Strong" },
    /* splicing: synonymous, intronic */
    { .name = "synonymous SpliceAI 0.1 BP7", .csq = "synonymous_variant", .scores = "spliceai=0.1", .points = -1, .cls = "LB", .criteria = "BP7" },
    { .name = "synonymous SpliceAI 0.11 indeterminate", .csq = "synonymous_variant", .scores = "spliceai=0.11", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "synonymous SpliceAI 0.2 PP3", .csq = "synonymous_variant", .scores = "spliceai=0.2", .points = 1, .cls = "VUS", .criteria = "PP3" },
    { .name = "synonymous SpliceAI 0.19 indeterminate", .csq = "synonymous_variant", .scores = "spliceai=0.19", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "synonymous without SpliceAI", .csq = "synonymous_variant", .points = 0, .cls = "VUS", .criteria = "" },
    { .name = "intronic +7 BP7", .csq = "intron_variant", .hgvsc = "ENST1.1:c.100+7A>G", .scores = "spliceai=0.02", .points = -1, .cls = "LB", .criteria = "BP7" },
    { .name = "intronic +6 BP4", .csq = "intron_variant", .hgvsc = "ENST1.1:c.100+6A>G", .scores = "spliceai=0.02", .points = -1, .cls = "LB", .criteria = "BP4" },
    { .name = "intronic -21 BP7", .csq = "intron_variant", .hgvsc = "c.101-21T>C", .scores = "spliceai=0.02", .points = -1, .cls = "LB", .criteria = "BP7" },
    { .name = "intronic -20 BP4", .csq = "splice_region_variant&intron_variant", .hgvsc = "c.101-20T>C", .scores = "spliceai=0.02", .points = -1, .cls = "LB", .criteria = "BP4" },
    /* PM4 / BP3 */
    { .name = "in-frame deletion PM4", .csq = "inframe_deletion", .points = 2, .cls = "VUS", .criteria = "PM4", .tier = "cool" },
    { .name = "in-frame deletion in repeat BP3", .csq = "inframe_deletion", .repeat = 1, .points = -1, .cls = "LB", .criteria = "BP3" },
    { .name = "stop lost PM4", .csq = "stop_lost", .repeat = 1, .points = 2, .cls = "VUS", .criteria = "PM4" },
    /* PS1 / PM5 from the residue table */
    { .name = "PS1 same change", .csq = "missense_variant", .gene = "GENE1", .ppos = 100, .aa = "R/H", .points = 5, .cls = "VUS", .criteria = "PS1,PP2", .tier = "hot" },
    { .name = "PM5 other change", .csq = "missense_variant", .gene = "GENE1", .ppos = 100, .aa = "Arg/Gly", .points = 3, .cls = "VUS", .criteria = "PM5,PP2", .tier = "tepid" },
    { .name = "PS1 reference below min stars", .csq = "missense_variant", .gene = "GENE1", .ppos = 200, .aa = "G/D", .points = 1, .cls = "VUS", .criteria = "PP2" },
    { .name = "PS1 reference only VUS", .csq = "missense_variant", .gene = "GENE1", .ppos = 300, .aa = "L/P", .points = 1, .cls = "VUS", .criteria = "PP2" },
    { .name = "PM5 expert panel, no PP2 gene", .csq = "missense_variant", .gene = "GENE2", .ppos = 50, .aa = "R/Q", .points = 2, .cls = "VUS", .criteria = "PM5" },
    { .name = "BP1 gene", .csq = "missense_variant", .gene = "GENE3", .ppos = 50, .aa = "R/Q", .points = -1, .cls = "LB", .criteria = "BP1" },
    /* combinations and conflicts */
    { .name = "missense: PS1 + PP3_Strong + PM2 = 9 LP", .csq = "missense_variant", .gene = "GENE2", .ppos = 50, .aa = "R/W", .pop = "absent", .scores = "revel=0.95", .points = 9, .cls = "LP", .criteria = "PM2_Supporting,PP3_Strong,PS1" },
    { .name = "PVS1 + PM4 skipped + PM2 = LP", .csq = "frameshift_variant&inframe_deletion", .exon = 2, .n_exons = 9, .gene = "GENE1", .lof = 1, .pop = "absent", .points = 9, .cls = "LP", .criteria = "PM2_Supporting,PVS1" },
    { .name = "PP3_Strong vs BS1: 0", .csq = "missense_variant", .pop = "faf=0.02,an=100000,ac=2000", .scores = "revel=0.95", .points = 0, .cls = "VUS", .criteria = "BS1,PP3_Strong", .tier = "ice_cold" },
    { .name = "BA1 wins over pathogenic evidence", .csq = "stop_gained", .exon = 2, .n_exons = 9, .gene = "GENE1", .lof = 1, .pop = "grpmax=0.1,an=100000,ac=10000", .points = 8, .cls = "B", .criteria = "BA1,PVS1" },
    { .name = "BS1 + BS2 = -8 B", .pop = "faf=0.02,an=100000,ac=2000,hom=30", .moi = "AR", .points = -8, .cls = "B", .criteria = "BS1,BS2" },
    { .name = "PVS1 + PM2 + PP3-free + BS2 conflict", .csq = "stop_gained", .exon = 2, .n_exons = 9, .gene = "GENE1", .lof = 1, .pop = "af=0.00001,an=100000,ac=1,hom=3", .moi = "AR", .points = 4, .cls = "VUS", .criteria = "BS2,PVS1", .tier = "warm" },
    /* effective class */
    { .name = "ClinVar P 2* decides", .clnsig = "Pathogenic", .clnrevstat = "criteria_provided,_multiple_submitters,_no_conflicts", .points = 0, .cls = "VUS", .criteria = "", .eff = "P", .rule = "clinvar>=2*" },
    { .name = "ClinVar P/LP 3* -> LP", .clnsig = "Pathogenic/Likely_pathogenic", .clnrevstat = "reviewed_by_expert_panel", .points = 0, .cls = "VUS", .criteria = "", .eff = "LP", .rule = "clinvar>=2*" },
    { .name = "ClinVar 1* does not decide", .clnsig = "Benign", .clnrevstat = "criteria_provided,_single_submitter", .points = 0, .cls = "VUS", .criteria = "", .eff = "VUS", .rule = "acmg" },
    { .name = "ClinVar conflict does not decide", .clnsig = "Conflicting_classifications_of_pathogenicity", .clnrevstat = "criteria_provided,_multiple_submitters,_no_conflicts", .points = 0, .cls = "VUS", .criteria = "", .eff = "VUS", .rule = "acmg" },
    { .name = "lab class decides first", .lab = "Likely benign", .clnsig = "Pathogenic", .clnrevstat = "practice_guideline", .points = 0, .cls = "VUS", .criteria = "", .eff = "LB", .rule = "lab" },
    /* no consequence annotation: consequence criteria not applied */
    { .name = "no CSQ: only frequency", .pop = "absent", .scores = "revel=0.99,spliceai=0.9", .points = 1, .cls = "VUS", .criteria = "PM2_Supporting" },
};

static int parse_kv(const char *s, const char *key, double *v)
{
    size_t n = strlen(key);
    for (const char *p = s; p && *p; ) {
        if (strncmp(p, key, n) == 0 && p[n] == '=') { *v = atof(p + n + 1); return 1; }
        p = strchr(p, ',');
        if (p) p++;
    }
    return 0;
}

static rv_str S(const char *s) { rv_str r = { s, s ? strlen(s) : 0 }; return r; }

static char key_buf[64];

static void build(const tcase *t, rv_evidence *ev)
{
    rv_varkey k;
    snprintf(key_buf, sizeof key_buf, "%s", t->key ? t->key : "1-1000-A-G");
    rv_varkey_parse(key_buf, &k);
    rv_evidence_init(ev, &k);
    if (t->csq) {
        ev->has_csq = 1;
        ev->csq_source = S("CSQ");
        ev->consequence = S(t->csq);
        ev->gene = S(t->gene ? t->gene : "GENEX");
        ev->exon = t->exon;
        ev->n_exons = t->n_exons;
        ev->protein_pos = t->ppos;
        ev->protein_len = t->plen;
        ev->nmd = t->nmd;
        if (t->hgvsc) ev->hgvsc = S(t->hgvsc);
        if (t->aa) {
            const char *slash = strchr(t->aa, '/');
            ev->aa_ref.s = t->aa; ev->aa_ref.n = (size_t)(slash - t->aa);
            ev->aa_alt = S(slash + 1);
        }
    }
    ev->lof_mechanism = t->lof;
    ev->in_repeat = t->repeat;
    if (t->pop) {
        ev->pop_src.source = "gnomad";
        ev->pop_src.version = "4.1";
        if (strcmp(t->pop, "absent") != 0) {
            double v;
            ev->has_pop = 1;
            if (parse_kv(t->pop, "af", &v)) ev->af = v;
            if (parse_kv(t->pop, "grpmax", &v)) ev->af_grpmax = v;
            if (parse_kv(t->pop, "faf", &v)) ev->faf95 = v;
            if (parse_kv(t->pop, "an", &v)) ev->an = (int64_t)v;
            if (parse_kv(t->pop, "ac", &v)) ev->ac = (int64_t)v;
            if (parse_kv(t->pop, "hom", &v)) ev->nhomalt = (int64_t)v;
            if (parse_kv(t->pop, "hemi", &v)) ev->nhemi = (int64_t)v;
        }
    }
    if (t->scores) {
        static const char *names[] = { "revel", "spliceai", "cadd" };
        for (int i = 0; i < 3; i++) {
            double v;
            if (!parse_kv(t->scores, names[i], &v)) continue;
            ev->scores[ev->n_scores].name = names[i];
            ev->scores[ev->n_scores].value = v;
            ev->scores[ev->n_scores].src.source = names[i];
            ev->scores[ev->n_scores].src.version = "test";
            ev->n_scores++;
        }
    }
    if (t->moi) { ev->has_validity = 1; ev->validity_moi = S(t->moi); ev->validity_src.source = "clingen"; }
    if (t->clnsig) {
        ev->has_clinvar = 1;
        ev->clnsig = S(t->clnsig);
        ev->clnrevstat = S(t->clnrevstat);
    }
    if (t->lab) { ev->has_lab = 1; ev->lab_class = S(t->lab); }
}

static void labels(const rv_classifier *c, const rv_classification *r, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int i = 0; i < r->n_criteria; i++) {
        char l[48];
        rv_criterion_label(c, &r->criteria[i], l, sizeof l);
        if (i) strncat(buf, ",", n - strlen(buf) - 1);
        strncat(buf, l, n - strlen(buf) - 1);
    }
}

/* Write a rules file: pipeline/acmg.json with edits, data files made absolute. */
static char *rules_variant(const char *edit_path, const char *json_value)
{
    FILE *f = fopen(RULES, "r");
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *root = cJSON_Parse(text);
    char cwd[512], buf[700];
    if (!getcwd(cwd, sizeof cwd)) return NULL;
    snprintf(buf, sizeof buf, "%s/pipeline/ba1_exceptions.tsv", cwd);
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(root, "BA1"), "exceptions", cJSON_CreateString(buf));
    snprintf(buf, sizeof buf, "%s/test-data/classify/pp2_genes.txt", cwd);
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(root, "PP2_BP1"), "pp2_genes", cJSON_CreateString(buf));
    snprintf(buf, sizeof buf, "%s/test-data/classify/bp1_genes.txt", cwd);
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(root, "PP2_BP1"), "bp1_genes", cJSON_CreateString(buf));
    if (edit_path) {   /* "a.b.c" (object keys, or [i] for array items); NULL value deletes */
        char p[256];
        snprintf(p, sizeof p, "%s", edit_path);
        cJSON *node = root;
        char *save, *tok = strtok_r(p, ".", &save), *next;
        for (; (next = strtok_r(NULL, ".", &save)); tok = next)
            node = tok[0] == '[' ? cJSON_GetArrayItem(node, atoi(tok + 1)) : cJSON_GetObjectItem(node, tok);
        if (!json_value) cJSON_DeleteItemFromObject(node, tok);
        else if (cJSON_HasObjectItem(node, tok))
            cJSON_ReplaceItemInObject(node, tok, cJSON_Parse(json_value));
        else cJSON_AddItemToObject(node, tok, cJSON_Parse(json_value));
    }
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    static char path[64];
    snprintf(path, sizeof path, "/tmp/revus_test_rules_%d.json", (int)getpid());
    f = fopen(path, "w");
    fputs(out, f);
    fclose(f);
    free(out);
    return path;
}

static void expect_load_error(const char *edit, const char *value, const char *want)
{
    char *path = rules_variant(edit, value);
    rv_classifier *c = NULL;
    rv_err err;
    rv_err_clear(&err);
    TEST_CASE(want);
    CHECK_INT(rv_classifier_open(path, &c, &err), RV_EINPUT);
    CHECK(c == NULL);
    if (!strstr(err.msg, want)) fprintf(stderr, "  message was: %s\n", err.msg);
    CHECK(strstr(err.msg, want) != NULL);
    unlink(path);
}

/* Reference for the tests: Richards et al. 2015, Table 5, as written (docs/domain.md, section 1). Contradictory evidence
 * (pathogenic and benign rules both met) is VUS. */
static int rv_richards_combine(int pvs, int ps, int pm, int pp, int ba, int bs, int bp)
{
    int path = (pvs >= 1 && (ps >= 1 || pm >= 2 || (pm >= 1 && pp >= 1) || pp >= 2))
            || ps >= 2
            || (ps == 1 && (pm >= 3 || (pm == 2 && pp >= 2) || (pm == 1 && pp >= 4)));
    int lpath = (pvs >= 1 && pm == 1)
             || (ps == 1 && (pm == 1 || pm == 2))
             || (ps == 1 && pp >= 2)
             || pm >= 3 || (pm == 2 && pp >= 2) || (pm == 1 && pp >= 4);
    int ben = ba >= 1 || bs >= 2;
    int lben = (bs == 1 && bp >= 1) || bp >= 2;
    int p_side = path || lpath, b_side = ben || lben;
    if (p_side && b_side) return RV_CLASS_VUS;
    if (path) return RV_CLASS_P;
    if (lpath) return RV_CLASS_LP;
    if (ben) return RV_CLASS_B;
    if (lben) return RV_CLASS_LB;
    return RV_CLASS_VUS;
}

/* Count met criteria per Richards category (strength as applied). */
static int richards_of(const rv_classification *r)
{
    int pvs = 0, ps = 0, pm = 0, pp = 0, ba = 0, bs = 0, bp = 0;
    for (int i = 0; i < r->n_criteria; i++) {
        const rv_criterion *k = &r->criteria[i];
        int benign = k->code[0] == 'B';
        switch (k->strength) {
        case RV_STR_STANDALONE: ba++; break;
        case RV_STR_VERYSTRONG: if (benign) bs++; else pvs++; break;
        case RV_STR_STRONG: if (benign) bs++; else ps++; break;
        case RV_STR_MODERATE: if (benign) bp++; else pm++; break;
        default: if (benign) bp++; else pp++; break;
        }
    }
    return rv_richards_combine(pvs, ps, pm, pp, ba, bs, bp);
}

int main(void)
{
    rv_err err;
    rv_classifier *c = NULL;
    char *path = rules_variant(NULL, NULL);

    TEST_CASE("shipped rules load");
    rv_classifier *shipped = NULL;
    CHECK_INT(rv_classifier_open(RULES, &shipped, &err), 0);
    if (shipped) CHECK_STR(rv_classifier_rules_version(shipped), "revus-acmg-3");
    TEST_CASE("test rules load");
    CHECK_INT(rv_classifier_open(path, &c, &err), 0);
    unlink(path);
    if (!c || !shipped) { fprintf(stderr, "%s\n", err.msg); return TEST_REPORT(); }

    rv_residue_table *res = NULL;
    TEST_CASE("residue table loads");
    CHECK_INT(rv_residue_table_load("test-data/classify/residues.tsv", "clinvar@test", &res, &err), 0);
    rv_classifier_set_residues(c, rv_residue_table_lookup, res);

    rv_evidence ev;
    rv_classification r;
    char got[256];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const tcase *t = &cases[i];
        TEST_CASE(t->name);
        build(t, &ev);
        rv_err_clear(&err);
        CHECK_INT(rv_classify(c, &ev, &r, &err), 0);
        CHECK_INT(r.points, t->points);
        CHECK_STR(rv_class_name(r.acmg_class), t->cls);
        labels(c, &r, got, sizeof got);
        CHECK_STR(got, t->criteria);
        if (t->tier) CHECK_STR(r.vus_tier_name ? r.vus_tier_name : "(none)", t->tier);
        if (r.acmg_class != RV_CLASS_VUS) CHECK(r.vus_tier_name == NULL);
        CHECK_STR(rv_class_name(r.effective_class), t->eff ? t->eff : t->cls);
        CHECK_STR(r.rule_text, t->rule ? t->rule : "acmg");
    }

    TEST_CASE("not-evaluated notes say why");
    build(&(tcase){ .pop = NULL }, &ev);
    rv_classify(c, &ev, &r, &err);
    CHECK_INT(r.n_notes, 2);
    CHECK(strstr(r.notes[0], "no population-frequency source") != NULL);
    CHECK(strstr(r.notes[1], "no consequence annotation") != NULL);
    build(&(tcase){ .csq = "stop_gained", .exon = 2, .n_exons = 5, .lof = 0, .gene = "GENE1" }, &ev);
    rv_classify(c, &ev, &r, &err);
    CHECK(strstr(r.notes[1], "PVS1: not evaluated: no loss-of-function mechanism source") != NULL);
    ev.lof_sources = 1;           /* a source is active but does not list the gene */
    rv_classify(c, &ev, &r, &err);
    CHECK(strstr(r.notes[1], "PVS1: not evaluated: loss-of-function mechanism of GENE1 unknown") != NULL);
    ev.hi_score = (rv_str){ "1", 1 };   /* a ClinGen dosage source lists it with little evidence */
    ev.dosage_src = (rv_provenance){ "clingen-dosage-grch38", "2023-11-21" };
    rv_classify(c, &ev, &r, &err);
    CHECK(strstr(r.notes[1], "PVS1: not evaluated: GENE1 haploinsufficiency score 1 (clingen-dosage-grch38 2023-11-21)") != NULL);
    ev.hi_score = (rv_str){ "3", 1 };   /* sufficient evidence: PVS1, naming the dosage source */
    rv_classify(c, &ev, &r, &err);
    CHECK(r.n_criteria == 1 && strcmp(r.criteria[0].code, "PVS1") == 0 && strstr(r.criteria[0].source, "+clingen-dosage-grch38@2023-11-21"));

    TEST_CASE("declared population source: absent site is PM2, named by the source");
    build(&(tcase){ .csq = "missense_variant" }, &ev);
    rv_classifier_set_population_source(c, "gnomad-v4-joint", "4.1");
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PM2_Supporting");
    CHECK_STR(r.criteria[0].source, "gnomad-v4-joint@4.1");
    rv_classifier_set_population_source(c, NULL, NULL);
    rv_classify(c, &ev, &r, &err);
    CHECK_INT(r.n_criteria, 0);

    TEST_CASE("coverage: outside the population source's coverage no frequency criterion, even when declared");
    build(&(tcase){ .csq = "missense_variant" }, &ev);
    ev.key.contig = 1;
    ev.pop_gap.source = "gnomad-v4-joint"; ev.pop_gap.version = "4.1";
    rv_classifier_set_population_source(c, "gnomad-v4-joint", "4.1");
    rv_classify(c, &ev, &r, &err);
    CHECK_INT(r.n_criteria, 0);
    CHECK_STR(r.notes[0], "BA1,BS1,BS2,PM2: not evaluated: chr2 not covered by gnomad-v4-joint 4.1");
    ev.pop_gap_partial = 1;
    ev.key.pos = 1234;
    rv_classify(c, &ev, &r, &err);
    CHECK_STR(r.notes[0], "BA1,BS1,BS2,PM2: not evaluated: chr2:1234 not covered by gnomad-v4-joint 4.1");
    ev.pop_src.source = "local-af"; ev.pop_src.version = "2";   /* another source covers it: absent there */
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PM2_Supporting");
    CHECK_STR(r.criteria[0].source, "local-af@2");
    rv_classifier_set_population_source(c, NULL, NULL);

    TEST_CASE("several population sources: BA1/BS1 from any covering source, PM2 only when absent from all");
    {
        struct rv_pop gn = { 1, 0.0001, 0.0002, NAN, 150000, 15, 0, 0, { "gnomad-v4-joint", "4.1" } };
        struct rv_pop local = { 1, 0.08, NAN, NAN, 4000, 320, 10, 0, { "national-af", "2" } };
        build(&(tcase){ .csq = "missense_variant" }, &ev);
        ev.has_pop = 1; ev.af = gn.af; ev.an = gn.an; ev.pop_src = gn.src;   /* the first record */
        ev.n_pops = 2; ev.pops[0] = gn; ev.pops[1] = local;
        rv_classify(c, &ev, &r, &err);
        labels(c, &r, got, sizeof got);
        CHECK_STR(got, "BA1");                             /* gnomAD alone would say nothing */
        CHECK_STR(r.criteria[0].source, "national-af@2");  /* the trail names the deciding source */
        ev.pops[1].af = 0.02;
        rv_classify(c, &ev, &r, &err);
        labels(c, &r, got, sizeof got);
        CHECK_STR(got, "BS1");
        CHECK_STR(r.criteria[0].source, "national-af@2");
        ev.pops[0].has = 0; ev.pops[1].has = 0; ev.has_pop = 0;
        rv_classify(c, &ev, &r, &err);
        labels(c, &r, got, sizeof got);
        CHECK_STR(got, "PM2_Supporting");
        CHECK_STR(r.criteria[0].source, "gnomad-v4-joint@4.1+national-af@2");
        CHECK_STR(r.criteria[0].value, "absent");
        ev.pops[1].has = 1; ev.pops[1].af = 0.003;         /* seen in one of them: no PM2 */
        rv_classify(c, &ev, &r, &err);
        CHECK_INT(r.n_criteria, 0);
        ev.pops[1].af = 0; ev.pops[1].ac = 0;              /* AC 0 there, absent here: PM2 */
        rv_classify(c, &ev, &r, &err);
        labels(c, &r, got, sizeof got);
        CHECK_STR(got, "PM2_Supporting");
        CHECK_STR(r.criteria[0].value, "AC=0");
    }

    TEST_CASE("protein changes as ClinVar names them (residue table from the release)");
    {
        char a1, a2;
        int pos = 0;
        const char *n1 = "NM_000492.4(CFTR):c.350G>A (p.Arg117His)";
        CHECK_INT(rv_protein_change_parse(n1, strlen(n1), &a1, &pos, &a2), 1);
        CHECK_INT(pos, 117); CHECK_INT(a1, 'R'); CHECK_INT(a2, 'H');
        CHECK_INT(rv_protein_change_parse("p.R117H", 7, &a1, &pos, &a2), 1);
        CHECK_INT(rv_protein_change_parse("NP_000483.3:p.Gly551Asp", 23, &a1, &pos, &a2), 1);
        CHECK_INT(pos, 551);
        CHECK_INT(rv_protein_change_parse("p.Phe508del", 11, &a1, &pos, &a2), 0);
        CHECK_INT(rv_protein_change_parse("p.Gln39Ter", 10, &a1, &pos, &a2), 1);   /* a stop: listed, never PS1/PM5 for missense */
        CHECK_INT(rv_protein_change_parse("p.Leu40=", 8, &a1, &pos, &a2), 0);
        CHECK_INT(rv_protein_change_parse("p.Arg117fs", 10, &a1, &pos, &a2), 0);
        CHECK_INT(rv_protein_change_parse("c.350G>A", 8, &a1, &pos, &a2), 0);
    }

    TEST_CASE("score names: a source named revel-grch38 counts as revel, revelation does not");
    build(&(tcase){ .csq = "missense_variant" }, &ev);
    ev.n_scores = 1;
    ev.scores[0].name = "revelation";
    ev.scores[0].value = 0.99;
    rv_classify(c, &ev, &r, &err);
    CHECK_INT(r.n_criteria, 0);
    ev.scores[0].name = "revel-grch38";
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PP3_Strong");

    TEST_CASE("BA1 exception only on its own build");
    tcase ex = { .pop = "grpmax=0.08,an=50000,ac=4000", .key = "13-20763612-C-T" };
    build(&ex, &ev);
    rv_classifier_set_build(c, RV_BUILD_GRCH38);     /* the GRCh37 coordinates are not GJB2 on 38 */
    rv_classify(c, &ev, &r, &err);
    CHECK_STR(rv_class_name(r.acmg_class), "B");
    rv_classifier_set_build(c, RV_BUILD_GRCH37);
    rv_classify(c, &ev, &r, &err);
    CHECK_STR(rv_class_name(r.acmg_class), "LB");
    rv_classifier_set_build(c, RV_BUILD_UNKNOWN);

    TEST_CASE("criterion trail: value and source@version");
    build(&(tcase){ .csq = "missense_variant", .scores = "revel=0.95", .pop = "absent" }, &ev);
    rv_classify(c, &ev, &r, &err);
    CHECK_INT(r.n_criteria, 2);
    CHECK_STR(r.criteria[0].source, "gnomad@4.1");
    CHECK_STR(r.criteria[1].value, "REVEL=0.95");
    CHECK_STR(r.criteria[1].source, "revel@test");

    TEST_CASE("INFO tags");
    kstring_t ks = { 0, 0, NULL };
    build(&(tcase){ .csq = "missense_variant", .scores = "revel=0.95", .pop = "absent",
                    .clnsig = "Pathogenic", .clnrevstat = "criteria_provided,_single_submitter" }, &ev);
    rv_classify(c, &ev, &r, &err);
    rv_classification_info(c, &r, &ks);
    CHECK_STR(ks.s, "RV_CLASS=VUS;RV_POINTS=5;RV_VUS_TIER=hot;"
                    "RV_CRITERIA=PM2_Supporting|1|absent|gnomad@4.1,PP3_Strong|4|REVEL:0.95|revel@test;"
                    "RV_NOT_EVALUATED=PS1/PM5:_not_evaluated:_protein_change_unknown;"
                    "RV_CLINVAR_TIER=P/LP;RV_STARS=1;RV_EFFECTIVE=VUS;RV_RULE=acmg");
    ks.l = 0;
    rv_classification_criteria_str(c, &r, &ks);
    cJSON *js = cJSON_Parse(ks.s);
    CHECK(js != NULL);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(js, "class")), "VUS");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(js, "criteria")), 2);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(js, "criteria"), 1), "label")), "PP3_Strong");
    CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(js, "clinvar"), "stars")->valueint, 1);
    cJSON_Delete(js);
    free(ks.s);

    TEST_CASE("state call from a classification");
    {
        tcase tc = { .csq = "missense_variant", .gene = "GENE1", .scores = "revel=0.95",
                     .pop = "af=0.00001,an=100000,ac=1", .clnsig = "Pathogenic",
                     .clnrevstat = "reviewed_by_expert_panel" };
        build(&tc, &ev);
        ev.variation_id = 12345;
        ev.clinvar_src.source = "clinvar-grch38";
        ev.clinvar_src.version = "2024-11-11";
        rv_classify(c, &ev, &r, &err);
        rv_call call;
        rv_call_init(&call);
        CHECK_INT(rv_call_from_classification(&call, c, &ev, &r), 0);
        CHECK_STR(call.variant, "1-1000-A-G");
        CHECK_STR(call.gene, "GENE1");
        CHECK_STR(call.consequence, "missense_variant");
        CHECK_STR(call.cls, "VUS");
        CHECK_INT(call.points, 5);   /* PP3_Strong + PP2 */
        CHECK_STR(call.vus_tier, "hot");
        CHECK(call.criteria && strstr(call.criteria, "\"label\":\"PP3_Strong\"") != NULL);
        CHECK_STR(call.effective_class, "P");
        CHECK_STR(call.deciding_rule, "clinvar>=2*");
        CHECK_STR(call.clinvar_tier, "P/LP");
        CHECK_STR(call.clinvar_sig, "Pathogenic");
        CHECK_INT(call.clinvar_stars, 3);
        CHECK_INT(call.clinvar_id, 12345);
        CHECK_STR(call.clinvar_version, "2024-11-11");
        CHECK_INT(call.has_af, 1);
        CHECK_STR(call.pop_source, "gnomad");

        TEST_CASE("criteria labels read back from the stored JSON");
        char lab[RV_CRITERIA_LABELS], small[12];
        CHECK_STR(rv_criteria_labels(call.criteria, lab, sizeof lab), "PP3_Strong,PP2");
        CHECK_STR(rv_criteria_labels(call.criteria, small, sizeof small), "PP3_Strong");   /* whole labels */
        CHECK_STR(rv_criteria_labels("PVS1,PM2_Supporting", lab, sizeof lab), "PVS1,PM2_Supporting");  /* older rows */
        CHECK(rv_criteria_labels(NULL, lab, sizeof lab) == NULL);
        CHECK(rv_criteria_labels("", lab, sizeof lab) == NULL);
        CHECK(rv_criteria_labels("{\"class\":\"VUS\",\"criteria\":[]}", lab, sizeof lab) == NULL);
        rv_call_free(&call);

        TEST_CASE("call from a classification: gene without a consequence, ClinVar unread");
        rv_evidence e2;
        rv_varkey k2 = { 1, 2000, "C", "T", 1, 1 };
        rv_evidence_init(&e2, &k2);
        e2.gene = (rv_str){ "BRCA1", 5 };      /* from a gene-regions source or ClinVar */
        e2.has_pop = 1;
        e2.af = NAN;                           /* a population record without an AF */
        e2.pop_src.source = "gnomad";
        e2.pop_src.version = "4.1";
        rv_classification r2;
        CHECK_INT(rv_classify(c, &e2, &r2, &err), 0);
        rv_call_init(&call);
        CHECK_INT(rv_call_from_classification(&call, c, &e2, &r2), 0);
        CHECK_STR(call.gene, "BRCA1");
        CHECK(call.consequence == NULL);
        CHECK_INT(call.has_af, 0);
        CHECK_STR(call.pop_version, "4.1");
        CHECK_INT(call.clinvar_stars, -1);
        CHECK(call.clinvar_tier == NULL);
        CHECK_STR(call.deciding_rule, "acmg");
        rv_call_free(&call);
        rv_varkey alt = { RV_CONTIG_OTHER, 5, "A", "G", 1, 1 };   /* no key: refused, nothing stored */
        rv_evidence_init(&e2, &alt);
        rv_call_init(&call);
        CHECK_INT(rv_call_from_classification(&call, c, &e2, &r2), RV_EINPUT);
        rv_call_free(&call);
    }

    TEST_CASE("INFO header lines");
    bcf_hdr_t *h = bcf_hdr_init("w");
    CHECK_INT(rv_classification_hdr(h, &err), 0);
    CHECK_INT(rv_classification_hdr(h, &err), 0);     /* idempotent */
    CHECK(bcf_hdr_id2int(h, BCF_DT_ID, "RV_CRITERIA") >= 0);
    CHECK(bcf_hdr_id2int(h, BCF_DT_ID, "RV_RULE") >= 0);
    CHECK_INT(bcf_hdr_append(h, "##contig=<ID=1,length=249250621>"), 0);
    CHECK_INT(bcf_hdr_sync(h), 0);
    {
        bcf1_t *b = bcf_init();
        b->rid = 0; b->pos = 999;
        CHECK_INT(bcf_update_alleles_str(h, b, "A,G"), 0);
        CHECK_INT(rv_classification_bcf(c, &r, h, b, &err), 0);
        kstring_t line = { 0, 0, NULL };
        CHECK_INT(vcf_format(h, b, &line), 0);
        kstring_t want = { 0, 0, NULL };
        rv_classification_info(c, &r, &want);     /* the text tags, same order */
        CHECK(strstr(line.s, want.s) != NULL);
        CHECK(strstr(line.s, "RV_POINTS=5;") != NULL);
        free(line.s);
        free(want.s);
        bcf_destroy(b);
    }
    bcf_hdr_destroy(h);

    TEST_CASE("unknown ClinVar term fails loudly, rest still filled");
    build(&(tcase){ .pop = "absent", .clnsig = "Almost_pathogenic", .clnrevstat = "practice_guideline" }, &ev);
    CHECK_INT(rv_classify(c, &ev, &r, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "Almost_pathogenic") != NULL);
    CHECK_INT(r.points, 1);
    CHECK_INT(r.has_clinvar, 0);
    build(&(tcase){ .lab = "probably fine" }, &ev);
    CHECK_INT(rv_classify(c, &ev, &r, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "probably fine") != NULL);
    CHECK_STR(r.rule_text, "acmg");

    TEST_CASE("class names parse");
    CHECK_INT(rv_class_parse("Likely_pathogenic", 17), RV_CLASS_LP);
    CHECK_INT(rv_class_parse(" vus ", 5), RV_CLASS_VUS);
    CHECK_INT(rv_class_parse("Class 5", 7), RV_CLASS_P);
    CHECK_INT(rv_class_parse("Pathogenicish", 13), 0);

    /* Richards 2015 vs points (docs/domain.md, section 1): the two combinations that differ */
    TEST_CASE("Richards: PVS1 + 1 PM is LP, points make it P");
    rv_classifier_close(c);
    path = rules_variant("PM2.strength", "\"Moderate\"");
    CHECK_INT(rv_classifier_open(path, &c, &err), 0);
    unlink(path);
    build(&(tcase){ .csq = "stop_gained", .exon = 2, .n_exons = 9, .gene = "GENE1", .lof = 1, .pop = "absent" }, &ev);
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PM2,PVS1");
    CHECK_INT(r.points, 10);
    CHECK_STR(rv_class_name(r.acmg_class), "P");
    CHECK_STR(rv_class_name(richards_of(&r)), "LP");
    rv_classifier_set_residues(c, rv_residue_table_lookup, res);

    TEST_CASE("Richards: 2 PS is P, points make it LP");
    build(&(tcase){ .csq = "missense_variant", .gene = "GENE2", .ppos = 50, .aa = "R/W", .scores = "revel=0.95" }, &ev);
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PP3_Strong,PS1");
    CHECK_INT(r.points, 8);
    CHECK_STR(rv_class_name(r.acmg_class), "LP");
    CHECK_STR(rv_class_name(richards_of(&r)), "P");

    TEST_CASE("Richards: PVS1 + PM2_Supporting is VUS, points make it LP (docs section 3)");
    CHECK_INT(rv_richards_combine(1, 0, 0, 1, 0, 0, 0), RV_CLASS_VUS);   /* 8 + 1 = 9 points: LP */

    TEST_CASE("Richards and points agree elsewhere");
    CHECK_INT(rv_richards_combine(1, 1, 0, 0, 0, 0, 0), RV_CLASS_P);     /* 12 points */
    CHECK_INT(rv_richards_combine(0, 1, 2, 0, 0, 0, 0), RV_CLASS_LP);    /* 8 */
    CHECK_INT(rv_richards_combine(0, 0, 3, 0, 0, 0, 0), RV_CLASS_LP);    /* 6 */
    CHECK_INT(rv_richards_combine(0, 1, 1, 0, 0, 0, 0), RV_CLASS_LP);    /* 6 */
    CHECK_INT(rv_richards_combine(0, 0, 1, 4, 0, 0, 0), RV_CLASS_LP);    /* 6 */
    CHECK_INT(rv_richards_combine(0, 1, 0, 2, 0, 0, 0), RV_CLASS_LP);    /* 6 */
    CHECK_INT(rv_richards_combine(0, 0, 0, 0, 1, 0, 0), RV_CLASS_B);
    CHECK_INT(rv_richards_combine(0, 0, 0, 0, 0, 2, 0), RV_CLASS_B);     /* -8 */
    CHECK_INT(rv_richards_combine(0, 0, 0, 0, 0, 1, 1), RV_CLASS_LB);    /* -5 */
    CHECK_INT(rv_richards_combine(0, 0, 0, 0, 0, 0, 2), RV_CLASS_LB);    /* -2 */
    CHECK_INT(rv_richards_combine(0, 0, 2, 0, 0, 0, 0), RV_CLASS_VUS);   /* 4 */
    CHECK_INT(rv_richards_combine(1, 0, 0, 0, 0, 0, 0), RV_CLASS_VUS);   /* 8: points LP */
    CHECK_INT(rv_richards_combine(0, 1, 2, 0, 0, 0, 2), RV_CLASS_VUS);   /* contradictory */

    rv_classifier_close(c);
    c = NULL;

    /* rules validation: unknown key, wrong type, inconsistent cut-offs, with JSON path */
    expect_load_error("BA1.af_threshold", "0.05", "BA1.af_threshold: unknown key");
    expect_load_error("BA1.af_gt", "\"0.05\"", "BA1.af_gt: expected number, found a string");
    expect_load_error("BA1.min_an", "2000.5", "BA1.min_an: expected a non-negative integer");
    expect_load_error("classes.likely_pathogenic_min", "11", "classes.pathogenic_min: must be above likely_pathogenic_min");
    expect_load_error("classes.likely_benign_max", "-8", "classes.likely_benign_max: must be above benign_max");
    expect_load_error("classes.likely_pathogenic_min", "0", "classes.likely_pathogenic_min: leaves no VUS range");
    expect_load_error("points.Strong", "9", "points.VeryStrong: points must be positive and grow with strength");
    expect_load_error("vus_tiers.[1].min", "6", "vus_tiers[1].min: tiers must go from hottest to coldest");
    expect_load_error("vus_tiers.[0].min", "6", "vus_tiers[0].min: outside the VUS points range");
    expect_load_error("pp3_bp4.predictor", "\"SIFT\"", "pp3_bp4.predictor: names no entry of predictors");
    expect_load_error("pp3_bp4.predictors.REVEL.pp3.[1].min", "0.95", "pp3_bp4.predictors.REVEL.pp3[1].min: thresholds must move");
    expect_load_error("pp3_bp4.predictors.REVEL.bp4.[3].max", "0.7", "pp3_bp4.predictors.REVEL: BP4 and PP3 ranges overlap");
    expect_load_error("pp3_bp4.predictors.CADD.pp3.[0].strength", "\"Huge\"", "pp3_bp4.predictors.CADD.pp3[0].strength: expected Supporting");
    expect_load_error("BS1.af_gt", "0.1", "BS1.af_gt: must not exceed BA1.af_gt");
    expect_load_error("PM2.af_le", "0.02", "PM2.af_le: must be below BS1.af_gt");
    expect_load_error("splice.bp4_max", "0.3", "splice.bp4_max: must be below pp3_min");
    expect_load_error("PVS1.require_lof_mechanism", "1", "PVS1.require_lof_mechanism: expected true or false");
    expect_load_error("PVS1.null_nmd", NULL, "PVS1.null_nmd: missing");
    expect_load_error("effective_class.order", "[\"acmg\",\"lab\"]", "effective_class.order: acmg must be last");
    expect_load_error("effective_class.clinvar_class.Conflicting", "\"VUS\"", "effective_class.clinvar_class.Conflicting: unknown key");
    expect_load_error("gene_overrides", "[{\"gene\":\"G\",\"BS1_af_gt\":0.001,\"PM2_af_le\":0.01}]", "gene_overrides[0].PM2_af_le: must be below BS1_af_gt");
    expect_load_error("consequences.missense", "\"missense_variant\"", "consequences.missense: expected an array of strings");
    expect_load_error("extra", "1", "extra: unknown key");

    TEST_CASE("rules file not JSON / missing");
    CHECK_INT(rv_classifier_open("test-data/classify/PROVENANCE.md", &c, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "PROVENANCE.md:1: not valid JSON") != NULL);
    CHECK_INT(rv_classifier_open("no/such/acmg.json", &c, &err), RV_ENOTFOUND);
    CHECK(strstr(err.msg, "no/such/acmg.json: cannot open") != NULL);

    TEST_CASE("gene override changes BS1 and PM2");
    path = rules_variant("gene_overrides", "[{\"gene\":\"GENE9\",\"BS1_af_gt\":0.0001,\"PM2_af_le\":0.00001}]");
    CHECK_INT(rv_classifier_open(path, &c, &err), 0);
    unlink(path);
    build(&(tcase){ .csq = "intron_variant", .gene = "GENE9", .pop = "faf=0.0002,an=100000,ac=20" }, &ev);
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "BS1");
    build(&(tcase){ .csq = "intron_variant", .gene = "GENE9", .pop = "af=0.000008,an=250000,ac=2" }, &ev);
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PM2_Supporting");
    rv_classifier_close(c);

    TEST_CASE("predictor switch: CADD");
    path = rules_variant("pp3_bp4.predictor", "\"CADD\"");
    CHECK_INT(rv_classifier_open(path, &c, &err), 0);
    unlink(path);
    build(&(tcase){ .csq = "missense_variant", .scores = "revel=0.99,cadd=28.1" }, &ev);
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "PP3_Moderate");
    build(&(tcase){ .csq = "missense_variant", .scores = "cadd=0.15,spliceai=0" }, &ev);
    rv_classify(c, &ev, &r, &err);
    labels(c, &r, got, sizeof got);
    CHECK_STR(got, "BP4_Strong");
    rv_classifier_close(c);

    TEST_CASE("PS1/PM5 grades: LP comparators one level lower, several changes, splice-region comparators");
    {
        rv_residue_table *g3 = rv_residue_table_new();
        uint32_t mis = 1u << RV_SO_MISSENSE, spl = mis | 1u << RV_SO_SPLICE_REGION;
        const struct { int pos; char ref, alt; int cls; uint32_t terms; } rows[] = {
            { 10, 'R', 'H', RV_CV_CLASS_P, mis }, { 10, 'R', 'C', RV_CV_CLASS_LP, mis }, { 10, 'R', 'W', RV_CV_CLASS_LP, mis },
            { 20, 'R', 'H', RV_CV_CLASS_LP, mis }, { 30, 'E', 'K', RV_CV_CLASS_P, spl },
        };
        for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
            rv_residue_hit h = { rows[i].ref, rows[i].alt, RV_CV_TIER_PLP, 2, rows[i].cls, 500 + (int64_t)i, rows[i].terms, "clinvar@t+model@1" };
            CHECK_INT(rv_residue_table_add_hit(g3, "GENE3", 5, rows[i].pos, &h), 0);
        }
        rv_residue_table_finish(g3);
        rv_classifier *c3;
        CHECK_INT(rv_classifier_open(RULES, &c3, &err), 0);
        rv_classifier_set_residues(c3, rv_residue_table_lookup, g3);
        const struct { int pos; const char *aa, *want; } q[] = {
            { 10, "R/G", "PM5" },              /* a P comparator among the other changes */
            { 20, "R/G", "PM5_Supporting" },   /* only an LP comparator */
            { 20, "R/H", "PS1_Moderate" },     /* the same change, LP */
            { 10, "R/H", "PS1" },              /* PS1 wins over PM5 */
            { 30, "E/D", "" },                 /* the comparator is in a splice region */
        };
        for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
            build(&(tcase){ .csq = "missense_variant", .gene = "GENE3", .ppos = q[i].pos, .aa = q[i].aa }, &ev);
            rv_classify(c3, &ev, &r, &err);
            labels(c3, &r, got, sizeof got);
            CHECK_STR(got, q[i].want);
        }
        int noted = 0;
        for (int i = 0; i < r.n_notes; i++) noted |= strstr(r.notes[i], "PS1/PM5: not applied: ClinVar 504 p.E30K is in a splice site or region") != NULL;
        CHECK(noted);
        rv_classifier_close(c3);
        char *path3 = rules_variant("PS1_PM5.PM5_several_min", "3");
        CHECK_INT(rv_classifier_open(path3, &c3, &err), 0);
        unlink(path3);
        rv_classifier_set_residues(c3, rv_residue_table_lookup, g3);
        build(&(tcase){ .csq = "missense_variant", .gene = "GENE3", .ppos = 10, .aa = "R/G" }, &ev);
        rv_classify(c3, &ev, &r, &err);
        labels(c3, &r, got, sizeof got);
        CHECK(strncmp(got, "PM5_Strong", 10) == 0);   /* three other changes known at the residue (BP1: the test's gene list) */
        CHECK(strstr(r.criteria[0].value, "other changes known: HCW") != NULL);
        rv_classifier_close(c3);
        path3 = rules_variant("PS1_PM5.PM5_several_min", "1");
        CHECK_INT(rv_classifier_open(path3, &c3, &err), RV_EINPUT);   /* 1 is not "several" */
        unlink(path3);
        rv_residue_table_free(g3);
    }

    rv_classifier_close(shipped);
    rv_residue_table_free(res);
    return TEST_REPORT();
}
