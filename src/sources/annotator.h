/* sources/annotator.h: join normalised variants against the compiled indexes of a set of source
 * releases and turn what matches into typed evidence (variant/evidence.h) and INFO tags.
 *
 * One small adapter per role (a table, sources/annotator.c) knows which typed fields the role
 * provides, how they fill an rv_evidence and which INFO tags they become. Lookups use
 * one cursor per variant-keyed source, so a position-sorted input is one forward sweep
 * of each index: no per-variant random I/O and no allocation per record.
 *
 * The first source of a role gives the role's plain tags (RV_AF, RV_CLNSIG, ...) and
 * the evidence; further sources of the same role get tags prefixed with their name
 * (RV_GNOMAD_GENOMES_AF). In-silico scores are RV_<SOURCE>. docs/annotate.md lists them.
 *
 * Used by `revus annotate` and `revus run`. */
#ifndef RV_ANNOTATOR_H
#define RV_ANNOTATOR_H

#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include "variant/contig.h"
#include "base/err.h"
#include "variant/evidence.h"
#include "variant/varkey.h"

typedef struct rv_annotator rv_annotator;

/* One source release to annotate with. name/version default to the index metadata. */
typedef struct rv_annot_source {
    const char *index_path;
    const char *name;      /* NULL: the index's "source" metadata */
    const char *version;   /* NULL: the index's "version" metadata */
    const char *sha256;    /* sha256 of the raw release (provenance), or NULL */
} rv_annot_source;

/* Open the given releases (in this order). Fails on a missing, damaged or foreign index.
 * RV_OK with *a set (caller frees with rv_annotator_close); the codes of rv_index_open,
 * RV_ESOURCE for an index of an unknown role, RV_ENOMEM. */
int rv_annotator_open(rv_annotator **a, const rv_annot_source *src, int n, rv_err *err) RV_MUST_CHECK;

/* Open the active release of each source in the home's store: all active sources, or
 * only those named (an unknown or inactive name is RV_ENOTFOUND). */
int rv_annotator_open_home(rv_annotator **a, const char *home, const char *const *names,
                           int n_names, rv_err *err) RV_MUST_CHECK;
void rv_annotator_close(rv_annotator *a);   /* accepts NULL */

/* Every variant- and interval-keyed source must be on the input's build: RV_EBUILD
 * naming the source otherwise. An unknown input build is accepted only when all sources
 * agree on one build (it is then assumed, with a warning). */
int rv_annotator_check_build(const rv_annotator *a, rv_build input, const char *input_name, rv_err *err);

/* Look the key up in every variant-keyed source and fill ev (which the caller has
 * initialised with rv_evidence_init, possibly with consequence fields already set).
 * ev may be NULL when only the INFO tags are wanted. */
void rv_annotator_variant(rv_annotator *a, const rv_varkey *key, rv_evidence *ev);

/* Gene-level evidence once the gene is known: from ev->hgnc_id / ev->gene (the input's
 * consequence annotation) or, when those are empty, from a gene-regions source at the
 * variant's position, else the first gene of the ClinVar record (GENEINFO). Fills panel,
 * validity, lof_mechanism and in_repeat. Call after rv_annotator_variant. */
void rv_annotator_gene(rv_annotator *a, rv_evidence *ev);

/* 1 when some source is gene- or interval-keyed (rv_annotator_gene has work to do). */
int rv_annotator_gene_level(const rv_annotator *a);

/* Both of the above. */
void rv_annotator_fill(rv_annotator *a, const rv_varkey *key, rv_evidence *ev);

/* Add one ##INFO line per tag (naming the source and version) and one
 * ##revusSource=<ID=..,Version=..,SHA256=..,Role=..> line per source.
 * RV_OK; RV_EINPUT when htslib refuses a line. */
int rv_annotator_header(const rv_annotator *a, bcf_hdr_t *hdr, rv_err *err);

/* The tags of the last filled record as INFO text, appended to s: "RV_AF=0.01;RV_AN=1000"
 * (no leading ';'). Returns the number of tags written (0: nothing matched). */
int rv_annotator_info_text(const rv_annotator *a, kstring_t *s);

/* The same tags set on a BCF record with bcf_update_info (hdr must carry the header
 * lines from rv_annotator_header). */
int rv_annotator_info_bcf(const rv_annotator *a, const bcf_hdr_t *hdr, bcf1_t *rec, rv_err *err);

int rv_annotator_n_sources(const rv_annotator *a);

/* RV_STARS (review stars from CLNREVSTAT) is written by default; off when the classifier
 * writes it with the classification tags. */
void rv_annotator_set_stars(rv_annotator *a, int on);
/* Name, version, role name and sha256 (may be NULL) of source i. */
void rv_annotator_source(const rv_annotator *a, int i, const char **name, const char **version,
                         const char **role, const char **sha256);

/* The compiled index of source i (borrowed; for tables built from a release, e.g. the
 * PS1/PM5 residue table from ClinVar: classify/residue_index.h). */
const struct rv_index *rv_annotator_index(const rv_annotator *a, int i);

/* Matches per source so far (for run statistics and tests). */
int64_t rv_annotator_hits(const rv_annotator *a, int i);

#endif
