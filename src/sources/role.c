/* sources/role.c: the role registry. To add a role: add its field table and one row in roles[];
 * adapters that turn its fields into evidence live in evidence code, not here. */
#include <string.h>
#include "sources/role.h"

#define N(a) ((int)(sizeof(a) / sizeof *(a)))

static const rv_role_field clinical_fields[] = {
    { "clnsig",       RV_T_STR,   1, "aggregate germline classification (ClinVar CLNSIG)" },
    { "clnrevstat",   RV_T_STR,   1, "review status (ClinVar CLNREVSTAT), gives the stars" },
    { "clnsigconf",   RV_T_STR,   0, "conflicting classifications with counts (CLNSIGCONF)" },
    { "variation_id", RV_T_INT,   0, "ClinVar Variation ID (the VCF ID column)" },
    { "gene",         RV_T_STR,   0, "gene symbol(s) (GENEINFO)" },
    { "disease",      RV_T_STR,   0, "disease names (CLNDN)" },
    { "consequence",  RV_T_STR,   0, "molecular consequence (MC)" },
    { "hgvs",         RV_T_STR,   0, "HGVS expression (CLNHGVS)" },
    { "protein",      RV_T_STR,   0, "protein change, e.g. p.Arg117His (for PS1/PM5)" },
};
static const rv_role_field population_fields[] = {
    { "af",         RV_T_FLOAT, 1, "allele frequency over all groups" },
    { "an",         RV_T_INT,   1, "allele number (called alleles)" },
    { "ac",         RV_T_INT,   0, "allele count" },
    { "af_grpmax",  RV_T_FLOAT, 0, "highest AF among non-bottlenecked groups (grpmax/popmax)" },
    { "an_grpmax",  RV_T_INT,   0, "allele number of the grpmax group" },
    { "faf95",      RV_T_FLOAT, 0, "filtering AF, 95% CI (fafmax_faf95_max or faf95_popmax)" },
    { "nhomalt",    RV_T_INT,   0, "homozygous individuals" },
    { "nhemi",      RV_T_INT,   0, "hemizygous (XY) individuals for chrX" },
};
static const rv_role_field score_fields[] = {
    { "score",      RV_T_FLOAT, 1, "the predictor's score (REVEL, AlphaMissense, CADD PHRED, SpliceAI max delta)" },
    { "gene",       RV_T_STR,   0, "gene the score refers to" },
    { "transcript", RV_T_STR,   0, "transcript the score refers to" },
};
static const rv_role_field lab_fields[] = {
    { "class",      RV_T_STR,   1, "the lab's classification: P, LP, VUS, LB, B (or the words)" },
    { "date",       RV_T_STR,   0, "date the lab classified it (YYYY-MM-DD)" },
    { "reporter",   RV_T_STR,   0, "who classified it" },
    { "gene",       RV_T_STR,   0, "gene symbol" },
};
static const rv_role_field panel_fields[] = {
    { "symbol",      RV_T_STR,  1, "gene symbol" },
    { "hgnc_id",     RV_T_STR,  0, "HGNC id (HGNC:1234), the preferred match" },
    { "confidence",  RV_T_INT,  1, "PanelApp confidence: 3 green, 2 amber, 1 red, 0 removed" },
    { "moi",         RV_T_STR,  0, "mode of inheritance as written by the panel" },
    { "panel_id",    RV_T_STR,  0, "panel id" },
    { "panel_name",  RV_T_STR,  0, "panel name" },
    { "panel_version", RV_T_STR, 0, "panel version (MAJOR.MINOR)" },
    { "mode_of_pathogenicity", RV_T_STR, 0, "e.g. loss-of-function does not cause the phenotype" },
};
static const rv_role_field validity_fields[] = {
    { "symbol",         RV_T_STR, 1, "gene symbol" },
    { "hgnc_id",        RV_T_STR, 0, "HGNC id" },
    { "disease",        RV_T_STR, 0, "disease label" },
    { "mondo",          RV_T_STR, 0, "MONDO id" },
    { "moi",            RV_T_STR, 0, "mode of inheritance (AD, AR, XL, ...)" },
    { "classification", RV_T_STR, 1, "Definitive, Strong, Moderate, Limited, Disputed, Refuted, No Known Disease Relationship" },
    { "date",           RV_T_STR, 0, "classification date" },
    { "report",         RV_T_STR, 0, "address of the curation's online report (ClinGen ONLINE REPORT)" },
};
static const rv_role_field region_fields[] = {
    { "symbol",   RV_T_STR, 1, "gene symbol" },
    { "hgnc_id",  RV_T_STR, 0, "HGNC id" },
    { "feature",  RV_T_STR, 0, "feature type (gene, exon, CDS, repeat)" },
    { "lof_mechanism", RV_T_STR, 0, "loss of function is a known disease mechanism (yes/no), for PVS1" },
};
/* ClinGen Dosage Sensitivity: a gene's haploinsufficiency score, which makes loss of function
 * a known disease mechanism for PVS1 (the scores that count: pipeline/acmg.json). */
