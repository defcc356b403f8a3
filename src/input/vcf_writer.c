/* input/vcf_writer.c: VCF/BCF output through a temporary file renamed on commit. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/tbx.h>
#include "base/version.h"
#include "input/vcf_writer.h"

struct rv_writer {
    htsFile   *fp;
    bcf_hdr_t *hdr;
    char      *path;      /* final name */
    char      *tmp;       /* temporary name, NULL when writing in place (stdout, /dev/null) */
    char       mode;
    int        n_ids, n_ctgs;   /* header dictionary sizes when the header was written */
};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Output mode from the file name: .vcf.gz/.vcf.bgz z, .bcf b, anything else v. */
static char mode_from_name(const char *path)
{
    if (ends_with(path, ".gz") || ends_with(path, ".bgz")) return 'z';
    if (ends_with(path, ".bcf")) return 'b';
    return 'v';
}

static int writer_open(rv_writer **out, const char *path, char mode, int level, bcf_hdr_t *hdr, int threads,
                       htsThreadPool *pool, rv_err *err)
{
    *out = NULL;
    if (!mode) mode = strcmp(path, "-") == 0 ? 'v' : mode_from_name(path);
    const char *base = mode == 'v' ? "w" : mode == 'z' ? "wz" : mode == 'b' ? "wb" : mode == 'u' ? "wbu" : NULL;
    if (!base) return rv_err_set(err, RV_EUSAGE, "output type '%c': use v, z, b or u", mode);
    char hts_mode[8];
    if (level >= 0 && level <= 9 && (mode == 'z' || mode == 'b')) snprintf(hts_mode, sizeof hts_mode, "%s%d", base, level);
    else snprintf(hts_mode, sizeof hts_mode, "%s", base);
    rv_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(strcmp(path, "-") == 0 ? "stdout" : path))) {
        free(w);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    w->mode = mode;
    w->hdr = hdr;
    struct stat st;
    int exists = strcmp(path, "-") != 0 && stat(path, &st) == 0;
    int in_place = strcmp(path, "-") == 0 || (exists && !S_ISREG(st.st_mode));
    if (!in_place) {
        size_t n = strlen(path) + 32;
        if (!(w->tmp = malloc(n))) { free(w->path); free(w); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        snprintf(w->tmp, n, "%s.part-%ld", path, (long)getpid());
        /* patient data: a new output is 0600; one replacing a file the user made keeps its mode */
        int fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 || (exists && fchmod(fd, st.st_mode & 07777) != 0)) {
            int e = errno;
            if (fd >= 0) { close(fd); unlink(w->tmp); }
            free(w->tmp); free(w->path); free(w);
            return rv_err_set(err, RV_EIO, "%s: cannot write: %s", path, strerror(e));
        }
        close(fd);
    }
    const char *open_name = w->tmp ? w->tmp : path;
    w->fp = hts_open(open_name, hts_mode);
    if (!w->fp) {
        int e = errno;
        if (w->tmp) unlink(w->tmp);
        free(w->tmp); free(w->path); free(w);
        return rv_err_set(err, RV_EIO, "%s: cannot write: %s", path, e ? strerror(e) : "unknown error");
    }
    /* a text output is still "text_format" to htslib here, and hts_set_thread_pool() would
     * give it SAM's threaded writer state (never freed for VCF): give the pool to its BGZF */
    if (mode == 'z' && pool) bgzf_thread_pool(w->fp->fp.bgzf, pool->pool, pool->qsize);
    else if (mode != 'v' && pool) hts_set_thread_pool(w->fp, pool);
    else if (mode != 'v' && threads > 0) hts_set_threads(w->fp, threads);
    if (bcf_hdr_write(w->fp, hdr) < 0) {
        rv_writer_abort(w);
        return rv_err_set(err, RV_EIO, "%s: cannot write the header", path);
    }
    w->n_ids = hdr->n[BCF_DT_ID];
    w->n_ctgs = hdr->n[BCF_DT_CTG];
    *out = w;
    return 0;
}

int rv_writer_open(rv_writer **out, const char *path, char mode, bcf_hdr_t *hdr, int threads, rv_err *err)
{
    return writer_open(out, path, mode, -1, hdr, threads, NULL, err);
}

