/* report/model.h: what a reclassification report says, independent of its format.
 *
 * A report is a header (which runs, when, which revus, which pipeline config, every source
 * release with its checksum) and a flat list of lines, one per flag. rv_report_sort() puts
 * the lines in reading order: indication, then patient (the patient with the most urgent
 * line first), then line (most urgent category first). Writers (report/write_html.c,
 * report/write_tsv.c, report/write_json.c, report/write_vcf.c) only read a sorted model; the loader
 * (report/load.c) fills one from the state database.
 *
 * Every string in a report is owned by the report's arena (rv_report_str) and freed by
 * rv_report_free(); NULL means "not known" and is printed as an empty cell, never as
 * "(null)" or "0". */
#ifndef RV_REPORT_MODEL_H
#define RV_REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

/* One side (before / now) of a line's evidence. */
typedef struct rv_report_side {
    int64_t     run_id;          /* 0 when there is no such side (a new candidate) */
    const char *run_date;        /* "2025-03-01" or full ISO time */
    const char *klass;           /* "P", "LP", "VUS", "LB", "B" */
    const char *effective_class; /* class after overrides (ClinVar expert panel, lab) */
    const char *deciding_rule;   /* e.g. "points", "clinvar-expert-panel" */
    int         has_points;
    int         points;          /* ACMG/AMP Bayesian points (Tavtigian 2020) */
    const char *vus_tier;        /* VUS sub-tier: "hot", "warm", "cold" */
    const char *criteria;        /* "PM2_Supporting,PP3_Moderate" (comma-separated) */
    int         clinvar_stars;   /* 0..4; -1 when the variant is not in ClinVar */
    const char *clinvar_class;   /* ClinVar aggregate significance as printed by ClinVar */
    const char *clinvar_version; /* ClinVar release, e.g. "2025-01-06" */
    int         has_af;
    double      af;              /* population allele frequency (grpmax/FAF where used) */
    const char *af_source;       /* "gnomad-exomes" */
    const char *af_version;      /* "4.1" */
    const char *panel;           /* panel name or id */
    const char *panel_version;
    const char *panel_confidence;/* "green", "amber", "red", "removed" */
} rv_report_side;

/* One flag: what changed for one patient's variant, and why. */
typedef struct rv_report_line {
    const char *indication;      /* indication code ("R210"); NULL sorts as "" */
    const char *indication_name;
    const char *sample;          /* sample id, or its pseudonym */
    const char *sex;             /* "M", "F" or NULL, as registered */
    const char *family;          /* family id (trios), or its pseudonym; NULL when none */
    const char *gene, *transcript, *hgvsc, *hgvsp, *consequence;
    const char *variant;         /* normalised key "CHROM-POS-REF-ALT" */
    const char *build;           /* "GRCh38" */
    const char *zygosity;        /* "het", "hom", "hemi" */
    const char *hgvs;            /* "NM_000492.4:c.1521_1523del p.(Phe508del)": written once */
    const char *condition, *moi; /* gene-validity disease label; mode of inheritance */
    const char *fit;             /* genotype fit: fits, second_hit_needed, does_not_fit, moi_unknown */
    const char *inheritance;     /* JSON object text (run/family.h); NULL before families */
    const char *mondo;           /* MONDO id of that curation ("MONDO:0009061") */
    const char *clinvar_disease; /* ClinVar's disease names (CLNDN), in words, '; '-joined */
    const char *panel_name;      /* the panel's own name (PanelApp), as the source gives it */
    const char *panel_id;        /* the panel's own id (PanelApp) */
    const char *hgnc_id;         /* "HGNC:1884" when the input had it */
    int64_t     clinvar_id;      /* ClinVar Variation ID; 0 when not known */
    const char *validity_url;    /* the curation's online report, as the source gives it */
    const char *clinvar_url, *clingen_url, *panelapp_url;  /* links to the evidence (report/links.c) */
    const char *evidence;        /* one sentence in plain words (report/evidence_text.c) */
    rv_report_side before, now;
    const char *reported_class, *reported_date, *reported_by;  /* what the lab issued */
    const char *report_id;       /* the lab's own id of that report (reported import) */
    int64_t     flag_id;
    const char *category;        /* flag category code, see rv_report_category */
    int         priority;        /* state's priority number for the flag (1 most urgent) */
    const char *basis;           /* "previous" (earlier run) or "reported" (lab's class) */
    const char *old_class, *new_class;   /* the classes the flag compares (NULL: absent) */
    const char *detail;          /* one plain-words line from the state */
    const char *trigger_source, *trigger_old_version, *trigger_new_version, *trigger_field;
    const char *trigger_old_value, *trigger_new_value;
    const char *flag_created;
    int         acked;
    const char *ack_by, *ack_at, *ack_note;
} rv_report_line;

typedef struct rv_report_source {
    const char *name, *version, *sha256, *release_date, *role;
    const char *web;             /* PanelApp: the site the release came from ("https://host") */
} rv_report_source;

/* A patient the selected runs could not reanalyse (VCF missing, changed or malformed). */
typedef struct rv_report_skipped {
    int64_t run;
    const char *sample, *indication, *reason;
} rv_report_skipped;

typedef struct rv_report_arena rv_report_arena;

typedef struct rv_report {
    int64_t          *run_ids;    /* runs the lines come from, ascending */
    size_t            n_runs, m_runs;
    const char       *run_date;   /* start of the latest selected run */
    const char       *revus_version;   /* revus that made the runs */
    const char       *config_hash;     /* hash of the pipeline config of the latest run */
    const char       *generated_at;    /* when this report was written (UTC, ISO 8601) */
    const char       *generator;       /* revus that wrote the report */
    const char       *selection;       /* the filters, in words: "run 3, indication R210" */
    int               pseudonymised;
    rv_report_source *sources;
    size_t            n_sources, m_sources;
    rv_report_line   *lines;
    size_t            n_lines, m_lines;
    rv_report_skipped *skipped;       /* in run, sample order */
    size_t            n_skipped, m_skipped;
    rv_report_arena  *arena;
} rv_report;

