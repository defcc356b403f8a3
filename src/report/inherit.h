/* report/inherit.h: a flag's inheritance evidence (the JSON object run/family.h stores) in
 * words for the HTML page, and with relatives' sample ids replaced by pseudonyms. */
#ifndef RV_REPORT_INHERIT_H
#define RV_REPORT_INHERIT_H

#include <stddef.h>

/* "fits: compound heterozygous with ... ; de novo (assumed); father 0/0, mother 0/1;
 * segregation: 1 affected carrier, 1 unaffected carrier". 0 on success, -1 when json is
 * not an inheritance object (buf then empty). */
int rv_inheritance_words(const char *json, char *buf, size_t n);

/* A copy of json (malloc'd) with each family[].sample replaced by rename(id, ctx) (a
 * static or ctx-owned string). NULL on out of memory or unreadable JSON. */
char *rv_inheritance_rename(const char *json, const char *(*rename)(const char *id, void *ctx), void *ctx);

#endif
