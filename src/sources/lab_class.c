/* sources/lab_class.c: the class words of lab-classification sources (sources/lab_class.h). */
#include <ctype.h>
#include <string.h>
#include "sources/lab_class.h"

/* Spellings a lab table may use for its class. */
static const struct { const char *s; int cls; } class_words[] = {
    { "P", 1 }, { "LP", 2 }, { "VUS", 3 }, { "LB", 4 },
    { "B", 5 }, { "Pathogenic", 1 }, { "Likely pathogenic", 2 },
    { "Uncertain significance", 3 }, { "Likely benign", 4 },
    { "Benign", 5 }, { "Class 5", 1 }, { "Class 4", 2 },
    { "Class 3", 3 }, { "Class 2", 4 }, { "Class 1", 5 },
};

int rv_lab_class_word(const char *s, size_t n)
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
