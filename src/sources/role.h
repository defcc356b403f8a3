/* sources/role.h: the registry of source roles and the typed fields each role provides.
 *
 * A role says what a source means to revus (a clinical assertion, a population
 * frequency, ...). A descriptor maps a source's raw fields onto its role's typed fields,
 * so a new source of an existing role needs a descriptor file and no C. */
#ifndef RV_ROLE_H
#define RV_ROLE_H

typedef enum { RV_KEY_VARIANT = 1, RV_KEY_GENE = 2, RV_KEY_INTERVAL = 3 } rv_key_kind;
typedef enum { RV_T_FLOAT = 1, RV_T_INT = 2, RV_T_STR = 3 } rv_ftype;

enum { RV_FIELD_OPTIONAL = 0, RV_FIELD_REQUIRED = 1, RV_FIELD_COMPUTED = 2 };

typedef struct rv_role_field {
    const char *name;      /* typed field name, e.g. "af" */
    rv_ftype    type;
    int         required;  /* RV_FIELD_REQUIRED: a descriptor of this role must map it;
                            * RV_FIELD_COMPUTED: the role's compiler derives it (never mapped) */
    const char *doc;       /* one line for docs and `revus sources show` */
} rv_role_field;

/* Code compares roles by id; a role's name appears only here and in role.c (the names are
 * what descriptors, index metadata and manifests carry). */
typedef enum rv_role_id {
    RV_ROLE_UNKNOWN = 0,
    RV_ROLE_CLINICAL_ASSERTION, RV_ROLE_POPULATION_FREQUENCY, RV_ROLE_IN_SILICO_SCORE,
    RV_ROLE_LAB_CLASSIFICATION, RV_ROLE_GENE_PANEL, RV_ROLE_GENE_VALIDITY, RV_ROLE_GENE_REGIONS,
    RV_ROLE_GENE_MODEL, RV_ROLE_GENE_DOSAGE,
    RV_ROLE_N
} rv_role_id;

typedef struct rv_role {
    rv_role_id           id;
    const char          *name;       /* "population-frequency" */
    rv_key_kind          key;        /* how records are keyed */
    const rv_role_field *fields;
    int                  n_fields;
    const char          *doc;
} rv_role;

const rv_role *rv_role_find(const char *name);          /* NULL when unknown (or NULL) */
/* The id of a role name read back from an index or a manifest; RV_ROLE_UNKNOWN for an
 * unknown name or NULL. */
rv_role_id rv_role_id_of(const char *name);
const rv_role *rv_role_list(int *n);                    /* the whole registry */
const rv_role_field *rv_role_field_find(const rv_role *r, const char *name);
const char *rv_ftype_name(rv_ftype t);                  /* "float", "int", "string" */
int rv_ftype_parse(const char *s, rv_ftype *t);         /* 0 ok, -1 unknown */

#endif
