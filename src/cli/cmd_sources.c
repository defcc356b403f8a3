/* cmd_sources.c: `revus sources` — list, show, fetch, import, activate, verify, diff,
 * prune. Descriptors come from annotations/ under the data dir (or --annotations DIR);
 * releases live in $REVUS_HOME/store (src/store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/progress.h"
#include "sources/descriptor.h"
#include "sources/coverage.h"
#include "sources/index.h"
#include "sources/prune.h"
#include "sources/release.h"
#include "sources/store.h"
#include "state/runconf.h"
#include "cli/cli_state.h"

static const char *const usage_main =
    "Usage: revus sources SUBCOMMAND [options]\n"
    "\n"
    "  list                         descriptors, their active release and stored versions\n"
    "  show NAME                    one source: where it comes from, field mapping, versions\n"
    "  fetch [NAME..]               download, verify, compile and activate new releases\n"
    "  import NAME FILE|DIR..       the same for files copied in by hand (air-gapped labs)\n"
    "  activate NAME VERSION        make a stored version the active one (roll back or forward)\n"
    "  verify [NAME..]              re-check stored files against their manifest and index\n"
    "  diff NAME V1 V2              records added, removed and changed between two versions\n"
    "  prune --keep N [NAME..]      remove all but the N newest versions (never the active one)\n"
    "\n"
    "Options for list, show, fetch, import: --annotations DIR (default DATA/annotations).\n"
    "For show, fetch and import, NAME may also be the path of a descriptor file (x.json).\n"
    "Exit codes: 0 ok; 2 bad usage or input; 3 a source problem (download, checksum, format\n"
    "drift, build mismatch): the previous release stays active. See docs/sources.md.\n";

static const struct sub_help { const char *name, *text; } sub_help[] = {
    { "list", "Usage: revus sources list [--annotations DIR]\n"
              "One line per source (tab-separated): name, role, format, build, active version,\n"
              "number of stored versions, title. Sources in the store without a descriptor are\n"
              "listed with role '-'.\n" },
    { "show", "Usage: revus sources show NAME [--annotations DIR]\n"
              "The descriptor (download, version rule, options), the mapping of raw fields onto\n"
              "the role's typed fields, and every stored version with its manifest figures and\n"
              "its coverage: where absence from it counts as evidence (descriptor \"coverage\",\n"
              "else the contigs holding records; docs/sources.md 3.8). For a release of several\n"
              "files (one per chromosome), the files it holds and those it lacks.\n" },
    { "fetch", "Usage: revus sources fetch [NAME..] [options]\n"
               "Download each named source (default: every descriptor with a download URL),\n"
               "verify its checksum, determine its version, compile it and activate it.\n"
               "An unchanged release is not downloaded twice (ETag / Last-Modified). A release of\n"
               "several files (download.url with {chrom}, or download.files) is one version: every\n"
               "file is downloaded and checked, and it is stored only when all of them are.\n"
               "  --version V       use V as the version (one NAME only)\n"
               "  --force           ignore the remembered ETag / Last-Modified\n"
               "  --no-activate     store the new release but keep the active one\n"
               "  --retries N       tries per download in all (default 4)\n"
               "  --annotations DIR descriptor folder\n"
               "Progress goes to stderr when it is a terminal. On any failure the previous\n"
               "release stays active (exit 3).\n"
               "REF check: with reanalysis.reference_fasta set in the pipeline config (--config),\n"
               "the REF of a variant-keyed tsv, csv or vcf release is compared with the FASTA on\n"
               "a sample of records (reanalysis.ref_check: the first N, then one in every N);\n"
               "too many differences refuse the release (exit 3, naming file, line, position and\n"
               "both bases), a few are a warning. Without a FASTA a table's import says that its\n"
               "REF was not checked. docs/sources.md 3.10.\n" },
    { "import", "Usage: revus sources import NAME FILE [options]\n"
                "       revus sources import NAME FILE|DIR... [options]   (a release of several files)\n"
                "Bring in a release copied by hand: same checks as fetch (checksum when known,\n"
                "version, header, compile), then activate. For a source whose release is several\n"
                "files, give them (or folders holding them) by their published names; they become\n"
                "one version. Files of the set not given are missing: the release does not cover\n"
                "their chromosomes, and show and verify name them.\n"
                "  --version V       version (needed when the descriptor's rule cannot find it)\n"
                "  --md5 HEX | --sha256 HEX   expected checksum of FILE\n"
                "  --no-activate     store it but keep the active release\n"
                "  --annotations DIR descriptor folder\n"
                "REF is checked against reanalysis.reference_fasta as for fetch (see\n"
                "`revus sources fetch --help`); a mapped column the file lacks is a warning.\n" },
    { "activate", "Usage: revus sources activate NAME VERSION\n"
                  "Make a stored version active (atomic switch). Use it to roll back.\n" },
    { "verify", "Usage: revus sources verify [NAME..]\n"
                "For every stored version (of the named sources, default all): the raw file's\n"
                "SHA-256 against the manifest (every file of a set), then the compiled index's\n"
                "checksums. One line per version: ok or FAILED, source, version, and for a set\n"
                "that lacks files, 'missing chr3, chr4'. Exit 3 if any check fails, else 1 when a\n"
                "release lacks files, else 0.\n" },
    { "diff", "Usage: revus sources diff NAME V1 V2 [-o FILE]\n"
              "What changed from V1 to V2: one tab-separated line per added, removed or\n"
              "changed record (per field) on stdout (or FILE); counts on stderr.\n" },
    { "prune", "Usage: revus sources prune --keep N [NAME..]\n"
               "Remove stored versions beyond the N newest (natural version order) of each\n"
               "named source (default all). The active version is always kept.\n" },
};

static int sub_usage(const char *name, int status)
{
    for (size_t i = 0; i < sizeof sub_help / sizeof *sub_help; i++)
        if (strcmp(sub_help[i].name, name) == 0) {
            fputs(sub_help[i].text, status == EXIT_OK ? stdout : stderr);
            return status;
        }
    fputs(usage_main, status == EXIT_OK ? stdout : stderr);
    return status;
}

/* Options shared by the subcommands; positional arguments are collected in pos[]. */
typedef struct opts {
    const char *annotations, *version, *md5, *sha256, *out;
    int force, no_activate, retries, keep;
    char **pos;
    int n_pos;
} opts;

