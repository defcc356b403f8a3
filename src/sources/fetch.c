/* sources/fetch.c: libcurl download with retries, conditional GET and a size cap (sources/fetch.h). */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
#include "sources/fetch.h"
#include "base/md5.h"
#include "base/sha256.h"
#include "base/version.h"

typedef struct xfer {
    CURL *h;
    FILE *fp;
    int64_t bytes, max_bytes;
    int over_cap;
    char etag[256], last_modified[64];
    const rv_fetch_opts *o;
    struct timespec start, last_report;
    int hashing;                  /* the digests below cover every byte written so far */
    rv_sha256 sha;
    rv_md5 md5;
} xfer;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
    xfer *x = ud;
    size_t len = size * n;
    long status = 0;
    curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 300) return len;     /* an error page is not the release: drop it */
    if (x->bytes + (int64_t)len > x->max_bytes) {
        x->over_cap = 1;
        return 0;          /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    if (fwrite(data, 1, len, x->fp) != len) return 0;
    if (x->hashing) {
        rv_sha256_update(&x->sha, data, len);
        rv_md5_update(&x->md5, data, len);
    }
    x->bytes += (int64_t)len;
    return len;
}

/* Copy a header value (trimmed, quotes kept: an ETag is opaque) into out. */
static void header_value(const char *line, size_t len, size_t name_len, char *out, size_t n)
{
    const char *v = line + name_len, *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && isspace((unsigned char)end[-1])) end--;
    size_t k = (size_t)(end - v) < n - 1 ? (size_t)(end - v) : n - 1;
    memcpy(out, v, k);
    out[k] = '\0';
}

static size_t on_header(char *line, size_t size, size_t n, void *ud)
{
    xfer *x = ud;
    size_t len = size * n;
    /* a new response (after a redirect or 100-continue) starts with its status line */
    if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
        x->etag[0] = '\0';
        x->last_modified[0] = '\0';
    } else if (len > 5 && strncasecmp(line, "ETag:", 5) == 0) {
        header_value(line, len, 5, x->etag, sizeof x->etag);
    } else if (len > 14 && strncasecmp(line, "Last-Modified:", 14) == 0) {
        header_value(line, len, 14, x->last_modified, sizeof x->last_modified);
    }
    return len;
}

static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)ultotal; (void)ulnow;
    xfer *x = ud;
    if (!x->o->progress || seconds_since(&x->last_report) < 0.25) return 0;
    clock_gettime(CLOCK_MONOTONIC, &x->last_report);
    double t = seconds_since(&x->start);
    x->o->progress(x->o->progress_ctx, (int64_t)dlnow, (int64_t)dltotal, t > 0 ? (double)dlnow / t : 0);
    return 0;
}

/* Failures worth another try: the network, not the request. */
static int transient_curl(CURLcode c)
{
    switch (c) {
    case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST: case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
    case CURLE_HTTP2: case CURLE_HTTP2_STREAM: case CURLE_SSL_CONNECT_ERROR:
        return 1;
    default:
        return 0;
    }
}

static int transient_status(long s) { return s == 408 || s == 429 || (s >= 500 && s <= 599); }

static void sleep_s(double s)
{
    if (s <= 0) return;
    struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static int is_http(const char *url) { return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0; }

/* libcurl's global start, once per process even when fetches run in several threads */
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_ready = CURLE_FAILED_INIT;
static void curl_start(void) { curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT); }

