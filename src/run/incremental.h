/* run/incremental.h: what an incremental run must re-read for one sample, and why.
 *
 * A sample's calls depend on its VCF, the config and rules, the revus version, the lab's
 * reported variants, its previous calls (a candidate that leaves is kept once), and the
 * active source releases. When only variant-keyed releases moved since its last run
 * (clinical-assertion, population-frequency, in-silico-score, lab-classification: a
 * record's values reach only the calls of its own variant), the calls that can differ
 * from the previous ones are those of the keys the releases added, removed or changed
 * (any field), of reported variants whose previous call does not say "reported" (or that
 * had none), of previous calls kept as reported that are not any more, and of previous
 * calls kept only because they had been candidates. Of those keys, the sample's carrier index
 * (run/carrier.h) says which it carries; a key it does not hold is one the sample does
 * not carry when the index's prefilter covers it (rv_prefilter_covers), and is re-read
 * otherwise. Every other call is carried over unchanged. A key the index holds is read
 * from its line in the index's records file; any other within RV_ALIGN_WINDOW of its own
 * position (trimming and left-alignment move a record by less).
 *
 * Anything else re-reads the whole sample (the decision says why): no previous run; a
 * sample with relatives registered (de novo and segregation read their VCFs); the
 * previous run read another VCF or its checksum was not recorded; another indication;
 * another config, rules
 * file or revus version; a source added or removed; a gene-keyed change of a gene that no
 * active gene-regions or gene-model release locates; a release of the previous run that is no longer in
 * the store; releases whose fields differ. A rollback is a change like any other: the diff
 * of the two releases.
 *
 * A variant-keyed release that covers other variants than the one before (rv_index_covers:
 * other declared regions, or another set of contigs holding records) changes the evidence
 * of absence there, also for keys neither release holds: the intervals covered by one
 * release and not the other (whole contigs, or declared regions) are read whole, like a
 * changed gene's region, besides the keys the releases changed. */
#ifndef RV_RUN_INCREMENTAL_H
#define RV_RUN_INCREMENTAL_H

#include "base/err.h"
#include "classify/call.h"
#include "state/cohort.h"
#include "state/db.h"
#include "state/runconf.h"
#include "state/runs.h"
#include "input/vcf_reader.h"
#include "run/carrier.h"

typedef struct rv_incr rv_incr;

/* now: the run's frozen snapshot; config_hash: the run's. Thread-safe after opening. */
int rv_incr_open(rv_incr **x, const char *home, const rv_runconf *conf, const rv_source_ver *now, int n_now,
                 const char *config_hash, rv_err *err);
void rv_incr_close(rv_incr *x);      /* accepts NULL */
/* Only read: a missing or stale carrier index makes the decision full instead of being
 * rebuilt (revus plan). */
void rv_incr_set_readonly(rv_incr *x);

/* One change behind a decision: "clinvar 2016-09-27 -> 2015-12-11: 41 keys, 3 carried". */
/* genes: a gene-keyed or interval change; n_keys counts its rows added, removed or changed.
 * coverage: a variant-keyed change whose coverage changed, where in words ("contig 13",
 * "2 declared regions"; NULL when it did not); n_regions: the change's regions read whole. */
typedef struct rv_incr_change { char *what; int n_keys, n_carried, genes, n_regions; char *coverage; } rv_incr_change;

typedef struct rv_incr_decision {
    int full;               /* 1: re-read the whole VCF */
    char reason[512];       /* why full; or "" */
    char **keys;            /* incremental: the variant keys to re-read (sorted, strcmp) */
    int n_keys;
    int n_uncovered;        /* of which the carrier index could not rule out */
    rv_region *regions;     /* where in the VCF they are (records starting there) */
    int n_regions;
    rv_incr_change *changes;
    int n_changes;
    char **genes;           /* genes of gene-keyed or interval changes (symbols, HGNC ids) */
    int n_genes;
    rv_region *gene_regions; /* where they lie (padded), and where a variant-keyed release's
                                coverage changed, sorted, overlaps merged: every call there
                                is re-read */
    int n_gene_regions;
    int carriers_rebuilt;   /* the sample's carrier index was missing or stale */
    rv_carriers *car;       /* the sample's carrier index when keys are to be read, or NULL */
} rv_incr_decision;
void rv_incr_decision_free(rv_incr_decision *d);

/* A clinical-assertion change with a gene model active (and reference_fasta set): the
 * previous calls at a residue (gene and HGVSp position) of a changed key are re-read too, as
 * PS1/PM5 of a variant read ClinVar at its residue.
 *
 * Gene-keyed and interval releases (gene-panel, gene-validity, gene-dosage, gene-regions) are
 * followed gene by gene (rv_index_diff_genes): the genes of the rows added, removed or changed, and
 * their regions (a gene-keyed row's gene located in the intervals of the active gene-regions
 * or gene-model
 * releases; an interval row's own interval, old and new), padded by the carrier gene
 * padding plus RV_ALIGN_WINDOW. The decision's gene_regions are read whole
 * (rv_incr_gene_read_regions, rv_incr_take_region_calls) and every previous call named
 * after a changed gene, or lying in those regions, is re-read. */