static int parse_opts(const char *sub, int argc, char **argv, opts *o)
{
    static const struct { const char *flag; int takes_value; } known[] = {
        { "--annotations", 1 }, { "--version", 1 }, { "--md5", 1 }, { "--sha256", 1 }, { "-o", 1 },
        { "--force", 0 }, { "--no-activate", 0 }, { "--retries", 1 }, { "--keep", 1 },
    };
    memset(o, 0, sizeof *o);
    o->keep = -1;
    o->pos = calloc((size_t)argc + 1, sizeof *o->pos);
    if (!o->pos) return cli_failf(EXIT_SOURCE_STATE, "out of memory");
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) return -1;
        if (a[0] != '-' || strcmp(a, "-") == 0) { o->pos[o->n_pos++] = argv[i]; continue; }
        size_t k = 0;
        while (k < sizeof known / sizeof *known && strcmp(known[k].flag, a) != 0) k++;
        if (k == sizeof known / sizeof *known)
            return cli_failf(EXIT_BAD_INPUT, "sources %s: unknown option '%s' (see `revus sources %s --help`)", sub, a, sub);
        const char *v = NULL;
        if (known[k].takes_value) {
            if (i + 1 >= argc) return cli_failf(EXIT_BAD_INPUT, "sources %s: %s needs a value", sub, a);
            v = argv[++i];
        }
        char *end;
        if (strcmp(a, "--annotations") == 0) o->annotations = v;
        else if (strcmp(a, "--version") == 0) o->version = v;
        else if (strcmp(a, "--md5") == 0) o->md5 = v;
        else if (strcmp(a, "--sha256") == 0) o->sha256 = v;
        else if (strcmp(a, "-o") == 0) o->out = v;
        else if (strcmp(a, "--force") == 0) o->force = 1;
        else if (strcmp(a, "--no-activate") == 0) o->no_activate = 1;
        else if (strcmp(a, "--retries") == 0) {
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 20) return cli_failf(EXIT_BAD_INPUT, "sources %s: --retries wants 1..20", sub);
            o->retries = (int)n;
        } else if (strcmp(a, "--keep") == 0) {
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 100000) return cli_failf(EXIT_BAD_INPUT, "sources %s: --keep wants a number >= 1", sub);
            o->keep = (int)n;
        }
    }
    return 0;
}

