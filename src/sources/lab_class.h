/* sources/lab_class.h: the words a lab-classification source may use for its class.
 * Checked when such a source is compiled (a table saying "WHATEVER" is refused there,
 * not at classification time) and read by the classifier (classify/vocab.c). */
#ifndef RV_LAB_CLASS_H
#define RV_LAB_CLASS_H

#include <stddef.h>

/* 1 P, 2 LP, 3 VUS, 4 LB, 5 B (the order of classify's rv_class), 0 unknown. Accepts the
 * codes, the words ("Likely pathogenic") and "Class 1".."Class 5"; case-insensitive, ' '
 * and '_' alike, surrounding spaces ignored. s need not be NUL-terminated. */
int rv_lab_class_word(const char *s, size_t n);

#endif
