/* out_file.c: temp file + rename for command outputs. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/out_file.h"

int cli_out_open(cli_out *o, const char *path, rv_err *err)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) { o->f = stdout; return 0; }
    size_t n = strlen(path) + 32;
    if (!(o->tmp = malloc(n))) return rv_err_set(err, RV_ENOMEM, "out of memory");
    snprintf(o->tmp, n, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) { close(fd); unlink(o->tmp); }
        free(o->tmp); o->tmp = NULL;
        return rv_err_set(err, RV_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    o->path = path;
    return 0;
}

int cli_out_commit(cli_out *o, rv_err *err)
{
    if (!o->tmp) {
        if (fflush(o->f) != 0 || ferror(o->f)) return rv_err_set(err, RV_EIO, "stdout: write failed");
        return 0;
    }
    int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (bad || rename(o->tmp, o->path) != 0) {
        int e = errno;
        unlink(o->tmp);
        free(o->tmp); o->tmp = NULL;
        return rv_err_set(err, RV_EIO, "%s: cannot write: %s", o->path, strerror(e));
    }
    free(o->tmp); o->tmp = NULL;
    return 0;
}

void cli_out_abort(cli_out *o)
{
    if (o->tmp) {
        if (o->f) fclose(o->f);
        unlink(o->tmp);
        free(o->tmp);
    }
    memset(o, 0, sizeof *o);
}

void cli_now_utc(char *buf, size_t n)
{
    const char *t = getenv("REVUS_TEST_NOW");
    if (t && *t) { snprintf(buf, n, "%s", t); return; }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
