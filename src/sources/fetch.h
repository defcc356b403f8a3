/* sources/fetch.h: download one URL to a local file with libcurl (https, http, ftp, file).
 *
 * TLS peer and host verification are always on. Redirects from https stay on https.
 * Retries with exponential backoff on 5xx, 408, 429 (honouring Retry-After, capped) and
 * on dropped connections; a 4xx other than those is final. A dropped transfer resumes
 * (Range + If-Range) when the server gave a validator, else starts over. The size cap is enforced
 * both from Content-Length and while receiving. A conditional GET (If-None-Match /
 * If-Modified-Since) answered 304 leaves dest untouched and sets not_modified.
 * The URL is the only thing sent: never put patient data in it. */
#ifndef RV_FETCH_H
#define RV_FETCH_H

#include <stdint.h>
#include "base/err.h"

typedef void (*rv_fetch_progress_fn)(void *ctx, int64_t bytes, int64_t total, double bytes_per_s);

typedef struct rv_fetch_opts {
    int64_t max_bytes;            /* required cap, > 0 */
    const char *etag;             /* validators of the copy we have, or NULL */
    const char *last_modified;
    int attempts;                 /* tries in all, >= 1 (0 = default) */
    double backoff_s;             /* delay before the 2nd try, doubled each time (0 = default) */
    rv_fetch_progress_fn progress;/* called about 4 times a second, or NULL */
    void *progress_ctx;
    int hash;                     /* digest the bytes as they arrive (saves re-reading a huge file) */
} rv_fetch_opts;

typedef struct rv_fetch_result {
    int  not_modified;            /* 304: nothing downloaded */
    long status;                  /* last protocol response code (0 for file://) */
    int  attempts;                /* tries used */
    int64_t bytes;                /* bytes written to dest */
    char etag[256], last_modified[64];
    char sha256[65], md5[33];     /* with opts.hash: digests of the whole file, "" when a
                                   * resumed transfer left them unknown */
} rv_fetch_result;

#define RV_FETCH_DEFAULT_ATTEMPTS  4
#define RV_FETCH_DEFAULT_BACKOFF_S 1.0
#define RV_FETCH_RETRY_AFTER_CAP_S 60

/* Download url into dest_path (created/truncated; removed again on failure).
 * RV_OK with r filled; RV_EUSAGE (no size cap), RV_ESOURCE when the download fails after the
 * retries, is refused or exceeds max_bytes, RV_EIO when dest_path cannot be written,
 * RV_ENOMEM. */
int rv_fetch_url(const char *url, const char *dest_path, const rv_fetch_opts *o,
                 rv_fetch_result *r, rv_err *err) RV_MUST_CHECK;

#endif