/* Whether sample s must be read in full whatever the releases did, judged against info
 * (what its last run read it with): its VCF, indication or registration changed (or were
 * not recorded), the config and rules (config_hash) or the revus version changed. 1 with
 * why set (one line), or 0. rv_incr_decide and `revus plan` (run/plan.h) both ask it. */
int rv_incr_sample_changed(const rv_run_info *info, const rv_sample *s, const char *config_hash, char *why, size_t n);

/* Decide for sample s (rd: a connection of the calling thread). prev_run/prev: its last
 * done run and its calls there (sorted); reported: the lab's variants for it. */
int rv_incr_decide(rv_incr *x, rv_state *rd, const rv_sample *s, int64_t prev_run, const rv_calls *prev,
                   char *const *reported, int n_reported, rv_incr_decision *d, rv_err *err);

/* The regions to read for d's gene regions (each widened by RV_ALIGN_WINDOW, as a record
 * starts before where it normalises); *out the caller's. Returns how many, or -1. */
int rv_incr_gene_read_regions(const rv_incr_decision *d, rv_region **out);
/* After reading those regions (more): move each call of more that lies in d's gene
 * regions and whose key d does not hold yet into fresh (kept sorted), adding its key to d.
 * Returns how many, or < 0. */
int rv_incr_take_region_calls(rv_incr_decision *d, rv_calls *more, rv_calls *fresh, rv_err *err);

/* A call's genotype fit depends on the sample's other calls in its gene (a compound
 * heterozygous partner, run/family.h): after re-reading d's keys (fresh), add to d every
 * previous call sharing a gene with a re-read or dropped one, so the whole gene is
 * re-read and assessed together. Returns how many keys it added, or < 0; *added: those
 * keys (sorted; an array the caller frees, of strings d owns), their regions appended to
 * d->regions. Reading the added keys alone and adding their calls to fresh gives what
 * re-reading all of d would (a call depends on its own record until rv_run_sample_assess). */
int rv_incr_expand_genes(const rv_calls *prev, rv_incr_decision *d, const rv_calls *fresh, char ***added,
                         rv_err *err);

/* Where keys (sorted by strcmp) are read: a key the carrier index holds with its VCF line
 * in the records file (every entry of it) is read there, by line (line_keys, lines); any
 * other from the VCF, within RV_ALIGN_WINDOW of its position (region_keys, regions). The
 * key strings are keys'; both key lists stay sorted. Returns 0, or -1 out of memory. */
typedef struct rv_incr_reads {
    char **line_keys, **region_keys;
    int n_line_keys, n_region_keys;
    uint64_t *lines;
    int n_lines;
    rv_region *regions;
    int n_regions;
} rv_incr_reads;
int rv_incr_locate(const rv_incr_decision *d, char *const *keys, int n, rv_incr_reads *out);
void rv_incr_reads_free(rv_incr_reads *r);

/* What an incremental run stores for a sample, as a change to its previous calls prev
 * (those rv_history_read_light gives suffice): *keys (sorted; the caller frees each and the
 * array) gets d's keys and those of the carried-over calls that are reported or whose
 * criteria or inheritance text cite another release than now's: the only calls that can
 * differ from prev; *n_carried how many previous calls are carried over (not d's). Every
 * other previous call stays as it is. Returns 0, or -1 out of memory. */
/* 1 when criteria or inheritance text cites a source of the run at another version than
 * the run's (incr: the rv_incr): the only previous calls whose text rv_incr_delta_keys needs
 * (an rv_text_filter of state/history.h). */
int rv_incr_cites_moved(const char *criteria, const char *inheritance, void *incr);
int rv_incr_delta_keys(const rv_calls *prev, const rv_incr_decision *d, char *const *reported, int n_reported,
                       const rv_source_ver *now, int n_now, char ***keys, int *n_keys, int *n_carried);
/* out gets the calls of keys now: what was computed for d's keys (fresh, moved) and a copy
 * of each other key's previous call in prev_sub (read whole: rv_history_read_keys) with
 * each "SOURCE@VERSION" and X_version set to now's, what a full run would write. out must
 * be empty. Returns how many calls were copied, or < 0. Hand prev_sub and out to
 * rv_run_apply_sample_delta (state/runs.h). */
int rv_incr_delta(const rv_calls *prev_sub, const rv_incr_decision *d, rv_calls *fresh, char *const *keys, int n_keys,
                  const rv_source_ver *now, int n_now, rv_calls *out, rv_err *err);

#endif
