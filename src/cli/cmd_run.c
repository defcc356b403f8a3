/* cmd_run.c: `revus run`: reanalyse samples (classify, compare, raise flags), or with
 * --shard compute one sample's results into a shard file without writing the state. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli_state.h"
#include "state/cohort.h"
#include "state/runs.h"
#include "run/sample.h"
#include "run/incremental.h"
#include "run/carrier.h"
#include "run/shard.h"
#include "base/version.h"

#define MAX_THREADS 64

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus run [--sample ID]... [--threads N] [--full]\n"
        "       revus run --shard SAMPLE --out SHARD [--threads N]\n\n"
        "Reanalyse registered samples against the active source releases: stream each VCF,\n"
        "keep the candidate variants (pipeline config \"reanalysis.candidates\"), annotate,\n"
        "classify, store, and compare with the sample's previous run and the lab's reported\n"
        "classes, raising flags (`revus flags`). Each sample is stored in one transaction; the\n"
        "run records every source version and checksum, the config hash and revus version.\n"
        "A classification is stored once and stays valid until a run changes it.\n\n"
        "Incremental by default: when only variant-keyed releases (ClinVar, population,\n"
        "scores, the lab's classifications) moved since a sample's last run, only the variants\n"
        "those releases added, removed or changed, and that its carrier index says it may\n"
        "carry, are read again (`revus plan` shows how many); a first run, a changed VCF,\n"
        "config, rules or revus version, a source added or removed, or a gene-panel,\n"
        "gene-validity or gene-regions change reads the sample in full (docs/state.md).\n\n"
        "  --sample ID      only these samples (repeatable; default: every registered sample)\n"
        "  --threads N      samples computed in parallel (default 1); one writer stores them\n"
        "  --full           read every sample's whole VCF (the same classes and flags)\n"
        "  --shard SAMPLE   compute one sample in full from its VCF, the frozen active sources\n"
        "                   and its previous classifications (the state is only read) ...\n"
        "  --out SHARD      ... into this shard file, for `revus merge`\n\n"
        "A sample whose VCF is missing, changed since registration (checksum) or malformed is\n"
        "reported and skipped; the others go on. A run killed midway keeps its finished\n"
        "samples and is marked interrupted by the next run. Only one run or merge writes a\n"
        "home at a time: a second waits reanalysis.lock_wait_seconds, then refuses.\n\n"
        "Exit: 0 ok; 1 a sample was skipped; 2 bad usage (unknown sample); 3 a source or state\n"
        "problem (no rules, build mismatch, lock held).\n");
}

/* The indication's panel sources: the config's, else the indications table's. */
static const char *panels_of(const rv_runconf *conf, const rv_sample *s)
{
    const rv_indication_conf *ic = s->indication ? rv_runconf_indication(conf, s->indication) : NULL;
    return ic ? ic->panels : NULL;
}

/* ---- one sample's work, computed by a worker, stored by the single writer ---- */

typedef struct job {
    const rv_sample *s;
    rv_calls prev, calls;
    char **reported;
    int n_reported;
    char reason[1100];         /* set when the sample is skipped */
    const char *mode;          /* "full" or "incremental" */
    char why_full[512];        /* why an incremental run read it in full */
    int n_reread;              /* incremental: variants re-read */
    int state;                 /* 0 waiting, 1 computing, 2 computed */
} job;

typedef struct pool {
    job *jobs;
    int n, next;
    int stored;                /* samples the writer has stored: workers stay within a window */
    int window;
    int64_t run;
    const rv_runconf *conf;
    rv_run_ctx **ctx;          /* one per worker */
    rv_state **rd;             /* one read-only connection per worker */
    rv_incr *incr;             /* NULL: --full */
    pthread_mutex_t mu;
    pthread_cond_t done;
} pool;

/* Read what the sample is compared with (its previous calls, its reported variants) and
 * compute its calls: in full, or only what the knowledge changes since its last run touch
 * (incr, run/incremental.h). rd: a connection of this thread (WAL: sees what is committed). */
