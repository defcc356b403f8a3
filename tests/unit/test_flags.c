/* test_flags.c: the flag logic as a table: previous call, current call, reported class
 * -> the flags raised (category:basis:field, in order). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "state/flags.h"
#include "state/flag_merge.h"
#include "testhelp.h"

/* A call described in one line of the table. NULL cls = no call at all. */
typedef struct spec {
    const char *cls, *tier, *sig, *criteria, *vus_tier, *cv_version;
    int stars, panel, candidate;
    double af;             /* NAN = not seen */
    const char *validity;  /* gene-disease validity class, NULL = none */
    const char *rule;      /* deciding rule ("acmg", "clinvar>=2*", "lab"), NULL = none */
    int points;            /* ACMG points (stored when rule is set) */
} spec;

#define NONE { NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, 0 }
#define C(cls, tier, sig, stars, crit, vt, ver, panel, cand, af) \
    { cls, tier, sig, crit, vt, ver, stars, panel, cand, af, NULL, NULL, 0 }
/* with the deciding rule and the points */
#define CR(cls, tier, sig, stars, crit, rule, points, ver, panel, cand) \
    { cls, tier, sig, crit, NULL, ver, stars, panel, cand, NAN, NULL, rule, points }
/* with a gene-disease validity class */
#define CV(cls, validity, ver, panel, cand) \
    { cls, NULL, NULL, NULL, NULL, ver, 0, panel, cand, NAN, validity, "acmg", 0 }

static void build(rv_call *c, const spec *s)
{
    rv_call_init(c);
    c->variant = strdup("7-117176711-A-T");
    c->contig = 6;
    c->pos = 117176711;
    c->cls = s->cls ? strdup(s->cls) : NULL;
    c->clinvar_tier = s->tier ? strdup(s->tier) : NULL;
    c->clinvar_sig = s->sig ? strdup(s->sig) : NULL;
    c->clinvar_stars = s->sig ? s->stars : -1;
    c->clinvar_source = strdup("clinvar");
    c->clinvar_version = strdup(s->cv_version ? s->cv_version : "2015-12-11");
    c->criteria = s->criteria ? strdup(s->criteria) : NULL;
    c->vus_tier = s->vus_tier ? strdup(s->vus_tier) : NULL;
    c->panel_confidence = s->panel;
    c->panel_source = strdup("panel_cf");
    c->panel_version = strdup(s->panel == 3 ? "2.0" : "1.0");
    c->pop_source = strdup("gnomad");
    c->pop_version = strdup("4.1");
    c->has_af = !isnan(s->af);
    c->af = s->af;
    c->candidate = s->candidate;
    if (s->rule) {
        c->deciding_rule = strdup(s->rule);
        c->effective_class = strdup(s->cls);
        c->has_points = 1;
        c->points = s->points;
    }
    if (s->validity) {
        c->validity_class = strdup(s->validity);
        c->validity_source = strdup("clingen");
        c->validity_version = strdup(strcmp(s->validity, "Definitive") == 0 ? "2025-07-01" : "2025-01-09");
    }
}

typedef struct row {
    const char *name;
    spec prev, cur;
    const char *reported;
    int has_previous_run;
    const char *want;     /* "category:basis:field;..." */
} row;

static const char *const freq[] = { "BA1", "BS1", "PM2" };
static const char *const disease_validity[] = { "Definitive", "Strong", "Moderate" };
static const rv_flag_rules rules = { freq, 3, 1, 1, disease_validity, 3, 0, 1 };
/* the same with the benign-evidence rule switched off (pipeline config false) */
static const rv_flag_rules rules_any_downgrade = { freq, 3, 1, 0, disease_validity, 3, 0, 1 };

/* Criteria as rv_classification_criteria_str writes them. */
#define J_PM2 "{\"class\":\"VUS\",\"points\":1,\"vus_tier\":\"warm\",\"criteria\":[{\"code\":\"PM2\"," \
    "\"label\":\"PM2_Supporting\",\"strength\":\"Supporting\",\"points\":1,\"value\":\"absent\"," \
    "\"source\":\"gnomad@4.1\"}],\"not_evaluated\":[],\"clinvar\":null,\"effective\":\"VUS\",\"rule\":\"acmg\"}"
#define J_BS1 "{\"class\":\"LB\",\"points\":-4,\"vus_tier\":null,\"criteria\":[{\"code\":\"BS1\",\"label\":\"BS1\"," \
    "\"strength\":\"Strong\",\"points\":-4,\"value\":\"faf95=0.02>0.01\",\"source\":\"gnomad@4.1\"}]," \
    "\"not_evaluated\":[],\"clinvar\":null,\"effective\":\"LB\",\"rule\":\"acmg\"}"

