/* state/db.h: the cohort state database ($REVUS_HOME/revus.db) and its schema.
 *
 * One SQLite file, mode 0600, WAL journal, foreign keys on, a busy timeout, prepared
 * statements. The schema is versioned by PRAGMA user_version and upgraded by the
 * migration table in state/schema.c; a database written by a newer revus is refused
 * (RV_ESTATE) rather than guessed at. A run writes each sample in ONE transaction, so
 * a crash loses at most the sample in flight, never half of one.
 *
 * Reports and statistics (report/) read these tables with plain SQL; the columns below
 * are the contract.
 *
 * SCHEMA (version RV_STATE_SCHEMA_VERSION). Times are UTC ISO 8601 text
 * ("2026-11-27T12:00:00Z"); dates the lab gives are "YYYY-MM-DD". Variants are the
 * normalised key rv_varkey_format() writes ("7-117176711-A-T"); never coordinates alone.
 * Classes are the five ACMG codes 'P','LP','VUS','LB','B'.
 *
 *   meta(key PK, value)                  created_by, created_at, last_migrated_by
 *
 *   indications(code PK, name, panel_sources)
 *       panel_sources: comma-separated gene-panel source names (descriptor names) whose
 *       genes are the indication's genes of interest; '' = none configured. Synced from
 *       the "indications" object of the pipeline config, or created bare by cohort add.
 *
 *   samples(id PK, vcf_path, vcf_sha256, indication -> indications.code NULL,
 *           sex 'M'|'F'|NULL, family NULL, added_at, father NULL, mother NULL,
 *           phenotype 0|1|2|NULL, vcf_sample NULL)
 *       vcf_path is absolute; vcf_sha256 is the file's checksum when registered: a run
 *       refuses (skips) a sample whose file is missing or no longer matches. father and
 *       mother are sample ids from the PED; phenotype 2 affected, 1 unaffected (no flags
 *       unless carrier flags are configured), 0/NULL unknown; vcf_sample the VCF column
 *       when it is not named like the sample (schema 2, docs/inheritance.md).
 *
 *   runs(id PK autoincrement, started_at, ended_at NULL, status, kind, revus_version,
 *        config_hash, pid, n_done, n_skipped)
 *       status: 'running' -> 'complete'; a run found 'running' when the next run takes
 *       the lock was killed and is marked 'interrupted'. kind: 'direct' (revus run) or
 *       'merge' (revus merge of shards). config_hash: sha256 of the pipeline config.
 *
 *   run_sources(run -> runs, source, version, sha256, role)   PK(run, source)
 *       every source release active for the run (the frozen snapshot).
 *
 *   run_samples(run -> runs, sample -> samples, status, reason, finished_at,
 *               n_candidates, n_flags, vcf_sha256, mode, indication, registration)
 *               PK(run, sample)
 *       status: 'done' (classifications stored) or 'skipped' (reason says why: VCF
 *       missing, checksum changed, malformed at FILE:LINE). A sample's "last run" is
 *       its latest 'done' row. vcf_sha256: the VCF content the calls were computed from;
 *       mode: 'full' or 'incremental' (run/incremental.h); NULL before schema 3.
 *       registration: the sample's sex, family, father, mother, phenotype, VCF column and
 *       number of registered relatives when it was read, as one text (NULL before
 *       schema 4); a different one now makes the next run read the sample in full.
 *
 *   call_history(sample -> samples, variant, valid_from -> runs, valid_to, and the
 *           columns of classifications below from contig on)  PK(sample, variant, valid_from)
 *       The stored form (schema 3): a classification is stored once and stays valid from
 *       run valid_from until the run valid_to that replaced or dropped it (exclusive;
 *       NULL = still valid). A run that changes nothing for a variant writes nothing for
 *       it (state/history.h). Index call_history_open(sample, valid_to).
 *
 *   classifications (a VIEW since schema 3, reading as the table did)
 *          (run, sample, variant, contig, pos, gene, hgnc_id, transcript, hgvsc,
 *           hgvsp, consequence, zygosity, class, points, vus_tier, criteria,
 *           effective_class, deciding_rule,
 *           clinvar_tier, clinvar_sig, clinvar_stars, clinvar_id, clinvar_source,
 *           clinvar_version,
 *           af, pop_source, pop_version,
 *           panel_confidence, panel_source, panel_version,
 *           validity_class, validity_source, validity_version,
 *           candidate, candidate_reason, moi, fit, partner, inheritance,
 *           clinvar_disease, panel_id, panel_name, condition, mondo, validity_url)
 *                                                             PK(run, sample, variant)
 *       moi: the gene's mode of inheritance (AD, AR, AD/AR, XLR, XLD, XL, MT; NULL
 *       unknown); fit: 'fits', 'second_hit_needed', 'does_not_fit', 'moi_unknown';
 *       partner: the compound heterozygous partner's variant key; inheritance: a JSON
 *       object (genotype, de novo, relatives, segregation; run/family.h). Schema 2.
 *       One row per kept variant of a sample in a run. contig = rv_contig_id (sort
 *       order), pos 1-based. zygosity 'het'|'hom'|'hemi'|NULL. points: the classifier's
 *       point sum; vus_tier: its VUS sub-tier (NULL unless class VUS); criteria: the met
 *       criteria as the classifier writes them, comma-separated ("PVS1,PM2_Supporting");
 *       class is the ACMG class from the points; effective_class/deciding_rule: the class
 *       revus stands behind and the rule that decided it ('acmg', 'clinvar', 'lab').
 *       Flags compare effective_class (class when it is NULL). clinvar_tier: 'P/LP','VUS','B/LB','Conflicting','Risk','Other' (rv_clinvar_tier_name) or NULL
 *       (not in ClinVar); clinvar_stars 0..4 or NULL. af: population AF (NULL = not seen
 *       in the population source, which is not AF 0). panel_confidence 3 green, 2 amber,
 *       1 red, 0 removed, NULL = gene on no panel. Every X_source, X_version pair names
 *       the release the value came from. candidate: 1 when the variant passed the
 *       candidate filter (candidate_reason: 'panel' (rare, in a gene of the indication's
 *       panels), 'disease-gene' (rare, in any disease gene), 'clinvar', 'reported',
 *       comma-joined), 0 when it is kept only because it was a candidate in the previous
 *       run (it left the candidate set: flagged, not dropped). The view joins each done
 *       run_samples row with the call_history rows valid in that run; each X_version is
 *       the version of source X_source in that run's run_sources (a row kept across a new
 *       release was checked against it). Inserting into the view stores a row valid for
 *       that run alone; updating a row of it updates the stored row (every run it is
 *       valid in).
 *       Added in schema 5 (in call_history and the view), NULL when unknown:
 *       clinvar_disease (ClinVar CLNDN as the VCF writes it), panel_id and panel_name (the
 *       panel's own id and name), condition and mondo (the gene-validity curation's disease
 *       label and MONDO id), validity_url (its online report).
 *
 *   reported(sample -> samples, variant, class, reported_on, reporter, imported_at,
 *            report_id NULL)
 *       PK(sample, variant, reported_on). report_id: the lab's own id of the report
 *       (schema 5; optional sixth column of `reported import`). What the lab issued; the row with the latest
 *       reported_on is the lab's current position for that variant.
 *
 *   flags(id PK, run -> runs, sample -> samples, variant, category, priority, basis,
 *         old_class, new_class, trigger_source, old_version, new_version, field,
 *         old_value, new_value, detail, fingerprint, created_at)
 *       category (priority, 1 = most urgent):
 *         'plp_downgraded' 1, 'vus_upgraded' 2, 'new_candidate' 3, 'left_candidates' 3,
 *         'vus_downgraded' 4, 'evidence_changed' 5, 'second_hit' 2.
 *       basis: 'previous' (against the sample's previous run) or 'reported' (against the
 *       lab's reported class). A sample's first run is a baseline: only 'reported' flags. old_class/new_class NULL when absent on that side.
 *       The trigger: trigger_source/old_version/new_version name the source release
 *       change that caused it, field the field or criterion ('clinvar_sig',
 *       'clinvar_stars', 'af', 'panel_confidence', 'validity_class', 'vus_tier', 'class',
 *       or a criterion code such as 'BS1'), old_value/new_value its values. detail is one
 *       plain-words line. fingerprint identifies the evidence: the same flag is never
 *       stored twice for one (sample, variant, fingerprint). One flag per (run, sample,
 *       variant): when it carries several changes (state/flag_merge.h), fingerprint is
 *       the lead change's, then the others', space-separated; a change is quiet when its
 *       fingerprint appears in any stored flag of the sample and variant.
 *
 *   acks(flag PK -> flags, sample, variant, by_name, note, at, fingerprint)
 *       A flag is acknowledged when it has an acks row. A flag with the same fingerprint
 *       is not raised again; a class or trigger that moves further has a new fingerprint
 *       and is raised again.
 *
 * Queries reports want (all plain SQL on these tables):
 *   latest complete run:   SELECT max(id) FROM runs WHERE status='complete'
 *   a run's flags, most urgent first, with their ack and the row they describe:
 *     SELECT f.*, a.by_name, a.at, c.* FROM flags f
 *       LEFT JOIN acks a ON a.flag=f.id
 *       LEFT JOIN classifications c ON c.run=f.run AND c.sample=f.sample AND c.variant=f.variant
 *      WHERE f.run=? ORDER BY f.priority, f.sample, c.contig, c.pos
 *   open flags:            ... WHERE NOT EXISTS (SELECT 1 FROM acks WHERE flag=f.id)
 *   a run's sources:       SELECT source, version, sha256 FROM run_sources WHERE run=?
 *   lab's current class:   SELECT class, max(reported_on) FROM reported
 *                           WHERE sample=? AND variant=? (SQLite's bare-column max rule)
 *   skipped samples:       SELECT sample, reason FROM run_samples WHERE run=? AND status='skipped'
 *   the views v_latest_done (sample, run) and v_open_flags are defined for convenience. */
