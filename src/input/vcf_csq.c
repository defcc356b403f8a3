/* input/vcf_csq.c: VEP CSQ, SnpEff ANN and bcftools BCSQ parsing for the classifier. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/vcf_csq.h"

/* Ensembl VEP consequence severity, most severe first (ensembl.org "Calculated variant
 * consequences"); SnpEff-only terms placed beside their Ensembl equivalent. */
static const char *const so_order[] = {
    "transcript_ablation", "exon_loss_variant", "splice_acceptor_variant", "splice_donor_variant",
    "stop_gained", "frameshift_variant", "stop_lost", "start_lost", "transcript_amplification",
    "feature_elongation", "feature_truncation", "inframe_insertion", "inframe_deletion",
    "missense_variant", "protein_altering_variant", "splice_donor_5th_base_variant",
    "splice_region_variant", "splice_donor_region_variant", "splice_polypyrimidine_tract_variant",
    "incomplete_terminal_codon_variant", "start_retained_variant", "stop_retained_variant",
    "synonymous_variant", "coding_sequence_variant", "mature_miRNA_variant",
    "5_prime_UTR_premature_start_codon_gain_variant", "5_prime_UTR_variant",
    "3_prime_UTR_variant", "non_coding_transcript_exon_variant", "intron_variant",
    "NMD_transcript_variant", "non_coding_transcript_variant", "coding_transcript_variant",
    "upstream_gene_variant", "downstream_gene_variant", "TFBS_ablation", "TFBS_amplification",
    "TF_binding_site_variant", "regulatory_region_ablation", "regulatory_region_amplification",
    "regulatory_region_variant", "intergenic_variant", "sequence_variant",
};
#define N_SO ((int)(sizeof so_order / sizeof *so_order))
/* from this rank on, the variant lies outside the transcript */
static const char first_outside[] = "upstream_gene_variant";

/* Other spellings -> Ensembl SO term (SnpEff ANN and bcftools csq BCSQ). */
static const struct { const char *from, *to; } so_alias[] = {
    { "conservative_inframe_deletion", "inframe_deletion" },
    { "disruptive_inframe_deletion", "inframe_deletion" },
    { "conservative_inframe_insertion", "inframe_insertion" },
    { "disruptive_inframe_insertion", "inframe_insertion" },
    { "initiator_codon_variant", "start_retained_variant" },
    { "intergenic_region", "intergenic_variant" },
    { "non_coding_exon_variant", "non_coding_transcript_exon_variant" },
    { "5_prime_UTR_truncation", "5_prime_UTR_variant" },
    { "3_prime_UTR_truncation", "3_prime_UTR_variant" },
    /* bcftools csq */
    { "missense", "missense_variant" }, { "synonymous", "synonymous_variant" },
    { "frameshift", "frameshift_variant" }, { "splice_donor", "splice_donor_variant" },
    { "splice_acceptor", "splice_acceptor_variant" }, { "splice_region", "splice_region_variant" },
    { "stop_retained", "stop_retained_variant" }, { "start_retained", "start_retained_variant" },
    { "5_prime_utr", "5_prime_UTR_variant" }, { "3_prime_utr", "3_prime_UTR_variant" },
    { "intron", "intron_variant" }, { "non_coding", "non_coding_transcript_variant" },
    { "coding_sequence", "coding_sequence_variant" }, { "intergenic", "intergenic_variant" },
    { "inframe_altering", "protein_altering_variant" },
};

typedef enum {
    F_ALLELE = 0, F_CONS, F_GENE, F_HGNC, F_TX, F_HGVSC, F_HGVSP, F_EXON, F_PPOS, F_AA,
    F_CANON, F_MANE, F_PICK, F_ALLELE_NUM, F_RANK, F_AAPOSLEN, F_AACHANGE, F_DNACHANGE, F_N
} field_role;

