/* test_csq_engine.c: the consequence engine on a synthetic transcript whose every answer is known.
 *
 * Chromosome 1 (400 bases of C) holds one plus-strand transcript TX1.1 with exons 11-60,
 * 101-160 and 201-300 and a CDS 21-280: ATG, 58 x GCA (Ala), TAA. cDNA: exon 1 = 1-50,
 * exon 2 = 51-110, exon 3 = 111-210; c.1 = cDNA 11 = genomic 21; the last junction is at
 * cDNA 111. Also: the genetic code, RefSeq accessions, the compiled model's fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testhelp.h"
#include "csq/codon.h"
#include "csq/conventions.h"
#include "csq/effect.h"
#include "variant/genome.h"
#include "csq/model.h"
#include "sources/descriptor.h"
#include "variant/contig.h"

static char genome[401];

static void make_files(const char *dir, char *fa, char *gff, size_t n)
{
    memset(genome, 'C', 400);
    genome[400] = 0;
    /* CDS pieces in transcript order */
    const int piece[3][2] = { { 21, 60 }, { 101, 160 }, { 201, 280 } };
    char cds[181];
    memcpy(cds, "ATG", 3);
    for (int k = 1; k < 59; k++) memcpy(cds + 3 * k, "GCA", 3);
    memcpy(cds + 177, "TAA", 3);
    genome[18] = 'A';     /* 19-21 ACA: a deletion of CA at 20 is also one of AC at 19 */
    int at = 0;
    for (int p = 0; p < 3; p++)
        for (int g = piece[p][0]; g <= piece[p][1]; g++) genome[g - 1] = cds[at++];
    snprintf(fa, n, "%s/ref.fa", dir);
    FILE *f = fopen(fa, "w");
    fprintf(f, ">1\n");
    for (int i = 0; i < 400; i += 60) fprintf(f, "%.*s\n", 400 - i < 60 ? 400 - i : 60, genome + i);
    fprintf(f, ">2\n%s\n", "ACGTACGTACGTATGTACGTACGTACGTAC");   /* 13-15 ATG */     /* 30 bases: a transcript to its end */
    fclose(f);
    snprintf(gff, n, "%s/genes.gff3", dir);
    f = fopen(gff, "w");
    fprintf(f, "##gff-version 3\n"
               "1\tt\tgene\t11\t300\t.\t+\t.\tID=G1;gene_name=GENEA;hgnc_id=HGNC:99\n"
               "1\tt\tmRNA\t11\t300\t.\t+\t.\tID=TX1;Parent=G1;transcript_id=TX1.1;tag=basic,MANE_Select\n");
    const int ex[3][2] = { { 11, 60 }, { 101, 160 }, { 201, 300 } };
    int phase = 0, done = 0;
    for (int i = 0; i < 3; i++) {
        fprintf(f, "1\tt\texon\t%d\t%d\t.\t+\t.\tParent=TX1\n", ex[i][0], ex[i][1]);
        fprintf(f, "1\tt\tCDS\t%d\t%d\t.\t+\t%d\tParent=TX1\n", piece[i][0], piece[i][1], phase);
        done += piece[i][1] - piece[i][0] + 1;
        phase = (3 - done % 3) % 3;
    }
    fprintf(f, "2\tt\tgene\t5\t30\t.\t+\t.\tID=G2;gene_name=GENEB\n"
               "2\tt\tlnc_RNA\t5\t30\t.\t+\t.\tID=TX2;Parent=G2;transcript_id=TX2.1\n"
               "2\tt\texon\t5\t30\t.\t+\t.\tParent=TX2\n"
               "2\tt\tmRNA\t5\t30\t.\t+\t.\tID=TX3;Parent=G2;transcript_id=TX3.1\n"
               "2\tt\texon\t5\t30\t.\t+\t.\tParent=TX3\n"
               "2\tt\tCDS\t8\t25\t.\t+\t0\tParent=TX3\n"
               "2\tt\tfive_prime_UTR\t5\t7\t.\t+\t.\tParent=TX3\n"
               "2\tt\tthree_prime_UTR\t26\t30\t.\t+\t.\tParent=NOSUCH\n"
               "2\tt\tmRNA\t13\t15\t.\t+\t.\tID=TX4;Parent=G2;transcript_id=TX4.1\n"   /* one codon, no stop */
               "2\tt\texon\t13\t15\t.\t+\t.\tParent=TX4\n"
               "2\tt\tCDS\t13\t15\t.\t+\t0\tParent=TX4\n");   /* ignored, as before */
    fclose(f);
}