#ifndef RV_STATE_H
#define RV_STATE_H

#include <stdint.h>
#include "base/err.h"

#define RV_STATE_SCHEMA_VERSION 7
#define RV_STATE_DB_NAME "revus.db"
#define RV_STATE_LOCK_NAME "revus.lock"

typedef struct rv_state rv_state;
struct sqlite3;

/* Open (creating when absent) home/revus.db: makes home (0700) when missing, sets mode
 * 0600, WAL, foreign keys and the busy timeout, and migrates an older schema. A newer
 * schema is refused with RV_ESTATE. Free with rv_state_close(). */
int rv_state_open(rv_state **st, const char *home, rv_err *err) RV_MUST_CHECK;
/* Read-only open (for shards): never creates, never migrates; a missing db, an older or
 * a newer schema is RV_ESTATE. */
int rv_state_open_readonly(rv_state **st, const char *home, rv_err *err) RV_MUST_CHECK;
void rv_state_close(rv_state *st);            /* accepts NULL */

/* The schema version of an existing database file without opening it for writing:
 * 0 when the file has no schema yet.
 * RV_OK; RV_ESTATE when the file cannot be read as a database. */
int rv_state_file_version(const char *db_path, int *version, rv_err *err);

/* A failed SQLite call, recorded once for every module: "FILE: WHAT: sqlite's message" as
 * RV_ESTATE (returned). rv_state_fail names the database as opened (HOME/revus.db);
 * rv_sqlite_fail, for modules holding only the connection, as SQLite knows it. */