static int is_descriptor_path(const char *arg)
{
    size_t n = strlen(arg);
    return n > 5 && strcmp(arg + n - 5, ".json") == 0 && access(arg, R_OK) == 0;
}

/* The descriptors of annotations/ (or --annotations DIR). The first n_names positional
 * arguments name sources; one that is a path to a .json file is loaded from there (it
 * replaces a same-named descriptor of the folder) and the argument becomes its name. */
static int load_descriptors(opts *o, int n_names, rv_descriptor ***ds, int *n)
{
    rv_err err;
    rv_err_clear(&err);
    int only_paths = n_names > 0;
    for (int i = 0; i < n_names && i < o->n_pos; i++)
        if (!is_descriptor_path(o->pos[i])) only_paths = 0;
    *ds = NULL;
    *n = 0;
    if (!only_paths) {
        char dir[4200];
        if (o->annotations) snprintf(dir, sizeof dir, "%s", o->annotations);
        else snprintf(dir, sizeof dir, "%s/annotations", cli_data_dir());
        if (rv_descriptor_load_dir(dir, ds, n, &err) < 0) return cli_fail(&err);
    }
    for (int i = 0; i < n_names && i < o->n_pos; i++) {
        if (!is_descriptor_path(o->pos[i])) continue;
        rv_descriptor *d;
        if (rv_descriptor_load(o->pos[i], &d, &err) < 0) { rv_descriptor_free_all(*ds, *n); return cli_fail(&err); }
        rv_descriptor **grown = realloc(*ds, (size_t)(*n + 1) * sizeof *grown);
        if (!grown) { rv_descriptor_free(d); rv_descriptor_free_all(*ds, *n); return cli_failf(EXIT_SOURCE_STATE, "out of memory"); }
        *ds = grown;
        int k = 0;
        while (k < *n && strcmp((*ds)[k]->name, d->name) != 0) k++;
        if (k < *n) rv_descriptor_free((*ds)[k]);
        else (*n)++;
        (*ds)[k] = d;
        o->pos[i] = d->name;
    }
    return 0;
}

static int find_descriptor(rv_descriptor **ds, int n, const char *name, rv_descriptor **d)
{
    *d = rv_descriptor_find(ds, n, name);
    if (!*d) return cli_failf(EXIT_BAD_INPUT, "no descriptor named '%s' (see `revus sources list`)", name);
    return 0;
}

/* ---- list / show ---------------------------------------------------------------- */

static int cmd_list(rv_cli *g, opts *o)
{
    rv_descriptor **ds;
    int n, rc;
    if ((rc = load_descriptors(o, 0, &ds, &n))) return rc;
    printf("source\trole\tformat\tbuild\tactive\tversions\ttitle\n");
    rv_err err;
    for (int i = 0; i < n; i++) {
        rv_release act, *vs = NULL;
        int nv = 0;
        const char *active = rv_store_active(g->home, ds[i]->name, &act, &err) == RV_OK ? act.version : "-";
        rv_store_list_versions(g->home, ds[i]->name, &vs, &nv, &err);
        free(vs);
        printf("%s\t%s\t%s\t%s\t%s\t%d\t%s\n", ds[i]->name, ds[i]->role->name, ds[i]->format,
               ds[i]->build ? rv_build_name(ds[i]->build) : "-", active, nv, ds[i]->title);
    }
    /* releases whose descriptor is gone are still in the store: say so */
    rv_release *acts = NULL;
    int na = 0;
    if (rv_store_list_active(g->home, &acts, &na, &err) == RV_OK)
        for (int i = 0; i < na; i++)
            if (!rv_descriptor_find(ds, n, acts[i].source))
                printf("%s\t-\t%s\t%s\t%s\t-\t(no descriptor)\n", acts[i].source, acts[i].format,
                       acts[i].build[0] ? acts[i].build : "-", acts[i].version);
    free(acts);
    rv_descriptor_free_all(ds, n);
    return EXIT_OK;
}

