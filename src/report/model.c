/* report/model.c: report storage (an arena of strings, growable arrays), the flag
 * category table, class groups and the reading order of lines. */
#include <stdlib.h>
#include <string.h>
#include "report/model.h"

/* ---- flag categories: the urgency order of docs/domain.md section 6 and of the state's
 * priorities (state/flags.h: left_candidates shares priority 3 with new_candidate) ---- */
static const rv_report_category categories[] = {
    { "plp_downgraded", 1, "P/LP downgraded", "highest",
      "A variant the lab called pathogenic or likely pathogenic now falls to VUS, likely benign or benign.",
      "Review first: management or cascade testing based on this variant may need to be withdrawn; amended report and recontact." },
    { "vus_upgraded", 2, "VUS upgraded to P/LP", "high",
      "A variant of uncertain significance now reaches likely pathogenic or pathogenic.",
      "Possible new diagnosis: amended report, recontact, consider cascade testing of relatives." },
    { "second_hit", 3, "Second hit: compound heterozygous", "high",
      "A variant in a recessive gene now has a qualifying second variant in the same gene (in trans, or of unknown phase): together they may explain the patient's condition.",
      "Review both variants together; confirm phase (parents) if unknown; report if the pair explains the phenotype." },
    { "new_candidate", 4, "New candidate", "high",
      "A variant not previously relevant now is: its gene joined the indication's panel at green, its gene-disease validity rose, or ClinVar newly calls it P/LP.",
      "Review the variant against the patient's phenotype; report if it explains it." },
    { "left_candidates", 5, "Left the candidate set", "high",
      "The variant no longer meets the candidate rules (for example its gene left the panel) or is no longer in the sample's VCF; it is listed so it is not dropped in silence.",
      "Check whether the gene change matters for this patient's report." },
    { "vus_downgraded", 6, "VUS downgraded to LB/B", "moderate",
      "A variant of uncertain significance now falls to likely benign or benign.",
      "Usually an amended report; no change to management is expected." },
    { "evidence_changed", 7, "Evidence changed, same class", "low",
      "The management group is unchanged (P to LP or LB to B counts here) but the evidence moved: ClinVar stars up, a new conflict, the VUS sub-tier moved, or a frequency criterion newly met or lost.",
      "No report change needed now; watch, and note for the next review." },
};

const rv_report_category *rv_report_category_find(const char *code)
{
    if (!code) return NULL;
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        if (strcmp(categories[i].code, code) == 0) return &categories[i];
    return NULL;
}

const rv_report_category *rv_report_category_list(size_t *n)
{
    *n = sizeof categories / sizeof categories[0];
    return categories;
}

/* ---- classes ---- */
static const struct { const char *name; int scale, group; } classes[] = {
    { "B", 0, 0 }, { "LB", 1, 0 }, { "VUS", 2, 1 }, { "LP", 3, 2 }, { "P", 4, 2 },
};

static int class_index(const char *k)
{
    if (!k) return -1;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strcmp(classes[i].name, k) == 0) return (int)i;
    return -1;
}

int rv_class_group(const char *k) { int i = class_index(k); return i < 0 ? -1 : classes[i].group; }
int rv_class_scale(const char *k) { int i = class_index(k); return i < 0 ? -1 : classes[i].scale; }

int rv_report_line_significant(const rv_report_line *l)
{
    int to = rv_class_group(l->new_class ? l->new_class : l->now.klass);
    const char *prev = l->reported_class ? l->reported_class : l->before.klass;
    /* nothing issued and not a candidate before: a P/LP now is a new finding */
    if (!prev) return to == 2;
    int from = rv_class_group(prev);
    return to >= 0 && from >= 0 && to != from;
}

/* ---- arena: strings live in big blocks, freed together ---- */
#define ARENA_BLOCK 16384
struct rv_report_arena {
    struct rv_report_arena *next;
    size_t used, size;
    char data[];
};

rv_report *rv_report_new(void)
{
    rv_report *r = calloc(1, sizeof *r);
    return r;
}

void rv_report_free(rv_report *r)
{
    if (!r) return;
    for (rv_report_arena *a = r->arena, *next; a; a = next) { next = a->next; free(a); }
    free(r->run_ids);
    free(r->sources);
    free(r->lines);
    free(r->skipped);
    free(r);
}

const char *rv_report_str(rv_report *r, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    rv_report_arena *a = r->arena;
    if (!a || a->size - a->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        rv_report_arena *b = malloc(sizeof *b + size);
        if (!b) return NULL;
        b->size = size; b->used = 0;
        /* a big one-off string goes behind the current block so the block stays in use */
        if (a && n > ARENA_BLOCK) { b->next = a->next; a->next = b; }
        else { b->next = a; r->arena = b; }
        a = b;
    }
    char *p = a->data + a->used;
    memcpy(p, s, n);
    a->used += n;
    return p;
}

