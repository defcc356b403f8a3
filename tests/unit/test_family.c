/* test_family.c: families and inheritance pieces: MOI strings (pipeline/moi.tsv), the
 * pseudo-autosomal regions (pipeline/par.tsv), PED reading and its checks, genotypes read
 * from a VCF (phase, PS, DP, GQ, allele fraction, hemizygous), and the schema migration
 * that adds families to a database written by an older revus. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <htslib/vcf.h>
#include "input/genotype.h"
#include "state/cohort.h"
#include "state/flags.h"
#include "state/db.h"
#include "state/pedigree.h"
#include "state/schema.h"
#include "variant/moi.h"
#include "testhelp.h"

static char dir[256];

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp) { fputs(text, fp); fclose(fp); }
}

/* Read a PED written from text; returns the problems joined by '\n' in buf. */
static int ped(const char *text, rv_pedigree *p, char *buf, size_t n)
{
    char path[300];
    snprintf(path, sizeof path, "%s/t.ped", dir);
    write_file(path, text);
    rv_problems pr = { 0 };
    rv_err err = { 0 };
    int rc = rv_ped_read(path, p, &pr, &err);
    buf[0] = '\0';
    for (int i = 0; i < pr.n; i++) {
        const char *m = strstr(pr.msg[i], "t.ped:");
        strncat(buf, m ? m : pr.msg[i], n - strlen(buf) - 2);
        strcat(buf, "\n");
    }
    rv_problems_free(&pr);
    return rc;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/revus-test-family-XXXXXX");
    if (!mkdtemp(dir)) return 1;

    TEST_CASE("MOI strings map through pipeline/moi.tsv");
    static const struct { const char *s; rv_moi m; } mois[] = {
        { "BIALLELIC, autosomal or pseudoautosomal", RV_MOI_AR },
        { "MONOALLELIC, autosomal or pseudoautosomal, imprinted status unknown", RV_MOI_AD },
        { "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted", RV_MOI_AD },
        { "MONOALLELIC, autosomal or pseudoautosomal, maternally imprinted (paternal allele expressed)", RV_MOI_AD_IMP_MAT },
        { "MONOALLELIC, autosomal or pseudoautosomal, paternally imprinted (maternal allele expressed)", RV_MOI_AD_IMP_PAT },
        { "BOTH monoallelic and biallelic (but BIALLELIC mutations cause a more SEVERE disease form), autosomal or pseudoautosomal", RV_MOI_ADAR },
        { "X-LINKED: hemizygous mutation in males, biallelic mutations in females", RV_MOI_XLR },
        { "X-LINKED: hemizygous mutation in males, monoallelic mutations in females may cause disease (may be less severe, later onset than males)", RV_MOI_XLD },
        { "MITOCHONDRIAL", RV_MOI_MT }, { "Unknown", RV_MOI_UNKNOWN },
        { "Other - please specifiy in evaluation comments", RV_MOI_UNKNOWN }, { "", RV_MOI_UNKNOWN },
        { "AD", RV_MOI_AD }, { "AR", RV_MOI_AR }, { "XL", RV_MOI_XL }, { "SD", RV_MOI_ADAR },
        { "Semidominant", RV_MOI_ADAR }, { "MT", RV_MOI_MT }, { "ADx", RV_MOI_UNKNOWN },
        { "Autosomal recessive", RV_MOI_AR }, { "X-linked recessive", RV_MOI_XLR },
    };
    for (size_t i = 0; i < sizeof mois / sizeof *mois; i++) {
        rv_moi got = rv_moi_parse(mois[i].s, strlen(mois[i].s));
        if (got != mois[i].m) fprintf(stderr, "  MOI of '%s': %s\n", mois[i].s, rv_moi_name(got));
        CHECK_INT(got, mois[i].m);
    }
    CHECK_STR(rv_moi_name(RV_MOI_ADAR), "AD/AR");
    CHECK_INT(rv_moi_from_name("XLD"), RV_MOI_XLD);
    CHECK_INT(rv_moi_from_name("nonsense"), RV_MOI_UNKNOWN);
    CHECK_INT(rv_moi_from_name("AD_IMPRINTED_PAT"), RV_MOI_AD_IMP_PAT);
    CHECK_INT(rv_moi_silenced_parent(RV_MOI_AD_IMP_MAT), 'M');
    CHECK_INT(rv_moi_silenced_parent(RV_MOI_AD_IMP_PAT), 'F');
    CHECK_INT(rv_moi_silenced_parent(RV_MOI_AD), 0);

    TEST_CASE("a male is haploid on X and Y outside the PARs of his build");
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH37, RV_CONTIG_X, 60000), 1);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH37, RV_CONTIG_X, 60001), 0);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH37, RV_CONTIG_X, 2699520), 0);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH37, RV_CONTIG_X, 2699521), 1);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_X, 10000), 1);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_X, 10001), 0);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_X, 2781479), 0);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_X, 2781480), 1);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_X, 155701383), 0);   /* PAR2 */
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_Y, 20000000), 1);
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, 0, 1000000), 0);               /* chr1 */
    CHECK_INT(rv_male_haploid(RV_BUILD_GRCH38, RV_CONTIG_MT, 3243), 0);

    TEST_CASE("a PED is read and checked");
    rv_pedigree p;
    char probs[2048];
    CHECK_INT(ped("# a comment\nF1 kid dad mum 1 2 HP:0001250\nF1 dad 0 0 1 1\nF1 mum 0 0 2 -9\n", &p, probs, sizeof probs), 0);
    CHECK_INT(p.n, 3);
    const rv_ped_member *k = rv_ped_find(&p, "kid");
    CHECK(k && strcmp(k->father, "dad") == 0 && strcmp(k->mother, "mum") == 0 && k->sex == 1 && k->phenotype == 2);
    CHECK(rv_ped_find(&p, "mum") && rv_ped_find(&p, "mum")->phenotype == 0 && !rv_ped_find(&p, "mum")->father);
    rv_ped_free(&p);
    static const struct { const char *text, *problem; } bad[] = {
        { "F1 kid dad mum 1 2\nF1 dad 0 0 2 1\nF1 mum 0 0 2 1\n", "t.ped:1: father 'dad' of 'kid' is of female sex in the PED (line 2)" },
        { "F1 kid dad mum 1 2\nF1 dad 0 0 1 1\nF1 mum 0 0 1 1\n", "t.ped:1: mother 'mum' of 'kid' is of male sex in the PED (line 3)" },
        { "F1 kid dad 0 1 2\nF1 dad kid 0 1 1\n", "t.ped:1: pedigree cycle: 'kid' is their own ancestor" },
        { "F1 kid dad 0 1 2\n", "t.ped:1: father 'dad' of 'kid' is not in the PED" },
        { "F1 kid dad 0 1 2\nF2 dad 0 0 1 1\n", "t.ped:1: father 'dad' of 'kid' is in another family ('F2')" },
        { "F1 kid 0 0 1 2\nF2 kid 0 0 1 2\n", "t.ped:2: sample 'kid' is in two families ('F1' at line 1 and 'F2')" },
        { "F1 kid 0 0 1 2\nF1 kid 0 0 1 2\n", "t.ped:2: sample 'kid' is listed twice (first at line 1)" },
        { "F1 kid 0 0 M 2\n", "t.ped:1: sex must be 1 (male), 2 (female) or 0, not 'M'" },
        { "F1 kid 0 0 1 yes\n", "t.ped:1: phenotype must be 2 (affected), 1 (unaffected), 0 or -9, not 'yes'" },
        { "F1 kid 0 0 1\n", "t.ped:1: expected 6 columns (family, individual, father, mother, sex, phenotype), found 5" },
        { "F1 kid x x 1 2\nF1 x 0 0 1 1\n", "t.ped:1: 'kid' has the same father and mother 'x'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(ped(bad[i].text, &p, probs, sizeof probs), RV_EINPUT);
        if (!strstr(probs, bad[i].problem)) fprintf(stderr, "  PED %zu: got '%s'\n", i, probs);
        CHECK(strstr(probs, bad[i].problem) != NULL);
        rv_ped_free(&p);
    }

    TEST_CASE("genotypes: phase, PS, DP, GQ, allele fraction, hemizygous");
    char vcf[300];
    snprintf(vcf, sizeof vcf, "%s/g.vcf", dir);
    write_file(vcf, "##fileformat=VCFv4.2\n##contig=<ID=X,length=156040895>\n"
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n"
        "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"d\">\n"
        "##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"q\">\n"
        "##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"p\">\n"
        "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"f\">\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\n"
        "X\t3000000\t.\tC\tT\t.\t.\t.\tGT:DP:GQ:PS:AF\t1|0:31:52:2999000:0.48\t1:12:.:.:.\t./.:.:.:.:.\n");
    htsFile *fp = hts_open(vcf, "r");
    bcf_hdr_t *h = fp ? bcf_hdr_read(fp) : NULL;
    bcf1_t *b = bcf_init();
    CHECK(h && bcf_read(fp, h, b) == 0);
    rv_genotype_buf buf = { 0 };
    rv_genotype g;
    CHECK_INT(rv_genotype_read(h, b, 0, &buf, &g), 0);
    CHECK_STR(g.gt, "1|0");
    CHECK(g.phased && g.alt_hap == 0 && g.ps == 2999000 && g.dp == 31 && g.gq == 52);
    CHECK_DBL(g.af, 0.48, 1e-6);
    CHECK_STR(rv_genotype_zygosity(&g, 0), "het");
    CHECK_INT(rv_genotype_read(h, b, 1, &buf, &g), 0);
    CHECK_STR(g.gt, "1");
    CHECK(!g.phased && g.ps == -1 && g.gq == -1 && isnan(g.af));
    CHECK_STR(rv_genotype_zygosity(&g, 1), "hemi");
    CHECK_INT(rv_genotype_read(h, b, 2, &buf, &g), 0);
    CHECK(g.present && g.called == 0 && rv_genotype_zygosity(&g, 0) == NULL);
    CHECK_INT(rv_genotype_read(h, b, 3, &buf, &g), -1);                     /* no such column */
    rv_genotype_buf_free(&buf);
    bcf_destroy(b);
    bcf_hdr_destroy(h);
    if (fp) hts_close(fp);

    TEST_CASE("a database written before families is migrated (schema 1 -> 2)");
    char home[300], db[340];
    snprintf(home, sizeof home, "%s/home", dir);
    mkdir(home, 0700);
    snprintf(db, sizeof db, "%s/revus.db", home);
    sqlite3 *raw = NULL;
    sqlite3_open(db, &raw);
    CHECK_INT(sqlite3_exec(raw, rv_schema_migration(0), NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_exec(raw, "INSERT INTO samples(id, vcf_path, vcf_sha256, sex, family, added_at) "
                                "VALUES ('OLD1', '/x.vcf', 'abc', 'F', 'FAM', '2026-01-01T00:00:00Z');"
                                "PRAGMA user_version=1;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    rv_state *st = NULL;
    rv_err err = { 0 };
    CHECK_INT(rv_state_open(&st, home, &err), 0);
    rv_sample *s = NULL;
    int n = 0;
    CHECK_INT(rv_cohort_get(st, "OLD1", &s, &n, &err), 0);
    CHECK_INT(n, 1);
    CHECK(n == 1 && strcmp(s[0].family, "FAM") == 0 && !s[0].father && s[0].phenotype == 0 && !s[0].vcf_sample);
    CHECK(n == 1 && rv_sample_role(&s[0]) && strcmp(rv_sample_role(&s[0]), "member") == 0);
    rv_samples_free(s, n);
    sqlite3_stmt *q = NULL;
    CHECK_INT(sqlite3_prepare_v2(rv_state_db(st), "SELECT moi, fit, partner, inheritance FROM classifications", -1, &q, NULL), SQLITE_OK);
    sqlite3_finalize(q);
    CHECK_INT(sqlite3_prepare_v2(rv_state_db(st), "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == RV_STATE_SCHEMA_VERSION);
    sqlite3_finalize(q);
    rv_state_close(st);

    TEST_CASE("flags: second_hit, the pair named in another flag, lowering only candidates");
    {
        static const char *const fq[] = { "BA1", "BS1", "PM2" };
        rv_flag_rules rules = { fq, 3, 1, 1, NULL, 0, 0, 1 };
        rv_call p, c;
        rv_flag f[RV_FLAGS_MAX];
#define CALL(X, K, FIT, PART) do { const char *fit_ = FIT, *part_ = PART; rv_call_init(&X); \
        X.variant = strdup("2-135912503-G-A"); X.contig = 1; X.pos = 135912503; X.gene = strdup("SYN_AR_PAIR"); \
        X.cls = strdup(K); X.candidate = 1; X.fit = fit_ ? strdup(fit_) : NULL; \
        X.partner = part_ ? strdup(part_) : NULL; } while (0)
        CALL(p, "P", "second_hit_needed", NULL);
        CALL(c, "P", "fits", "2-135920591-G-C");
        int n = rv_flags_compare(&p, &c, NULL, 1, &rules, f);
        CHECK_INT(n, 1);
        CHECK(n == 1 && f[0].cat == RV_FLAG_SECOND_HIT && f[0].priority == 2);
        CHECK(n == 1 && strstr(f[0].detail, "2-135912503-G-A and 2-135920591-G-C in SYN_AR_PAIR"));
        CHECK_INT(rv_flags_compare(&p, &c, NULL, 0, &rules, f), 0);          /* a first run is a baseline */
        free(p.fit); p.fit = NULL;                                            /* stored before families */
        CHECK_INT(rv_flags_compare(&p, &c, NULL, 1, &rules, f), 0);
        rv_call_free(&p); rv_call_free(&c);

        CALL(p, "VUS", "second_hit_needed", NULL);                            /* the partner itself upgraded */
        CALL(c, "LP", "fits", "2-135912503-G-A");
        n = rv_flags_compare(&p, &c, NULL, 1, &rules, f);
        CHECK(n == 1 && f[0].cat == RV_FLAG_VUS_UPGRADED && strstr(f[0].detail, "now compound heterozygous with 2-135912503-G-A"));
        rv_call_free(&c);
        CALL(c, "LP", "second_hit_needed", NULL);                             /* upgraded, but alone */
        n = rv_flags_compare(&p, &c, NULL, 1, &rules, f);
        CHECK(n == 1 && f[0].cat == RV_FLAG_VUS_UPGRADED && f[0].priority == 3 && strstr(f[0].detail, "second hit needed, less urgent"));
        rules.not_fitting_priority_drop = 0;
        n = rv_flags_compare(&p, &c, NULL, 1, &rules, f);
        CHECK(n == 1 && f[0].priority == 2);
        rules.not_fitting_priority_drop = 1;
        rv_call_free(&p); rv_call_free(&c);
        CALL(p, "LP", "second_hit_needed", NULL);                             /* a downgrade keeps its urgency */
        CALL(c, "VUS", "does_not_fit", NULL);
        n = rv_flags_compare(&p, &c, NULL, 1, &rules, f);
        CHECK(n == 1 && f[0].cat == RV_FLAG_PLP_DOWNGRADED && f[0].priority == 1);
        rv_call_free(&p); rv_call_free(&c);
#undef CALL
    }

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