static void show_opt(const char *label, const char *v)
{
    if (v && *v) printf("%-15s %s\n", label, v);
}

static int cmd_show(rv_cli *g, opts *o)
{
    if (o->n_pos != 1) return sub_usage("show", EXIT_BAD_INPUT);
    rv_descriptor **ds, *d;
    int n, rc;
    if ((rc = load_descriptors(o, 1, &ds, &n))) return rc;
    if ((rc = find_descriptor(ds, n, o->pos[0], &d))) { rv_descriptor_free_all(ds, n); return rc; }
    char *url = rv_descriptor_url(d);
    char num[64];
    show_opt("name", d->name);
    show_opt("title", d->title);
    show_opt("role", d->role->name);
    show_opt("format", d->format);
    show_opt("build", d->build ? rv_build_name(d->build) : "- (gene-keyed)");
    show_opt("descriptor", d->path);
    show_opt("homepage", d->homepage);
    show_opt("license", d->license);
    show_opt("url", url ? url : d->n_parts ? "- (files listed below)" : "- (import only)");
    if (d->n_parts) {
        char files[512];
        size_t k = (size_t)snprintf(files, sizeof files, "%d, one version (", d->n_parts);
        for (int i = 0; i < d->n_parts && k < sizeof files; i++)
            k += (size_t)snprintf(files + k, sizeof files - k, "%s%s", i ? " " : "", d->parts[i].label);
        if (k < sizeof files) snprintf(files + k, sizeof files - k, ")");
        show_opt("files", files);
        show_opt("first file", d->parts[0].url);
    }
    show_opt("checksum", d->checksum_url ? d->checksum_url : d->sha256 ? d->sha256 : "-");
    show_opt("checksum kind", d->checksum_kind);
    show_opt("version rule", d->version_rule);
    if (d->max_bytes) { snprintf(num, sizeof num, "%lld", (long long)d->max_bytes); show_opt("max bytes", num); }
    if (d->pass_only) show_opt("pass only", "yes");
    if (d->min_an) { snprintf(num, sizeof num, "%lld", (long long)d->min_an); show_opt("min AN", num); }
    show_opt("panel", d->panel_id);
    show_opt("panel version", d->panel_version);
    show_opt("notes", d->notes);
    if (d->role->key == RV_KEY_VARIANT) {
        char cov[128];
        if (d->coverage_bed) snprintf(cov, sizeof cov, "declared: BED %s", d->coverage_bed);
        else if (d->n_coverage) snprintf(cov, sizeof cov, "declared: %d region%s (%s%s)", d->n_coverage,
                                         d->n_coverage == 1 ? "" : "s", d->coverage[0], d->n_coverage > 1 ? ", ..." : "");
        else snprintf(cov, sizeof cov, "the contigs that hold records");
        show_opt("coverage", cov);
    }
    free(url);
    printf("\nfields (role %s):\n", d->role->name);
    for (int i = 0; i < d->n_fields; i++) {
        const rv_field_map *m = &d->fields[i];
        const rv_role_field *rf = rv_role_field_find(d->role, m->name);
        printf("  %-16s <- %-28s %-7s%s%s%s\n", m->name, m->from, rv_ftype_name(m->type),
               rf ? (rf->required == RV_FIELD_REQUIRED ? "required" : "role") : "extra",
               m->op ? "  op " : "", m->op ? m->op : "");
    }
    for (int i = 0; i < d->role->n_fields; i++)
        if (!rv_descriptor_field(d, d->role->fields[i].name))
            printf("  %-16s (%s)  %s\n", d->role->fields[i].name,
                   d->role->fields[i].required == RV_FIELD_COMPUTED ? "computed" : "not mapped", d->role->fields[i].doc);
    rv_release *vs = NULL, act;
    int nv = 0;
    rv_err err;
    int has_active = rv_store_active(g->home, d->name, &act, &err) == RV_OK;
    if (rv_store_list_versions(g->home, d->name, &vs, &nv, &err) < 0) {
        rv_descriptor_free_all(ds, n);
        return cli_fail(&err);
    }
    printf("\nstored versions (%s/store/%s):\n", g->home, d->name);
    if (nv == 0) printf("  none: run `revus sources fetch %s`\n", d->name);
    for (int i = 0; i < nv; i++) {
        printf("  %s %-12s fetched %s  records %lld  sha256 %.16s  %s\n",
               has_active && strcmp(act.version, vs[i].version) == 0 ? "*" : " ", vs[i].version,
               vs[i].fetched_at, (long long)vs[i].records, vs[i].sha256, vs[i].checksum);
        char cov[2048];
        if (d->role->key != RV_KEY_GENE && rv_coverage_describe(vs[i].index_path, cov, sizeof cov, &err) == 0)
            printf("      coverage: %s\n", cov);
        if (vs[i].n_files > 1 || vs[i].missing[0])
            printf("      files: %d%s%s\n", vs[i].n_files, vs[i].missing[0] ? "; missing: " : "", vs[i].missing);
    }
    free(vs);
    rv_descriptor_free_all(ds, n);
    return EXIT_OK;
}

