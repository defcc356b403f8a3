/* report/columns.c: the table of report columns and how each value is read. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "report/columns.h"

enum { D_LABEL = 1, D_URGENCY, D_SIGNIFICANT, D_CRIT_ADDED, D_CRIT_REMOVED, D_ACTION };

#define L(f) offsetof(rv_report_line, f)
#define S(f) offsetof(rv_report_side, f)
#define DER SIZE_MAX

static const rv_report_column columns[] = {
    { "indication", 0, RV_COL_STR, L(indication), 0, "Code of the clinical indication the patient was tested for (e.g. R210)." },
    { "indication_name", 0, RV_COL_STR, L(indication_name), 0, "Name of that indication." },
    { "sample", 0, RV_COL_STR, L(sample), 0, "The patient's sample id as registered in the lab, or its pseudonym (P- and 12 hex digits) in a pseudonymised report." },
    { "sex", 0, RV_COL_STR, L(sex), 0, "Sex as registered (M or F); matters for X-linked genes and hemizygous calls." },
    { "family", 0, RV_COL_STR, L(family), 0, "Family id when the patient was registered with relatives (trio); pseudonymised like the sample id." },
    { "flag_id", 0, RV_COL_I64, L(flag_id), 0, "Number of the flag in the lab's revus database; quote it to acknowledge (revus ack FLAG_ID)." },
    { "category", 0, RV_COL_STR, L(category), 0, "What kind of change this is, as a code: plp_downgraded, vus_upgraded, new_candidate, left_candidates, vus_downgraded, evidence_changed (most urgent first)." },
    { "category_label", 0, RV_COL_STR, DER, D_LABEL, "The same category in words." },
    { "urgency", 0, RV_COL_STR, DER, D_URGENCY, "How urgent the category is: highest, high, moderate or low." },
    { "priority", 0, RV_COL_INT, L(priority), 0, "Priority number revus gave the flag (1 = most urgent)." },
    { "clinically_significant", 0, RV_COL_BOOL, DER, D_SIGNIFICANT, "1 when the new class is in another management group (P/LP, VUS, LB/B) than the class the lab reported (or, if nothing was reported, than the previous class); for a variant never reported nor classified before, 1 when it is now P or LP; 0 otherwise." },
    { "basis", 0, RV_COL_STR, L(basis), 0, "What the flag compares with: previous (the sample's earlier run) or reported (the class the lab issued)." },
    { "old_class", 0, RV_COL_STR, L(old_class), 0, "The class compared against: the earlier run's class, or the reported class when basis is reported; empty for a new candidate." },
    { "new_class", 0, RV_COL_STR, L(new_class), 0, "The class now; empty when the variant left the candidate set or the VCF." },
    { "gene", 0, RV_COL_STR, L(gene), 0, "Gene symbol (HGNC)." },
    { "transcript", 0, RV_COL_STR, L(transcript), 0, "Transcript the HGVS names refer to (RefSeq/Ensembl with version), when the input had it." },
    { "hgvsc", 0, RV_COL_STR, L(hgvsc), 0, "Coding DNA change in HGVS notation (c.), as the input had it (VEP writes the transcript in front)." },
    { "hgvsp", 0, RV_COL_STR, L(hgvsp), 0, "Protein change in HGVS notation (p.), as the input had it." },
    { "hgvs", 0, RV_COL_STR, L(hgvs), 0, "The change as a clinician reads it: TRANSCRIPT:c. then p. in three-letter amino acids, the transcript written once." },
    { "consequence", 0, RV_COL_STR, L(consequence), 0, "Predicted effect on the transcript (Sequence Ontology term, e.g. missense_variant)." },
    { "variant", 0, RV_COL_STR, L(variant), 0, "The variant as CHROM-POS-REF-ALT after normalisation (left-aligned, trimmed); the identity revus uses everywhere." },
    { "build", 0, RV_COL_STR, L(build), 0, "Genome build of the position (GRCh37 or GRCh38)." },
    { "zygosity", 0, RV_COL_STR, L(zygosity), 0, "het (one copy), hom (two copies) or hemi (one copy on X/Y in a male)." },
    { "condition", 0, RV_COL_STR, L(condition), 0, "Disease the gene is linked to, as the gene-disease validity source (ClinGen) labels it; empty when no validity source is active or the gene has no curation." },
    { "mondo", 0, RV_COL_STR, L(mondo), 0, "MONDO id of that disease (e.g. MONDO:0009061)." },
    { "clinvar_disease", 0, RV_COL_STR, L(clinvar_disease), 0, "Conditions ClinVar names for the variant (CLNDN), '; '-separated; 'not provided' and 'not specified' are left out." },
    { "panel_name", 0, RV_COL_STR, L(panel_name), 0, "Name of the gene panel as the panel source gives it (PanelApp); its version is now_panel_version." },
    { "moi", 0, RV_COL_STR, L(moi), 0, "Mode of inheritance of the gene: AD, AR, AD/AR, XLR, XLD, XL (dominance not stated) or MT, from the indication's panel, else the gene-validity source, else any panel; empty when unknown." },
    { "genotype_fit", 0, RV_COL_STR, L(fit), 0, "Does the patient's genotype fit that inheritance: fits, second_hit_needed (one heterozygous variant in a recessive gene), does_not_fit (e.g. an unaffected parent carries a dominant variant), moi_unknown." },
    { "inheritance", 0, RV_COL_JSON, L(inheritance), 0, "The evidence behind the fit, as one JSON object: genotype (gt, zygosity, phase_set, dp, gq, allele_fraction), moi and moi_source, fit and reason, de_novo (assumed/confirmed), partner (the compound heterozygous partner: variant, phase, by), family (each relative's sample, relation, phenotype, genotype) and segregation counts (affected and unaffected carriers and non-carriers)." },
    { "clinvar_id", 0, RV_COL_I64, L(clinvar_id), 0, "ClinVar Variation ID, when the ClinVar source maps it (the VCF ID column)." },
    { "clinvar_url", 0, RV_COL_STR, L(clinvar_url), 0, "Link to the ClinVar variation record (from clinvar_id)." },
    { "clingen_url", 0, RV_COL_STR, L(clingen_url), 0, "Link to the ClinGen gene-disease curation (its online report), else to the gene's ClinGen page by HGNC id." },
    { "panelapp_url", 0, RV_COL_STR, L(panelapp_url), 0, "Link to the gene's page on the PanelApp panel, when the panel release was downloaded from a PanelApp site." },
    { "reported_class", 0, RV_COL_STR, L(reported_class), 0, "Class the lab issued in its report to the clinician (P, LP, VUS, LB, B); empty when never reported." },
    { "reported_date", 0, RV_COL_STR, L(reported_date), 0, "Date of that report." },
    { "reported_by", 0, RV_COL_STR, L(reported_by), 0, "Who issued it." },
    { "report_id", 0, RV_COL_STR, L(report_id), 0, "The lab's own id of that report (optional sixth column of reported import); left out of pseudonymised reports." },
    { "run", 1, RV_COL_I64, S(run_id), 0, "Reanalysis run the side comes from (before: the earlier run compared against; now: the run that raised the flag). Empty before-side: the variant was not a candidate before." },
    { "run_date", 1, RV_COL_STR, S(run_date), 0, "Date of that run." },
    { "class", 1, RV_COL_STR, S(klass), 0, "Class computed by revus from the evidence: P pathogenic, LP likely pathogenic, VUS uncertain significance, LB likely benign, B benign." },
    { "points", 1, RV_COL_INT, S(points), 0, "Sum of ACMG/AMP evidence points (ClinGen Bayesian point system); the class follows from the total." },
    { "vus_tier", 1, RV_COL_STR, S(vus_tier), 0, "For a VUS, how close it is to likely pathogenic, from hot, warm, tepid, cool and cold down to ice_cold (empty otherwise)." },
    { "criteria", 1, RV_COL_STR, S(criteria), 0, "ACMG/AMP criteria met, comma-separated, with their strength (e.g. PM2_Supporting)." },
    { "effective_class", 1, RV_COL_STR, S(effective_class), 0, "Class after rules that override the points (e.g. a ClinVar expert-panel review or the lab's own classification)." },
    { "deciding_rule", 1, RV_COL_STR, S(deciding_rule), 0, "Which rule set the effective class." },
    { "clinvar_stars", 1, RV_COL_STARS, S(clinvar_stars), 0, "ClinVar review status as gold stars, 0 to 4 (4 practice guideline, 3 expert panel, 2 several submitters agree, 1 one submitter or conflicting, 0 no criteria); empty when the variant is not in ClinVar." },
    { "clinvar_class", 1, RV_COL_STR, S(clinvar_class), 0, "ClinVar's aggregate classification." },
    { "clinvar_release", 1, RV_COL_STR, S(clinvar_version), 0, "ClinVar release (date) the stars and classification come from." },
    { "af", 1, RV_COL_AF, S(af), 0, "Population allele frequency used for the frequency criteria (empty: absent from the population source, or no source covers the variant; see the clinician report's \"absent\" / \"no data\")." },
    { "af_source", 1, RV_COL_STR, S(af_source), 0, "Population database the frequency comes from (e.g. gnomad-exomes)." },
    { "af_version", 1, RV_COL_STR, S(af_version), 0, "Its version." },
    { "panel", 1, RV_COL_STR, S(panel), 0, "Gene panel of the indication that holds the gene." },
    { "panel_version", 1, RV_COL_STR, S(panel_version), 0, "Version of that panel." },
    { "panel_confidence", 1, RV_COL_STR, S(panel_confidence), 0, "The gene's rating on the panel: green (diagnostic grade), amber, red, or removed." },
    { "criteria_added", 0, RV_COL_STR, DER, D_CRIT_ADDED, "Criteria met now that were not met before (comma-separated)." },
    { "criteria_removed", 0, RV_COL_STR, DER, D_CRIT_REMOVED, "Criteria met before that are no longer met." },
    { "trigger_source", 0, RV_COL_STR, L(trigger_source), 0, "Knowledge source whose change raised the flag (e.g. clinvar, gnomad, panelapp)." },
    { "trigger_old_version", 0, RV_COL_STR, L(trigger_old_version), 0, "Version of that source in the earlier run." },
    { "trigger_new_version", 0, RV_COL_STR, L(trigger_new_version), 0, "Version of that source in the run that raised the flag." },
    { "trigger_field", 0, RV_COL_STR, L(trigger_field), 0, "The field or criterion that moved (e.g. CLNSIG, PM2, panel_confidence)." },
    { "trigger_old_value", 0, RV_COL_STR, L(trigger_old_value), 0, "Value of that field before." },
    { "trigger_new_value", 0, RV_COL_STR, L(trigger_new_value), 0, "Value of that field now." },
    { "detail", 0, RV_COL_STR, L(detail), 0, "One line in plain words saying what changed." },
    { "evidence", 0, RV_COL_STR, L(evidence), 0, "The evidence in one sentence: what ClinVar says now and said before (stars, releases), the population frequency, the panel rating, the criteria that moved." },
    { "flag_created", 0, RV_COL_STR, L(flag_created), 0, "When the flag was raised." },
    { "usual_action", 0, RV_COL_STR, DER, D_ACTION, "What labs usually do for this category (guidance, not a decision)." },
    { "acknowledged", 0, RV_COL_BOOL, L(acked), 0, "1 when someone in the lab has acknowledged the flag, else 0." },
    { "ack_by", 0, RV_COL_STR, L(ack_by), 0, "Who acknowledged it." },
    { "ack_at", 0, RV_COL_STR, L(ack_at), 0, "When." },
    { "ack_note", 0, RV_COL_STR, L(ack_note), 0, "Their note (left out of pseudonymised reports)." },
};

const rv_report_column *rv_report_columns(size_t *n)
{
    *n = sizeof columns / sizeof columns[0];
    return columns;
}

typedef struct { char *buf; size_t n, len; } join_ctx;

static void join_cb(const char *code, size_t n, int changed, void *ud)
{
    join_ctx *j = ud;
    if (!changed || j->len + n + 2 > j->n) return;
    if (j->len) j->buf[j->len++] = ',';
    memcpy(j->buf + j->len, code, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

static int derived(const rv_report_line *l, int id, char *buf, size_t n, double *num)
{
    const rv_report_category *c = rv_report_category_find(l->category);
    const char *s = NULL;
    join_ctx j = { buf, n, 0 };
    switch (id) {
    case D_LABEL: s = c ? c->label : NULL; break;
    case D_URGENCY: s = c ? c->urgency : NULL; break;
    case D_ACTION: s = c ? c->action : NULL; break;
    case D_SIGNIFICANT:
        *num = rv_report_line_significant(l);
        snprintf(buf, n, "%d", (int)*num);
        return 1;
    case D_CRIT_ADDED:
    case D_CRIT_REMOVED:
        buf[0] = '\0';
        if (id == D_CRIT_ADDED) rv_criteria_each(l->now.criteria, l->before.criteria, join_cb, &j);
        else rv_criteria_each(l->before.criteria, l->now.criteria, join_cb, &j);
        return j.len > 0;
    }
    if (!s) return 0;
    snprintf(buf, n, "%s", s);
    return 1;
}

int rv_report_column_value(const rv_report_line *l, const rv_report_column *c, rv_col_side side,
                           char *buf, size_t n, double *num)
{
    *num = 0;
    if (c->offset == DER) return derived(l, c->derived, buf, n, num);
    const char *base;
    if (c->side) {
        const rv_report_side *s = side == RV_SIDE_BEFORE ? &l->before : &l->now;
        /* a side with no run and no class does not exist: all its cells are empty */
        if (!s->run_id && !s->klass) return 0;
        if (c->offset == S(points) && !s->has_points) return 0;
        if (c->offset == S(af) && !s->has_af) return 0;
        base = (const char *)s;
    } else base = (const char *)l;
    const void *p = base + c->offset;
    switch (c->type) {
    case RV_COL_JSON:
    case RV_COL_STR: {
        const char *s = *(const char *const *)p;
        if (!s) return 0;
        snprintf(buf, n, "%s", s);
        return 1;
    }
    case RV_COL_INT:
    case RV_COL_BOOL:
        *num = *(const int *)p;
        snprintf(buf, n, "%d", *(const int *)p);
        return 1;
    case RV_COL_STARS:
        if (*(const int *)p < 0) return 0;
        *num = *(const int *)p;
        snprintf(buf, n, "%d", *(const int *)p);
        return 1;
    case RV_COL_I64:
        if (*(const int64_t *)p == 0) return 0;    /* ids start at 1: 0 means none */
        *num = (double)*(const int64_t *)p;
        snprintf(buf, n, "%lld", (long long)*(const int64_t *)p);
        return 1;
    case RV_COL_AF:
        if (isnan(*(const double *)p)) return 0;
        *num = *(const double *)p;
        snprintf(buf, n, "%.6g", *num);
        return 1;
    }
    return 0;
}

int rv_report_formula_like(const char *s)
{
    return s && *s && strchr("=+-@\t\r", *s) != NULL;
}
