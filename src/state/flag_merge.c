/* state/flag_merge.c: one flag per (run, sample, variant) (state/flag_merge.h). */
#include <stdio.h>
#include <string.h>
#include "state/flag_merge.h"

/* Append text to the detail, cut at its size. */
static void append(rv_flag *f, const char *text)
{
    size_t k = strlen(f->detail), room = sizeof f->detail - k - 1, n = strlen(text);
    if (n > room) n = room;
    memcpy(f->detail + k, text, n);
    f->detail[k + n] = '\0';
}

int rv_flags_merge(rv_flag *f, int n)
{
    if (n <= 0) return 0;
    int lead = 0;
    for (int i = 1; i < n; i++)
        if (f[i].priority < f[lead].priority) lead = i;
    if (lead) {
        rv_flag t = f[0];
        f[0] = f[lead];
        f[lead] = t;
    }
    f[0].also_fingerprints[0] = '\0';
    for (int i = 1; i < n; i++) {
        const rv_flag *o = &f[i];
        char line[1200];
        snprintf(line, sizeof line, "; also %s", o->detail);
        append(&f[0], line);
        size_t k = strlen(f[0].also_fingerprints);
        if (k + strlen(o->fingerprint) + 2 <= sizeof f[0].also_fingerprints)
            snprintf(f[0].also_fingerprints + k, sizeof f[0].also_fingerprints - k, "%s%s",
                     k ? " " : "", o->fingerprint);
    }
    return 1;
}

void rv_flag_stored_fingerprint(const rv_flag *f, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s%s", f->fingerprint, f->also_fingerprints[0] ? " " : "", f->also_fingerprints);
}
