/* base/version.c: version strings, read from the libraries at run time, not from headers. */
#include <stdio.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <htslib/hts.h>
#include <sqlite3.h>
#include <zlib.h>
#include "base/version.h"

#ifndef REVUS_VERSION
#define REVUS_VERSION "0.0.0"
#endif

const char *rv_version(void) { return REVUS_VERSION; }

void rv_version_libraries(char *buf, size_t n)
{
    const curl_version_info_data *c = curl_version_info(CURLVERSION_NOW);
    snprintf(buf, n,
             "revus %s\nhtslib %s\nsqlite %s\nlibcurl %s (%s)\ncjson %s\nzlib %s\n",
             REVUS_VERSION, hts_version(), sqlite3_libversion(),
             c->version, c->ssl_version ? c->ssl_version : "no TLS",
             cJSON_Version(), zlibVersion());
}
