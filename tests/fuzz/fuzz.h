/* tests/fuzz/fuzz.h: what every fuzz harness shares (docs/reliability.md).
 *
 * A harness defines LLVMFuzzerTestOneInput(). It is linked either with libFuzzer
 * (`make fuzz`: clang -fsanitize=fuzzer,address,undefined) or with tests/fuzz/replay.c
 * (`make check`: every file of the seed corpus and every saved crash, once, under
 * ASan/UBSan, with gcc or clang). The library reads files, so each input is written to
 * a private scratch folder first; FUZZ_ROOT is the source tree (descriptors, FASTA). */
#ifndef RV_FUZZ_H
#define RV_FUZZ_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <htslib/hts_log.h>
#include "base/err.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_scratch[64];

static int fuzz_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb; (void)flag; (void)f;
    return remove(p);
}

static void fuzz_cleanup(void)
{
    if (fuzz_scratch[0]) nftw(fuzz_scratch, fuzz_rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* The scratch folder, made on first use and removed at exit; htslib's log off. */
static const char *fuzz_dir(void)
{
    if (!fuzz_scratch[0]) {
        snprintf(fuzz_scratch, sizeof fuzz_scratch, "/tmp/revus-fuzz-XXXXXX");
        if (!mkdtemp(fuzz_scratch)) { perror("mkdtemp"); abort(); }
        atexit(fuzz_cleanup);
        hts_set_log_level(HTS_LOG_OFF);      /* the library's own messages go to no sink */
    }
    return fuzz_scratch;
}

/* fuzz_dir()/name, in a static buffer per call site owner (copy it if kept). */
static const char *fuzz_path(const char *name)
{
    static char buf[4][256];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, 256, "%s/%s", fuzz_dir(), name);
    return p;
}

/* With FUZZ_DEBUG set in the environment, say why an input was refused (to check that
 * seeds reach the code they are meant for). */
static void fuzz_note(const char *what, const rv_err *e)
{
    if (getenv("FUZZ_DEBUG")) fprintf(stderr, "%s: %s\n", what, e->code ? e->msg : "accepted");
}

/* Write data to fuzz_dir()/name and return its path. */
static const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
    const char *p = fuzz_path(name);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) { perror(p); abort(); }
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) { perror(p); abort(); }
        off += (size_t)w;
    }
    close(fd);
    return p;
}

#endif