/* ---- fetch / import --------------------------------------------------------------- */

typedef struct progress_state {
    const char *name;
    int shown;
    double start;
    char task[96];               /* "NAME: compile", the compile meter's task */
    rv_meter compile;            /* records compiled (the library counts them) */
} progress_state;

/* The download's progress (the library measures bytes and rate) on the shared line. */
static void on_progress(void *ctx, int64_t bytes, int64_t total, double rate)
{
    progress_state *p = ctx;
    if (!p->shown) p->start = rv_now_seconds();
    rv_progress pr = { .task = p->name, .unit = "bytes", .done = bytes, .total = total > 0 ? total : 0,
                       .fraction = total > 0 ? (double)bytes / (double)total : -1, .rate = rate,
                       .elapsed = rv_now_seconds() - p->start, .eta = -1 };
    if (total > 0 && rate > 0) pr.eta = (double)(total - bytes) / rate;
    cli_progress_draw(&pr, NULL);
    p->shown = 1;
}

/* After a fetch or import: the compile's last line when a release was compiled, and the
 * download's last line kept on the screen. */
static void end_progress(progress_state *ps, const rv_update *u)
{
    if (u && u->kind == RV_UPDATE_NEW) cli_progress_end(&ps->compile);
    cli_progress_keep();
}

static void report_update(const rv_descriptor *d, const rv_update *u)
{
    switch (u->kind) {
    case RV_UPDATE_NOT_MODIFIED:
        printf("%s: unchanged on the server (not downloaded); active %s\n", d->name,
               u->previous[0] ? u->previous : "none");
        break;
    case RV_UPDATE_ALREADY_STORED:
        printf("%s: %s is already stored (same sha256); active %s\n", d->name, u->rel.version,
               u->previous[0] ? u->previous : "none");
        break;
    case RV_UPDATE_NEW:
        printf("%s: %s stored (%lld records from %lld, %ssha256 %.16s, %s)%s%s%s\n", d->name, u->rel.version,
               (long long)u->stats.records_out, (long long)u->stats.records_in, d->n_parts ? "set " : "",
               u->rel.sha256, u->rel.checksum,
               u->activated ? "; active now" : "; not activated",
               u->activated && u->previous[0] ? ", was " : "", u->activated ? u->previous : "");
        if (u->rel.missing[0])
            rv_log_warn("%s %s lacks the files of %s: variants there are not evaluated against it",
                        d->name, u->rel.version, u->rel.missing);
        if (u->stats.warnings)      /* records kept but marked, e.g. a gene model's incomplete CDS */
            rv_log_warn("%s (%lld such record%s)", u->stats.first_warning, (long long)u->stats.warnings,
                        u->stats.warnings == 1 ? "" : "s");
        break;
    }
}

