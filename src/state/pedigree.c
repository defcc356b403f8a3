/* state/pedigree.c: read and check a PED file (state/pedigree.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/textfile.h"
#include "state/pedigree.h"

const char *rv_ped_sex_letter(int sex) { return sex == 1 ? "M" : sex == 2 ? "F" : NULL; }

void rv_ped_free(rv_pedigree *ped)
{
    for (int i = 0; i < ped->n; i++) {
        free(ped->m[i].family); free(ped->m[i].id); free(ped->m[i].father); free(ped->m[i].mother);
    }
    free(ped->m);
    free(ped->path);
    memset(ped, 0, sizeof *ped);
}

const rv_ped_member *rv_ped_find(const rv_pedigree *ped, const char *id)
{
    for (int i = 0; id && i < ped->n; i++)
        if (strcmp(ped->m[i].id, id) == 0) return &ped->m[i];
    return NULL;
}

static char *parent_id(const char *s) { return strcmp(s, "0") == 0 ? NULL : strdup(s); }

/* Split one line on blanks and tabs into at most max fields (in place). */
static int split_ws(char *s, char **f, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(s, " \t\r", &save); p; p = strtok_r(NULL, " \t\r", &save))
        if (n < max) f[n++] = p; else n++;
    return n;
}

static int code(const char *s, int is_pheno)
{
    if (strcmp(s, "0") == 0 || (is_pheno && strcmp(s, "-9") == 0)) return 0;
    if (strcmp(s, "1") == 0) return 1;
    if (strcmp(s, "2") == 0) return 2;
    return -1;
}

/* 1 when following fathers and mothers up from m comes back to m. Depth is bounded by
 * the number of members, so a cycle elsewhere cannot loop forever. */
static int own_ancestor(const rv_pedigree *ped, const rv_ped_member *m, const rv_ped_member *from, int depth)
{
    if (depth > ped->n) return 0;
    const char *par[2] = { from->father, from->mother };
    for (int k = 0; k < 2; k++) {
        const rv_ped_member *p = rv_ped_find(ped, par[k]);
        if (!p) continue;
        if (p == m || own_ancestor(ped, m, p, depth + 1)) return 1;
    }
    return 0;
}

int rv_ped_read(const char *path, rv_pedigree *ped, rv_problems *pr, rv_err *err)
{
    memset(ped, 0, sizeof *ped);
    rv_textfile *tf = NULL;
    int rc = rv_textfile_open(&tf, path, err);
    if (rc < 0) return rc;
    if (!(ped->path = strdup(path))) { rv_textfile_close(tf); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    int before = pr->n, m = 0;
    char *line;
    size_t len;
    while ((rc = rv_textfile_next(tf, &line, &len, err)) > 0) {
        int ln = (int)rv_textfile_line_no(tf);
        char *f[8];
        if (line[0] == '#') continue;
        int n = split_ws(line, f, 8);
        if (n == 0) continue;
        if (n < 6) {
            rv_problems_add(pr, "%s:%d: expected 6 columns (family, individual, father, mother, sex, phenotype), found %d",
                            path, ln, n);
            continue;
        }
        int sex = code(f[4], 0), ph = code(f[5], 1);
        if (sex < 0) { rv_problems_add(pr, "%s:%d: sex must be 1 (male), 2 (female) or 0, not '%s'", path, ln, f[4]); continue; }
        if (ph < 0) { rv_problems_add(pr, "%s:%d: phenotype must be 2 (affected), 1 (unaffected), 0 or -9, not '%s'", path, ln, f[5]); continue; }
        const rv_ped_member *dup = rv_ped_find(ped, f[1]);
        if (dup) {
            if (strcmp(dup->family, f[0]) != 0)
                rv_problems_add(pr, "%s:%d: sample '%s' is in two families ('%s' at line %d and '%s')",
                                path, ln, f[1], dup->family, dup->line, f[0]);
            else
                rv_problems_add(pr, "%s:%d: sample '%s' is listed twice (first at line %d)", path, ln, f[1], dup->line);
            continue;
        }
        if (ped->n == m) {
            m = m ? 2 * m : 8;
            rv_ped_member *x = realloc(ped->m, (size_t)m * sizeof *x);
            if (!x) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            ped->m = x;
        }
        rv_ped_member *p = &ped->m[ped->n++];
        p->family = strdup(f[0]); p->id = strdup(f[1]);
        p->father = parent_id(f[2]); p->mother = parent_id(f[3]);
        p->sex = sex; p->phenotype = ph; p->line = ln;
        if (!p->family || !p->id) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
    }
    rv_textfile_close(tf);
    if (rc < 0) { rv_ped_free(ped); return rc; }
    for (int i = 0; i < ped->n; i++) {
        const rv_ped_member *c = &ped->m[i];
        const char *par[2] = { c->father, c->mother };
        for (int k = 0; k < 2; k++) {
            if (!par[k]) continue;
            const rv_ped_member *p = rv_ped_find(ped, par[k]);
            if (!p) {
                rv_problems_add(pr, "%s:%d: %s '%s' of '%s' is not in the PED", path, c->line,
                                k ? "mother" : "father", par[k], c->id);
            } else if (strcmp(p->family, c->family) != 0) {
                rv_problems_add(pr, "%s:%d: %s '%s' of '%s' is in another family ('%s')", path, c->line,
                                k ? "mother" : "father", par[k], c->id, p->family);
            } else if (p->sex == (k ? 1 : 2)) {
                rv_problems_add(pr, "%s:%d: %s '%s' of '%s' is of %s sex in the PED (line %d)", path, c->line,
                                k ? "mother" : "father", par[k], c->id, k ? "male" : "female", p->line);
            }
        }
        if (c->father && c->mother && strcmp(c->father, c->mother) == 0)
            rv_problems_add(pr, "%s:%d: '%s' has the same father and mother '%s'", path, c->line, c->id, c->father);
        else if (own_ancestor(ped, c, c, 0))
            rv_problems_add(pr, "%s:%d: pedigree cycle: '%s' is their own ancestor", path, c->line, c->id);
    }
    if (pr->n > before)
        return rv_err_set(err, RV_EINPUT, "%s: %d problem%s, nothing registered", path, pr->n - before,
                          pr->n - before == 1 ? "" : "s");
    if (ped->n == 0) return rv_err_set(err, RV_EINPUT, "%s: no individuals", path);
    return 0;
}
