/* run/cohort_run.c: the cohort run's worker pool and single writer, and the shard run
 * (run/cohort_run.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/version.h"
#include "state/cohort.h"
#include "state/history.h"
#include "state/runs.h"
#include "run/cohort_run.h"
#include "run/carrier.h"
#include "run/incremental.h"
#include "run/sample.h"
#include "run/shard.h"

/* The indication's panel sources: the config's, else none. */
static const char *panels_of(const rv_runconf *conf, const rv_sample *s)
{
    const rv_indication_conf *ic = s->indication ? rv_runconf_indication(conf, s->indication) : NULL;
    return ic ? ic->panels : NULL;
}

/* ---- one sample's work, computed by a worker, stored by the single writer ---- */

typedef struct job {
    const rv_sample *s;
    int64_t prev_run;          /* its last done run (0: none) and its calls there */
    rv_calls prev, calls;      /* incremental: prev as rv_history_read_light gives it */
    rv_calls prev_sub;         /* incremental: the previous calls of delta_keys, whole */
    char **reported;
    int n_reported;
    char reason[1100];         /* set when the sample is skipped */
    int n_dup;                 /* variants its VCF listed more than once */
    const char *mode;          /* "full" or "incremental" */
    char why_full[512];        /* why an incremental run read it whole */
    int n_reread;              /* incremental: variants re-read */
    char **delta_keys;         /* incremental: calls holds only these keys (rv_incr_delta) */
    int n_delta_keys, n_total;
    int whole;                 /* a shard: calls holds every call, not only the changed ones */
    int state;                 /* 0 waiting, 1 computing, 2 computed */
} job;

static void job_free(job *j)
{
    rv_calls_free(&j->prev);
    rv_calls_free(&j->prev_sub);
    rv_calls_free(&j->calls);
    for (int i = 0; i < j->n_reported; i++) free(j->reported[i]);
    free(j->reported);
    j->reported = NULL;
    j->n_reported = 0;
    for (int i = 0; i < j->n_delta_keys; i++) free(j->delta_keys[i]);
    free(j->delta_keys);
    j->delta_keys = NULL;
    j->n_delta_keys = 0;
}

/* Read keys (sorted) into out: those the carrier index holds from their lines in its
 * records file, the others from the VCF by region (rv_incr_locate). Returns as
 * rv_run_sample_keys. */
