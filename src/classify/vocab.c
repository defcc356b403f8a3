/* classify/vocab.c: the words of classification, shared by the rules loader (rules.c) and the
 * writers (output.c): class names and the spellings a lab table may use, rule names, criterion
 * strengths and the default strength of each ACMG/AMP code. A leaf: it calls nothing else of
 * the classifier, so loader and writers depend on it and not on each other. */
#include <ctype.h>
#include <string.h>
#include "classify/rules_internal.h"

static const char *const class_names[RV_CLASS_N] = { ".", "P", "LP", "VUS", "LB", "B" };

const char *rv_class_name(int cls)
{
    return cls >= 0 && cls < RV_CLASS_N ? class_names[cls] : "?";
}

/* Spellings a lab table may use for its class (case-insensitive, ' ' and '_' alike). */
static const struct { const char *s; int cls; } class_words[] = {
    { "P", RV_CLASS_P }, { "LP", RV_CLASS_LP }, { "VUS", RV_CLASS_VUS }, { "LB", RV_CLASS_LB },
    { "B", RV_CLASS_B }, { "Pathogenic", RV_CLASS_P }, { "Likely pathogenic", RV_CLASS_LP },
    { "Uncertain significance", RV_CLASS_VUS }, { "Likely benign", RV_CLASS_LB },
    { "Benign", RV_CLASS_B }, { "Class 5", RV_CLASS_P }, { "Class 4", RV_CLASS_LP },
    { "Class 3", RV_CLASS_VUS }, { "Class 2", RV_CLASS_LB }, { "Class 1", RV_CLASS_B },
};

int rv_class_parse(const char *s, size_t n)
{
    if (!s) return 0;
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    for (size_t i = 0; i < sizeof class_words / sizeof *class_words; i++) {
        const char *w = class_words[i].s;
        if (strlen(w) != n) continue;
        size_t k = 0;
        for (; k < n; k++) {
            int a = s[k] == '_' ? ' ' : tolower((unsigned char)s[k]);
            if (a != tolower((unsigned char)w[k])) break;
        }
        if (k == n) return class_words[i].cls;
    }
    return 0;
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
