/* run/merge.c: apply shards as one run (run/merge.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "state/cohort.h"
#include "run/merge.h"
#include "state/runs.h"
#include "run/shard.h"

int rv_merge_shards(rv_state *st, const rv_runconf *conf, const char *config_hash,
                    char *const *paths, int n, rv_skip_fn on_skip, void *ud,
                    rv_merge_report *rep, rv_err *err)
{
    memset(rep, 0, sizeof *rep);
    if (n <= 0) return rv_err_set(err, RV_EUSAGE, "no shard files given");
    rv_shard *sh = calloc((size_t)n, sizeof *sh);
    if (!sh) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = 0, nread = 0;
    while (nread < n) {
        if ((rc = rv_shard_read(paths[nread], &sh[nread], err)) < 0) goto done;
        const rv_shard *cur = &sh[nread++];
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
        rv_sample *s = NULL;
        int ns = 0;
        char reason[600] = "";
        if ((rc = rv_cohort_get(st, sh[i].sample, &s, &ns, err)) < 0) goto done;
        if (sh[i].skipped) snprintf(reason, sizeof reason, "%s", sh[i].skipped);
        else if (ns == 0) snprintf(reason, sizeof reason, "%s: sample '%s' is not registered", sh[i].path, sh[i].sample);
        else if (strcmp(s[0].vcf_sha256, sh[i].vcf_sha256) != 0)
            snprintf(reason, sizeof reason, "%s: computed from a VCF whose checksum differs from the registered one",
                     sh[i].path);
        rv_samples_free(s, ns);
        if (reason[0]) {
            if (ns > 0 && (rc = rv_run_skip_sample(st, rep->run, sh[i].sample, reason, err)) < 0) goto done;
            if (on_skip) on_skip(sh[i].sample, reason, ud);
            rep->n_skipped++;
            continue;
        }
        rv_apply_stats as;
        if ((rc = rv_run_apply_sample(st, rep->run, sh[i].sample, &sh[i].calls, &rules, &as, err)) < 0 ||
            (rc = rv_run_sample_read_with(st, rep->run, sh[i].sample, sh[i].vcf_sha256, "full", err)) < 0) goto done;
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
