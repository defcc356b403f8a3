/* base/version.h: the revus version and the versions of the libraries actually linked. */
#ifndef RV_VERSION_H
#define RV_VERSION_H
#include <stddef.h>

const char *rv_version(void);   /* "0.1.0", a static string */

/* Multi-line "revus X\nhtslib Y\n..." of every linked library, into buf (size n). */
void rv_version_libraries(char *buf, size_t n);

#endif