/* After a failure: say what stays in force. */
static void report_kept(const char *home, const char *name)
{
    rv_release act;
    if (rv_store_active(home, name, &act, NULL) == RV_OK)
        fprintf(stderr, "revus: %s: nothing changed; %s stays active\n", name, act.version);
    else
        fprintf(stderr, "revus: %s: nothing changed; no release is active\n", name);
}

static void fill_release_opts(rv_cli *g, const opts *o, rv_release_opts *ro, progress_state *ps)
{
    memset(ro, 0, sizeof *ro);
    ro->home = g->home;
    ro->version = o->version;
    ro->md5 = o->md5;
    ro->sha256 = o->sha256;
    ro->force = o->force;
    ro->no_activate = o->no_activate;
    ro->attempts = o->retries;
    snprintf(ps->task, sizeof ps->task, "%s: compile", ps->name);
    cli_progress_start(g, &ps->compile, ps->task, "records", 0);
    ro->compile_progress = &ps->compile;
    if (cli_progress_fn(g)) {
        ro->progress = on_progress;
        ro->progress_ctx = ps;
    }
}

/* The REF check of the pipeline config (reanalysis.reference_fasta, reanalysis.ref_check):
 * EXIT_OK with *conf loaded (caller frees) and rc filled, or the config's error status. */
static int load_ref_check(rv_cli *g, rv_runconf **conf, rv_ref_check *rc)
{
    rv_err err;
    if (cli_conf_load(g, conf, 0, &err) < 0) return cli_fail(&err);
    const rv_runconf *c = *conf;
    *rc = (rv_ref_check){ c->reference_fasta, c->ref_check_first, c->ref_check_every,
                          c->ref_check_max_fraction, c->ref_check_min_mismatches };
    return EXIT_OK;
}

static int cmd_fetch(rv_cli *g, opts *o)
{
    rv_descriptor **ds;
    int n, rc;
    rv_runconf *conf = NULL;
    rv_ref_check ref;
    if (o->version && o->n_pos != 1) return cli_failf(EXIT_BAD_INPUT, "sources fetch: --version applies to one NAME only");
    if (o->md5 || o->sha256) return cli_failf(EXIT_BAD_INPUT, "sources fetch: --md5/--sha256 are for import; a fetch checks the descriptor's checksum");
    if ((rc = load_descriptors(o, o->n_pos, &ds, &n))) return rc;
    if ((rc = load_ref_check(g, &conf, &ref))) { rv_descriptor_free_all(ds, n); return rc; }
    rv_descriptor **chosen = calloc((size_t)(n + o->n_pos + 1), sizeof *chosen);
    if (!chosen) { rv_runconf_free(conf); rv_descriptor_free_all(ds, n); return cli_failf(EXIT_SOURCE_STATE, "out of memory"); }
    int nt = 0;
    if (o->n_pos == 0) {
        for (int i = 0; i < n; i++)
            if (ds[i]->url || ds[i]->n_parts) chosen[nt++] = ds[i];
    } else {
        for (int i = 0; i < o->n_pos; i++) {
            if ((rc = find_descriptor(ds, n, o->pos[i], &chosen[nt]))) {
                free(chosen); rv_runconf_free(conf); rv_descriptor_free_all(ds, n);
                return rc;
            }
            nt++;
        }
    }
    if (nt == 0) fprintf(stderr, "revus: no descriptor has a download URL: nothing to fetch\n");
    int status = EXIT_OK;
    for (int i = 0; i < nt; i++) {
        rv_release_opts ro;
        progress_state ps = { .name = chosen[i]->name };
        fill_release_opts(g, o, &ro, &ps);
        ro.ref_check = &ref;
        rv_update u;
        rv_err err;
        rv_err_clear(&err);
        int r = rv_release_fetch(chosen[i], &ro, &u, &err);
        end_progress(&ps, r == 0 ? &u : NULL);
        if (r < 0) {
            int s = cli_fail(&err);
            report_kept(g->home, chosen[i]->name);
            if (s > status) status = s;
            continue;
        }
        report_update(chosen[i], &u);
    }
    free(chosen);
    rv_runconf_free(conf);
    rv_descriptor_free_all(ds, n);
    return status;
}