static int read_keys(rv_run_ctx *ctx, job *j, const char *panels, const rv_incr_decision *d, char *const *keys,
                     int n, const char *home, const char *recs, rv_calls *out, rv_err *err)
{
    rv_incr_reads rd;
    if (rv_incr_locate(d, keys, n, &rd) < 0) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = 0, r2 = 0;
    if (rd.n_line_keys)
        rc = rv_run_sample_lines(ctx, j->s, panels, j->reported, j->n_reported, &j->prev, rd.line_keys, rd.n_line_keys,
                                 recs, rd.lines, rd.n_lines, out, err);
    if (rc >= 0 && rd.n_region_keys) {
        rv_calls more = { 0 };
        char ib[4096];
        r2 = rv_run_sample_keys(ctx, j->s, panels, j->reported, j->n_reported, &j->prev, rd.region_keys,
                                rd.n_region_keys, rd.regions, rd.n_regions,
                                rv_carriers_vcf_index(home, j->s, ib, sizeof ib), &more, err);
        for (int i = 0; r2 >= 0 && i < more.n; i++) {
            rv_call *c = rv_calls_push(out);
            if (!c) { r2 = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            *c = more.x[i];
            more.x[i] = (rv_call){ 0 };
        }
        out->n_symbolic += more.n_symbolic;
        rv_calls_free(&more);
        if (r2 >= 0 && rd.n_line_keys) {
            rv_calls_sort(out);
            r2 += rv_calls_dedup(out);
        }
    }
    rv_incr_reads_free(&rd);
    return rc < 0 ? rc : r2 < 0 ? r2 : rc + r2;
}

/* Re-read d's keys, widened to whole genes where a call's genotype fit may move, and
 * assess the genes' calls together (run/family.h). Returns as rv_run_sample. */
static int reread(rv_run_ctx *ctx, job *j, const rv_runconf *conf, rv_incr_decision *d, const char *home,
                  const char *recs, rv_calls *fresh, rv_err *err)
{
    const char *panels = panels_of(conf, j->s);
    /* the genes of the previous calls of d's keys are known before reading: widen to them
     * first, so that the VCF is read a second time only for a gene a new call brings */
    char **added = NULL;
    rv_calls none = { 0 };
    int rc = rv_incr_expand_genes(&j->prev, d, &none, &added, err);
    free(added);
    if (rc < 0) return rc;
    rc = d->n_keys ? read_keys(ctx, j, panels, d, d->keys, d->n_keys, home, recs, fresh, err) : 0;
    if (rc < 0) return rc;
    rv_region *greg = NULL;
    int n_greg = rv_incr_gene_read_regions(d, &greg);
    if (n_greg < 0) return rv_err_set(err, RV_ENOMEM, "out of memory");
    if (n_greg > 0) {
        /* the regions of changed genes: every record there, not only known keys */
        rv_calls more = { 0 };
        char ib[4096];
        int r2 = rv_run_sample_keys(ctx, j->s, panels, j->reported, j->n_reported, &j->prev, NULL, 0, greg, n_greg,
                                    rv_carriers_vcf_index(home, j->s, ib, sizeof ib), &more, err);
        if (r2 >= 0 && (r2 = rv_incr_take_region_calls(d, &more, fresh, err)) >= 0) r2 = 0;
        rv_calls_free(&more);
        free(greg);
        if (r2 < 0) return r2;
    }
    added = NULL;
    int n_added = rv_incr_expand_genes(&j->prev, d, fresh, &added, err);
    if (n_added < 0) return n_added;
    if (n_added > 0) {
        /* a call depends on its own record alone until the genes are assessed together:
         * only the added keys are read, into the same list */
        rv_calls more = { 0 };
        int r2 = read_keys(ctx, j, panels, d, added, n_added, home, recs, &more, err);
        for (int i = 0; r2 >= 0 && i < more.n; i++) {
            rv_call *c = rv_calls_push(fresh);
            if (!c) { r2 = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            *c = more.x[i];
            more.x[i] = (rv_call){ 0 };
        }
        rv_calls_free(&more);
        free(added);
        if (r2 < 0) return r2;
        rv_calls_sort(fresh);
        rc += r2 + rv_calls_dedup(fresh);
    }
    int a = rv_run_sample_assess(ctx, j->s, fresh, err);
    return a < 0 ? a : rc;
}

/* Incrementally (run/incremental.h): the calls of the variants the knowledge changes touch,
 * re-read by region, and every other previous call carried over. 1 when done (or the
 * sample skipped: j->reason), 0 when the sample must be read whole (j->why_full says why). */
static int compute_incremental(rv_run_ctx *ctx, rv_state *rd, rv_incr *incr, int64_t prev_run,
                               const rv_runconf *conf, job *j, rv_err *err)
{
    rv_incr_decision d;
    if (rv_incr_decide(incr, rd, j->s, prev_run, &j->prev, j->reported, j->n_reported, &d, err) < 0) {
        snprintf(j->reason, sizeof j->reason, "%s", err->msg);
        return 1;
    }
    if (d.full) {
        snprintf(j->why_full, sizeof j->why_full, "%s", d.reason);
        rv_incr_decision_free(&d);
        return 0;
    }
    /* the VCF must still be the registered one: when its size and time are those its
     * carrier index was built from (after checking its checksum) it is not hashed again,
     * as make or rsync would trust them */
    rv_calls fresh = { 0 };
    char recs[4096];
    int n_src, rc = 0;
    const rv_source_ver *src = rv_run_ctx_sources(ctx, &n_src);
    rv_carriers_records_path(recs, sizeof recs, rv_state_home(rd), j->s->id);
    if (!rv_carriers_vcf_unchanged(rv_state_home(rd), conf, j->s) &&
        rv_sample_check_vcf(j->s, j->reason, sizeof j->reason) < 0) { /* reason set */ }
    else if ((d.n_keys > 0 || d.n_gene_regions > 0) &&
             (rc = reread(ctx, j, conf, &d, rv_state_home(rd), recs, &fresh, err)) < 0)
        snprintf(j->reason, sizeof j->reason, "%s", err->msg[0] ? err->msg : rv_err_name(err->code));
    else if (j->whole) {
        /* a shard holds the sample's every call: each previous one carried over (j->prev
         * was read whole), the re-read ones as computed */
        char **all = malloc(((size_t)j->prev.n + (size_t)d.n_keys + 1) * sizeof *all);
        int n_all = 0;
        if (all) {
            for (int i = 0; i < j->prev.n; i++) all[n_all++] = j->prev.x[i].variant;
            for (int i = 0; i < d.n_keys; i++) all[n_all++] = d.keys[i];
        }
        if (!all) rv_err_set(err, RV_ENOMEM, "out of memory");
        if (!all || rv_incr_delta(&j->prev, &d, &fresh, all, n_all, src, n_src, &j->calls, err) < 0)
            snprintf(j->reason, sizeof j->reason, "%s", err->msg);
        else j->n_dup = rc;
        free(all);
    } else {
        /* only the calls that can differ are read whole and stored (rv_run_apply_sample_delta) */
        int n_carried = 0, copies = -1;
        if (rv_incr_delta_keys(&j->prev, &d, j->reported, j->n_reported, src, n_src, &j->delta_keys, &j->n_delta_keys,
                               &n_carried) < 0)
            rv_err_set(err, RV_ENOMEM, "out of memory");
        else if (rv_history_read_keys(rd, j->s->id, prev_run, j->delta_keys, j->n_delta_keys, &j->prev_sub, err) == 0)
            copies = rv_incr_delta(&j->prev_sub, &d, &fresh, j->delta_keys, j->n_delta_keys, src, n_src, &j->calls, err);
        if (copies < 0) snprintf(j->reason, sizeof j->reason, "%s", err->msg);
        else {
            j->n_dup = rc;
            j->n_total = n_carried + j->calls.n - copies;
        }
    }
    j->mode = "incremental";
    j->n_reread = d.n_keys;
    rv_calls_free(&fresh);
    rv_incr_decision_free(&d);
    return 1;
}

/* Read what the sample is compared with (its previous calls, its reported variants) and
 * compute its calls, incrementally when incr is given and the sample allows it, else in
 * full; when the sample cannot be computed j->reason says why. rd: a connection of this
 * thread (WAL: sees what is committed). exclude_run: the run being written (0 for a
 * shard). Returns < 0 (and sets the reason) only when the state could not be read, which
 * a shard treats as fatal and a cohort run as a skip. */
static int compute(rv_run_ctx *ctx, rv_state *rd, rv_incr *incr, int64_t exclude_run, const rv_runconf *conf,
                   job *j, rv_err *err)
{
    int rc;
    j->mode = "full";
    /* an incremental sample decides from what rv_history_read_light gives */
    if ((rc = incr && !j->whole
                  ? rv_run_previous_light(rd, j->s->id, exclude_run, &j->prev_run, rv_incr_cites_moved, incr, &j->prev, err)
                  : rv_run_previous(rd, j->s->id, exclude_run, &j->prev_run, &j->prev, err)) < 0 ||
        (rc = rv_reported_keys(rd, j->s->id, &j->reported, &j->n_reported, err)) < 0) {
        snprintf(j->reason, sizeof j->reason, "%s", err->msg);
        return rc;
    }
    if (incr && compute_incremental(ctx, rd, incr, j->prev_run, conf, j, err)) return 0;
    if (incr && !j->whole && j->prev_run) {      /* read in full after all: its previous calls whole */
        rv_calls_free(&j->prev);
        if ((rc = rv_history_read(rd, j->s->id, j->prev_run, &j->prev, err)) < 0) {
            snprintf(j->reason, sizeof j->reason, "%s", err->msg);
            return rc;
        }
    }
    if (rv_sample_check_vcf(j->s, j->reason, sizeof j->reason) < 0) return 0;
    rc = rv_run_sample(ctx, j->s, panels_of(conf, j->s), j->reported, j->n_reported, &j->prev, &j->calls, err);
    if (rc < 0) snprintf(j->reason, sizeof j->reason, "%s", err->msg[0] ? err->msg : rv_err_name(err->code));
    else j->n_dup = rc;
    return 0;
}

/* Said once the sample's calls are taken (by the writer thread, so messages keep order). */
static void warn_dups(const rv_msg_sink *msg, const job *j)
{
    if (j->n_dup)
        rv_msg(msg, RV_MSG_WARN, "%s: %d variant%s listed more than once; the first of each is kept",
               j->s->vcf_path, j->n_dup, j->n_dup == 1 ? "" : "s");
    if (j->calls.n_symbolic)    /* never passed over silently */
        rv_msg(msg, RV_MSG_WARN, "%s: %d symbolic or structural allele%s (<DEL>, breakends, repeats) not evaluated: "
               "symbolic allele", j->s->vcf_path, j->calls.n_symbolic, j->calls.n_symbolic == 1 ? "" : "s");
}

/* compute() for the cohort run: every failure is the sample's skip reason. */
static void compute_job(rv_run_ctx *ctx, rv_state *rd, rv_incr *incr, int64_t run, const rv_runconf *conf, job *j)
{
    rv_err err = { 0 };
    compute(ctx, rd, incr, run, conf, j, &err);
}

typedef struct pool {
    job *jobs;
    int n, next;
    int stored;                /* samples the writer has stored: workers stay within a window */
    int window;
    int64_t run;
    const rv_runconf *conf;
    rv_run_ctx **ctx;          /* one per worker */
    rv_state **rd;             /* one read-only connection per worker */
    rv_incr *incr;             /* NULL: every sample in full */
    pthread_mutex_t mu;
    pthread_cond_t done;
} pool;

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
        compute_job(p->ctx[a->w], p->rd[a->w], p->incr, p->run, p->conf, &p->jobs[i]);
        pthread_mutex_lock(&p->mu);
        p->jobs[i].state = 2;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

/* The registered samples, or only the wanted ones (in registration order). */
static int select_samples(rv_state *st, char *const *want, int n_want, rv_sample **s, int *n, rv_err *err)
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

/* The single writer: store the samples in order as the workers compute them (or compute
 * them itself when there is no worker thread). */
static int store_all(rv_state *st, const rv_cohort_run_opts *o, pool *p, int n_started,
                     rv_cohort_run_report *rep, rv_err *err)
{
    rv_flag_rules rules;
    rv_runconf_flag_rules(o->conf, &rules);
    for (int i = 0; i < p->n; i++) {
        job *j = &p->jobs[i];
        if (n_started == 0) {
            compute_job(p->ctx[0], st, p->incr, p->run, o->conf, j);
        } else {
            pthread_mutex_lock(&p->mu);
            while (j->state != 2) pthread_cond_wait(&p->done, &p->mu);
            pthread_mutex_unlock(&p->mu);
        }
        int rc;
        if (j->reason[0]) {
            if (o->on_skip) o->on_skip(j->s->id, j->reason, o->skip_ud);
            if ((rc = rv_run_skip_sample(st, p->run, j->s->id, j->reason, err)) < 0) return rc;
            rep->n_skipped++;
        } else {
            warn_dups(&o->msg, j);
            rv_apply_stats as;
            /* the previous calls the worker read are still the sample's: only this writer stores */
            if ((rc = strcmp(j->mode, "incremental") == 0
                          ? rv_run_apply_sample_delta(st, p->run, j->s->id, j->prev_run, &j->prev_sub, &j->calls,
                                                      j->n_total, &rules, &as, err)
                          : rv_run_apply_sample_prev(st, p->run, j->s->id, j->prev_run, &j->prev, &j->calls, &rules,
                                                     &as, err)) < 0 ||
                (rc = rv_run_sample_read_with(st, p->run, j->s->id, j->s->vcf_sha256, j->mode, err)) < 0)
                return rc;
            rep->n_done++;
            rep->n_flags += as.n_flags;
            if (strcmp(j->mode, "incremental") == 0) { rep->n_incremental++; rep->n_reread += j->n_reread; }
            else rep->n_full++;
            rv_msg(&o->msg, RV_MSG_INFO, "run %lld: %s: %d candidates, %d new flags (%s%s%s, %d rows written)",
                   (long long)p->run, j->s->id, as.n_calls, as.n_flags, j->mode, j->why_full[0] ? ": " : "",
                   j->why_full, as.n_written);
        }
        job_free(j);
        pthread_mutex_lock(&p->mu);
        p->stored = i + 1;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
        rv_run_test_pause();
        if (o->progress) rv_meter_add(o->progress, 1, -1);
    }
    return 0;
}

int rv_run_cohort(rv_state *st, const rv_cohort_run_opts *o, rv_cohort_run_report *rep, rv_err *err)
{
    memset(rep, 0, sizeof *rep);
    if (o->threads < 1 || o->threads > RV_RUN_MAX_THREADS)
        return rv_err_set(err, RV_EUSAGE, "threads: 1..%d", RV_RUN_MAX_THREADS);
    rv_run_ctx *ctx[RV_RUN_MAX_THREADS] = { 0 };
    rv_state *rd[RV_RUN_MAX_THREADS] = { 0 };
    pthread_t tid[RV_RUN_MAX_THREADS];
    worker_arg args[RV_RUN_MAX_THREADS];
    rv_sample *s = NULL;
    int n = 0, n_started = 0, threads = o->threads, rc;
    pool p = { .mu = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER };

    if ((rc = rv_runs_mark_interrupted(st, &rep->n_interrupted, err)) < 0) goto out;
    if (rep->n_interrupted)
        rv_msg(&o->msg, RV_MSG_WARN, "run: %d earlier run%s had been interrupted; marked so",
               rep->n_interrupted, rep->n_interrupted == 1 ? "" : "s");
    if ((rc = rv_cohort_sync_indications(st, o->conf, err)) < 0 ||
        (rc = select_samples(st, o->samples, o->n_samples, &s, &n, err)) < 0)
        goto out;
    if (n == 0) { rv_msg(&o->msg, RV_MSG_WARN, "run: no samples registered (see `revus cohort add`)"); goto out; }
    if (o->progress) o->progress->p.total = n;
    if (threads > n) threads = n;
    /* a single thread lets its reader decompress on one extra thread */
    for (int w = 0; w < threads; w++)
        if ((rc = rv_run_ctx_open(&ctx[w], o->home, o->conf, o->rules, threads > 1 ? 0 : 1, err)) < 0) goto out;
    int n_src;
    const rv_source_ver *src = rv_run_ctx_sources(ctx[0], &n_src);
    if (n_src == 0) rv_msg(&o->msg, RV_MSG_WARN, "run: no active sources in %s: classes come from the input alone", o->home);
    if ((rc = rv_run_begin(st, "direct", rv_run_ctx_config_hash(ctx[0]), src, n_src, &rep->run, err)) < 0) goto out;
    if (!o->full && (rc = rv_incr_open(&p.incr, o->home, o->conf, src, n_src, rv_run_ctx_config_hash(ctx[0]), err)) < 0)
        goto out;

    p.jobs = calloc((size_t)n, sizeof *p.jobs);
    if (!p.jobs) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < n; i++) p.jobs[i].s = &s[i];
    p.n = n;
    p.window = 2 * threads;       /* workers run at most two samples per thread ahead */
    p.run = rep->run;
    p.conf = o->conf;
    p.ctx = ctx;
    p.rd = rd;
    rd[0] = st;                   /* the writer computes on its own connection */
    for (int w = 1; w < threads; w++)
        if ((rc = rv_state_open_readonly(&rd[w], o->home, err)) < 0) goto out;
    for (int w = 1; w < threads; w++) {
        args[w] = (worker_arg){ &p, w };
        if (pthread_create(&tid[w], NULL, worker, &args[w]) != 0) break;
        n_started++;
    }
    if ((rc = store_all(st, o, &p, n_started, rep, err)) == 0) rc = rv_run_finish(st, rep->run, err);
out:
    if (rc < 0 && rep->run) rv_run_abandon(st, rep->run);
    if (n_started) {
        /* a failed writer lets the workers finish their current sample, then stops them */
        pthread_mutex_lock(&p.mu);
        p.next = p.n;
        pthread_cond_broadcast(&p.done);
        pthread_mutex_unlock(&p.mu);
        for (int w = 1; w <= n_started; w++) pthread_join(tid[w], NULL);
    }
    for (int i = 0; p.jobs && i < n; i++) job_free(&p.jobs[i]);
    free(p.jobs);
    rv_incr_close(p.incr);
    for (int w = 0; w < RV_RUN_MAX_THREADS; w++) rv_run_ctx_close(ctx[w]);
    for (int w = 1; w < RV_RUN_MAX_THREADS; w++) rv_state_close(rd[w]);
    rv_samples_free(s, n);
    return rc < 0 ? rc : 0;
}

int rv_run_shard(rv_state *st, const rv_cohort_run_opts *o, const char *sample, const char *out_path,
                 rv_shard_report *rep, rv_err *err)
{
    memset(rep, 0, sizeof *rep);
    rv_sample *s = NULL;
    rv_run_ctx *ctx = NULL;
    rv_incr *incr = NULL;
    rv_shard sh = { 0 };
    int n = 0, rc;
    job j;
    memset(&j, 0, sizeof j);
    if ((rc = rv_cohort_get(st, sample, &s, &n, err)) < 0) goto out;
    if (n == 0) { rc = rv_err_set(err, RV_ENOTFOUND, "no sample '%s' (see `revus cohort list`)", sample); goto out; }
    if ((rc = rv_run_ctx_open(&ctx, o->home, o->conf, o->rules, o->threads, err)) < 0) goto out;
    int n_src;
    const rv_source_ver *src = rv_run_ctx_sources(ctx, &n_src);
    /* the same decision as a direct run; a shard never writes the home, so a carrier index
     * that is missing or stale reads the sample in full instead of being rebuilt */
    if (!o->full) {
        if ((rc = rv_incr_open(&incr, o->home, o->conf, src, n_src, rv_run_ctx_config_hash(ctx), err)) < 0) goto out;
        rv_incr_set_readonly(incr);
    }
    j.s = &s[0];
    j.whole = 1;
    if ((rc = compute(ctx, st, incr, 0, o->conf, &j, err)) < 0) goto out;
    /* a sample that could not be computed still gets its shard, so the merge records why */
    sh.sample = s[0].id;
    sh.vcf_sha256 = s[0].vcf_sha256;
    sh.revus_version = (char *)rv_version();
    sh.config_hash = (char *)rv_run_ctx_config_hash(ctx);
    sh.sources = (rv_source_ver *)src;
    sh.n_sources = n_src;
    sh.skipped = j.reason[0] ? j.reason : NULL;
    sh.prev_run = j.prev_run;
    sh.mode = (char *)j.mode;
    sh.calls = j.calls;
    if ((rc = rv_shard_write(out_path, &sh, err)) < 0) goto out;
    warn_dups(&o->msg, &j);
    rep->n_calls = j.calls.n;
    rep->skipped = j.reason[0] != '\0';
    rep->incremental = strcmp(j.mode, "incremental") == 0;
    rep->n_reread = j.n_reread;
    if (rep->skipped) rv_msg(&o->msg, RV_MSG_WARN, "shard %s: sample skipped: %s", sample, j.reason);
    else if (rep->incremental)
        rv_msg(&o->msg, RV_MSG_INFO, "shard %s: %d candidates (incremental from run %lld, %d variant%s re-read)", sample,
               j.calls.n, (long long)j.prev_run, j.n_reread, j.n_reread == 1 ? "" : "s");
    else rv_msg(&o->msg, RV_MSG_INFO, "shard %s: %d candidates (full%s%s)", sample, j.calls.n, j.why_full[0] ? ": " : "",
                j.why_full);
out:
    rv_incr_close(incr);
    job_free(&j);
    rv_run_ctx_close(ctx);
    rv_samples_free(s, n);
    return rc < 0 ? rc : 0;
}
