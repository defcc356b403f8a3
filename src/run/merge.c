/* run/merge.c: apply shards as one run (run/merge.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "state/cohort.h"
#include "run/merge.h"
#include "state/runs.h"
#include "run/shard.h"

/* 1 when run `run` stored the sample from the knowledge the shard was computed from (the
 * same releases, config, revus version and VCF): the shard is already stored. */
static int same_knowledge(rv_state *st, int64_t run, const rv_shard *sh, rv_err *err)
{
    rv_run_info info;
    if (rv_run_info_get(st, run, sh->sample, &info, err) < 0) return -1;
    int same = info.config_hash && strcmp(info.config_hash, sh->config_hash) == 0 && info.revus_version &&
               strcmp(info.revus_version, sh->revus_version) == 0 && info.vcf_sha256 &&
               strcmp(info.vcf_sha256, sh->vcf_sha256) == 0 && info.n_sources == sh->n_sources;
    for (int i = 0; same && i < sh->n_sources; i++) {
        const rv_source_ver *a = &info.sources[i], *b = &sh->sources[i];
        same = strcmp(a->source, b->source) == 0 && strcmp(a->version, b->version) == 0 &&
               strcmp(a->sha256 ? a->sha256 : "", b->sha256 ? b->sha256 : "") == 0;
    }
    rv_run_info_free(&info);
    return same;
}

/* What to do with a shard. */
enum { STORE, SKIP, SKIP_UNREGISTERED, ALREADY_STORED };

/* Whether a shard can be stored: its sample registered with the same VCF, and its last
 * run still the one the shard was computed from. Returns STORE; SKIP or SKIP_UNREGISTERED
 * (reason set); ALREADY_STORED (a merge interrupted after storing it, run again); < 0 a
 * state error. */
static int shard_check(rv_state *st, const rv_shard *sh, char *reason, size_t n, rv_err *err)
{
    rv_sample *s = NULL;
    int ns = 0, rc;
    if ((rc = rv_cohort_get(st, sh->sample, &s, &ns, err)) < 0) return rc;
    if (ns == 0) snprintf(reason, n, "%s: sample '%s' is not registered", sh->path, sh->sample);
    else if (sh->skipped) snprintf(reason, n, "%s", sh->skipped);
    else if (strcmp(s[0].vcf_sha256, sh->vcf_sha256) != 0)
        snprintf(reason, n, "%s: computed from a VCF whose checksum differs from the registered one", sh->path);
    rv_samples_free(s, ns);
    if (ns == 0) return SKIP_UNREGISTERED;
    if (reason[0]) return SKIP;
    int64_t last;
    if (sh->prev_run < 0) return STORE;          /* format 2: read in full, not checked */
    if ((rc = rv_run_last_done(st, sh->sample, 0, &last, err)) < 0) return rc;
    if (last == sh->prev_run) return STORE;
    if (last > sh->prev_run && (rc = same_knowledge(st, last, sh, err)) != 0) return rc < 0 ? rc : ALREADY_STORED;
    snprintf(reason, n, "%s: computed from the sample's run %lld, but run %lld stored it since: make the shard again",
             sh->path, (long long)sh->prev_run, (long long)last);
    return SKIP;
}

int rv_merge_shards(rv_state *st, const rv_runconf *conf, const char *config_hash,
                    char *const *paths, int n, rv_skip_fn on_skip, void *ud,
                    rv_meter *progress, rv_merge_report *rep, rv_err *err)
{
    memset(rep, 0, sizeof *rep);
    if (n <= 0) return rv_err_set(err, RV_EUSAGE, "no shard files given");
    rv_shard *sh = calloc((size_t)n, sizeof *sh);
    if (!sh) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = 0, nread = 0;
    while (nread < n) {
        if ((rc = rv_shard_read(paths[nread], &sh[nread], err)) < 0) goto done;
        const rv_shard *cur = &sh[nread++];
        if (progress) rv_meter_add(progress, 1, -1);
        if (nread > 1 && (rc = rv_shard_same_snapshot(&sh[0], cur, err)) < 0) goto done;
        for (int j = 0; j < nread - 1; j++)
            if (strcmp(sh[j].sample, cur->sample) == 0) {
                rc = rv_err_set(err, RV_EINPUT, "%s and %s are shards of the same sample %s",
                                sh[j].path, cur->path, cur->sample);
                goto done;
            }
    }
    if (config_hash && strcmp(sh[0].config_hash, config_hash) != 0)
        rv_log_warn("shards were computed with another pipeline config or rules file than %s; "
                    "the run records theirs", conf->path);

    rv_flag_rules rules;
    rv_runconf_flag_rules(conf, &rules);
    if ((rc = rv_run_begin(st, "merge", sh[0].config_hash, sh[0].sources, sh[0].n_sources, &rep->run, err)) < 0)
        goto done;
    for (int i = 0; i < n; i++) {
        char reason[1200] = "";
        int check = shard_check(st, &sh[i], reason, sizeof reason, err);
        if ((rc = check) < 0) goto done;
        if (check == ALREADY_STORED) {
            rv_log_info("%s: sample %s already stored with this knowledge (an earlier merge of it)", sh[i].path,
                        sh[i].sample);
            if (progress) rv_meter_add(progress, 1, -1);
            rep->n_current++;
            continue;
        }
        if (check != STORE) {    /* an unregistered sample has no row to record the skip in */
            if (check == SKIP && (rc = rv_run_skip_sample(st, rep->run, sh[i].sample, reason, err)) < 0) goto done;
            if (on_skip) on_skip(sh[i].sample, reason, ud);
            if (progress) rv_meter_add(progress, 1, -1);
            rep->n_skipped++;
            continue;
        }
        rv_apply_stats as;
        if ((rc = rv_run_apply_sample(st, rep->run, sh[i].sample, &sh[i].calls, &rules, &as, err)) < 0 ||
            (rc = rv_run_sample_read_with(st, rep->run, sh[i].sample, sh[i].vcf_sha256, sh[i].mode, err)) < 0) goto done;
        if (progress) rv_meter_add(progress, 1, -1);
        rep->n_done++;
        rep->n_flags += as.n_flags;
        rv_run_test_pause();
    }
    rc = rv_run_finish(st, rep->run, err);
done:
    if (rc < 0 && rep->run) rv_run_abandon(st, rep->run);
    for (int i = 0; i < nread; i++) rv_shard_free(&sh[i]);
    free(sh);
    return rc;
}
