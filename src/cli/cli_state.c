/* cli_state.c: helpers shared by cohort, reported, run, merge, flags, ack and plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sources/store.h"
#include "base/msg.h"
#include "cli/cli_state.h"

/* A mistyped --home must not look like a healthy, empty home (a weekly timer would report
 * "nothing due" forever): only registering samples may create the database. */
static int open_state(rv_cli *g, rv_state **st, rv_runconf **conf, int may_create)
{
    rv_err err = { 0 };
    *st = NULL;
    if (!may_create) {
        char db[4200];
        snprintf(db, sizeof db, "%s/revus.db", g->home);
        if (access(db, F_OK) != 0)
            return cli_failf(EXIT_SOURCE_STATE, "%s: no revus database (revus.db) in this home; check "
                             "--home or REVUS_HOME, or register samples first with `revus cohort add` "
                             "or `revus cohort import`", g->home);
    }
    if (conf) {
        *conf = NULL;
        if (cli_conf_load(g, conf, 1, &err) < 0) return cli_fail(&err);
    }
    if (rv_state_open(st, g->home, &err) < 0) {
        if (conf) { rv_runconf_free(*conf); *conf = NULL; }
        return cli_fail(&err);
    }
    rv_store_sweep(g->home);     /* staging folders a killed fetch or import left behind */
    return 0;
}

int cli_state_exists(const rv_cli *g)
{
    char db[4200];
    snprintf(db, sizeof db, "%s/revus.db", g->home);
    return access(db, F_OK) == 0;
}

void cli_state_discard_new(const rv_cli *g, int existed)
{
    if (existed) return;
    static const char *const files[] = { "revus.db", "revus.db-wal", "revus.db-shm" };
    char p[4200];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p, sizeof p, "%s/%s", g->home, files[i]);
        unlink(p);
    }
}

int cli_state_open(rv_cli *g, rv_state **st, rv_runconf **conf)
{
    return open_state(g, st, conf, 0);
}

int cli_state_create(rv_cli *g, rv_state **st, rv_runconf **conf)
{
    return open_state(g, st, conf, 1);
}

int cli_fail_problems(const rv_problems *p, const rv_err *e)
{
    for (int i = 0; i < p->n; i++) fprintf(stderr, "revus: %s\n", p->msg[i]);
    return cli_fail(e);
}

int cli_active_sources(rv_cli *g, rv_source_ver **src, int *n)
{
    rv_err err = { 0 };
    rv_release *rel = NULL;
    int nr = 0;
    *src = NULL;
    *n = 0;
    if (rv_store_list_active(g->home, &rel, &nr, &err) < 0) return cli_fail(&err);
    *src = calloc((size_t)nr + 1, sizeof **src);
    if (!*src) { free(rel); return cli_failf(EXIT_SOURCE_STATE, "out of memory"); }
    for (int i = 0; i < nr; i++) {
        rv_source_ver *v = &(*src)[(*n)++];
        v->source = strdup(rel[i].source);
        v->version = strdup(rel[i].version);
        v->sha256 = strdup(rel[i].sha256);
        v->role = strdup(rel[i].role);
    }
    free(rel);
    return 0;
}

int cli_conf_conventions(rv_runconf *conf, rv_err *err)
{
    return rv_runconf_conventions(conf, cli_conventions_path(), err);
}

static void conf_filled(void *ctx, const char *path, const char *defaults, const char *keys)
{
    (void)ctx;
    rv_log_warn("%s lacks %s: taken from %s", path, keys, defaults);
}

int cli_conf_load(rv_cli *g, rv_runconf **conf, int conventions, rv_err *err)
{
    char defaults[4200];
    snprintf(defaults, sizeof defaults, "%s/pipeline/default.json", cli_data_dir());
    const char *path = cli_config_path(g);
    char *a = realpath(path, NULL), *b = realpath(defaults, NULL);
    int same = a && b && strcmp(a, b) == 0;
    free(a); free(b);
    int rc = rv_runconf_load_over(path, same ? NULL : defaults, conf_filled, NULL, conf, err);
    if (rc == 0 && conventions && (rc = cli_conf_conventions(*conf, err)) < 0) { rv_runconf_free(*conf); *conf = NULL; }
    return rc;
}

const char *cli_rules_path(const rv_runconf *conf)
{
    static char path[4200];
    if (conf && conf->rules) return conf->rules;
    snprintf(path, sizeof path, "%s/pipeline/acmg.json", cli_data_dir());
    return path;
}