static void compute(rv_run_ctx *ctx, rv_state *rd, rv_incr *incr, int64_t run, const rv_runconf *conf, job *j)
{
    rv_err err = { 0 };
    int64_t prev_run;
    j->mode = "full";
    if (rv_run_previous(rd, j->s->id, run, &prev_run, &j->prev, &err) < 0 ||
        rv_reported_keys(rd, j->s->id, &j->reported, &j->n_reported, &err) < 0) {
        snprintf(j->reason, sizeof j->reason, "%s", err.msg);
        return;
    }
    if (incr) {
        rv_incr_decision d;
        if (rv_incr_decide(incr, rd, j->s, prev_run, &j->prev, j->reported, j->n_reported, &d, &err) < 0) {
            snprintf(j->reason, sizeof j->reason, "%s", err.msg);
            return;
        }
        if (!d.full) {
            /* the VCF must still be the registered one: when its size and time are those
             * its carrier index was built from (after checking its checksum), it is not
             * hashed again, as make or rsync would trust them */
            rv_calls fresh = { 0 };
            char idx[4096];
            int n_src;
            const rv_source_ver *src = rv_run_ctx_sources(ctx, &n_src);
            if (!rv_carriers_vcf_unchanged(rv_state_home(rd), conf, j->s) &&
                rv_sample_check_vcf(j->s, j->reason, sizeof j->reason) < 0) { /* reason set */ }
            else if (d.n_keys > 0 && (rv_carriers_vcf_index_path(idx, sizeof idx, rv_state_home(rd), j->s->id),
                                      rv_run_sample_keys(ctx, j->s, panels_of(conf, j->s), j->reported, j->n_reported,
                                                         &j->prev, d.keys, d.n_keys, d.regions, d.n_regions,
                                                         access(idx, R_OK) == 0 ? idx : NULL, &fresh, &err) < 0))
                snprintf(j->reason, sizeof j->reason, "%s", err.msg[0] ? err.msg : rv_err_name(err.code));
            else if (rv_incr_merge(&j->prev, &d, &fresh, src, n_src, &j->calls, &err) < 0)
                snprintf(j->reason, sizeof j->reason, "%s", err.msg);
            j->mode = "incremental";
            j->n_reread = d.n_keys;
            rv_calls_free(&fresh);
            rv_incr_decision_free(&d);
            return;
        }
        snprintf(j->why_full, sizeof j->why_full, "%s", d.reason);
        rv_incr_decision_free(&d);
    }
    if (rv_sample_check_vcf(j->s, j->reason, sizeof j->reason) < 0) return;
    if (rv_run_sample(ctx, j->s, panels_of(conf, j->s), j->reported, j->n_reported, &j->prev, &j->calls, &err) < 0)
        snprintf(j->reason, sizeof j->reason, "%s", err.msg[0] ? err.msg : rv_err_name(err.code));
}

typedef struct worker_arg { pool *p; int w; } worker_arg;

static void *worker(void *arg)
{
    worker_arg *a = arg;
    pool *p = a->p;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->n && p->next >= p->stored + p->window) pthread_cond_wait(&p->done, &p->mu);
        int i = p->next < p->n ? p->next++ : -1;
        if (i >= 0) p->jobs[i].state = 1;
        pthread_mutex_unlock(&p->mu);
        if (i < 0) return NULL;
        compute(p->ctx[a->w], p->rd[a->w], p->incr, p->run, p->conf, &p->jobs[i]);
        pthread_mutex_lock(&p->mu);
        p->jobs[i].state = 2;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

static void job_free(job *j)
{
    rv_calls_free(&j->prev);
    rv_calls_free(&j->calls);
    for (int i = 0; i < j->n_reported; i++) free(j->reported[i]);
    free(j->reported);
    j->reported = NULL;
    j->n_reported = 0;
}

static int select_samples(rv_state *st, char **want, int n_want, rv_sample **s, int *n, rv_err *err)
{
    int rc = rv_cohort_get(st, NULL, s, n, err);
    if (rc < 0 || n_want == 0) return rc;
    int kept = 0;
    for (int w = 0; w < n_want; w++) {
        int found = 0;
        for (int i = 0; i < *n; i++) found |= strcmp((*s)[i].id, want[w]) == 0;
        if (!found) {
            rv_samples_free(*s, *n);
            *s = NULL;
            *n = 0;
            return rv_err_set(err, RV_ENOTFOUND, "no sample '%s' (see `revus cohort list`)", want[w]);
        }
    }
    for (int i = 0; i < *n; i++) {
        int wanted = 0;
        for (int w = 0; w < n_want; w++) wanted |= strcmp((*s)[i].id, want[w]) == 0;
        if (wanted) { rv_sample t = (*s)[kept]; (*s)[kept++] = (*s)[i]; (*s)[i] = t; }
    }
    for (int i = kept; i < *n; i++) rv_sample_clear(&(*s)[i]);
    *n = kept;
    return 0;
}