/* Header field names per tag -> role. */
static const struct { const char *tag, *name; field_role role; } field_names[] = {
    { "CSQ", "Allele", F_ALLELE }, { "CSQ", "Consequence", F_CONS }, { "CSQ", "SYMBOL", F_GENE },
    { "CSQ", "HGNC_ID", F_HGNC }, { "CSQ", "Feature", F_TX }, { "CSQ", "HGVSc", F_HGVSC },
    { "CSQ", "HGVSp", F_HGVSP }, { "CSQ", "EXON", F_EXON }, { "CSQ", "Protein_position", F_PPOS },
    { "CSQ", "Amino_acids", F_AA }, { "CSQ", "CANONICAL", F_CANON }, { "CSQ", "MANE_SELECT", F_MANE },
    { "CSQ", "PICK", F_PICK }, { "CSQ", "ALLELE_NUM", F_ALLELE_NUM },
    { "ANN", "Allele", F_ALLELE }, { "ANN", "Annotation", F_CONS }, { "ANN", "Gene_Name", F_GENE },
    { "ANN", "Feature_ID", F_TX }, { "ANN", "Rank", F_RANK }, { "ANN", "HGVS.c", F_HGVSC },
    { "ANN", "HGVS.p", F_HGVSP }, { "ANN", "AA.pos / AA.length", F_AAPOSLEN },
    { "BCSQ", "Consequence", F_CONS }, { "BCSQ", "gene", F_GENE }, { "BCSQ", "transcript", F_TX },
    { "BCSQ", "amino_acid_change", F_AACHANGE }, { "BCSQ", "dna_change", F_DNACHANGE },
};

/* Score columns VEP plugins add -> the score name the rules look for. */
static const struct { const char *field, *score; } score_fields[] = {
    { "REVEL_score", "REVEL" }, { "REVEL", "REVEL" }, { "CADD_PHRED", "CADD" },
    { "am_pathogenicity", "AlphaMissense" }, { "BayesDel_noAF_score", "BayesDel" },
    { "SpliceAI_pred_DS_AG", "SpliceAI" }, { "SpliceAI_pred_DS_AL", "SpliceAI" },
    { "SpliceAI_pred_DS_DG", "SpliceAI" }, { "SpliceAI_pred_DS_DL", "SpliceAI" },
};
#define N_SCORE_FIELDS ((int)(sizeof score_fields / sizeof *score_fields))
#define MAX_SCORE_NAMES 8

struct rv_csq {
    char  tag[8];
    int   nf;                          /* fields per entry */
    int   role_idx[F_N];               /* field index of each role, -1 absent */
    int  *score_idx; const char **score_name; int n_score;
    const char *fs_best[256]; size_t fl_best[256];
    char  cons_buf[256], hgnc_buf[32], aa_ref[8], aa_alt[8];
};

int rv_so_severity(const char *t, size_t n)
{
    for (int i = 0; i < N_SO; i++)
        if (strlen(so_order[i]) == n && memcmp(so_order[i], t, n) == 0) return i;
    return N_SO + 1;
}

static const char *so_normalise(const char *t, size_t n)
{
    for (int i = 0; i < N_SO; i++)
        if (strlen(so_order[i]) == n && memcmp(so_order[i], t, n) == 0) return so_order[i];
    for (size_t i = 0; i < sizeof so_alias / sizeof *so_alias; i++)
        if (strlen(so_alias[i].from) == n && memcmp(so_alias[i].from, t, n) == 0) return so_alias[i].to;
    return NULL;
}

/* The next of '&'-joined consequence terms in [*s, end): the term as written (t, n; a BCSQ
 * leading '*' dropped) and its Ensembl SO name (norm, NULL when unknown). 0 at the end. */
static int next_term(const char **s, const char *end, const char **t, size_t *n, const char **norm)
{
    if (*s >= end) return 0;
    const char *e = memchr(*s, '&', (size_t)(end - *s));
    if (!e) e = end;
    *t = *s;
    if (*t < e && **t == '*') (*t)++;
    *n = (size_t)(e - *t);
    *norm = so_normalise(*t, *n);
    *s = e + 1;
    return 1;
}