static int cmd_import(rv_cli *g, opts *o)
{
    if (o->n_pos < 2) return sub_usage("import", EXIT_BAD_INPUT);
    rv_descriptor **ds, *d;
    int n, rc;
    if ((rc = load_descriptors(o, 1, &ds, &n))) return rc;
    if ((rc = find_descriptor(ds, n, o->pos[0], &d))) { rv_descriptor_free_all(ds, n); return rc; }
    rv_runconf *conf = NULL;
    rv_ref_check ref;
    if ((rc = load_ref_check(g, &conf, &ref))) { rv_descriptor_free_all(ds, n); return rc; }
    rv_release_opts ro;
    progress_state ps = { .name = d->name };
    fill_release_opts(g, o, &ro, &ps);
    ro.ref_check = &ref;
    rv_update u;
    rv_err err;
    rv_err_clear(&err);
    int r = rv_release_import_set(d, (const char *const *)o->pos + 1, o->n_pos - 1, &ro, &u, &err);
    end_progress(&ps, r == 0 ? &u : NULL);
    if (r < 0) {
        rc = cli_fail(&err);
        report_kept(g->home, d->name);
    } else {
        report_update(d, &u);
        rc = EXIT_OK;
    }
    rv_runconf_free(conf);
    rv_descriptor_free_all(ds, n);
    return rc;
}

/* ---- activate / verify / diff / prune ----------------------------------------------- */

static int cmd_activate(rv_cli *g, opts *o)
{
    if (o->n_pos != 2) return sub_usage("activate", EXIT_BAD_INPUT);
    const char *name = o->pos[0], *version = o->pos[1];
    rv_err err;
    rv_err_clear(&err);
    int lock, rc;
    if ((rc = rv_store_lock(g->home, name, &lock, &err)) < 0) return cli_fail(&err);
    rv_release before;
    int had = rv_store_active(g->home, name, &before, NULL) == RV_OK;
    rc = rv_store_activate(g->home, name, version, &err);
    rv_store_unlock(lock);
    if (rc < 0) {
        int s = cli_fail(&err);
        report_kept(g->home, name);
        return s;
    }
    printf("%s: %s is active%s%s\n", name, version, had ? ", was " : "", had ? before.version : "");
    return EXIT_OK;
}

/* Store sources named in pos[], or every source in the store. */
static int store_sources(rv_cli *g, const opts *o, char ***names, int *n)
{
    *names = NULL;
    *n = 0;
    if (o->n_pos) {
        *names = calloc((size_t)o->n_pos, sizeof **names);
        if (!*names) return cli_failf(EXIT_SOURCE_STATE, "out of memory");
        for (int i = 0; i < o->n_pos; i++) (*names)[(*n)++] = strdup(o->pos[i]);
        return 0;
    }
    rv_err err;
    rv_err_clear(&err);
    if (rv_store_list_sources(g->home, names, n, &err) < 0) return cli_fail(&err);
    return 0;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
}

static int cmd_verify(rv_cli *g, opts *o)
{
    char **names;
    int nn, rc;
    if ((rc = store_sources(g, o, &names, &nn))) return rc;
    int status = EXIT_OK, checked = 0;
    for (int i = 0; i < nn; i++) {
        rv_release *vs = NULL;
        int nv = 0;
        rv_err err;
        rv_err_clear(&err);
        if (rv_store_list_versions(g->home, names[i], &vs, &nv, &err) < 0) { status = cli_fail(&err); continue; }
        if (nv == 0 && o->n_pos) {
            fprintf(stderr, "revus: %s has no stored versions\n", names[i]);
            if (status < EXIT_BAD_INPUT) status = EXIT_BAD_INPUT;
        }
        for (int k = 0; k < nv; k++) {
            checked++;
            if (rv_release_verify(&vs[k], &err) < 0) {
                int s = cli_fail(&err);
                if (s > status) status = s;
                printf("FAILED\t%s\t%s\n", vs[k].source, vs[k].version);
            } else if (vs[k].missing[0]) {
                printf("ok\t%s\t%s\tmissing %s\n", vs[k].source, vs[k].version, vs[k].missing);
                rv_log_warn("%s %s lacks the files of %s: variants there are not evaluated against it",
                            vs[k].source, vs[k].version, vs[k].missing);
                if (status < EXIT_ATTENTION) status = EXIT_ATTENTION;
            } else {
                printf("ok\t%s\t%s\n", vs[k].source, vs[k].version);
            }
        }
        free(vs);
    }
    free_names(names, nn);
    if (checked == 0 && status == EXIT_OK) fprintf(stderr, "revus: no stored releases to verify\n");
    return status;
}