int rv_fetch_url(const char *url, const char *dest, const rv_fetch_opts *o, rv_fetch_result *r, rv_err *err)
{
    memset(r, 0, sizeof *r);
    if (o->max_bytes <= 0) return rv_err_set(err, RV_EUSAGE, "%s: no size cap given", url);
    pthread_once(&curl_once, curl_start);
    if (curl_ready != CURLE_OK) return rv_err_set(err, RV_ESOURCE, "libcurl failed to start");
    int attempts = o->attempts > 0 ? o->attempts : RV_FETCH_DEFAULT_ATTEMPTS;
    double delay = o->backoff_s > 0 ? o->backoff_s : RV_FETCH_DEFAULT_BACKOFF_S;
    CURL *h = curl_easy_init();
    if (!h) return rv_err_set(err, RV_ENOMEM, "libcurl: cannot create a handle");

    /* a first request may be conditional; a resumed one asks for the rest of the same file */
    struct curl_slist *cond = NULL, *resume_hdrs = NULL;
    char hbuf[400];
    if (is_http(url) && o->etag && *o->etag) {
        snprintf(hbuf, sizeof hbuf, "If-None-Match: %s", o->etag);
        cond = curl_slist_append(cond, hbuf);
    }
    if (is_http(url) && o->last_modified && *o->last_modified) {
        snprintf(hbuf, sizeof hbuf, "If-Modified-Since: %s", o->last_modified);
        cond = curl_slist_append(cond, hbuf);
    }
    int64_t resume_at = 0;
    char agent[64];
    snprintf(agent, sizeof agent, "revus/%s", rv_version());
    char curl_msg[CURL_ERROR_SIZE];

    xfer x = { .h = h, .max_bytes = o->max_bytes, .o = o };
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,ftp,file");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, strncmp(url, "https://", 8) == 0 ? "https" : "http,https,ftp");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);   /* never turned off */
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, agent);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
    /* a stalled transfer (under 1 byte/s for 60 s) counts as a dropped connection */
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &x);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, o->progress ? 0L : 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_msg);
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);

    int rc = RV_OK;
    for (int attempt = 1;; attempt++) {
        r->attempts = attempt;
        if (resume_at > 0) {
            x.fp = fopen(dest, "r+b");
            if (x.fp && (ftruncate(fileno(x.fp), (off_t)resume_at) != 0 || fseeko(x.fp, (off_t)resume_at, SEEK_SET) != 0)) {
                fclose(x.fp);
                x.fp = NULL;
            }
        } else {
            x.fp = fopen(dest, "wb");
        }
        if (!x.fp) { rc = rv_err_set(err, RV_EIO, "%s: cannot write: %s", dest, strerror(errno)); break; }
        curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)resume_at);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, resume_at > 0 ? resume_hdrs : cond);
        x.bytes = resume_at;
        /* a resumed file's first part was digested by an earlier attempt's state, which a
         * failed attempt may have advanced past what is kept: give up digesting in-stream */
        x.hashing = o->hash && resume_at == 0;
        if (x.hashing) {
            rv_sha256_init(&x.sha);
            rv_md5_init(&x.md5);
        }
        x.over_cap = 0;
        x.etag[0] = x.last_modified[0] = '\0';
        curl_msg[0] = '\0';
        clock_gettime(CLOCK_MONOTONIC, &x.start);
        x.last_report = x.start;
        CURLcode c = curl_easy_perform(h);
        int close_bad = fclose(x.fp) != 0;
        x.fp = NULL;
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        r->status = status;

        double wait = delay;
        char why[600];
        if (c == CURLE_OK && is_http(url) && status == 304 && (!cond || resume_at > 0)) {
            /* "not modified" only answers If-None-Match / If-Modified-Since: otherwise
             * the server (or a proxy) is broken, and "unchanged" would be a guess */
            unlink(dest);
            rc = rv_err_set(err, RV_ESOURCE, "%s: the server answered 304 Not Modified to a request that "
                            "was not conditional; nothing was downloaded", url);
            break;
        }
        if (c == CURLE_OK && is_http(url) && status == 304) {
            r->not_modified = 1;
            unlink(dest);
            break;
        }
        if (c == CURLE_OK && (!is_http(url) || (status >= 200 && status < 300))) {
            if (close_bad) { rc = rv_err_set(err, RV_EIO, "%s: write error", dest); break; }
            r->bytes = x.bytes;
            if (x.hashing) {
                rv_sha256_hex(&x.sha, r->sha256);
                rv_md5_hex(&x.md5, r->md5);
            }
            snprintf(r->etag, sizeof r->etag, "%s", x.etag);
            snprintf(r->last_modified, sizeof r->last_modified, "%s", x.last_modified);
            break;
        }
        if (x.over_cap || c == CURLE_FILESIZE_EXCEEDED) {
            rc = rv_err_set(err, RV_ESOURCE, "%s: larger than the descriptor's max_bytes (%lld bytes)",
                            url, (long long)o->max_bytes);
            break;
        }
        int retry;
        if (c == CURLE_RANGE_ERROR || (c == CURLE_OK && status == 416)) {
            /* the server cannot (or, the file having changed, will not) resume: start over */
            retry = 1;
            snprintf(why, sizeof why, "the transfer broke off and the server would not resume it");
            resume_at = 0;
            curl_slist_free_all(resume_hdrs);
            resume_hdrs = NULL;
        } else if (c != CURLE_OK) {
            retry = transient_curl(c);
            snprintf(why, sizeof why, "%s", curl_msg[0] ? curl_msg : curl_easy_strerror(c));
        } else {
            retry = transient_status(status);
            snprintf(why, sizeof why, "server answered HTTP %ld", status);
            curl_off_t ra = -1;
            if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
                wait = ra > RV_FETCH_RETRY_AFTER_CAP_S ? RV_FETCH_RETRY_AFTER_CAP_S : (double)ra;
        }
        if (!retry || attempt >= attempts) {
            if (retry)
                rc = rv_err_set(err, RV_ESOURCE, "%s: %s (gave up after %d attempts)", url, why, attempt);
            else
                rc = rv_err_set(err, RV_ESOURCE, "%s: %s", url, why);
            break;
        }
        /* a dropped transfer of the release itself resumes where it stopped, guarded by
         * If-Range so that a file changed meanwhile is downloaded whole again */
        if (c != CURLE_OK && c != CURLE_RANGE_ERROR && is_http(url) && (status == 200 || status == 206)
            && x.bytes > resume_at && (x.etag[0] || x.last_modified[0] || resume_hdrs)) {
            if (!resume_hdrs) {
                snprintf(hbuf, sizeof hbuf, "If-Range: %s", x.etag[0] ? x.etag : x.last_modified);
                resume_hdrs = curl_slist_append(NULL, hbuf);
            }
            resume_at = x.bytes;
        }
        rv_log_info("%s: %s; retrying in %.0f s (attempt %d of %d)%s", url, why, wait, attempt + 1, attempts,
                    resume_at > 0 ? ", resuming" : "");
        sleep_s(wait);
        delay *= 2;
    }
    if (rc < 0) unlink(dest);
    curl_slist_free_all(cond);
    curl_slist_free_all(resume_hdrs);
    curl_easy_cleanup(h);
    return rc;
}
