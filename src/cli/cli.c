/* cli.c: helpers shared by the commands: error printing, the warning sink, help detection,
 * paths. */
#include <htslib/hts.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/progress.h"

int cli_fail(const rv_err *e)
{
    fprintf(stderr, "revus: %s\n", e->msg[0] ? e->msg : rv_err_name(e->code));
    return rv_err_exit_status(e->code);
}

int cli_failf(int status, const char *fmt, ...)
{
    va_list ap;
    fputs("revus: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

static int log_verbosity = 1;

/* The library's warnings and progress, one line each: "revus: warning: MSG" or "revus: MSG",
 * detail only with -v, nothing but errors with -q. A single fputs, so lines from worker
 * threads do not interleave. */
static void cli_msg(void *ud, int level, const char *msg)
{
    (void)ud;
    if (log_verbosity < (level == RV_MSG_DEBUG ? 2 : 1)) return;
    char line[1300];
    snprintf(line, sizeof line, "revus: %s%s\n", level == RV_MSG_WARN ? "warning: " : "", msg);
    cli_progress_clear();       /* the message takes the progress line's place; it is redrawn */
    fputs(line, stderr);
}

const rv_msg_sink cli_msg_sink = { cli_msg, NULL };

void cli_log_init(int verbosity)
{
    log_verbosity = verbosity;
    rv_msg_set_default(&cli_msg_sink);
    /* errors reach the user through rv_err; htslib's own messages only with -v */
    hts_set_log_level(verbosity >= 2 ? HTS_LOG_WARNING : HTS_LOG_OFF);
}

int cli_out_format(const char *cmd, const char *name, unsigned allowed, rv_out_format *out)
{
    rv_err err;
    if (rv_out_format_parse(name, allowed, out, &err) < 0) return cli_failf(EXIT_BAD_INPUT, "%s: %s", cmd, err.msg);
    return EXIT_OK;
}

int cli_is_help(const char *arg)
{
    return arg && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0);
}

#ifndef REVUS_SHARE_DIR
#define REVUS_SHARE_DIR "/usr/local/share/revus"
#endif

void cli_on_skip(const char *sample, const char *reason, void *ud)
{
    (void)ud;
    cli_progress_clear();
    fprintf(stderr, "revus: skipped sample %s: %s\n", sample, reason ? reason : "");
}

const char *cli_conventions_path(void)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/pipeline/csq_conventions.json", cli_data_dir());
    return path;
}

const char *cli_data_dir(void)
{
    static char dir[4096];
    if (dir[0]) return dir;
    const char *env = getenv("REVUS_DATA_DIR");
    if (env && *env) snprintf(dir, sizeof dir, "%s", env);
    else if (access("pipeline/default.json", R_OK) == 0) snprintf(dir, sizeof dir, ".");
    else {
        /* beside the executable (a source checkout), else the installed share dir */
        char exe[2048];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            char *slash = strrchr(exe, '/');
            if (slash) *slash = '\0';
            char probe[4200];
            snprintf(probe, sizeof probe, "%s/pipeline/default.json", exe);
            if (access(probe, R_OK) == 0) { snprintf(dir, sizeof dir, "%s", exe); return dir; }
            /* installed: PREFIX/bin/revus with PREFIX/share/revus, whatever PREFIX was */
            snprintf(probe, sizeof probe, "%s/../share/revus/pipeline/default.json", exe);
            if (access(probe, R_OK) == 0) { snprintf(dir, sizeof dir, "%s/../share/revus", exe); return dir; }
        }
        snprintf(dir, sizeof dir, "%s", REVUS_SHARE_DIR);
    }
    return dir;
}

const char *cli_config_path(rv_cli *g)
{
    static char path[4200];
    if (g->config) return g->config;
    const char *env = getenv("REVUS_CONFIG");
    if (env && *env) return env;
    snprintf(path, sizeof path, "%s/pipeline/default.json", cli_data_dir());
    return path;
}
