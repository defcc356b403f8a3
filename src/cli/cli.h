/* cli.h: what every revus command shares: global options, messages, exit codes.
 * The CLI is the only part of revus that prints results or exits. */
#ifndef RV_CLI_H
#define RV_CLI_H

#include "base/err.h"
#include "base/out_format.h"
#include "base/msg.h"

/* Exit codes (documented in docs/cli.md and `revus --help`). */
enum { EXIT_OK = 0, EXIT_ATTENTION = 1, EXIT_BAD_INPUT = 2, EXIT_SOURCE_STATE = 3 };

typedef struct rv_cli {
    const char *home;      /* --home DIR, $REVUS_HOME, default ./revus-home */
    const char *config;    /* --config FILE, default pipeline/default.json */
    int verbosity;         /* -q 0, default 1, -v 2 */
    int progress;          /* 0 with --no-progress (shown only on a terminal: cli/progress.h) */
    const char *argv0;
    char *command_line;    /* the whole command line, for provenance headers (owned) */
} rv_cli;

typedef int (*rv_cmd_fn)(int argc, char **argv, rv_cli *g);

/* Print "revus: MSG" for an error record and return its documented exit status. */
int cli_fail(const rv_err *e);
/* Print "revus: <formatted>" and return status. */
int cli_failf(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Make cli_msg_sink the library's default sink (base/msg.h) with this verbosity and set
 * htslib's log level; once, before any command runs. */
void cli_log_init(int verbosity);

/* The --format value of command cmd, among allowed (RV_OUT() set): EXIT_OK with *out set,
 * or EXIT_BAD_INPUT after "revus: CMD: unknown format 'X' (tsv, json)". */
int cli_out_format(const char *cmd, const char *name, unsigned allowed, rv_out_format *out);

/* The sink for library warnings and progress (base/msg.h): "revus: warning: MSG" and
 * "revus: MSG" on stderr; progress needs verbosity 1, detail 2 (-v). */
extern const rv_msg_sink cli_msg_sink;

/* A skipped sample of a run or merge (rv_skip_fn): "revus: skipped sample ID: REASON" on
 * stderr, whatever the verbosity. */
void cli_on_skip(const char *sample, const char *reason, void *ud);

/* True when argv[i] is -h or --help. */
int cli_is_help(const char *arg);

/* Where the pipeline config and data files are: --config, else $REVUS_CONFIG, else
 * pipeline/default.json beside the current directory, else the installed share dir. */
const char *cli_config_path(rv_cli *g);

/* Directory holding pipeline/ and annotations/ (the source tree, or the installed
 * PREFIX/share/revus). Always ends without a slash. */
const char *cli_data_dir(void);
/* DATA/pipeline/csq_conventions.json: the consequence conventions profiles (docs/csq.md). */
const char *cli_conventions_path(void);

/* Commands, one file each (src/cli/cmd_<name>.c). */
int main_norm(int argc, char **argv, rv_cli *g);
int main_csq(int argc, char **argv, rv_cli *g);
int main_sources(int argc, char **argv, rv_cli *g);
int main_annotate(int argc, char **argv, rv_cli *g);
int main_cohort(int argc, char **argv, rv_cli *g);
int main_reported(int argc, char **argv, rv_cli *g);
int main_run(int argc, char **argv, rv_cli *g);
int main_merge(int argc, char **argv, rv_cli *g);
int main_flags(int argc, char **argv, rv_cli *g);
int main_ack(int argc, char **argv, rv_cli *g);
int main_report(int argc, char **argv, rv_cli *g);
int main_stats(int argc, char **argv, rv_cli *g);
int main_plan(int argc, char **argv, rv_cli *g);

#endif
