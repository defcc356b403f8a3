/* report/columns.h: the one table of report columns, shared by the TSV and JSON writers
 * and by `revus report --columns` (which prints the documentation from the same table,
 * so a column cannot exist without its explanation).
 *
 * A column is a field of the line, a field of one side (before / now) of the line, or a
 * value derived from the line (labels, the criteria that changed). In TSV a side column
 * is named "before_X" / "now_X"; in JSON it is field X of the "before" / "now" object. */
#ifndef RV_REPORT_COLUMNS_H
#define RV_REPORT_COLUMNS_H

#include <stddef.h>
#include "report/model.h"

typedef enum { RV_COL_STR, RV_COL_INT, RV_COL_I64, RV_COL_AF, RV_COL_BOOL, RV_COL_STARS,
               RV_COL_JSON /* a JSON object as text: an object in JSON, the text in TSV */ } rv_col_type;
typedef enum { RV_SIDE_NONE = 0, RV_SIDE_BEFORE = 1, RV_SIDE_NOW = 2 } rv_col_side;

typedef struct rv_report_column {
    const char *name;     /* JSON field name; TSV adds "before_"/"now_" for side columns */
    int         side;     /* 0 line field, 1 a field of each side (listed once) */
    rv_col_type type;
    size_t      offset;   /* in rv_report_line (side 0) or rv_report_side; SIZE_MAX derived */
    int         derived;  /* id of a derived value, when offset == SIZE_MAX */
    const char *doc;      /* plain words, for clinicians and pipeline authors */
} rv_report_column;

/* The column table (static), *n entries. */
const rv_report_column *rv_report_columns(size_t *n);

/* Value of column c of line l (side picks before/now for side columns) as text into buf.
 * Returns 0 when the value is absent (empty cell / JSON null), 1 when buf holds it.
 * *num receives the numeric value of INT/I64/AF/STARS/BOOL columns (0 otherwise). */
int rv_report_column_value(const rv_report_line *l, const rv_report_column *c, rv_col_side side,
                           char *buf, size_t n, double *num);

/* 1 when a spreadsheet opening the report would read text s as a formula (OWASP "CSV
 * injection"): s starts with '=', '+', '-', '@', a tab or a carriage return. The TSV and
 * JSON writers put a single quote (') before such a text value (never before a number),
 * as OWASP recommends; docs/reports.md. Family, indication, reporter and acknowledgement
 * fields are typed by people, so any of them may start that way. */
int rv_report_formula_like(const char *s);

#endif