/* Most severe rank among '&'-joined terms (BCSQ may prefix '*' for "after a stop"). */
static int cons_rank(const char *s, size_t n)
{
    int best = N_SO + 1;
    const char *end = s + n, *t, *norm;
    size_t tn;
    while (next_term(&s, end, &t, &tn, &norm)) {
        int r = norm ? rv_so_severity(norm, strlen(norm)) : N_SO + 1;
        if (r < best) best = r;
    }
    return best;
}

void rv_csq_close(rv_csq *p)
{
    if (!p) return;
    free(p->score_idx);
    free(p->score_name);
    free(p);
}

const char *rv_csq_tag(const rv_csq *p)
{
    return p && p->tag[0] ? p->tag : NULL;
}

/* The "Format: a|b|c" of a header description, field names trimmed. */
static int read_format(rv_csq *p, const char *desc, rv_err *err)
{
    const char *f = strstr(desc, "Format:");
    if (f) f += 7;
    else if (strcmp(p->tag, "ANN") == 0 && (f = strchr(desc, '\'')))
        f++;      /* SnpEff: "Functional annotations: 'Allele | Annotation | ...'" */
    else
        return rv_err_set(err, RV_EINPUT, "##INFO=<ID=%s>: no 'Format:' in its Description", p->tag);
    for (int r = 0; r < F_N; r++) p->role_idx[r] = -1;
    p->score_idx = calloc(N_SCORE_FIELDS, sizeof *p->score_idx);
    p->score_name = calloc(N_SCORE_FIELDS, sizeof *p->score_name);
    if (!p->score_idx || !p->score_name) return rv_err_set(err, RV_ENOMEM, "out of memory");
    /* gnomAD writes VEP's layout under the tag "vep" */
    const char *layout = strcmp(p->tag, "vep") == 0 ? "CSQ" : p->tag;
    unsigned char score_used[N_SCORE_FIELDS] = { 0 };    /* so n_score stays <= N_SCORE_FIELDS */
    int idx = 0;
    while (*f && *f != '"') {
        while (*f == ' ' || *f == '\'') f++;
        const char *e = f;
        while (*e && *e != '|' && *e != '"' && *e != '\'') e++;
        const char *te = e;
        while (te > f && (te[-1] == ' ' || te[-1] == '\'')) te--;
        size_t len = (size_t)(te - f);
        for (size_t i = 0; i < sizeof field_names / sizeof *field_names; i++)
            if (strcmp(field_names[i].tag, layout) == 0 && strlen(field_names[i].name) == len &&
                memcmp(field_names[i].name, f, len) == 0 && p->role_idx[field_names[i].role] < 0)
                p->role_idx[field_names[i].role] = idx;
        for (int i = 0; i < N_SCORE_FIELDS; i++)
            if (strlen(score_fields[i].field) == len && memcmp(score_fields[i].field, f, len) == 0) {
                if (score_used[i]++) continue;   /* named twice in the Format: the first column wins */
                p->score_idx[p->n_score] = idx;
                p->score_name[p->n_score++] = score_fields[i].score;
            }
        idx++;
        if (*e != '|') break;
        f = e + 1;
    }
    p->nf = idx;
    if (idx > 256) return rv_err_set(err, RV_EINPUT, "##INFO=<ID=%s>: more than 256 fields", p->tag);
    if (p->role_idx[F_CONS] < 0)
        return rv_err_set(err, RV_EINPUT, "##INFO=<ID=%s>: Format has no consequence field", p->tag);
    return 0;
}

int rv_csq_open(const bcf_hdr_t *hdr, const char *prefer, rv_csq **out, rv_err *err)
{
    *out = NULL;
    rv_csq *p = calloc(1, sizeof *p);
    if (!p) return rv_err_set(err, RV_ENOMEM, "out of memory");
    const char *order = prefer ? prefer : "CSQ,ANN,BCSQ,vep";
    while (*order) {
        char tag[8];
        size_t n = strcspn(order, ",");
        snprintf(tag, sizeof tag, "%.*s", (int)(n < 7 ? n : 7), order);
        order += n + (order[n] == ',');
        bcf_hrec_t *h = bcf_hdr_get_hrec(hdr, BCF_HL_INFO, "ID", tag, NULL);
        if (!h) continue;
        int k = bcf_hrec_find_key(h, "Description");
        snprintf(p->tag, sizeof p->tag, "%s", tag);
        if (strcmp(tag, "BCSQ") == 0 && (k < 0 || !strstr(h->vals[k], "Format:"))) {
            /* older bcftools wrote no Format: use its fixed layout */
            static const char fixed[] = "Format: Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change";
            int rc = read_format(p, fixed, err);
            if (rc) { rv_csq_close(p); return rc; }
        } else {
            int rc = k < 0 ? rv_err_set(err, RV_EINPUT, "##INFO=<ID=%s>: no Description", tag)
                           : read_format(p, h->vals[k], err);
            if (rc) { rv_csq_close(p); return rc; }
        }
        break;
    }
    *out = p;
    return 0;
}