/* The one effect of ref>alt at pos; its terms as text into terms. */
static const rv_effect *run(rv_conseq *c, int64_t pos, const char *ref, const char *alt, char *terms, size_t n)
{
    rv_effect *e;
    rv_err err;
    rv_err_clear(&err);
    int k = rv_conseq_allele(c, 0, pos, ref, (int)strlen(ref), alt, (int)strlen(alt), &e, &err);
    terms[0] = 0;
    if (k != 1) { snprintf(terms, n, "(%d effects: %.200s)", k, err.msg); return NULL; }
    size_t l = 0;
    for (int i = 0; i < RV_SO_N; i++)
        if (e->terms & (1u << i)) l += (size_t)snprintf(terms + l, n - l, "%s%s", l ? "&" : "", rv_so_name(i));
    return e;
}

int main(void)
{
    TEST_CASE("genetic code");
    CHECK_INT(rv_codon_aa("ATG"), 'M');
    CHECK_INT(rv_codon_aa("TGA"), '*');
    CHECK_INT(rv_codon_aa("GCA"), 'A');
    CHECK_INT(rv_codon_aa("TGG"), 'W');
    CHECK_INT(rv_codon_aa("NNA"), 'X');
    CHECK_STR(rv_aa3('*'), "Ter");
    CHECK_STR(rv_aa3('W'), "Trp");
    char rc[4] = { 0 };
    rv_revcomp("ACGTT", 3, rc);
    CHECK_STR(rc, "CGT");

    TEST_CASE("RefSeq chromosome accessions");
    rv_build b;
    CHECK_INT(rv_contig_id_refseq("NC_000013.10", 12, &b), 12);
    CHECK_INT(b, RV_BUILD_GRCH37);
    CHECK_INT(rv_contig_id_refseq("NC_000023.11", 12, &b), RV_CONTIG_X);
    CHECK_INT(b, RV_BUILD_GRCH38);
    CHECK_INT(rv_contig_id_refseq("NC_012920.1", 11, &b), RV_CONTIG_MT);
    CHECK_INT(b, RV_BUILD_UNKNOWN);
    CHECK_INT(rv_contig_id_refseq("NW_003871103.3", 14, &b), RV_CONTIG_OTHER);

    char dir[] = "/tmp/revus-csq-unit.XXXXXX", fa[256], gff[256];
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    make_files(dir, fa, gff, sizeof fa);
    rv_err err;
    rv_err_clear(&err);
    rv_descriptor *d = NULL;
    rv_model *m = NULL;
    rv_genome *g = NULL;
    rv_conseq *c = NULL;
    TEST_CASE("compile and load the model");
    CHECK_INT(rv_descriptor_load("pipeline/gene-model-gff3.json", &d, &err), 0);
    if (!d) { fprintf(stderr, "%s\n", err.msg); return 1; }
    CHECK_INT(rv_model_from_gff(&m, d, gff, NULL, &err), 0);
    CHECK_INT(rv_genome_open(&g, fa, &err), 0);
    if (!m || !g) { fprintf(stderr, "%s\n", err.msg); return 1; }
    CHECK_INT(rv_model_n(m), 4);
    const rv_tx *t = rv_model_tx(m, 0);
    CHECK_STR(t->id, "TX1.1");
    CHECK_STR(t->symbol, "GENEA");
    CHECK_STR(t->hgnc, "HGNC:99");
    CHECK_INT(t->n_exon, 3);
    CHECK_INT(t->cds_c1, 11);
    CHECK_INT(t->cds_c2, 190);
    CHECK(t->flags & RV_TX_MANE_SELECT);
    CHECK_INT(rv_conseq_new(&c, m, g, &err), 0);

    char terms[256];
    const rv_effect *e;
    TEST_CASE("missense c.4G>T");
    e = run(c, 24, "G", "T", terms, sizeof terms);
    CHECK_STR(terms, "missense_variant");
    if (e) { CHECK_STR(e->hgvsc.s, "TX1.1:c.4G>T"); CHECK_STR(e->hgvsp.s, "p.(Ala2Ser)"); CHECK_INT(e->exon[0], 1); }

    TEST_CASE("synonymous c.6A>G");
    e = run(c, 26, "A", "G", terms, sizeof terms);
    CHECK_STR(terms, "synonymous_variant");
    if (e) CHECK_STR(e->hgvsp.s, "p.(Ala2=)");

    TEST_CASE("stop gained far from the last junction: NMD");
    e = run(c, 24, "GC", "TA", terms, sizeof terms);
    CHECK_STR(terms, "stop_gained");
    if (e) { CHECK_STR(e->hgvsp.s, "p.(Ala2Ter)"); CHECK_INT(e->nmd, RV_NMD_YES); CHECK_STR(e->hgvsc.s, "TX1.1:c.4_5delinsTA"); }

    TEST_CASE("stop gained 7 nt before the last junction: escapes (50-55 nt rule)");
    e = run(c, 154, "GC", "TA", terms, sizeof terms);
    CHECK_STR(terms, "stop_gained");
    if (e) { CHECK_STR(e->hgvsp.s, "p.(Ala32Ter)"); CHECK_INT(e->nmd, RV_NMD_ESCAPE_50NT); }

    TEST_CASE("stop gained in the last exon: escapes");
    e = run(c, 251, "GC", "TA", terms, sizeof terms);
    CHECK_STR(terms, "stop_gained");
    if (e) CHECK_INT(e->nmd, RV_NMD_ESCAPE_LAST_EXON);

    TEST_CASE("splice donor +2, intronic HGVS");
    e = run(c, 62, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "splice_donor_variant");
    if (e) { CHECK_STR(e->hgvsc.s, "TX1.1:c.40+2C>A"); CHECK_INT(e->intron[0], 1); CHECK_INT(e->splice_dist, 2); }

    TEST_CASE("splice region +5, and acceptor -1");
    run(c, 65, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "splice_region_variant&intron_variant");
    e = run(c, 100, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "splice_acceptor_variant");
    if (e) CHECK_STR(e->hgvsc.s, "TX1.1:c.41-1C>A");

    TEST_CASE("in-frame duplication, 3'-shifted in the exon and in the protein");
    e = run(c, 26, "A", "AGCA", terms, sizeof terms);
    CHECK_STR(terms, "inframe_insertion");
    if (e) { CHECK_STR(e->hgvsc.s, "TX1.1:c.38_40dup"); CHECK_STR(e->hgvsp.s, "p.(Ala59dup)"); }

    TEST_CASE("frameshift deletion");
    e = run(c, 29, "AG", "A", terms, sizeof terms);
    CHECK_STR(terms, "frameshift_variant");
    if (e) CHECK(strncmp(e->hgvsp.s, "p.(Ala4", 7) == 0 && strstr(e->hgvsp.s, "fsTer"));

    TEST_CASE("start lost, stop lost, UTRs");
    e = run(c, 21, "A", "G", terms, sizeof terms);
    CHECK_STR(terms, "start_lost");
    if (e) CHECK_STR(e->hgvsp.s, "p.(Met1?)");
    e = run(c, 278, "T", "C", terms, sizeof terms);
    CHECK_STR(terms, "stop_lost");
    if (e) CHECK(strncmp(e->hgvsp.s, "p.(Ter60Gln", 11) == 0);
    e = run(c, 15, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "5_prime_UTR_variant");
    if (e) CHECK_STR(e->hgvsc.s, "TX1.1:c.-6C>A");
    e = run(c, 290, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "3_prime_UTR_variant");
    if (e) CHECK_STR(e->hgvsc.s, "TX1.1:c.*10C>A");

    TEST_CASE("REF that differs from the FASTA; a variant off the transcript");
    rv_effect *ee;
    CHECK_INT(rv_conseq_allele(c, 0, 24, "T", 1, "A", 1, &ee, &err), RV_EINPUT);
    CHECK_INT(rv_conseq_allele(c, 0, 350, "C", 1, "A", 1, &ee, &err), 0);

    TEST_CASE("the transcript that decides");
    e = run(c, 24, "G", "T", terms, sizeof terms);
    CHECK_INT(rv_conseq_pick(e, 1, "GENEA"), 0);
    CHECK_INT(rv_conseq_pick(e, 1, "OTHER"), -1);

    TEST_CASE("conventions: the profiles of pipeline/csq_conventions.json");
    rv_csq_conv vep, bcf, bad;
    CHECK_INT(rv_csq_conv_load("pipeline/csq_conventions.json", NULL, &vep, &err), 0);
    CHECK_STR(vep.name, "vep");
    CHECK_INT(vep.splice_intron, 8);
    CHECK_INT(vep.nmd_nt, 55);
    CHECK_INT(vep.trim_suffix_first, 0);
    CHECK_INT(rv_csq_conv_load("pipeline/csq_conventions.json", "bcftools", &bcf, &err), 0);
    CHECK_INT(bcf.trim_suffix_first, 1);
    CHECK_INT(bcf.ins_right_intronic, 1);
    CHECK_INT(rv_csq_conv_load("pipeline/csq_conventions.json", "snpeff", &bad, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "profiles.snpeff") && strstr(err.msg, "vep, bcftools"));
    char cpath[300];
    snprintf(cpath, sizeof cpath, "%s/conv.json", dir);
    FILE *cf = fopen(cpath, "w");
    fprintf(cf, "{\"default\": \"x\", \"profiles\": {\"x\": {\"splice_region_exon_bases\": 3, "
                "\"splice_region_intron_bases\": 8, \"nmd_last_junction_nt\": 55, \"allele_trimming\": \"middle\"}}}\n");
    fclose(cf);
    CHECK_INT(rv_csq_conv_load(cpath, NULL, &bad, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "profiles.x.allele_trimming") && strstr(err.msg, "anchor-first"));
    rv_err_clear(&err);
    rv_conseq_set_conventions(c, &vep);

    TEST_CASE("vep: an insertion is in the splice region when both its flanks are");
    run(c, 67, "C", "CA", terms, sizeof terms);          /* between intronic bases 7 and 8 */
    CHECK_STR(terms, "splice_region_variant&intron_variant");
    run(c, 68, "C", "CA", terms, sizeof terms);          /* between 8 and 9 */
    CHECK_STR(terms, "intron_variant");

    TEST_CASE("vep: no splice region beside a splice donor");
    run(c, 61, "CCCC", "C", terms, sizeof terms);        /* deletes +2..+4 */
    CHECK_STR(terms, "splice_donor_variant&intron_variant");

    char r1[2] = { genome[59], 0 }, a1[3] = { genome[59], 'A', 0 };
    TEST_CASE("insertion after an exon's last base: exonic (vep), intronic (bcftools)");
    run(c, 60, r1, a1, terms, sizeof terms);
    CHECK_STR(terms, "frameshift_variant&splice_region_variant");
    rv_conseq_set_conventions(c, &bcf);
    run(c, 60, r1, a1, terms, sizeof terms);
    CHECK_STR(terms, "splice_donor_variant");

    char r4[5] = { genome[58], genome[59], genome[60], genome[61], 0 }, a4[2] = { genome[58], 0 };
    TEST_CASE("splice_sequence_kept: one C of the intron's C run at +5 (bcftools: also synonymous)");
    run(c, 64, "CC", "C", terms, sizeof terms);
    CHECK_STR(terms, "splice_region_variant&synonymous_variant&intron_variant");

    TEST_CASE("deletion over an exon's right edge: by its coding bases (bcftools), unpredicted (vep)");
    run(c, 59, r4, a4, terms, sizeof terms);             /* one coding base and intronic +1, +2 */
    CHECK_STR(terms, "splice_donor_variant&frameshift_variant");
    rv_conseq_set_conventions(c, &vep);
    run(c, 59, r4, a4, terms, sizeof terms);
    CHECK_STR(terms, "splice_donor_variant&coding_sequence_variant");
    run(c, 64, "CC", "C", terms, sizeof terms);
    CHECK_STR(terms, "splice_region_variant&intron_variant");

    TEST_CASE("ref_past_reference_end: a REF past the sequence's end (contig 2 has 30 bases)");
    int c2 = rv_contig_id("2", 1);
    CHECK_INT(vep.ref_past_end_held, 0);
    CHECK_INT(bcf.ref_past_end_held, 1);
    rv_conseq_set_conventions(c, &vep);
    CHECK_INT(rv_conseq_allele(c, c2, 28, "TACGG", 5, "T", 1, &ee, &err), RV_EINPUT);   /* 28..32 */
    CHECK(strstr(err.msg, "runs past the end") != NULL);
    CHECK_INT(rv_conseq_ref_held_only(c), 0);
    rv_conseq_set_conventions(c, &bcf);
    CHECK_INT(rv_conseq_allele(c, c2, 28, "TACGG", 5, "T", 1, &ee, &err), 2);    /* TX2, TX3 */
    CHECK_INT(rv_conseq_ref_held_only(c), 1);
    CHECK_INT(rv_conseq_allele(c, c2, 28, "TAGGG", 5, "T", 1, &ee, &err), RV_EINPUT);   /* a held base differs */
    CHECK_INT(rv_conseq_allele(c, c2, 27, "G", 1, "A", 1, &ee, &err), 2);
    CHECK_INT(rv_conseq_ref_held_only(c), 0);
    rv_err_clear(&err);

    TEST_CASE("utr_terms: UTR terms only where the GFF3 gave UTR lines (bcftools)");
    CHECK_INT(vep.utr_from_features, 0);
    CHECK_INT(bcf.utr_from_features, 1);
    CHECK(rv_model_tx(m, 0)->flags & RV_TX_NO_UTR_FEATURES);          /* TX1: no UTR lines */
    for (int64_t i = 1; i < rv_model_n(m); i++)       /* TX2 non-coding; TX3 has them; TX4 none */
        CHECK(!(rv_model_tx(m, i)->flags & RV_TX_NO_UTR_FEATURES) == (strcmp(rv_model_tx(m, i)->id, "TX4.1") != 0));
    rv_conseq_set_conventions(c, &bcf);
    run(c, 290, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "(0 effects: )");
    CHECK_INT(rv_conseq_allele(c, c2, 6, "C", 1, "A", 1, &ee, &err), 2);        /* TX3's 5' UTR */
    int utr5 = 0;
    for (int i = 0; i < 2; i++) utr5 += (ee[i].terms >> RV_SO_UTR5) & 1;
    CHECK_INT(utr5, 1);
    rv_conseq_set_conventions(c, &vep);
    run(c, 290, "C", "A", terms, sizeof terms);
    CHECK_STR(terms, "3_prime_UTR_variant");

    TEST_CASE("start codon judged as written under suffix-first trimming (bcftools)");
    run(c, 19, "ACA", "A", terms, sizeof terms);         /* as written: CA at 20-21 */
    CHECK_STR(terms, "start_retained_variant&5_prime_UTR_variant");
    rv_conseq_set_conventions(c, &bcf);                  /* trimmed to AC at 19-20, in the UTR */
    run(c, 19, "ACA", "A", terms, sizeof terms);
    CHECK_STR(terms, "start_retained_variant");
    run(c, 18, "CA", "C", terms, sizeof terms);          /* only the UTR base 19 */
    CHECK_STR(terms, "(0 effects: )");
    rv_conseq_set_conventions(c, &vep);

    TEST_CASE("cds_without_stop: ATG>ATA of a one-codon CDS without stop");
    for (int pass = 0; pass < 2; pass++) {
        rv_conseq_set_conventions(c, pass ? &bcf : &vep);
        int n4 = rv_conseq_allele(c, c2, 15, "G", 1, "A", 1, &ee, &err), hit = -1;
        for (int i = 0; i < n4; i++) if (strcmp(ee[i].tx->id, "TX4.1") == 0) hit = i;
        CHECK(hit >= 0);
        if (hit >= 0) CHECK_INT(ee[hit].terms, 1u << (pass ? RV_SO_MISSENSE : RV_SO_START_LOST));
    }
    rv_conseq_set_conventions(c, &vep);

    TEST_CASE("the NMD distance is the profile's number");
    vep.nmd_nt = 5;
    rv_conseq_set_conventions(c, &vep);
    e = run(c, 154, "GC", "TA", terms, sizeof terms);    /* 7 nt before the last junction */
    if (e) CHECK_INT(e->nmd, RV_NMD_YES);
    CHECK_INT(rv_conseq_conventions(c)->nmd_nt, 5);

    rv_conseq_free(c);
    rv_genome_close(g);
    rv_model_close(m);
    rv_descriptor_free(d);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