static const row table[] = {
    { "same call, no flag",
      C("VUS", "VUS", "Uncertain_significance", 1, "PM2_Supporting", "warm", NULL, 3, 1, NAN),
      C("VUS", "VUS", "Uncertain_significance", 1, "PM2_Supporting", "warm", NULL, 3, 1, NAN),
      NULL, 1, "" },
    { "LP to VUS by ClinVar is the most urgent",
      C("LP", "P/LP", "Likely_pathogenic", 1, "PS3,PM2", NULL, NULL, 3, 1, NAN),
      C("VUS", "VUS", "Uncertain_significance", 1, "PM2", "cool", "2016-09-27", 3, 1, NAN),
      NULL, 1, "plp_downgraded:previous:clinvar_sig" },
    { "P to B (CFTR 7:117176711 A>T in the real release pair)",
      C("P", "P/LP", "Pathogenic", 0, "PS3", NULL, NULL, 3, 1, 0.0001),
      C("B", "B/LB", "Benign", 1, "BA1", NULL, "2016-09-27", 3, 1, 0.2),
      NULL, 1, "plp_downgraded:previous:clinvar_sig" },
    { "VUS to LP",
      C("VUS", "VUS", "Uncertain_significance", 1, "PM2", "cool", NULL, 3, 1, NAN),
      C("LP", "P/LP", "Likely_pathogenic", 2, "PM2,PS3", NULL, "2016-09-27", 3, 1, NAN),
      NULL, 1, "vus_upgraded:previous:clinvar_sig" },
    { "VUS to LB by frequency",
      C("VUS", NULL, NULL, 0, "PM2", "cool", NULL, 3, 1, 0.0001),
      C("LB", NULL, NULL, 0, "BS1", NULL, NULL, 3, 1, 0.02),
      NULL, 1, "vus_downgraded:previous:BS1" },
    { "LP to P is evidence within the class",
      C("LP", "P/LP", "Likely_pathogenic", 1, "PS3", NULL, NULL, 3, 1, NAN),
      C("P", "P/LP", "Pathogenic", 2, "PS3,PM2", NULL, "2016-09-27", 3, 1, NAN),
      NULL, 1, "evidence_changed:previous:clinvar_sig" },
    { "new conflict and stars up within VUS",
      C("VUS", "VUS", "Uncertain_significance", 1, NULL, "cool", NULL, 3, 1, NAN),
      C("VUS", "Conflicting", "Conflicting_interpretations_of_pathogenicity", 2, NULL, "cool", "2016-09-27", 3, 1, NAN),
      NULL, 1, "evidence_changed:previous:clinvar_tier" },
    { "VUS sub-tier moved",
      C("VUS", NULL, NULL, 0, "PM2", "cool", NULL, 3, 1, NAN),
      C("VUS", NULL, NULL, 0, "PM2,PP3", "tepid", NULL, 3, 1, NAN),
      NULL, 1, "evidence_changed:previous:vus_tier" },
    { "gene joined the panel at green: new candidate",
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 2, 0, NAN),
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 3, 1, NAN),
      NULL, 1, "new_candidate:previous:panel_confidence" },
    { "gene-disease validity rose: new candidate naming ClinGen",
      { "VUS", NULL, NULL, NULL, "cool", NULL, 0, -1, 0, NAN, "Limited", NULL, 0 },
      { "VUS", NULL, NULL, NULL, "cool", NULL, 0, -1, 1, NAN, "Definitive", NULL, 0 },
      NULL, 1, "new_candidate:previous:validity_class" },
    { "a benign new candidate is not worth a flag",
      NONE,
      C("LB", NULL, NULL, 0, "BS1", NULL, NULL, 3, 1, 0.02),
      NULL, 1, "" },
    { "ClinVar newly asserts P/LP on a variant never kept before",
      NONE,
      C("VUS", "P/LP", "Pathogenic", 1, NULL, "cool", "2016-09-27", -1, 1, NAN),
      NULL, 1, "new_candidate:previous:clinvar_sig" },
    { "gene left the panel: flagged, not dropped",
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 3, 1, NAN),
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 0, 0, NAN),
      NULL, 1, "left_candidates:previous:panel_confidence" },
    { "variant gone from the VCF",
      C("LP", NULL, NULL, 0, NULL, NULL, NULL, 3, 1, NAN),
      NONE,
      NULL, 1, "left_candidates:previous:presence" },
    { "first run is a baseline: nothing against nothing",
      NONE,
      C("P", "P/LP", "Pathogenic", 2, "PS3", NULL, NULL, 3, 1, NAN),
      NULL, 0, "" },
    { "first run against the reported class",
      NONE,
      C("VUS", "VUS", "Uncertain_significance", 1, NULL, "cool", NULL, 3, 1, NAN),
      "LP", 0, "plp_downgraded:reported:clinvar_sig" },
    { "reported class agrees: no flag",
      NONE,
      C("LP", "P/LP", "Likely_pathogenic", 1, NULL, NULL, NULL, 3, 1, NAN),
      "P", 0, "" },
    { "same move against previous and reported: one flag",
      C("LP", "P/LP", "Likely_pathogenic", 1, NULL, NULL, NULL, 3, 1, NAN),
      C("VUS", "VUS", "Uncertain_significance", 1, NULL, "cool", "2016-09-27", 3, 1, NAN),
      "LP", 1, "plp_downgraded:reported:clinvar_sig" },
    { "reported P, previous LP, now VUS: both moves named",
      C("LP", "P/LP", "Likely_pathogenic", 1, NULL, NULL, NULL, 3, 1, NAN),
      C("VUS", "VUS", "Uncertain_significance", 1, NULL, "cool", "2016-09-27", 3, 1, NAN),
      "P", 1, "plp_downgraded:reported:clinvar_sig;plp_downgraded:previous:clinvar_sig" },
    { "reported variant missing from the VCF",
      NONE, NONE, "P", 1, "left_candidates:reported:presence" },
    { "benign moved up to VUS is never silent",
      C("LB", NULL, NULL, 0, "BS1", NULL, NULL, 3, 1, 0.02),
      C("VUS", NULL, NULL, 0, NULL, "cold", NULL, 3, 1, 0.0001),
      NULL, 1, "evidence_changed:previous:BS1" },

    /* 1. against the reported class, no automated evidence is not benign evidence */
    { "reported LP, ACMG alone says VUS at 0 points: quiet",
      NONE, CR("VUS", NULL, NULL, 0, NULL, "acmg", 0, NULL, 3, 1),
      "LP", 0, "" },
    { "reported LP, ACMG alone says VUS at +3 points: quiet",
      NONE, CR("VUS", NULL, NULL, 0, "PM2,PP3", "acmg", 3, NULL, 3, 1),
      "LP", 0, "" },
    { "reported LP, ACMG VUS at -1 point (benign outweighs): flagged",
      NONE, CR("VUS", NULL, NULL, 0, "BP4", "acmg", -1, NULL, 3, 1),
      "LP", 0, "plp_downgraded:reported:acmg" },
    { "reported P, ACMG LB at -2 points: flagged",
      NONE, CR("LB", NULL, NULL, 0, "BS1", "acmg", -2, NULL, 3, 1),
      "P", 0, "plp_downgraded:reported:acmg" },
    { "reported VUS, ACMG LB at -2 points: flagged",
      NONE, CR("LB", NULL, NULL, 0, "BS1", "acmg", -2, NULL, 3, 1),
      "VUS", 0, "vus_downgraded:reported:acmg" },
    { "reported VUS, ACMG B at 0 points (cannot be, but no benign evidence): quiet",
      NONE, CR("B", NULL, NULL, 0, NULL, "acmg", 0, NULL, 3, 1),
      "VUS", 0, "" },
    { "reported LP, ClinVar at the policy's 2 stars decides VUS: flagged as before",
      NONE, CR("VUS", "VUS", "Uncertain_significance", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      "LP", 0, "plp_downgraded:reported:clinvar_sig" },
    { "reported LP, ClinVar VUS at 1 star (below policy), ACMG decides at 0 points: quiet",
      NONE, CR("VUS", "VUS", "Uncertain_significance", 1, NULL, "acmg", 0, NULL, 3, 1),
      "LP", 0, "" },
    { "reported P, the lab's own source decides LB: flagged as before",
      NONE, CR("LB", NULL, NULL, 0, NULL, "lab", 0, NULL, 3, 1),
      "P", 0, "plp_downgraded:reported:lab" },
    { "reported VUS, ACMG alone says LP: an upgrade is flagged",
      NONE, CR("LP", NULL, NULL, 0, "PS3,PM2", "acmg", 6, NULL, 3, 1),
      "VUS", 0, "vus_upgraded:reported:acmg" },

    /* 3. a lab-reported class whose ClinVar support moved since the previous run */
    { "reported LP, ClinVar P/LP -> VUS at 0 stars, class stays VUS: plp_downgraded",
      CR("VUS", "P/LP", "Likely_pathogenic", 0, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "LP", 1, "plp_downgraded:reported:clinvar_tier" },
    { "reported LP, ClinVar P/LP -> B/LB at 1 star: plp_downgraded",
      CR("VUS", "P/LP", "Likely_pathogenic", 1, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "B/LB", "Likely_benign", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "LP", 1, "plp_downgraded:reported:clinvar_tier" },
    { "reported P, ClinVar P/LP -> Conflicting at 1 star: plp_downgraded",
      CR("P", "P/LP", "Pathogenic", 1, "PVS1,PM2", "acmg", 10, NULL, 3, 1),
      CR("P", "Conflicting", "Conflicting_interpretations_of_pathogenicity", 1, "PVS1,PM2", "acmg", 10, "2016-09-27", 3, 1),
      "P", 1, "plp_downgraded:reported:clinvar_tier" },
    { "reported LP, ClinVar 2 stars P/LP -> VUS decides VUS: one flag",
      CR("LP", "P/LP", "Likely_pathogenic", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 2, NULL, "clinvar>=2*", 0, "2016-09-27", 3, 1),
      "LP", 1, "plp_downgraded:reported:clinvar_sig" },
    { "not reported, ClinVar P/LP -> VUS within VUS: evidence changed",
      CR("VUS", "P/LP", "Likely_pathogenic", 0, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      NULL, 1, "evidence_changed:previous:clinvar_tier" },
    { "reported LP, ClinVar moves further, VUS -> B/LB: plp_downgraded again",
      CR("VUS", "VUS", "Uncertain_significance", 1, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "B/LB", "Benign", 1, NULL, "acmg", 0, "2017-01-01", 3, 1),
      "LP", 1, "plp_downgraded:reported:clinvar_tier" },
    { "reported LP, ClinVar Conflicting -> VUS: not further, evidence changed",
      CR("VUS", "Conflicting", "Conflicting_interpretations_of_pathogenicity", 1, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 1, NULL, "acmg", 0, "2017-01-01", 3, 1),
      "LP", 1, "evidence_changed:previous:clinvar_tier" },
    { "reported LP, ClinVar record newly seen as VUS (none before): not a withdrawal",
      CR("VUS", NULL, NULL, 0, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 1, NULL, "acmg", 0, "2017-01-01", 3, 1),
      "LP", 1, "evidence_changed:previous:clinvar_tier" },
    { "reported VUS, ClinVar P/LP -> VUS: not this rule",
      CR("VUS", "P/LP", "Likely_pathogenic", 0, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "VUS", 1, "evidence_changed:previous:clinvar_tier" },
    { "reported LP, ClinVar P/LP -> Other: not this rule",
      CR("VUS", "P/LP", "Likely_pathogenic", 0, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "Other", "not_provided", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "LP", 1, "evidence_changed:previous:clinvar_tier" },
    { "reported LP, same sources again: nothing",
      CR("VUS", "VUS", "Uncertain_significance", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      CR("VUS", "VUS", "Uncertain_significance", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "LP", 1, "" },
    { "reported LP on a first run: no previous, no ClinVar move",
      NONE, CR("VUS", "VUS", "Uncertain_significance", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "LP", 0, "" },
    { "reported VUS, ClinVar newly P/LP at 1 star, class stays VUS: vus_upgraded only",
      CR("VUS", "VUS", "Uncertain_significance", 1, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "P/LP", "Pathogenic", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "VUS", 1, "vus_upgraded:reported:clinvar_tier" },
    { "reported VUS, ClinVar 2 stars newly P/LP decides LP: one flag",
      CR("VUS", "VUS", "Uncertain_significance", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      CR("LP", "P/LP", "Likely_pathogenic", 2, NULL, "clinvar>=2*", 0, "2016-09-27", 3, 1),
      "VUS", 1, "vus_upgraded:reported:clinvar_sig" },

    /* 2. already a candidate, newly relevant */
    { "candidate, ClinVar newly P/LP at 1 star, class stays VUS: new candidate",
      CR("VUS", "VUS", "Uncertain_significance", 1, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "P/LP", "Pathogenic", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      NULL, 1, "new_candidate:previous:clinvar_tier" },
    { "candidate, ClinVar Other -> P/LP at 0 stars: new candidate",
      CR("VUS", "Other", "not_provided", 0, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "P/LP", "Likely_pathogenic", 0, NULL, "acmg", 0, "2016-09-27", 3, 1),
      NULL, 1, "new_candidate:previous:clinvar_tier" },
    { "candidate classed LB, ClinVar newly P/LP: still a new candidate",
      CR("LB", "B/LB", "Likely_benign", 1, "BS1", "acmg", -4, NULL, 3, 1),
      CR("LB", "P/LP", "Pathogenic", 1, "BS1", "acmg", -4, "2016-09-27", 3, 1),
      NULL, 1, "new_candidate:previous:clinvar_tier" },
    { "candidate VUS, gene rose to green: new candidate",
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 2, 1, NAN),
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 3, 1, NAN),
      NULL, 1, "new_candidate:previous:panel_confidence" },
    { "candidate LB, gene rose to green: evidence changed",
      C("LB", NULL, NULL, 0, "BS1", NULL, NULL, 2, 1, 0.02),
      C("LB", NULL, NULL, 0, "BS1", NULL, NULL, 3, 1, 0.02),
      NULL, 1, "evidence_changed:previous:panel_confidence" },
    { "candidate VUS, gene left green: evidence changed",
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 3, 1, NAN),
      C("VUS", NULL, NULL, 0, NULL, "cool", NULL, 2, 1, NAN),
      NULL, 1, "evidence_changed:previous:panel_confidence" },
    { "candidate VUS, validity Limited -> Moderate: new candidate",
      CV("VUS", "Limited", NULL, -1, 1), CV("VUS", "Moderate", "2016-09-27", -1, 1),
      NULL, 1, "new_candidate:previous:validity_class" },
    { "candidate VUS, validity Moderate -> Definitive (already a disease gene): quiet",
      CV("VUS", "Moderate", NULL, -1, 1), CV("VUS", "Definitive", "2016-09-27", -1, 1),
      NULL, 1, "" },
    { "candidate LB, validity rose: evidence changed",
      CV("LB", "Limited", NULL, -1, 1), CV("LB", "Strong", "2016-09-27", -1, 1),
      NULL, 1, "evidence_changed:previous:validity_class" },
    { "candidate VUS, ClinVar newly P/LP and gene green: one new candidate",
      CR("VUS", "Conflicting", "Conflicting_interpretations_of_pathogenicity", 1, NULL, "acmg", 0, NULL, 2, 1),
      CR("VUS", "P/LP", "Pathogenic", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      NULL, 1, "new_candidate:previous:clinvar_tier" },
    { "candidate VUS, ClinVar newly P/LP on a first run: baseline, quiet",
      NONE, CR("VUS", "P/LP", "Pathogenic", 1, NULL, "acmg", 0, NULL, 3, 1),
      NULL, 0, "" },

    /* 4. no noise from missing evidence (issue 12), in either direction and on either basis */
    { "reported LB, ClinVar B/LB at 1 star, ACMG VUS at 0 points: quiet (the real pair's 41)",
      NONE, CR("VUS", "B/LB", "Likely_benign", 1, NULL, "acmg", 0, NULL, 3, 1),
      "LB", 0, "" },
    { "reported B, the same on a later run: still quiet",
      CR("VUS", "B/LB", "Likely_benign", 1, NULL, "acmg", 0, NULL, 3, 1),
      CR("VUS", "B/LB", "Benign", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      "B", 1, "" },
    { "reported LB, ACMG VUS at +1 (PM2 met): an upgrade with evidence is named",
      NONE, CR("VUS", NULL, NULL, 0, "PM2_Supporting", "acmg", 1, NULL, 3, 1),
      "LB", 0, "evidence_changed:reported:acmg" },
    { "previous LB by ClinVar at 2 stars, now ACMG VUS at 0 (stars fell): quiet",
      CR("LB", "B/LB", "Likely_benign", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      CR("VUS", "B/LB", "Likely_benign", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      NULL, 1, "" },
    { "previous P by ClinVar at 2 stars, now ACMG VUS at +3: quiet",
      CR("P", "P/LP", "Pathogenic", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      CR("VUS", "P/LP", "Pathogenic", 1, "PM2,PP3", "acmg", 3, "2016-09-27", 3, 1),
      NULL, 1, "" },
    { "previous LP by ClinVar, now ACMG LB at -2 (benign evidence): flagged",
      CR("LP", "P/LP", "Likely_pathogenic", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      CR("LB", "P/LP", "Likely_pathogenic", 1, "BS1", "acmg", -2, "2016-09-27", 3, 1),
      NULL, 1, "plp_downgraded:previous:clinvar_stars" },
    { "previous VUS, now ACMG LP at +6 on a reported VUS: one move, reported",
      CR("VUS", NULL, NULL, 0, "PM2", "acmg", 1, NULL, 3, 1),
      CR("LP", NULL, NULL, 0, "PM2,PS1", "acmg", 6, NULL, 3, 1),
      "VUS", 1, "vus_upgraded:reported:acmg" },
    { "reported VUS, previous VUS, now LB at -2: one move, reported",
      CR("VUS", NULL, NULL, 0, "PM2", "acmg", 1, NULL, 3, 1),
      CR("LB", NULL, NULL, 0, "BS1", "acmg", -2, NULL, 3, 1),
      "VUS", 1, "vus_downgraded:reported:acmg" },
    { "reported LB, ACMG VUS at +2 (upgrade with evidence) against a previous LB",
      CR("LB", NULL, NULL, 0, "BS1", "acmg", -2, NULL, 3, 1),
      CR("VUS", NULL, NULL, 0, "PM2,PP3", "acmg", 2, NULL, 3, 1),
      "LB", 1, "evidence_changed:reported:acmg" },
    { "previous P by ClinVar at 2 stars, ClinVar now Conflicting, ACMG VUS at 0: the ClinVar move makes it real",
      CR("P", "P/LP", "Pathogenic", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1),
      CR("VUS", "Conflicting", "Conflicting_interpretations_of_pathogenicity", 1, NULL, "acmg", 0, "2016-09-27", 3, 1),
      NULL, 1, "plp_downgraded:previous:clinvar_sig" },
    /* the criteria column as run stores it now (JSON) against rows of an older revus (labels) */
    { "JSON criteria equal to an older label list: no flag",
      C("VUS", "VUS", "Uncertain_significance", 1, "PM2_Supporting", "warm", NULL, 3, 1, NAN),
      C("VUS", "VUS", "Uncertain_significance", 1, J_PM2, "warm", NULL, 3, 1, NAN),
      NULL, 1, "" },
    { "VUS to LB by frequency, criteria as JSON",
      C("VUS", NULL, NULL, 0, J_PM2, "cool", NULL, 3, 1, 0.0001),
      C("LB", NULL, NULL, 0, J_BS1, NULL, NULL, 3, 1, 0.02),
      NULL, 1, "vus_downgraded:previous:BS1" },
};

/* Wording (issue 12): a flag's category, old and new class and detail agree. The detail
 * starts with the category's title and says "OLD -> NEW" with the flag's own classes; a
 * class-move category moves the classes in its direction; evidence_changed never moves a
 * class down a tier. */
static void check_wording(const rv_flag *f)
{
    const char *title = rv_flag_category_title(f->cat);
    CHECK(strncmp(f->detail, title, strlen(title)) == 0);
    char move[64];
    snprintf(move, sizeof move, "%s -> %s ", f->old_class[0] ? f->old_class : "none",
             f->new_class[0] ? f->new_class : "none");
    CHECK(strstr(f->detail, move) != NULL);
    CHECK(strstr(f->detail, strcmp(f->basis, "reported") == 0 ? "against the reported class" : "since the previous run") != NULL);
    int a = rv_class_tier(f->old_class), b = rv_class_tier(f->new_class);
    switch (f->cat) {
    case RV_FLAG_PLP_DOWNGRADED: CHECK(a == 2 && b >= 0 && b < 2); break;
    case RV_FLAG_VUS_UPGRADED:   CHECK(a == 1 && b == 2); break;
    case RV_FLAG_VUS_DOWNGRADED: CHECK(a == 1 && b == 0); break;
    case RV_FLAG_EVIDENCE_CHANGED: CHECK(a < 0 || b < 0 || b >= a); break;
    default: break;
    }
    if (f->cat == RV_FLAG_NEW_CANDIDATE) CHECK(f->new_class[0] != '\0');
    if (f->cat == RV_FLAG_LEFT_CANDIDATES) CHECK(f->old_class[0] != '\0');
}

static void describe(const rv_flag *f, int n, char *buf, size_t m)
{
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, m - l, "%s%s:%s:%s", i ? ";" : "", f[i].category, f[i].basis, f[i].field);
    }
}

int main(void)
{
    int seen[RV_FLAG_N][2] = { { 0 } };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const row *r = &table[i];
        TEST_CASE(r->name);
        rv_call p, c;
        build(&p, &r->prev);
        build(&c, &r->cur);
        rv_flag out[RV_FLAGS_MAX];
        int n = rv_flags_compare(r->prev.cls ? &p : NULL, r->cur.cls ? &c : NULL, r->reported,
                                 r->has_previous_run, &rules, out);
        char got[1024];
        describe(out, n, got, sizeof got);
        CHECK_STR(got, r->want);
        for (int k = 0; k < n; k++) {
            CHECK(strlen(out[k].fingerprint) == 64);
            CHECK(out[k].detail[0] != '\0');
            CHECK_INT(out[k].priority, rv_flag_category_priority(out[k].cat));
            check_wording(&out[k]);
            seen[out[k].cat][strcmp(out[k].basis, "reported") == 0]++;
        }
        /* one flag per variant: the most urgent leads, the others are in its detail */
        if (n > 0) {
            rv_flag lead = out[0];
            for (int k = 1; k < n; k++) if (out[k].priority < lead.priority) lead = out[k];
            CHECK_INT(rv_flags_merge(out, n), 1);
            CHECK_STR(out[0].category, lead.category);
            CHECK_STR(out[0].basis, lead.basis);
            check_wording(&out[0]);
            CHECK_INT(strlen(out[0].also_fingerprints), n > 1 ? 65 * (n - 1) - 1 : 0);
            if (n > 1) CHECK(strstr(out[0].detail, "; also ") != NULL);
        }
        rv_call_free(&p);
        rv_call_free(&c);
    }
    TEST_CASE("second_hit (families, issue 14) words agree too");
    {
        rv_call p, c;
        spec a = CR("VUS", NULL, NULL, 0, NULL, "acmg", 1, NULL, 3, 1);
        build(&p, &a);
        build(&c, &a);
        p.fit = strdup("second_hit_needed");
        c.fit = strdup("fits");
        c.partner = strdup("7-117199644-ATCT-A");
        rv_flag out[RV_FLAGS_MAX];
        int n = rv_flags_compare(&p, &c, NULL, 1, &rules, out);
        CHECK_INT(n, 1);
        for (int k = 0; k < n; k++) { check_wording(&out[k]); seen[out[k].cat][0]++; }
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("the table walks every category on every basis it can have");
    for (int k = 0; k < RV_FLAG_N; k++) {
        CHECK(seen[k][0] > 0);                                 /* since the previous run */
        if (k != RV_FLAG_NEW_CANDIDATE && k != RV_FLAG_SECOND_HIT)
            CHECK(seen[k][1] > 0);                             /* against the reported class */
    }

    TEST_CASE("trigger names source and both versions");
    {
        rv_call p, c;
        build(&p, &table[1].prev);
        build(&c, &table[1].cur);
        rv_flag out[RV_FLAGS_MAX];
        int n = rv_flags_compare(&p, &c, NULL, 1, &rules, out);
        CHECK_INT(n, 1);
        CHECK_STR(out[0].trigger_source, "clinvar");
        CHECK_STR(out[0].old_version, "2015-12-11");
        CHECK_STR(out[0].new_version, "2016-09-27");
        CHECK_STR(out[0].old_value, "Likely_pathogenic");
        CHECK_STR(out[0].new_value, "Uncertain_significance");
        CHECK_STR(out[0].old_class, "LP");
        CHECK_STR(out[0].new_class, "VUS");
        CHECK_INT(out[0].priority, 1);
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("reported fingerprint ignores versions; previous fingerprint does not");
    {
        spec a = table[15].cur, b = a;
        b.cv_version = "2017-01-01";
        rv_call c1, c2;
        build(&c1, &a);
        build(&c2, &b);
        rv_flag f1[RV_FLAGS_MAX], f2[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(NULL, &c1, "LP", 0, &rules, f1), 1);
        CHECK_INT(rv_flags_compare(NULL, &c2, "LP", 0, &rules, f2), 1);
        CHECK_STR(f1[0].fingerprint, f2[0].fingerprint);
        /* moving further (VUS -> LB) changes it */
        free(c2.cls); c2.cls = strdup("LB");
        CHECK_INT(rv_flags_compare(NULL, &c2, "LP", 0, &rules, f2), 1);
        CHECK(strcmp(f1[0].fingerprint, f2[0].fingerprint) != 0);
        rv_call_free(&c1);
        rv_call_free(&c2);
    }

    TEST_CASE("several evidence changes make one flag naming them all");
    {
        rv_call p, c;
        build(&p, &table[5].prev);
        build(&c, &table[5].cur);
        rv_flag out[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(&p, &c, NULL, 1, &rules, out), 1);
        CHECK(strstr(out[0].detail, "also ClinVar review stars up clinvar_stars 1 -> 2") != NULL);
        CHECK(strstr(out[0].detail, "also frequency criterion crossed PM2 not met -> met") != NULL);
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("benign-evidence rule off (config false): every reported downgrade is flagged");
    {
        spec acmg0 = CR("VUS", NULL, NULL, 0, NULL, "acmg", 0, NULL, 3, 1);
        rv_call c;
        build(&c, &acmg0);
        rv_flag out[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(NULL, &c, "LP", 0, &rules_any_downgrade, out), 1);
        CHECK_STR(out[0].category, "plp_downgraded");
        CHECK_STR(out[0].field, "acmg");
        CHECK_INT(rv_flags_compare(NULL, &c, "LP", 0, &rules, out), 0);
        rv_call_free(&c);
    }

    TEST_CASE("ClinVar withdrawal of a reported LP: trigger, detail, priority");
    {
        spec a = CR("VUS", "P/LP", "Likely_pathogenic", 1, NULL, "acmg", 0, NULL, 3, 1);
        spec b = CR("VUS", "B/LB", "Likely_benign", 1, NULL, "acmg", 0, "2016-09-27", 3, 1);
        rv_call p, c;
        build(&p, &a);
        build(&c, &b);
        rv_flag out[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(&p, &c, "LP", 1, &rules, out), 1);
        CHECK_STR(out[0].basis, "reported");
        CHECK_INT(out[0].priority, 1);
        CHECK_STR(out[0].trigger_source, "clinvar");
        CHECK_STR(out[0].old_version, "2015-12-11");
        CHECK_STR(out[0].new_version, "2016-09-27");
        CHECK_STR(out[0].field, "clinvar_tier");
        CHECK_STR(out[0].old_value, "P/LP");
        CHECK_STR(out[0].new_value, "B/LB");
        CHECK_STR(out[0].old_class, "LP");
        CHECK_STR(out[0].new_class, "LB");    /* the class ClinVar's tier stands for */
        CHECK(strstr(out[0].detail, "ClinVar no longer supports the reported class (ClinVar now B/LB, 1 star); revus's own class VUS: LP -> LB against") != NULL);
        /* the same change seen again gives the same fingerprint (stored once); the same
         * withdrawal in a later release is a new change */
        rv_flag again[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(&p, &c, "LP", 1, &rules, again), 1);
        CHECK_STR(again[0].fingerprint, out[0].fingerprint);
        free(c.clinvar_version); c.clinvar_version = strdup("2017-01-01");
        CHECK_INT(rv_flags_compare(&p, &c, "LP", 1, &rules, again), 1);
        CHECK(strcmp(again[0].fingerprint, out[0].fingerprint) != 0);
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("reported LP whose class follows ClinVar down: one flag naming the ClinVar move");
    {
        spec a = CR("LP", "P/LP", "Likely_pathogenic", 2, NULL, "clinvar>=2*", 0, NULL, 3, 1);
        spec b = CR("VUS", "VUS", "Uncertain_significance", 2, NULL, "clinvar>=2*", 0, "2016-09-27", 3, 1);
        rv_call p, c;
        build(&p, &a);
        build(&c, &b);
        rv_flag out[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(&p, &c, "LP", 1, &rules, out), 1);
        CHECK(strstr(out[0].detail, "also ClinVar no longer supports the reported class (ClinVar now VUS, 2 stars)") != NULL);
        /* its fingerprint is the reported comparison's: stable across releases */
        rv_flag first[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(NULL, &c, "LP", 0, &rules, first), 1);
        CHECK_STR(first[0].fingerprint, out[0].fingerprint);
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("new candidate within the set names the other changes");
    {
        spec a = CR("VUS", "Conflicting", "Conflicting_interpretations_of_pathogenicity", 1, NULL, "acmg", 0, NULL, 2, 1);
        spec b = CR("VUS", "P/LP", "Pathogenic", 2, NULL, "acmg", 0, "2016-09-27", 3, 1);
        rv_call p, c;
        build(&p, &a);
        build(&c, &b);
        rv_flag out[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(&p, &c, NULL, 1, &rules, out), 1);
        CHECK_STR(out[0].category, "new_candidate");
        CHECK_INT(out[0].priority, 3);
        CHECK_STR(out[0].old_value, "Conflicting");
        CHECK_STR(out[0].new_value, "P/LP");
        CHECK(strstr(out[0].detail, "ClinVar newly asserts P/LP") != NULL);
        CHECK(strstr(out[0].detail, "also ClinVar review stars up clinvar_stars 1 -> 2") != NULL);
        CHECK(strstr(out[0].detail, "also gene now green on the panel panel_confidence 2 -> 3") != NULL);
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("a new ClinVar conflict is named in ClinVar's words");
    {
        rv_call p, c;
        build(&p, &table[6].prev);
        build(&c, &table[6].cur);
        rv_flag out[RV_FLAGS_MAX];
        CHECK_INT(rv_flags_compare(&p, &c, NULL, 1, &rules, out), 1);
        CHECK_STR(out[0].new_value, "Conflicting");
        CHECK(strstr(out[0].detail, "new ClinVar conflict") != NULL);
        rv_call_free(&p);
        rv_call_free(&c);
    }

    TEST_CASE("older stored tier names read as rv_clinvar_tier_name's words");
    {
        static const char *const pairs[][2] = { { "CONFLICT", "Conflicting" }, { "RISK", "Risk" },
                                                { "OTHER", "Other" }, { "P/LP", "P/LP" }, { "Conflicting", "Conflicting" } };
        for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
            char *t = rv_clinvar_tier_current(strdup(pairs[k][0]));
            CHECK_STR(t, pairs[k][1]);
            free(t);
        }
        CHECK(rv_clinvar_tier_current(NULL) == NULL);
    }

    TEST_CASE("category names round-trip");
    for (int k = 0; k < RV_FLAG_N; k++)
        CHECK_INT(rv_flag_category_find(rv_flag_category_name((rv_flag_cat)k)), k);
    CHECK_INT(rv_flag_category_find("nonsense"), -1);
    return TEST_REPORT();
}