static int parse_int(const char *s, size_t n, int *out)
{
    int v = 0, any = 0;
    for (size_t i = 0; i < n && isdigit((unsigned char)s[i]) && v < 100000000; i++, any = 1)
        v = v * 10 + (s[i] - '0');
    *out = any ? v : 0;
    return any;
}

/* "a/b" -> a, b (either 0 when unreadable); VEP also writes "3-4/10". */
static void parse_of(const char *s, size_t n, int *a, int *b)
{
    parse_int(s, n, a);
    const char *slash = memchr(s, '/', n);
    *b = 0;
    if (slash) {
        const char *q = slash + 1;
        while (q < s + n && *q == ' ') q++;
        parse_int(q, (size_t)(s + n - q), b);
    }
}

/* Split one entry into fields; returns the number of fields. */
static int split_fields(const char *s, size_t n, const char **fs, size_t *fl, int max)
{
    int k = 0;
    const char *end = s + n;
    while (k < max) {
        const char *e = memchr(s, '|', (size_t)(end - s));
        if (!e) e = end;
        fs[k] = s;
        fl[k] = (size_t)(e - s);
        k++;
        if (e == end) break;
        s = e + 1;
    }
    return k;
}

static int field_is(const char *s, size_t n, const char *t)
{
    return strlen(t) == n && memcmp(s, t, n) == 0;
}

/* Does this entry belong to our allele? exact: 1 exact match, 2 match after VEP's
 * removal of the shared first base, 0 no match. */
static int allele_match(const rv_csq *p, const char **fs, const size_t *fl, int nf,
                        const char *ref, size_t ref_n, const char *alt, size_t alt_n, int alt_index)
{
    int ia = p->role_idx[F_ALLELE_NUM];
    if (ia >= 0 && ia < nf && fl[ia]) {
        int num;
        return parse_int(fs[ia], fl[ia], &num) && num == alt_index ? 1 : 0;
    }
    if (strcmp(p->tag, "BCSQ") == 0) {
        int id = p->role_idx[F_DNACHANGE];
        if (id < 0 || id >= nf || !fl[id]) return 2;       /* no DNA change: the record's */
        const char *gt = memchr(fs[id], '>', fl[id]);
        if (!gt) return 2;
        size_t an = (size_t)(fs[id] + fl[id] - gt - 1);
        return an == alt_n && strncasecmp(gt + 1, alt, alt_n) == 0 ? 1 : 0;
    }
    int il = p->role_idx[F_ALLELE];
    if (il < 0 || il >= nf) return 2;
    const char *a = fs[il];
    size_t an = fl[il];
    if (an == alt_n && strncasecmp(a, alt, an) == 0) return 1;
    if (ref_n && alt_n && toupper((unsigned char)ref[0]) == toupper((unsigned char)alt[0])) {
        if (alt_n == 1) return an == 1 && a[0] == '-' ? 2 : 0;
        return an == alt_n - 1 && strncasecmp(a, alt + 1, an) == 0 ? 2 : 0;
    }
    return 0;
}

