/* variant/evidence.c: evidence record initialisation (absent values are explicit). */
#include <math.h>
#include <string.h>
#include "variant/evidence.h"

void rv_evidence_init(rv_evidence *ev, const rv_varkey *key)
{
    memset(ev, 0, sizeof *ev);
    if (key) ev->key = *key;
    ev->af = ev->af_grpmax = ev->faf95 = NAN;
    ev->an = ev->ac = ev->nhomalt = ev->nhemi = -1;
    ev->variation_id = -1;
}