int rv_state_fail(rv_state *st, rv_err *err, const char *what);
int rv_sqlite_fail(struct sqlite3 *db, rv_err *err, const char *what);

/* The underlying connection, for modules that own their own queries (report, stats). */
struct sqlite3 *rv_state_db(rv_state *st);
const char *rv_state_home(const rv_state *st);

/* A prepared statement of the connection for sql, prepared once and kept until
 * rv_state_close (a run asks for the same dozen statements for every sample). sql must be
 * a string constant: the cache knows it by its address. Returned reset with its bindings
 * cleared; the caller resets it after use (sqlite3_reset) and never finalizes it. NULL
 * when it cannot be prepared (then rv_state_fail says why) or the cache is full. */
struct sqlite3_stmt *rv_state_stmt(rv_state *st, const char *sql);

/* Transactions. begin is BEGIN IMMEDIATE (takes the write lock up front).
 * Both return RV_OK, or RV_ESTATE naming the database (another writer holding the lock
 * past the busy timeout gives "database is locked"). */
int rv_state_begin(rv_state *st, rv_err *err) RV_MUST_CHECK;
int rv_state_commit(rv_state *st, rv_err *err) RV_MUST_CHECK;
void rv_state_rollback(rv_state *st);

/* Run a (multi-statement) SQL text; for the migrations and tests.
 * RV_OK; RV_ESTATE naming the database and the SQL error. */
int rv_state_exec(rv_state *st, const char *sql, rv_err *err);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf (>= 21 bytes). REVUS_TEST_NOW
 * overrides it (tests that compare outputs). */
void rv_state_now(char *buf, size_t n);

#endif