static double max_number(const char *s, size_t n)
{
    double best = NAN;
    const char *end = s + n;
    while (s < end) {
        const char *e = s;
        while (e < end && *e != '&') e++;
        if (e > s && !(e - s == 1 && *s == '.')) {
            char buf[48];
            size_t l = (size_t)(e - s) < sizeof buf - 1 ? (size_t)(e - s) : sizeof buf - 1;
            memcpy(buf, s, l);
            buf[l] = '\0';
            char *q;
            double v = strtod(buf, &q);
            if (q != buf && *q == '\0' && isfinite(v) && (isnan(best) || v > best)) best = v;
        }
        s = e + 1;
    }
    return best;
}

static void add_scores(rv_csq *p, const char **fs, const size_t *fl, int nf, rv_evidence *ev)
{
    for (int i = 0; i < p->n_score; i++) {
        int idx = p->score_idx[i];
        if (idx >= nf || !fl[idx]) continue;
        double v = max_number(fs[idx], fl[idx]);
        if (isnan(v)) continue;
        int slot = -1;
        for (int k = 0; k < ev->n_scores && k < RV_MAX_SCORES; k++)
            if (ev->scores[k].name && strcmp(ev->scores[k].name, p->score_name[i]) == 0) slot = k;
        if (slot >= 0) {
            /* several SpliceAI columns: keep the maximum, but never override a source */
            if (ev->scores[slot].src.source && strcmp(ev->scores[slot].src.source, "input") == 0 &&
                v > ev->scores[slot].value)
                ev->scores[slot].value = v;
            continue;
        }
        if (ev->n_scores >= RV_MAX_SCORES) continue;
        slot = ev->n_scores++;
        ev->scores[slot].name = p->score_name[i];
        ev->scores[slot].value = v;
        ev->scores[slot].src.source = "input";
        ev->scores[slot].src.version = p->tag;
    }
}

static rv_str field(const rv_csq *p, int role, const char **fs, const size_t *fl, int nf)
{
    int i = p->role_idx[role];
    rv_str r = { NULL, 0 };
    if (i >= 0 && i < nf && fl[i]) { r.s = fs[i]; r.n = fl[i]; }
    return r;
}

/* Consequence normalised to Ensembl SO terms, '&'-joined, into p->cons_buf. */
static rv_str normalised_cons(rv_csq *p, rv_str c)
{
    size_t o = 0, tn;
    const char *s = c.s ? c.s : "", *end = s + (c.s ? c.n : 0), *t, *norm;   /* absent: no terms */
    while (next_term(&s, end, &t, &tn, &norm)) {
        size_t ln = norm ? strlen(norm) : tn;
        if (o + ln + 2 < sizeof p->cons_buf) {
            if (o) p->cons_buf[o++] = '&';
            memcpy(p->cons_buf + o, norm ? norm : t, ln);
            o += ln;
        }
    }
    p->cons_buf[o] = '\0';
    rv_str r = { p->cons_buf, o };
    return r;
}

/* HGVS.p "p.Arg117His" / "p.Gln12*" -> reference and alternate amino acids. */
static void aa_from_hgvsp(rv_csq *p, rv_str h, rv_evidence *ev)
{
    const char *s = h.s, *end = h.s + h.n;
    const char *dot = NULL;
    for (const char *q = s; q + 1 < end; q++) if (q[0] == 'p' && q[1] == '.') { dot = q + 2; break; }
    if (!dot || end - dot < 5 || !isalpha((unsigned char)dot[0])) return;
    const char *num = dot + 3;
    const char *d = num;
    while (d < end && isdigit((unsigned char)*d)) d++;
    if (d == num) return;
    size_t rest = (size_t)(end - d);
    if (!(rest == 3 && isalpha((unsigned char)d[0])) && !(rest == 1 && d[0] == '*')) return;
    memcpy(p->aa_ref, dot, 3); p->aa_ref[3] = '\0';
    memcpy(p->aa_alt, d, rest); p->aa_alt[rest] = '\0';
    ev->aa_ref.s = p->aa_ref; ev->aa_ref.n = 3;
    ev->aa_alt.s = p->aa_alt; ev->aa_alt.n = rest;
}