static const rv_role_field dosage_fields[] = {
    { "symbol",         RV_T_STR, 1, "gene symbol" },
    { "hgnc_id",        RV_T_STR, 0, "HGNC id" },
    { "gene_id",        RV_T_STR, 0, "NCBI Gene id" },
    { "hi_score",       RV_T_STR, 1, "haploinsufficiency score: 3 sufficient, 2 some, 1 little, 0 no evidence, 30 autosomal recessive, 40 unlikely" },
    { "hi_description", RV_T_STR, 0, "the score's wording" },
    { "ts_score",       RV_T_STR, 0, "triplosensitivity score" },
    { "hi_disease",     RV_T_STR, 0, "disease id (MONDO) of the haploinsufficiency curation" },
};
/* One record per transcript, keyed by its span. The mapped fields are GFF3 attributes looked
 * up on the transcript line, then on its gene; the computed ones are the structure
 * (sources/compile/gene_model.c writes them, csq/model.c reads them). */
static const rv_role_field gene_model_fields[] = {
    { "transcript", RV_T_STR, 1, "transcript id with its version (ENST00000380152.8, NM_000059.4)" },
    { "symbol",     RV_T_STR, 1, "gene symbol" },
    { "hgnc_id",    RV_T_STR, 0, "HGNC id (HGNC:1101)" },
    { "gene_id",    RV_T_STR, 0, "gene id (ENSG..., GeneID)" },
    { "biotype",    RV_T_STR, 0, "transcript biotype (protein_coding, lncRNA, nonsense_mediated_decay)" },
    { "tags",       RV_T_STR, 0, "tags: MANE_Select, MANE_Plus_Clinical, Ensembl_canonical, basic, cds_start_NF" },
    { "strand",     RV_T_STR, RV_FIELD_COMPUTED, "+ or -" },
    { "exons",      RV_T_STR, RV_FIELD_COMPUTED, "exons as START-END offsets from the transcript start, ascending, ','-separated" },
    { "cds",        RV_T_STR, RV_FIELD_COMPUTED, "coding part START-END:PHASE (genomic, 1-based; phase of its first base in transcript order), empty for non-coding" },
    { "flags",      RV_T_STR, RV_FIELD_COMPUTED, "incomplete model: cds_start_NF, cds_end_NF, cds_not_multiple_of_3" },
};

static const rv_role roles[] = {
    { RV_ROLE_CLINICAL_ASSERTION, "clinical-assertion",   RV_KEY_VARIANT,  clinical_fields,   N(clinical_fields),
      "classifications asserted by others (ClinVar), reported beside the criteria" },
    { RV_ROLE_POPULATION_FREQUENCY, "population-frequency", RV_KEY_VARIANT,  population_fields, N(population_fields),
      "allele frequencies in reference populations (gnomAD): BA1, BS1, BS2, PM2" },
    { RV_ROLE_IN_SILICO_SCORE, "in-silico-score",      RV_KEY_VARIANT,  score_fields,      N(score_fields),
      "computational predictors (REVEL, AlphaMissense, CADD, SpliceAI): PP3, BP4, BP7" },
    { RV_ROLE_LAB_CLASSIFICATION, "lab-classification",   RV_KEY_VARIANT,  lab_fields,        N(lab_fields),
      "the lab's own classification table" },
    { RV_ROLE_GENE_PANEL, "gene-panel",           RV_KEY_GENE,     panel_fields,      N(panel_fields),
      "genes of a diagnostic panel with confidence and inheritance (PanelApp)" },
    { RV_ROLE_GENE_VALIDITY, "gene-validity",        RV_KEY_GENE,     validity_fields,   N(validity_fields),
      "gene-disease validity curations (ClinGen)" },
    { RV_ROLE_GENE_REGIONS, "gene-regions",         RV_KEY_INTERVAL, region_fields,     N(region_fields),
      "gene model or regions (BED/GFF3): gene attribution, repeat regions" },
    { RV_ROLE_GENE_MODEL, "gene-model",           RV_KEY_INTERVAL, gene_model_fields, N(gene_model_fields),
      "transcripts, exons and CDS (GFF3): consequences, HGVS, PVS1 (revus csq)" },
    { RV_ROLE_GENE_DOSAGE, "gene-dosage",          RV_KEY_GENE,     dosage_fields,     N(dosage_fields),
      "dosage sensitivity curations (ClinGen): haploinsufficiency makes loss of function a known mechanism for PVS1" },
};

const rv_role *rv_role_find(const char *name)
{
    for (int i = 0; name && i < N(roles); i++)
        if (strcmp(roles[i].name, name) == 0) return &roles[i];
    return NULL;
}

rv_role_id rv_role_id_of(const char *name)
{
    const rv_role *r = rv_role_find(name);
    return r ? r->id : RV_ROLE_UNKNOWN;
}

const rv_role *rv_role_list(int *n)
{
    *n = N(roles);
    return roles;
}

const rv_role_field *rv_role_field_find(const rv_role *r, const char *name)
{
    for (int i = 0; i < r->n_fields; i++)
        if (strcmp(r->fields[i].name, name) == 0) return &r->fields[i];
    return NULL;
}

static const char *const ftype_names[] = { [RV_T_FLOAT] = "float", [RV_T_INT] = "int", [RV_T_STR] = "string" };

const char *rv_ftype_name(rv_ftype t)
{
    return t >= RV_T_FLOAT && t <= RV_T_STR ? ftype_names[t] : "?";
}

int rv_ftype_parse(const char *s, rv_ftype *t)
{
    for (int i = RV_T_FLOAT; i <= RV_T_STR; i++)
        if (strcmp(s, ftype_names[i]) == 0) { *t = (rv_ftype)i; return 0; }
    if (strcmp(s, "integer") == 0) { *t = RV_T_INT; return 0; }
    return -1;
}
