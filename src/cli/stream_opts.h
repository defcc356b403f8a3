/* stream_opts.h: the options every streaming command (norm, annotate, csq) shares, parsed
 * once, with bcftools' letters: -O, -f/--fasta, --build, --threads, -r/--regions,
 * -R/--regions-file, -s/--samples, -S/--samples-file, -W/--write-index. */
#ifndef RV_STREAM_OPTS_H
#define RV_STREAM_OPTS_H

#include "input/vcf_reader.h"
#include "input/vcf_regions.h"

/* getopt_long values of the shared long options; a command numbers its own from
 * CLI_OPT_OWN on. */
enum { CLI_OPT_BUILD = 256, CLI_OPT_THREADS, CLI_OPT_OWN };

/* The shared short options (append the command's own) and long options (put them in the
 * command's struct option table before its own). */
#define CLI_STREAM_SHORTOPTS "O:f:r:R:s:S:W::"
#define CLI_STREAM_LONGOPTS \
    { "output-type",  required_argument, NULL, 'O' }, \
    { "fasta",        required_argument, NULL, 'f' }, \
    { "build",        required_argument, NULL, CLI_OPT_BUILD }, \
    { "threads",      required_argument, NULL, CLI_OPT_THREADS }, \
    { "regions",      required_argument, NULL, 'r' }, \
    { "regions-file", required_argument, NULL, 'R' }, \
    { "samples",      required_argument, NULL, 's' }, \
    { "samples-file", required_argument, NULL, 'S' }, \
    { "write-index",  optional_argument, NULL, 'W' }

/* The help lines of the shared options, for a command's usage text. */
#define CLI_STREAM_HELP \
    "  -O, --output-type T    v VCF, z bgzipped VCF, b BCF, u uncompressed BCF\n" \
    "                         (default: from the file name; v for stdout)\n" \
    "  -f, --fasta REF.fa     reference FASTA (faidx): left-align indels, check REF\n" \
    "      --build B          GRCh37 or GRCh38; an error if the header says the other\n" \
    "      --threads N        extra threads for (de)compression and indexing (default 0)\n" \
    "  -r, --regions LIST     only records in these regions: chr1,chr2:100-200,chrX:5 (as\n" \
    "                         bcftools; needs the input's .tbi or .csi index)\n" \
    "  -R, --regions-file F   the same from a file: CHROM<TAB>POS or CHROM<TAB>BEG<TAB>END\n" \
    "                         (1-based; a .bed file is 0-based)\n" \
    "  -s, --samples LIST     keep only these samples (A,B); ^A,B keeps all but these\n" \
    "  -S, --samples-file F   the same from a file, one sample per line\n" \
    "  -W, --write-index[=F]  index the bgzipped output: csi (default) or tbi (VCF.gz only)\n"

typedef struct cli_stream {
    char           mode;       /* -O: v, z, b, u, or 0 (from the output name) */
    rv_reader_opts o;
    rv_region_list     regions;    /* -r / -R */
    char           index;      /* -W: 0 none, 'c' csi, 't' tbi */
    int            allow_level; /* set by a command that takes -O z0-z9 / b0-b9 */
    int            level1;     /* that compression level + 1; 0 = htslib's default */
    int            have_r, have_s;
} cli_stream;

/* Handle one shared option for command cmd (-O may carry a compression level, z1, when
 * s->allow_level is set). Returns 1 when c was one of them, 0 when it
 * is the command's own option, or -EXIT_BAD_INPUT after printing "revus: CMD: ..." for a
 * bad value or a bad combination. */
int cli_stream_opt(const char *cmd, int c, const char *arg, cli_stream *s);

/* After parsing, for output path out: the effective output type ('v', 'z', 'b' or 'u'),
 * set o.full_parse when the output needs parsed records, and check -W against the output.
 * Returns the type, or -EXIT_BAD_INPUT after printing why. */
int cli_stream_output(const char *cmd, cli_stream *s, const char *out);

/* After the output is complete: write its index when -W was given. EXIT_OK, or the exit
 * code after printing why. */
int cli_stream_finish(const char *cmd, const cli_stream *s, const char *out);

void cli_stream_free(cli_stream *s);

#endif