static int direct_run(rv_cli *g, char **want, int n_want, int threads, int full)
{
    rv_state *st; rv_runconf *conf;
    int ret = cli_state_open(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_run_lock *lk = NULL;
    rv_run_ctx *ctx[MAX_THREADS] = { 0 };
    rv_state *rd[MAX_THREADS] = { 0 };
    rv_sample *s = NULL;
    job *jobs = NULL;
    int n = 0, n_int = 0, n_skipped = 0, n_flags = 0, n_done = 0;
    int64_t run = 0;
    pool p = { 0 };
    rv_incr *incr = NULL;
    int n_incr = 0, n_full = 0;
    long long n_reread = 0;
    pthread_t tid[MAX_THREADS];
    int n_started = 0;
    if (rv_run_lock_take(g->home, conf->lock_wait_seconds, &lk, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (rv_runs_mark_interrupted(st, &n_int, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (n_int) rv_log_warn("run: %d earlier run%s had been interrupted; marked so", n_int, n_int == 1 ? "" : "s");
    if (rv_cohort_sync_indications(st, conf, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (select_samples(st, want, n_want, &s, &n, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (n == 0) { rv_log_warn("run: no samples registered (see `revus cohort add`)"); goto out; }
    if (threads > n) threads = n;
    for (int w = 0; w < threads; w++)
        if (rv_run_ctx_open(&ctx[w], g->home, conf, cli_rules_path(conf), threads > 1 ? 0 : 1, &err) < 0) { ret = cli_fail(&err); goto out; }
    int n_src;
    const rv_source_ver *src = rv_run_ctx_sources(ctx[0], &n_src);
    if (n_src == 0) rv_log_warn("run: no active sources in %s: classes come from the input alone", g->home);
    rv_flag_rules rules;
    rv_runconf_flag_rules(conf, &rules);
    if (rv_run_begin(st, "direct", rv_run_ctx_config_hash(ctx[0]), src, n_src, &run, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (!full && rv_incr_open(&incr, g->home, conf, src, n_src, rv_run_ctx_config_hash(ctx[0]), &err) < 0) { ret = cli_fail(&err); goto out; }

    jobs = calloc((size_t)n, sizeof *jobs);
    if (!jobs) { ret = cli_failf(EXIT_SOURCE_STATE, "out of memory"); goto out; }
    for (int i = 0; i < n; i++) jobs[i].s = &s[i];
    rd[0] = st;
    for (int w = 1; w < threads; w++)
        if (rv_state_open_readonly(&rd[w], g->home, &err) < 0) { ret = cli_fail(&err); goto out; }
    /* workers run at most two samples per thread ahead of the writer, to bound memory */
    p = (pool){ jobs, n, 0, 0, 2 * threads, run, conf, ctx, rd, incr, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
    worker_arg args[MAX_THREADS];
    for (int w = 1; w < threads; w++) {
        args[w] = (worker_arg){ &p, w };
        if (pthread_create(&tid[w], NULL, worker, &args[w]) != 0) break;
        n_started++;
    }

    /* the single writer: store samples in order as they are computed */
    for (int i = 0; i < n; i++) {
        if (n_started == 0) {
            compute(ctx[0], st, incr, run, conf, &jobs[i]);
        } else {
            pthread_mutex_lock(&p.mu);
            while (jobs[i].state != 2) pthread_cond_wait(&p.done, &p.mu);
            pthread_mutex_unlock(&p.mu);
        }
        job *j = &jobs[i];
        if (j->reason[0]) {
            fprintf(stderr, "revus: skipped sample %s: %s\n", j->s->id, j->reason);
            if (rv_run_skip_sample(st, run, j->s->id, j->reason, &err) < 0) { ret = cli_fail(&err); break; }
            n_skipped++;
        } else {
            rv_apply_stats as;
            if (rv_run_apply_sample(st, run, j->s->id, &j->calls, &rules, &as, &err) < 0 ||
                rv_run_sample_read_with(st, run, j->s->id, j->s->vcf_sha256, j->mode, &err) < 0) { ret = cli_fail(&err); break; }
            n_done++;
            n_flags += as.n_flags;
            if (strcmp(j->mode, "incremental") == 0) { n_incr++; n_reread += j->n_reread; } else n_full++;
            if (j->why_full[0]) rv_log_info("run %lld: %s: read in full: %s", (long long)run, j->s->id, j->why_full);
            rv_log_info("run %lld: %s: %s, %d candidates, %d rows written, %d new flags", (long long)run, j->s->id,
                        strcmp(j->mode, "incremental") == 0 ? "incremental" : "full", as.n_calls, as.n_written, as.n_flags);
        }
        job_free(j);
        pthread_mutex_lock(&p.mu);
        p.stored = i + 1;
        pthread_cond_broadcast(&p.done);
        pthread_mutex_unlock(&p.mu);
        rv_run_test_pause();
    }
    if (ret == 0 && rv_run_finish(st, run, &err) < 0) ret = cli_fail(&err);
    if (ret != 0) rv_run_abandon(st, run);
    if (ret == 0) {
        if (g->verbosity)
            fprintf(stderr, "revus: run %lld complete: %d sample%s done, %d skipped, %d new flag%s (see `revus flags`); "
                    "%d read in full, %d incrementally (%lld variant%s re-read)\n",
                    (long long)run, n_done, n_done == 1 ? "" : "s", n_skipped, n_flags, n_flags == 1 ? "" : "s",
                    n_full, n_incr, n_reread, n_reread == 1 ? "" : "s");
        ret = n_skipped ? EXIT_ATTENTION : EXIT_OK;
    }
out:
    if (n_started) {
        /* a failed writer lets the workers finish their current sample, then stops them */
        pthread_mutex_lock(&p.mu);
        p.next = p.n;
        pthread_cond_broadcast(&p.done);
        pthread_mutex_unlock(&p.mu);
        for (int w = 1; w <= n_started; w++) pthread_join(tid[w], NULL);
    }
    for (int i = 0; jobs && i < n; i++) job_free(&jobs[i]);
    free(jobs);
    rv_incr_close(incr);
    for (int w = 0; w < MAX_THREADS; w++) rv_run_ctx_close(ctx[w]);
    for (int w = 1; w < MAX_THREADS; w++) rv_state_close(rd[w]);
    rv_samples_free(s, n);
    rv_run_lock_release(lk);
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}

static int shard_run(rv_cli *g, const char *id, const char *out_path, int threads)
{
    rv_err err = { 0 };
    rv_runconf *conf = NULL;
    rv_state *st = NULL;
    rv_run_ctx *ctx = NULL;
    rv_sample *s = NULL;
    int n = 0, ret = 0;
    rv_shard sh = { 0 };
    char **reported = NULL;
    int n_reported = 0;
    rv_calls prev = { 0 };
    int64_t prev_run;
    if (rv_runconf_load(cli_config_path(g), &conf, &err) < 0 || rv_state_open_readonly(&st, g->home, &err) < 0 ||
        rv_cohort_get(st, id, &s, &n, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (n == 0) { ret = cli_failf(EXIT_BAD_INPUT, "no sample '%s' (see `revus cohort list`)", id); goto out; }
    if (rv_run_ctx_open(&ctx, g->home, conf, cli_rules_path(conf), threads, &err) < 0 ||
        rv_run_previous(st, id, 0, &prev_run, &prev, &err) < 0 ||
        rv_reported_keys(st, id, &reported, &n_reported, &err) < 0) { ret = cli_fail(&err); goto out; }
    char reason[1100] = "";
    if (rv_sample_check_vcf(&s[0], reason, sizeof reason) == 0 &&
        rv_run_sample(ctx, &s[0], panels_of(conf, &s[0]), reported, n_reported, &prev, &sh.calls, &err) < 0)
        snprintf(reason, sizeof reason, "%s", err.msg[0] ? err.msg : rv_err_name(err.code));
    sh.sample = s[0].id;
    sh.vcf_sha256 = s[0].vcf_sha256;
    sh.revus_version = (char *)rv_version();
    sh.config_hash = (char *)rv_run_ctx_config_hash(ctx);
    sh.sources = (rv_source_ver *)rv_run_ctx_sources(ctx, &sh.n_sources);
    sh.skipped = reason[0] ? reason : NULL;
    if (rv_shard_write(out_path, &sh, &err) < 0) { ret = cli_fail(&err); goto out; }
    /* a skipped sample still gets its shard, so the merge records why */
    if (reason[0]) rv_log_warn("shard %s: sample skipped: %s", id, reason);
    else if (g->verbosity > 1) fprintf(stderr, "revus: shard %s: %d candidates\n", id, sh.calls.n);
out:
    rv_calls_free(&sh.calls);
    rv_calls_free(&prev);
    for (int i = 0; i < n_reported; i++) free(reported[i]);
    free(reported);
    rv_run_ctx_close(ctx);
    rv_samples_free(s, n);
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}

int main_run(int argc, char **argv, rv_cli *g)
{
    static const struct option opts[] = {
        { "sample", required_argument, 0, 's' }, { "threads", required_argument, 0, 't' },
        { "shard", required_argument, 0, 'S' }, { "out", required_argument, 0, 'o' },
        { "full", no_argument, 0, 'F' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    char **want = calloc((size_t)argc + 1, sizeof *want);
    int n_want = 0, threads = 1, full = 0, c, ret;
    const char *shard = NULL, *out = NULL;
    char *end;
    if (!want) return cli_failf(EXIT_SOURCE_STATE, "out of memory");
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's': want[n_want++] = optarg; break;
        case 't':
            threads = (int)strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > MAX_THREADS) { free(want); return cli_failf(EXIT_BAD_INPUT, "--threads: 1..%d", MAX_THREADS); }
            break;
        case 'S': shard = optarg; break;
        case 'o': out = optarg; break;
        case 'F': full = 1; break;
        case 'h': usage(stdout); free(want); return EXIT_OK;
        default: usage(stderr); free(want); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc || (shard && (!out || n_want || full)) || (!shard && out)) { usage(stderr); free(want); return EXIT_BAD_INPUT; }
    ret = shard ? shard_run(g, shard, out, threads) : direct_run(g, want, n_want, threads, full);
    free(want);
    return ret;
}
