/* state/schema.h: the ordered migrations that build the state schema (state/db.h). */
#ifndef RV_STATE_SCHEMA_H
#define RV_STATE_SCHEMA_H

/* Number of migrations (= RV_STATE_SCHEMA_VERSION). */
int rv_schema_n_migrations(void);
/* SQL taking a database from from_version to from_version + 1; NULL when out of range. */
const char *rv_schema_migration(int from_version);

#endif