/* Grow an array of elem-sized items so one more fits; 0 ok, -1 no memory. */
static int grow(void **arr, size_t n, size_t *m, size_t elem)
{
    if (n < *m) return 0;
    size_t nm = *m ? *m * 2 : 16;
    void *p = realloc(*arr, nm * elem);
    if (!p) return -1;
    *arr = p; *m = nm;
    return 0;
}

rv_report_line *rv_report_add_line(rv_report *r)
{
    if (grow((void **)&r->lines, r->n_lines, &r->m_lines, sizeof *r->lines) < 0) return NULL;
    rv_report_line *l = &r->lines[r->n_lines++];
    memset(l, 0, sizeof *l);
    l->before.clinvar_stars = l->now.clinvar_stars = -1;
    return l;
}

rv_report_source *rv_report_add_source(rv_report *r)
{
    if (grow((void **)&r->sources, r->n_sources, &r->m_sources, sizeof *r->sources) < 0) return NULL;
    rv_report_source *s = &r->sources[r->n_sources++];
    memset(s, 0, sizeof *s);
    return s;
}

rv_report_skipped *rv_report_add_skipped(rv_report *r)
{
    if (grow((void **)&r->skipped, r->n_skipped, &r->m_skipped, sizeof *r->skipped) < 0) return NULL;
    rv_report_skipped *s = &r->skipped[r->n_skipped++];
    memset(s, 0, sizeof *s);
    return s;
}

int rv_report_add_run(rv_report *r, int64_t id)
{
    for (size_t i = 0; i < r->n_runs; i++) if (r->run_ids[i] == id) return 0;
    if (grow((void **)&r->run_ids, r->n_runs, &r->m_runs, sizeof *r->run_ids) < 0) return -1;
    size_t i = r->n_runs++;
    while (i > 0 && r->run_ids[i - 1] > id) { r->run_ids[i] = r->run_ids[i - 1]; i--; }
    r->run_ids[i] = id;
    return 0;
}

/* ---- reading order ---- */
static int line_rank(const rv_report_line *l)
{
    const rv_report_category *c = rv_report_category_find(l->category);
    return c ? c->rank : 99;    /* an unknown category sorts last but is still shown */
}

static int strcmp0(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

typedef struct { const rv_report_line *l; size_t idx; int patient_rank; } sort_item;

static int cmp_item(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    int c;
    if ((c = strcmp0(a->l->indication, b->l->indication))) return c;
    if (a->patient_rank != b->patient_rank) return a->patient_rank - b->patient_rank;
    if ((c = strcmp0(a->l->sample, b->l->sample))) return c;
    int ra = line_rank(a->l), rb = line_rank(b->l);
    if (ra != rb) return ra - rb;
    if (a->l->priority != b->l->priority) return a->l->priority - b->l->priority;
    if ((c = strcmp0(a->l->gene, b->l->gene))) return c;
    if ((c = strcmp0(a->l->variant, b->l->variant))) return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_patient(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    int c = strcmp0(a->l->indication, b->l->indication);
    return c ? c : strcmp0(a->l->sample, b->l->sample);
}

void rv_report_sort(rv_report *r)
{
    size_t n = r->n_lines;
    if (n < 2) return;
    sort_item *it = malloc(n * sizeof *it);
    rv_report_line *out = malloc(n * sizeof *out);
    if (!it || !out) { free(it); free(out); return; }   /* unsorted is still complete */
    for (size_t i = 0; i < n; i++) { it[i].l = &r->lines[i]; it[i].idx = i; }
    /* a patient's rank is that of their most urgent line within the indication: group the
     * lines by patient, take each group's best rank, then sort for reading */
    qsort(it, n, sizeof *it, cmp_patient);
    for (size_t i = 0; i < n; ) {
        size_t j = i;
        int best = 99;
        while (j < n && cmp_patient(&it[i], &it[j]) == 0) { int k = line_rank(it[j].l); if (k < best) best = k; j++; }
        for (size_t k = i; k < j; k++) it[k].patient_rank = best;
        i = j;
    }
    qsort(it, n, sizeof *it, cmp_item);
    for (size_t i = 0; i < n; i++) out[i] = *it[i].l;
    free(r->lines);
    r->lines = out;
    r->m_lines = n;
    free(it);
}

/* ---- criteria diff ---- */
static int list_has(const char *list, const char *code, size_t n)
{
    if (!list) return 0;
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, code, n) == 0) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

void rv_criteria_each(const char *list, const char *other,
                      void (*fn)(const char *code, size_t n, int changed, void *ud), void *ud)
{
    if (!list) return;
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len) fn(p, len, !list_has(other, p, len), ud);
        if (!e) break;
        p = e + 1;
    }
}

static int same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

size_t rv_report_patient_end(const rv_report *r, size_t from)
{
    size_t j = from + 1;
    while (j < r->n_lines && same_text(r->lines[j].sample, r->lines[from].sample) &&
           same_text(r->lines[j].indication, r->lines[from].indication)) j++;
    return j;
}
