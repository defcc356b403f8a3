/* base/private_file.c: open and create files of the private home (base/private_file.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/private_file.h"

int rv_open_private(const char *path, int flags, rv_err *err)
{
    int fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        int e = errno;
        int rc = e == ELOOP
            ? rv_err_set(err, RV_EIO, "%s: is a symbolic link; revus only uses a regular file here (remove the link)", path)
            : rv_err_set(err, e == ENOENT ? RV_ENOTFOUND : RV_EIO, "%s: %s", path, strerror(e));
        errno = e;
        return rc;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return rv_err_set(err, RV_EIO, "%s: is not a regular file", path);
    }
    return fd;
}

int rv_mkdir_private(const char *path, rv_err *err)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return rv_err_set(err, RV_EIO, "%s: cannot create folder: %s", path, strerror(errno));
    return 0;
}
