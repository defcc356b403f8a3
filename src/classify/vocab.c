/* classify/vocab.c: the words of classification, shared by the rules loader (rules.c) and the
 * writers (output.c): class names and the spellings a lab table may use, rule names, criterion
 * strengths and the default strength of each ACMG/AMP code. A leaf: it calls nothing else of
 * the classifier, so loader and writers depend on it and not on each other. */
#include <ctype.h>
#include <string.h>
#include "classify/rules_internal.h"
#include "sources/lab_class.h"

static const char *const class_names[RV_CLASS_N] = { ".", "P", "LP", "VUS", "LB", "B" };

const char *rv_class_name(int cls)
{
    return cls >= 0 && cls < RV_CLASS_N ? class_names[cls] : "?";
}

/* The lab-table spellings live with the source role that uses them (sources/lab_class.c). */
_Static_assert(RV_CLASS_P == 1 && RV_CLASS_LP == 2 && RV_CLASS_VUS == 3 && RV_CLASS_LB == 4 && RV_CLASS_B == 5,
               "rv_lab_class_word() numbers classes in this order");

int rv_class_parse(const char *s, size_t n)
{
    return rv_lab_class_word(s, n);
}

static const char *const rule_names[RV_RULE_N] = { "none", "lab", "clinvar", "acmg" };

const char *rv_rule_name(int rule)
{
    return rule >= 0 && rule < RV_RULE_N ? rule_names[rule] : "?";
}

/* Richards 2015 codes this engine can emit, with their default strength. */
static const struct { const char *code; int strength; } code_strength[] = {
    { "PVS1", RV_STR_VERYSTRONG }, { "PS1", RV_STR_STRONG }, { "PS2", RV_STR_STRONG },
    { "PM1", RV_STR_MODERATE }, { "PM6", RV_STR_MODERATE },
    { "PM2", RV_STR_MODERATE }, { "PM4", RV_STR_MODERATE }, { "PM5", RV_STR_MODERATE },
    { "PP2", RV_STR_SUPPORTING }, { "PP3", RV_STR_SUPPORTING }, { "BA1", RV_STR_STANDALONE },
    { "BS1", RV_STR_STRONG }, { "BS2", RV_STR_STRONG }, { "BP1", RV_STR_SUPPORTING },
    { "BP3", RV_STR_SUPPORTING }, { "BP4", RV_STR_SUPPORTING }, { "BP7", RV_STR_SUPPORTING },
};

int rv_code_default_strength(const char *code)
{
    for (size_t i = 0; i < sizeof code_strength / sizeof *code_strength; i++)
        if (strcmp(code, code_strength[i].code) == 0) return code_strength[i].strength;
    return RV_STR_NONE;
}

int rv_code_is_benign(const char *code)
{
    return code[0] == 'B';
}

static const char *const strength_names[RV_STR_N] = {
    "None", "Supporting", "Moderate", "Strong", "VeryStrong", "StandAlone"
};

const char *rv_strength_name(int s)
{
    return s >= 0 && s < RV_STR_N ? strength_names[s] : "?";
}

int rv_strength_parse(const char *s)
{
    for (int i = 1; i < RV_STR_N; i++)
        if (strcmp(s, strength_names[i]) == 0) return i;
    return RV_STR_NONE;
}