/* Flag categories, most urgent first. The text is what a clinician reads. */
typedef struct rv_report_category {
    const char *code;        /* as stored by the state: "plp_downgraded" ... */
    int         rank;        /* 1 = most urgent */
    const char *label;       /* "P/LP downgraded" */
    const char *urgency;     /* "highest", "high", ... */
    const char *meaning;     /* one sentence in plain words */
    const char *action;      /* what is usually done */
} rv_report_category;

/* The category for code, or NULL for an unknown code (writers then show the code). */
const rv_report_category *rv_report_category_find(const char *code);
/* The whole table, most urgent first. */
const rv_report_category *rv_report_category_list(size_t *n);

/* Management group of a class: 2 for P/LP, 1 for VUS, 0 for LB/B, -1 unknown or NULL.
 * Moving between groups is a change of clinical consequence (docs/domain.md, section 6). */
int rv_class_group(const char *klass);
/* Position on the five-class scale: B 0, LB 1, VUS 2, LP 3, P 4; -1 unknown. */
int rv_class_scale(const char *klass);
/* 1 when the line's new class is in another management group than its reported class
 * (or, lacking a reported class, than its previous class); with neither, 1 when the new
 * class is P/LP (a new finding). */
int rv_report_line_significant(const rv_report_line *l);

/* Empty report with an arena. Returns NULL when out of memory. */
rv_report *rv_report_new(void);
void rv_report_free(rv_report *r);            /* NULL ok */
/* Copy s into the report's arena; NULL stays NULL. Returns NULL when out of memory
 * (check with s != NULL). */
const char *rv_report_str(rv_report *r, const char *s);
/* Append a zeroed line / source / run id; NULL (or <0) when out of memory. */
rv_report_line *rv_report_add_line(rv_report *r);
rv_report_source *rv_report_add_source(rv_report *r);
int rv_report_add_run(rv_report *r, int64_t run_id);
rv_report_skipped *rv_report_add_skipped(rv_report *r);

/* HGVS for reading (report/hgvs.c): "TRANSCRIPT:c.X p.(Y)" with the transcript written
 * once (VEP's HGVSc already starts with it), the protein change in three-letter amino
 * acids, '%3D' read as '='. NULL when there is no c. nor p. change. Arena string. */
const char *rv_report_hgvs(rv_report *r, const char *transcript, const char *hgvsc, const char *hgvsp);
/* The protein change alone in three-letter form without its accession: "p.(Arg117His)"
 * stays, "ENSP0001.1:p.R117H" becomes "p.Arg117His". Into out; 0, or -1 when it does not fit. */
int rv_hgvsp_three_letter(const char *hgvsp, char *out, size_t n);
/* The evidence of a line in one plain-words sentence (report/evidence_text.c): what
 * ClinVar says now and said before, the population frequency, the panel rating, the
 * criteria that moved. Arena string; NULL when there is nothing to say. */
const char *rv_report_evidence_text(rv_report *r, const rv_report_line *l);
/* Links of a line to the evidence (report/links.c): the ClinVar variation record, the
 * ClinGen curation (its online report, else the gene's page), the PanelApp gene page
 * (when the panel release came from a PanelApp site). Sets clinvar_url, clingen_url,
 * panelapp_url; a link whose ids are not known stays NULL. 0, or -1 out of memory. */
int rv_report_line_links(rv_report *r, rv_report_line *l);

/* Fill every line's reading aids from its stored facts (report/derive.c): hgvs, the
 * ClinVar disease names in words, the evidence sentence, the links. The loader calls it;
 * call it again after adding sources' sites (links). 0, or -1 out of memory. */
int rv_report_derive(rv_report *r);

/* Put lines in reading order (see top of file). Stable for equal keys. */
void rv_report_sort(rv_report *r);

/* Criteria diff: for each comma-separated code in `list`, whether it is absent from
 * `other` ("changed"). Calls fn(code, code_len, changed, ud) in order. */
void rv_criteria_each(const char *list, const char *other,
                      void (*fn)(const char *code, size_t n, int changed, void *ud), void *ud);

/* Replace every line's sample id by "P-" + 12 hex digits of HMAC-SHA256(salt, id):
 * stable for one home (one salt), unlinkable without it. Sets r->pseudonymised.
 * RV_OK; RV_ENOMEM. */
int rv_report_pseudonymise(rv_report *r, const unsigned char *salt, size_t salt_len, rv_err *err);
/* The pseudonym of one id into out (at least 15 bytes). */
void rv_pseudonym(const unsigned char *salt, size_t salt_len, const char *id, char out[15]);
/* Read HOME/pseudonym.salt, creating it (32 random bytes, mode 0600) when absent.
 * salt must hold 64 bytes; *len receives the salt length.
 * RV_OK; RV_EIO when the file cannot be read or created, RV_EINPUT when it is damaged,
 * RV_EUSAGE when home is too long a path. */
int rv_pseudonym_salt(const char *home, unsigned char salt[64], size_t *len, rv_err *err);

/* Lines are ordered by patient (indication, then sample): the index one past the last line
 * of the patient whose first line is `from` (from < r->n_lines). The writers that make one
 * document per patient (HTML sections, Phenopacket, FHIR) walk patients with it. */
size_t rv_report_patient_end(const rv_report *r, size_t from);

#endif
