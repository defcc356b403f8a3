/* classify/residue.c: amino-acid codes and a small TSV table of ClinVar P/LP protein changes by
 * residue, the default answer to "what is known at this residue" (PS1/PM5). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/clinvar.h"
#include "classify/residue.h"
#include "base/textfile.h"

static const struct { const char *three; char one; } amino_acids[] = {
    { "Ala", 'A' }, { "Arg", 'R' }, { "Asn", 'N' }, { "Asp", 'D' }, { "Cys", 'C' },
    { "Gln", 'Q' }, { "Glu", 'E' }, { "Gly", 'G' }, { "His", 'H' }, { "Ile", 'I' },
    { "Leu", 'L' }, { "Lys", 'K' }, { "Met", 'M' }, { "Phe", 'F' }, { "Pro", 'P' },
    { "Ser", 'S' }, { "Thr", 'T' }, { "Trp", 'W' }, { "Tyr", 'Y' }, { "Val", 'V' },
    { "Sec", 'U' }, { "Pyl", 'O' }, { "Ter", '*' },
};

char rv_aa_one_letter(const char *s, size_t n)
{
    if (!s || n == 0) return 0;
    if (n == 1) {
        if (*s == '*' || *s == 'X' || *s == 'x') return '*';
        for (size_t i = 0; i < sizeof amino_acids / sizeof *amino_acids; i++)
            if (toupper((unsigned char)*s) == amino_acids[i].one) return amino_acids[i].one;
        return 0;
    }
    if (n == 3)
        for (size_t i = 0; i < sizeof amino_acids / sizeof *amino_acids; i++)
            if (strncasecmp(s, amino_acids[i].three, 3) == 0) return amino_acids[i].one;
    return 0;
}

typedef struct row {
    char *gene;
    int pos;
    rv_residue_hit hit;
} row;

struct rv_residue_table { row *rows; int n, cap; };

void rv_residue_table_free(rv_residue_table *t)
{
    if (!t) return;
    for (int i = 0; i < t->n; i++) free(t->rows[i].gene);
    free(t->rows);
    free(t);
}

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->gene, y->gene);
    return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

rv_residue_table *rv_residue_table_new(void) { return calloc(1, sizeof(rv_residue_table)); }

int rv_residue_table_add(rv_residue_table *t, const char *gene, size_t gene_n, int pos, char ref, char alt,
                         int tier, int stars, int64_t variation_id, const char *source)
{
    rv_residue_hit h = { ref, alt, tier, stars, RV_CV_CLASS_NONE, variation_id, 0, "" };
    snprintf(h.source, sizeof h.source, "%s", source ? source : "");
    return rv_residue_table_add_hit(t, gene, gene_n, pos, &h);
}

int rv_residue_table_add_hit(rv_residue_table *t, const char *gene, size_t gene_n, int pos, const rv_residue_hit *h)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        row *nr = realloc(t->rows, (size_t)cap * sizeof *nr);
        if (!nr) return RV_ENOMEM;
        t->rows = nr;
        t->cap = cap;
    }
    row *r = &t->rows[t->n];
    memset(r, 0, sizeof *r);
    if (!(r->gene = malloc(gene_n + 1))) return RV_ENOMEM;
    memcpy(r->gene, gene, gene_n);
    r->gene[gene_n] = '\0';
    t->n++;
    r->pos = pos;
    r->hit = *h;
    return 0;
}

void rv_residue_table_finish(rv_residue_table *t)
{
    if (t->n) qsort(t->rows, (size_t)t->n, sizeof *t->rows, cmp_row);
}

int rv_residue_table_size(const rv_residue_table *t) { return t ? t->n : 0; }

int rv_residue_table_load(const char *path, const char *source, rv_residue_table **out, rv_err *err)
{
    *out = NULL;
    rv_textfile *f;
    int rc = rv_textfile_open(&f, path, err);
    if (rc < 0) return rc;
    rv_residue_table *t = rv_residue_table_new();
    if (!t) { rv_textfile_close(f); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    char *line;
    size_t len;
    int lineno = 0;
    while ((rc = rv_textfile_next(f, &line, &len, err)) > 0) {
        rc = 0;
        lineno = (int)rv_textfile_line_no(f);
        if (line[0] == '#' || line[0] == '\0') continue;
        if (strncmp(line, "gene\t", 5) == 0) continue;   /* header */
        char *col[7];
        char *p = line;
        int nc = 0;
        for (; nc < 7 && p; nc++) { col[nc] = p; p = strchr(p, '\t'); if (p) *p++ = '\0'; }
        if (nc != 7) { rc = rv_err_set(err, RV_EINPUT, "%s:%d: expected 7 columns", path, lineno); break; }
        char *endp;
        long pos = strtol(col[1], &endp, 10);
        char ref = rv_aa_one_letter(col[2], strlen(col[2])), alt = rv_aa_one_letter(col[3], strlen(col[3]));
        if (*endp || pos <= 0 || !ref || !alt || !col[0][0]) {
            rc = rv_err_set(err, RV_EINPUT, "%s:%d: bad gene, protein position or amino acid", path, lineno);
            break;
        }
        rv_clinvar cv;
        if ((rc = rv_clinvar_parse(col[4], strlen(col[4]), col[5], strlen(col[5]), NULL, 0, &cv, err))) {
            rv_err_prefix(err, "%s:%d", path, lineno);
            break;
        }
        rv_residue_hit h = { ref, alt, cv.tier, cv.stars, cv.cls, strcmp(col[6], ".") ? strtoll(col[6], NULL, 10) : -1, 0, "" };
        snprintf(h.source, sizeof h.source, "%s", source ? source : path);
        if (rv_residue_table_add_hit(t, col[0], strlen(col[0]), (int)pos, &h) < 0) {
            rc = rv_err_set(err, RV_ENOMEM, "out of memory");
            break;
        }
    }
    rv_textfile_close(f);
    if (rc) { rv_residue_table_free(t); return rc; }
    rv_residue_table_finish(t);
    *out = t;
    return 0;
}

int rv_residue_table_lookup(void *ctx, const char *gene, size_t gene_n, int protein_pos,
                            rv_residue_hit *hits, int max)
{
    const rv_residue_table *t = ctx;
    int lo = 0, hi = t->n, n = 0;
    while (lo < hi) {   /* first row not below (gene, pos) */
        int mid = (lo + hi) / 2;
        const row *r = &t->rows[mid];
        int c = strncmp(r->gene, gene, gene_n);
        if (c == 0 && r->gene[gene_n] != '\0') c = 1;
        if (c < 0 || (c == 0 && r->pos < protein_pos)) lo = mid + 1;
        else hi = mid;
    }
    for (int i = lo; i < t->n && n < max; i++) {
        const row *r = &t->rows[i];
        if (strncmp(r->gene, gene, gene_n) != 0 || r->gene[gene_n] != '\0' || r->pos != protein_pos) break;
        hits[n++] = r->hit;
    }
    return n;
}
