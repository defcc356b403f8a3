/* csq/so_terms.c: the Sequence Ontology terms revus csq writes, in VEP's order of severity, with
 * VEP's impact class (https://www.ensembl.org/info/genome/variation/prediction/predicted_data.html). */
#include <string.h>
#include "csq/effect.h"

static const struct { const char *name, *impact; } terms[RV_SO_N] = {
    [RV_SO_SPLICE_ACCEPTOR]   = { "splice_acceptor_variant",            "HIGH" },
    [RV_SO_SPLICE_DONOR]      = { "splice_donor_variant",               "HIGH" },
    [RV_SO_STOP_GAINED]       = { "stop_gained",                        "HIGH" },
    [RV_SO_FRAMESHIFT]        = { "frameshift_variant",                 "HIGH" },
    [RV_SO_STOP_LOST]         = { "stop_lost",                          "HIGH" },
    [RV_SO_START_LOST]        = { "start_lost",                         "HIGH" },
    [RV_SO_FEATURE_ELONGATION] = { "feature_elongation",                "HIGH" },
    [RV_SO_FEATURE_TRUNCATION] = { "feature_truncation",                "HIGH" },
    [RV_SO_INFRAME_INSERTION] = { "inframe_insertion",                  "MODERATE" },
    [RV_SO_INFRAME_DELETION]  = { "inframe_deletion",                   "MODERATE" },
    [RV_SO_MISSENSE]          = { "missense_variant",                   "MODERATE" },
    [RV_SO_PROTEIN_ALTERING]  = { "protein_altering_variant",           "MODERATE" },
    [RV_SO_SPLICE_REGION]     = { "splice_region_variant",              "LOW" },
    [RV_SO_START_RETAINED]    = { "start_retained_variant",             "LOW" },
    [RV_SO_STOP_RETAINED]     = { "stop_retained_variant",              "LOW" },
    [RV_SO_SYNONYMOUS]        = { "synonymous_variant",                 "LOW" },
    [RV_SO_CODING_SEQUENCE]   = { "coding_sequence_variant",            "MODIFIER" },
    [RV_SO_UTR5]              = { "5_prime_UTR_variant",                "MODIFIER" },
    [RV_SO_UTR3]              = { "3_prime_UTR_variant",                "MODIFIER" },
    [RV_SO_NC_EXON]           = { "non_coding_transcript_exon_variant", "MODIFIER" },
    [RV_SO_INTRON]            = { "intron_variant",                     "MODIFIER" },
    [RV_SO_NMD_TRANSCRIPT]    = { "NMD_transcript_variant",             "MODIFIER" },
    [RV_SO_NC_TRANSCRIPT]     = { "non_coding_transcript_variant",      "MODIFIER" },
};

const char *rv_so_name(int t) { return t >= 0 && t < RV_SO_N ? terms[t].name : "?"; }
const char *rv_so_impact(int t) { return t >= 0 && t < RV_SO_N ? terms[t].impact : "?"; }

int rv_so_parse(const char *name, size_t len)
{
    for (int i = 0; i < RV_SO_N; i++)
        if (strlen(terms[i].name) == len && memcmp(terms[i].name, name, len) == 0) return i;
    return -1;
}

static const char *const nmd_names[] = { "", "NMD", "escape_last_exon", "escape_50nt" };

const char *rv_nmd_name(int nmd) { return nmd >= 0 && nmd <= RV_NMD_ESCAPE_50NT ? nmd_names[nmd] : ""; }