int rv_writer_open_pool(rv_writer **out, const char *path, char mode, int level, bcf_hdr_t *hdr,
                        htsThreadPool *pool, rv_err *err)
{
    return writer_open(out, path, mode, level, hdr, 0, pool, err);
}

int rv_writer_is_text(const rv_writer *w) { return w->mode == 'v' || w->mode == 'z'; }

static int put_bytes(rv_writer *w, const char *s, size_t len)
{
    ssize_t a = w->fp->format.compression != no_compression ? bgzf_write(w->fp->fp.bgzf, s, len)
                                                            : hwrite(w->fp->fp.hfile, s, len);
    return a >= 0 && (size_t)a == len ? 0 : -1;
}

int rv_writer_line(rv_writer *w, const char *line, size_t len, rv_err *err)
{
    if (put_bytes(w, line, len) < 0 || put_bytes(w, "\n", 1) < 0)
        return rv_err_set(err, RV_EIO, "%s: write failed", w->path);
    return 0;
}

int rv_writer_text(rv_writer *w, const char *text, size_t len, rv_err *err)
{
    if (len && put_bytes(w, text, len) < 0) return rv_err_set(err, RV_EIO, "%s: write failed", w->path);
    return 0;
}

int rv_writer_record(rv_writer *w, bcf1_t *rec, rv_err *err)
{
    /* htslib adds undeclared contigs and tags to the header while parsing; a BCF written
     * with the earlier header could not be read back, so refuse rather than corrupt it */
    if (!rv_writer_is_text(w) && (w->hdr->n[BCF_DT_ID] > w->n_ids || w->hdr->n[BCF_DT_CTG] > w->n_ctgs))
        return rv_err_set(err, RV_EINPUT, "%s: a record uses a contig or tag the input header does not "
                          "declare; BCF output needs every one declared (write VCF with -O v or z instead)", w->path);
    if (bcf_write(w->fp, w->hdr, rec) < 0) return rv_err_set(err, RV_EIO, "%s: write failed", w->path);
    return 0;
}

static void writer_free(rv_writer *w)
{
    free(w->tmp); free(w->path); free(w);
}

int rv_writer_commit(rv_writer *w, rv_err *err)
{
    int rc = 0;
    if (hts_close(w->fp) != 0) {
        rc = rv_err_set(err, RV_EIO, "%s: write failed while closing", w->path);
        if (w->tmp) unlink(w->tmp);
    } else if (w->tmp && rename(w->tmp, w->path) != 0) {
        rc = rv_err_set(err, RV_EIO, "%s: cannot rename %s into place: %s", w->path, w->tmp, strerror(errno));
        unlink(w->tmp);
    }
    writer_free(w);
    return rc;
}

void rv_writer_abort(rv_writer *w)
{
    if (!w) return;
    if (w->fp) hts_close(w->fp);
    if (w->tmp) unlink(w->tmp);
    writer_free(w);
}

int rv_hdr_add_provenance(bcf_hdr_t *hdr, const char *command_line, rv_err *err)
{
    kstring_t s = { 0, 0, NULL };
    ksprintf(&s, "##revusVersion=%s", rv_version());
    int rc = bcf_hdr_append(hdr, s.s);
    if (rc == 0) {
        s.l = 0;
        kputs("##revusCommand=", &s);
        for (const char *p = command_line ? command_line : ""; *p; p++)
            kputc(*p == '\n' || *p == '\t' ? ' ' : *p, &s);
        rc = bcf_hdr_append(hdr, s.s);
    }
    free(s.s);
    if (rc < 0) return rv_err_set(err, RV_EINPUT, "cannot add provenance lines to the VCF header");
    return bcf_hdr_sync(hdr) < 0 ? rv_err_set(err, RV_ENOMEM, "out of memory") : 0;
}

int rv_writer_index(const char *path, int tbi, int threads, rv_err *err)
{
    int ret = tbi ? tbx_index_build3(path, NULL, 0, threads, &tbx_conf_vcf)
                  : bcf_index_build3(path, NULL, 14, threads);
    if (ret < 0)
        return rv_err_set(err, RV_EIO, "%s: cannot write its %s index (%s)", path, tbi ? "tbi" : "csi",
                          ret == -2 ? "not bgzipped" : "unsorted, or cannot write beside it");
    return 0;
}
