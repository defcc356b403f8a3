/* state/schema.c: the state database schema as an ordered list of migrations.
 *
 * Migration i brings a database from user_version i to i+1. Never edit a released
 * migration: append a new one and raise RV_STATE_SCHEMA_VERSION (state/db.h documents the
 * resulting schema). Each migration runs in one transaction with the user_version bump. */
#include <stddef.h>
#include "state/schema.h"
#include "state/db.h"

static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE indications(\n"
    "  code TEXT PRIMARY KEY,\n"
    "  name TEXT NOT NULL DEFAULT '',\n"
    "  panel_sources TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE samples(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  vcf_path TEXT NOT NULL,\n"
    "  vcf_sha256 TEXT NOT NULL,\n"
    "  indication TEXT REFERENCES indications(code) ON UPDATE CASCADE,\n"
    "  sex TEXT CHECK (sex IN ('M','F')),\n"
    "  family TEXT,\n"
    "  added_at TEXT NOT NULL);\n"
    "CREATE TABLE runs(\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  started_at TEXT NOT NULL,\n"
    "  ended_at TEXT,\n"
    "  status TEXT NOT NULL CHECK (status IN ('running','complete','interrupted')),\n"
    "  kind TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct','merge')),\n"
    "  revus_version TEXT NOT NULL,\n"
    "  config_hash TEXT NOT NULL,\n"
    "  pid INTEGER,\n"
    "  n_done INTEGER NOT NULL DEFAULT 0,\n"
    "  n_skipped INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE run_sources(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  source TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL DEFAULT '',\n"
    "  role TEXT NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (run, source));\n"
    "CREATE TABLE run_samples(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  sample TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,\n"
    "  status TEXT NOT NULL CHECK (status IN ('done','skipped')),\n"
    "  reason TEXT,\n"
    "  finished_at TEXT NOT NULL,\n"
    "  n_candidates INTEGER NOT NULL DEFAULT 0,\n"
    "  n_flags INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (run, sample));\n"
    "CREATE TABLE classifications(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  sample TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,\n"
    "  variant TEXT NOT NULL,\n"
    "  contig INTEGER NOT NULL,\n"
    "  pos INTEGER NOT NULL,\n"
    "  gene TEXT, hgnc_id TEXT, transcript TEXT, hgvsc TEXT, hgvsp TEXT,\n"
    "  consequence TEXT, zygosity TEXT,\n"
    "  class TEXT CHECK (class IN ('P','LP','VUS','LB','B')),\n"
    "  points INTEGER, vus_tier TEXT, criteria TEXT,\n"
    "  effective_class TEXT, deciding_rule TEXT,\n"
    "  clinvar_tier TEXT, clinvar_sig TEXT, clinvar_stars INTEGER, clinvar_id INTEGER,\n"
    "  clinvar_source TEXT, clinvar_version TEXT,\n"
    "  af REAL, pop_source TEXT, pop_version TEXT,\n"
    "  panel_confidence INTEGER, panel_source TEXT, panel_version TEXT,\n"
    "  validity_class TEXT, validity_source TEXT, validity_version TEXT,\n"
    "  candidate INTEGER NOT NULL DEFAULT 1,\n"
    "  candidate_reason TEXT,\n"
    "  PRIMARY KEY (run, sample, variant));\n"
    "CREATE INDEX classifications_sample ON classifications(sample, variant);\n"
    "CREATE TABLE reported(\n"
    "  sample TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,\n"
    "  variant TEXT NOT NULL,\n"
    "  class TEXT NOT NULL CHECK (class IN ('P','LP','VUS','LB','B')),\n"
    "  reported_on TEXT NOT NULL,\n"
    "  reporter TEXT NOT NULL,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (sample, variant, reported_on));\n"
    "CREATE TABLE flags(\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  sample TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,\n"
    "  variant TEXT NOT NULL,\n"
    "  category TEXT NOT NULL,\n"
    "  priority INTEGER NOT NULL,\n"
    "  basis TEXT NOT NULL CHECK (basis IN ('previous','reported')),\n"
    "  old_class TEXT, new_class TEXT,\n"
    "  trigger_source TEXT, old_version TEXT, new_version TEXT,\n"
    "  field TEXT, old_value TEXT, new_value TEXT,\n"
    "  detail TEXT NOT NULL DEFAULT '',\n"
    "  fingerprint TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL);\n"
    "CREATE INDEX flags_fingerprint ON flags(sample, variant, fingerprint);\n"
    "CREATE INDEX flags_run ON flags(run, priority);\n"
    "CREATE TABLE acks(\n"
    "  flag INTEGER PRIMARY KEY REFERENCES flags(id) ON DELETE CASCADE,\n"
    "  sample TEXT NOT NULL,\n"
    "  variant TEXT NOT NULL,\n"
    "  by_name TEXT NOT NULL,\n"
    "  note TEXT,\n"
    "  at TEXT NOT NULL,\n"
    "  fingerprint TEXT NOT NULL);\n"
    "CREATE VIEW v_latest_done AS\n"
    "  SELECT sample, max(run) AS run FROM run_samples WHERE status='done' GROUP BY sample;\n"
    "CREATE VIEW v_open_flags AS\n"
    "  SELECT f.* FROM flags f WHERE NOT EXISTS (SELECT 1 FROM acks a WHERE a.flag=f.id);\n",

    /* 1 -> 2: families (PED) and inheritance (docs/inheritance.md) */
    "ALTER TABLE samples ADD COLUMN father TEXT;\n"
    "ALTER TABLE samples ADD COLUMN mother TEXT;\n"
    "ALTER TABLE samples ADD COLUMN phenotype INTEGER CHECK (phenotype IN (0,1,2));\n"
    "ALTER TABLE samples ADD COLUMN vcf_sample TEXT;\n"
    "CREATE INDEX samples_family ON samples(family);\n"
    "ALTER TABLE classifications ADD COLUMN moi TEXT;\n"
    "ALTER TABLE classifications ADD COLUMN fit TEXT;\n"
    "ALTER TABLE classifications ADD COLUMN partner TEXT;\n"
    "ALTER TABLE classifications ADD COLUMN inheritance TEXT;\n",
};

_Static_assert(sizeof migrations / sizeof *migrations == RV_STATE_SCHEMA_VERSION,
               "one migration per schema version");

int rv_schema_n_migrations(void)
{
    return (int)(sizeof migrations / sizeof *migrations);
}

const char *rv_schema_migration(int from_version)
{
    if (from_version < 0 || from_version >= rv_schema_n_migrations()) return NULL;
    return migrations[from_version];
}