static void fill(rv_csq *p, const char **fs, const size_t *fl, int nf, rv_evidence *ev)
{
    ev->has_csq = 1;
    ev->csq_source.s = p->tag;
    ev->csq_source.n = strlen(p->tag);
    ev->gene = field(p, F_GENE, fs, fl, nf);
    ev->transcript = field(p, F_TX, fs, fl, nf);
    ev->consequence = normalised_cons(p, field(p, F_CONS, fs, fl, nf));
    ev->hgvsc = field(p, F_HGVSC, fs, fl, nf);
    ev->hgvsp = field(p, F_HGVSP, fs, fl, nf);
    ev->exon = ev->n_exons = ev->protein_pos = ev->protein_len = 0;
    ev->aa_ref.s = ev->aa_alt.s = NULL;
    ev->aa_ref.n = ev->aa_alt.n = 0;

    rv_str h = field(p, F_HGNC, fs, fl, nf);
    if (h.n && isdigit((unsigned char)h.s[0])) {       /* older VEP: bare number */
        int n = snprintf(p->hgnc_buf, sizeof p->hgnc_buf, "HGNC:%.*s", (int)h.n, h.s);
        h.s = p->hgnc_buf;
        h.n = n > 0 && (size_t)n < sizeof p->hgnc_buf ? (size_t)n : 0;
    }
    ev->hgnc_id = h;

    rv_str x = field(p, F_EXON, fs, fl, nf);
    if (x.n) parse_of(x.s, x.n, &ev->exon, &ev->n_exons);
    x = field(p, F_RANK, fs, fl, nf);      /* SnpEff: exon rank unless intronic */
    if (x.n && !strstr(p->cons_buf, "intron") && !strstr(p->cons_buf, "splice_donor_variant") &&
        !strstr(p->cons_buf, "splice_acceptor_variant"))
        parse_of(x.s, x.n, &ev->exon, &ev->n_exons);
    x = field(p, F_PPOS, fs, fl, nf);
    if (x.n) parse_of(x.s, x.n, &ev->protein_pos, &ev->protein_len);
    x = field(p, F_AAPOSLEN, fs, fl, nf);
    if (x.n) parse_of(x.s, x.n, &ev->protein_pos, &ev->protein_len);

    x = field(p, F_AA, fs, fl, nf);        /* VEP "R/H", or "R" when synonymous */
    if (x.n) {
        const char *slash = memchr(x.s, '/', x.n);
        ev->aa_ref.s = x.s;
        ev->aa_ref.n = slash ? (size_t)(slash - x.s) : x.n;
        ev->aa_alt.s = slash ? slash + 1 : x.s;
        ev->aa_alt.n = slash ? (size_t)(x.s + x.n - slash - 1) : x.n;
    }
    x = field(p, F_AACHANGE, fs, fl, nf);  /* BCSQ "113F>113C", or "116Y" when synonymous */
    if (x.n) {
        const char *q = x.s, *end = x.s + x.n;
        parse_int(q, x.n, &ev->protein_pos);
        while (q < end && isdigit((unsigned char)*q)) q++;
        const char *gt = memchr(q, '>', (size_t)(end - q));
        ev->aa_ref.s = q;
        ev->aa_ref.n = gt ? (size_t)(gt - q) : (size_t)(end - q);
        if (gt) {
            q = gt + 1;
            while (q < end && isdigit((unsigned char)*q)) q++;
            ev->aa_alt.s = q;
            ev->aa_alt.n = (size_t)(end - q);
        } else {
            ev->aa_alt = ev->aa_ref;
        }
    }
    if (!ev->aa_ref.n && ev->hgvsp.n) aa_from_hgvsp(p, ev->hgvsp, ev);
    add_scores(p, fs, fl, nf, ev);
}

/* 1 when all entries carry the same Allele (CSQ/ANN) or there is no allele column. */
static int single_allele(const rv_csq *p, const char *val, size_t n)
{
    int il = p->role_idx[F_ALLELE];
    if (il < 0) return strcmp(p->tag, "BCSQ") != 0;
    const char *first = NULL;
    size_t first_n = 0;
    const char *s = val, *end = val + n;
    while (s < end) {
        const char *e = memchr(s, ',', (size_t)(end - s));
        if (!e) e = end;
        const char *fs[256];
        size_t fl[256];
        int nf = split_fields(s, (size_t)(e - s), fs, fl, il + 1);
        if (nf > il) {
            if (!first) { first = fs[il]; first_n = fl[il]; }
            else if (fl[il] != first_n || memcmp(fs[il], first, first_n) != 0) return 0;
        }
        s = e + 1;
    }
    return first != NULL;
}

