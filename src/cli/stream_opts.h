/* stream_opts.h: the options every streaming command (norm, annotate) shares, parsed once. */
#ifndef RV_STREAM_OPTS_H
#define RV_STREAM_OPTS_H

#include "input/vcf_reader.h"

/* getopt_long values of the shared long options; a command numbers its own from
 * CLI_OPT_OWN on. */
enum { CLI_OPT_BUILD = 256, CLI_OPT_THREADS, CLI_OPT_OWN };

/* Handle -O MODE (with level non-NULL also z0-z9, b0-b9: *level the BGZF compression level,
 * else -1), -f/--fasta, --build and --threads for command cmd. Returns 1 when c was
 * one of them, 0 when it is the command's own option, or -EXIT_BAD_INPUT after printing
 * "revus: CMD: ..." for a bad value. */
int cli_stream_opt(const char *cmd, int c, const char *arg, char *mode, int *level, rv_reader_opts *o);

#endif