static int cmd_diff(rv_cli *g, opts *o)
{
    if (o->n_pos != 3) return sub_usage("diff", EXIT_BAD_INPUT);
    rv_release a, b;
    rv_err err;
    rv_err_clear(&err);
    if (rv_store_get(g->home, o->pos[0], o->pos[1], &a, &err) < 0) return cli_fail(&err);
    if (rv_store_get(g->home, o->pos[0], o->pos[2], &b, &err) < 0) return cli_fail(&err);
    rv_index *ia = NULL, *ib = NULL;
    if (rv_index_open(&ia, a.index_path, &err) < 0) return cli_fail(&err);
    if (rv_index_open(&ib, b.index_path, &err) < 0) { rv_index_close(ia); return cli_fail(&err); }
    FILE *out = stdout;
    if (o->out && !(out = fopen(o->out, "w"))) {
        rv_index_close(ia);
        rv_index_close(ib);
        return cli_failf(EXIT_BAD_INPUT, "%s: cannot write", o->out);
    }
    rv_diff_stats st = { 0 };
    int rc = rv_index_diff(ia, ib, out, &st, &err);
    if (out != stdout && fclose(out) != 0 && rc == RV_OK) rc = rv_err_set(&err, RV_EIO, "%s: write error", o->out);
    rv_index_close(ia);
    rv_index_close(ib);
    if (rc < 0) return cli_fail(&err);
    if (g->verbosity > 0)
        fprintf(stderr, "%s %s -> %s: %lld added, %lld removed, %lld changed, %lld unchanged\n", o->pos[0], o->pos[1],
                o->pos[2], (long long)st.added, (long long)st.removed, (long long)st.changed, (long long)st.unchanged);
    return EXIT_OK;
}

/* Each version the prune policy removed, or the error that kept it. */
static void pruned(void *ud, const char *source, const char *version, const rv_err *failed)
{
    int *status = ud;
    if (failed) *status = cli_fail(failed);
    else printf("removed\t%s\t%s\n", source, version);
}

static int cmd_prune(rv_cli *g, opts *o)
{
    if (o->keep < 1) return sub_usage("prune", EXIT_BAD_INPUT);
    char **names;
    int nn, rc;
    if ((rc = store_sources(g, o, &names, &nn))) return rc;
    int status = EXIT_OK;
    for (int i = 0; i < nn; i++) {
        rv_err err;
        rv_err_clear(&err);
        if (rv_store_prune(g->home, names[i], o->keep, pruned, &status, &err) < 0) status = cli_fail(&err);
    }
    free_names(names, nn);
    return status;
}

static const struct sub {
    const char *name;
    int (*fn)(rv_cli *g, opts *o);
} subs[] = {
    { "list", cmd_list }, { "show", cmd_show }, { "fetch", cmd_fetch }, { "import", cmd_import },
    { "activate", cmd_activate }, { "verify", cmd_verify }, { "diff", cmd_diff }, { "prune", cmd_prune },
};

int main_sources(int argc, char **argv, rv_cli *g)
{
    if (argc < 2) { fputs(usage_main, stderr); return EXIT_BAD_INPUT; }
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) { fputs(usage_main, stdout); return EXIT_OK; }
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        if (strcmp(argv[1], subs[i].name) != 0) continue;
        opts o;
        int rc = parse_opts(subs[i].name, argc - 2, argv + 2, &o);
        if (rc < 0) rc = sub_usage(subs[i].name, EXIT_OK);        /* --help */
        else if (rc == 0) rc = subs[i].fn(g, &o);
        free(o.pos);
        return rc;
    }
    return cli_failf(EXIT_BAD_INPUT, "sources: unknown subcommand '%s' (see `revus sources --help`)", argv[1]);
}
