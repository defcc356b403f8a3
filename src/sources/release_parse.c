/* sources/release_parse.c: the small text parsers of release intake: checksum sidecars and
 * versions written in header lines (sources/release.h). Kept apart so they are unit-tested alone. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "sources/release.h"

static int is_hex_token(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i])) return 0;
    return 1;
}

static int sidecar_scan(const char *text, const char *kind, const char *file_name, int named_only, char *out, size_t n)
{
    size_t want = strcmp(kind, "md5") == 0 ? 32 : 64;
    if (n < want + 1) return -1;
    char first[65] = "";
    for (const char *line = text; line && *line;) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        char token[65] = "";
        int names_file = 0;
        for (size_t i = 0; i < len;) {
            while (i < len && !isalnum((unsigned char)line[i])) i++;
            size_t j = i;
            while (j < len && !isspace((unsigned char)line[j]) && line[j] != '(' && line[j] != ')' && line[j] != '=') j++;
            if (j - i == want && is_hex_token(line + i, want) && !token[0]) {
                memcpy(token, line + i, want);
                token[want] = '\0';
            } else if (j > i && file_name && *file_name) {
                /* "name", "*name" (binary mode) or "./dir/name" */
                size_t fl = strlen(file_name);
                if (j - i >= fl && strncmp(line + j - fl, file_name, fl) == 0
                    && (j - i == fl || line[j - fl - 1] == '/' || line[j - fl - 1] == '*'))
                    names_file = 1;
            }
            i = j > i ? j : i + 1;
        }
        if (token[0]) {
            if (names_file) { snprintf(first, sizeof first, "%s", token); break; }
            if (!first[0] && !named_only) snprintf(first, sizeof first, "%s", token);
        }
        line = eol ? eol + 1 : NULL;
    }
    if (!first[0]) return -1;
    for (size_t i = 0; i < want; i++) out[i] = (char)tolower((unsigned char)first[i]);
    out[want] = '\0';
    return 0;
}

int rv_sidecar_digest(const char *text, const char *kind, const char *file_name, char *out, size_t n)
{
    return sidecar_scan(text, kind, file_name, 0, out, n);
}

int rv_sidecar_digest_named(const char *text, const char *kind, const char *file_name, char *out, size_t n)
{
    return sidecar_scan(text, kind, file_name, 1, out, n);
}

static const char *const month_names[12] = { "jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec" };

/* A number of 1 to max_digits digits at *p (moved past it); -1 when none. */
static int date_number(const char **p, int max_digits)
{
    int v = 0, k = 0;
    for (; k < max_digits && isdigit((unsigned char)**p); k++, (*p)++) v = v * 10 + (**p - '0');
    return k ? v : -1;
}

/* A month name at *p ("Nov", "November"; moved past it): 1-12, or -1. */
static int date_month(const char **p)
{
    const char *s = *p;
    size_t k = 0;
    while (isalpha((unsigned char)s[k])) k++;
    if (k < 3) return -1;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s, month_names[m], 3) == 0) { *p = s + k; return m + 1; }
    return -1;
}

static void date_gap(const char **p)
{
    while (**p == ' ' || **p == ',' || **p == '\t') (*p)++;
}

int rv_version_date_from_line(const char *line, const char *prefix, char *out, size_t n)
{
    while (*line == '"' || *line == '\'') line++;
    size_t pl = strlen(prefix);
    if (strncmp(line, prefix, pl) != 0) return -1;
    const char *p = line + pl;
    while (*p == ' ' || *p == '\t' || *p == '=' || *p == ':' || *p == '"') p++;
    int y = -1, m = -1, d = -1;
    const char *q = p;
    int a = date_number(&q, 4);
    if (a >= 1000 && *q == '-') {                      /* 2023-11-21 */
        q++;
        y = a;
        m = date_number(&q, 2);
        if (*q++ == '-') d = date_number(&q, 2);
    } else if (a > 0) {                                /* 21 Nov,2023 / 21 November 2023 */
        date_gap(&q);
        d = a;
        m = date_month(&q);
        date_gap(&q);
        y = date_number(&q, 4);
    } else if ((m = date_month(&q)) > 0) {             /* Nov 21, 2023 */
        date_gap(&q);
        d = date_number(&q, 2);
        date_gap(&q);
        y = date_number(&q, 4);
    }
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31 || isalnum((unsigned char)*q)) return -1;
    if (snprintf(out, n, "%04d-%02d-%02d", y, m, d) >= (int)n) return -1;
    return 0;
}

int rv_version_from_line(const char *line, const char *prefix, char *out, size_t n)
{
    while (*line == '"' || *line == '\'') line++;
    size_t pl = strlen(prefix);
    if (strncmp(line, prefix, pl) != 0) return -1;
    const char *p = line + pl;
    while (*p == ' ' || *p == '\t' || *p == '=' || *p == ':' || *p == '"') p++;
    size_t k = 0;
    while (k + 1 < n && (isalnum((unsigned char)p[k]) || p[k] == '.' || p[k] == '_' || p[k] == '-')) k++;
    if (k == 0) return -1;
    memcpy(out, p, k);
    out[k] = '\0';
    return 0;
}