int rv_csq_fill(rv_csq *p, const char *val, size_t n, const char *ref, size_t ref_n,
                const char *alt, size_t alt_n, int alt_index, rv_evidence *ev, rv_err *err)
{
    (void)err;
    if (!p || !p->tag[0] || !val || !n) return 0;
    const char *fs[256];
    size_t fl[256];
    int outside = rv_so_severity(first_outside, strlen(first_outside));
    long best_key = -1;
    int best_nf = 0;
    /* pass 1: exact allele; pass 2: VEP's trimmed allele; pass 3: when every entry names
     * the same allele, that allele is the record's only one (the caller's key may be
     * trimmed differently from the annotator's) */
    int one_allele = single_allele(p, val, n);
    for (int pass = 1; pass <= 3 && best_key < 0; pass++) {
        if (pass == 3 && !one_allele) break;
        const char *s = val, *end = val + n;
        while (s < end) {
            const char *e = memchr(s, ',', (size_t)(end - s));
            if (!e) e = end;
            if (e > s && *s != '@') {        /* BCSQ "@pos" points at another record */
                int nf = split_fields(s, (size_t)(e - s), fs, fl, p->nf < 256 ? p->nf : 256);
                if (pass == 3 || allele_match(p, fs, fl, nf, ref, ref_n, alt, alt_n, alt_index) == pass) {
                    rv_str c = field(p, F_CONS, fs, fl, nf);
                    int rank = c.n ? cons_rank(c.s, c.n) : N_SO + 1;
                    rv_str pick = field(p, F_PICK, fs, fl, nf), mane = field(p, F_MANE, fs, fl, nf);
                    rv_str canon = field(p, F_CANON, fs, fl, nf);
                    /* larger key wins: inside transcript, PICK, MANE, CANONICAL, severity */
                    long key = (long)(rank < outside) << 20 | (long)(pick.n && field_is(pick.s, pick.n, "1")) << 19
                             | (long)(mane.n > 0) << 18 | (long)(canon.n && field_is(canon.s, canon.n, "YES")) << 17
                             | (long)(N_SO + 2 - rank);
                    if (key > best_key) {
                        best_key = key;
                        best_nf = nf;
                        memcpy(p->fs_best, fs, (size_t)nf * sizeof *fs);
                        memcpy(p->fl_best, fl, (size_t)nf * sizeof *fl);
                    }
                }
            }
            s = e + 1;
        }
    }
    if (best_key < 0) return 0;
    fill(p, p->fs_best, p->fl_best, best_nf, ev);
    return 1;
}

int rv_csq_fill_reader(rv_csq *csq, rv_reader *r, const rv_nrec *rec, rv_evidence *ev, rv_err *err)
{
    const char *tag = rv_csq_tag(csq);
    const char *val, *ref, *alts, *col[8];
    size_t n, ref_n, alts_n, len[8];
    if (!tag || !rv_reader_info(r, tag, &val, &n) || n == 0) return 0;
    if (rv_reader_columns(r, col, len) < 8) return 0;
    ref = col[3]; ref_n = len[3];
    alts = col[4]; alts_n = len[4];
    /* the line may hold all ALTs or only this one */
    const char *alt = alts;
    size_t alt_n = alts_n;
    if (memchr(alts, ',', alts_n)) {
        const char *p = alts, *end = alts + alts_n;
        for (int i = 1; p < end; i++) {
            const char *e = memchr(p, ',', (size_t)(end - p));
            if (!e) e = end;
            if (i == rec->alt_index) { alt = p; alt_n = (size_t)(e - p); break; }
            p = e + 1;
        }
    }
    return rv_csq_fill(csq, val, n, ref, ref_n, alt, alt_n, rec->alt_index, ev, err);
}
