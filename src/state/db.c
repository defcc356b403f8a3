/* state/db.c: open, configure and migrate the state database (schema in state/db.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "base/private_file.h"
#include "state/db.h"
#include "state/schema.h"
#include "base/version.h"

/* How long a writer waits for another connection's write lock before failing. */
#define BUSY_TIMEOUT_MS 10000

#define STMT_CACHE 64

struct rv_state {
    sqlite3 *db;
    char *home;
    char *path;
    struct { const char *sql; sqlite3_stmt *s; } stmt[STMT_CACHE];   /* rv_state_stmt */
};

sqlite3_stmt *rv_state_stmt(rv_state *st, const char *sql)
{
    size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
    for (size_t k = 0; k < STMT_CACHE; k++) {
        size_t i = (h + k) % STMT_CACHE;
        if (st->stmt[i].sql == sql) {
            sqlite3_reset(st->stmt[i].s);
            sqlite3_clear_bindings(st->stmt[i].s);
            return st->stmt[i].s;
        }
        if (!st->stmt[i].sql) {
            if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i].s, NULL) != SQLITE_OK) {
                sqlite3_finalize(st->stmt[i].s);
                st->stmt[i].s = NULL;
                return NULL;
            }
            st->stmt[i].sql = sql;
            return st->stmt[i].s;
        }
    }
    return NULL;
}

sqlite3 *rv_state_db(rv_state *st) { return st->db; }
const char *rv_state_home(const rv_state *st) { return st->home; }

void rv_state_now(char *buf, size_t n)
{
    const char *fixed = getenv("REVUS_TEST_NOW");
    if (fixed && *fixed) { snprintf(buf, n, "%s", fixed); return; }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int fail_on(const char *file, sqlite3 *db, rv_err *err, const char *what)
{
    return rv_err_set(err, RV_ESTATE, "%s: %s: %s", file && *file ? file : "state database", what,
                      db ? sqlite3_errmsg(db) : "not open");
}

int rv_state_fail(rv_state *st, rv_err *err, const char *what)
{
    return fail_on(st->path, st->db, err, what);
}

int rv_sqlite_fail(sqlite3 *db, rv_err *err, const char *what)
{
    return fail_on(db ? sqlite3_db_filename(db, "main") : NULL, db, err, what);
}

int rv_state_exec(rv_state *st, const char *sql, rv_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = rv_err_set(err, RV_ESTATE, "%s: %s", st->path, msg ? msg : "SQL failed");
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

int rv_state_begin(rv_state *st, rv_err *err)
{
    return rv_state_exec(st, "BEGIN IMMEDIATE", err);
}

int rv_state_commit(rv_state *st, rv_err *err)
{
    return rv_state_exec(st, "COMMIT", err);
}

void rv_state_rollback(rv_state *st)
{
    if (!sqlite3_get_autocommit(st->db)) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(rv_state *st, int *v, rv_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "reading the schema version");
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) { sqlite3_finalize(s); return rv_state_fail(st, err, "reading the schema version"); }
    *v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return 0;
}

static int refuse_newer(rv_state *st, int v, rv_err *err)
{
    return rv_err_set(err, RV_ESTATE,
        "%s: schema version %d is newer than this revus %s understands (%d); "
        "use a newer revus (the database is left untouched)",
        st->path, v, rv_version(), RV_STATE_SCHEMA_VERSION);
}

/* Bring the schema to RV_STATE_SCHEMA_VERSION, one transaction per step. */
static int migrate(rv_state *st, rv_err *err)
{
    int v, rc;
    if ((rc = user_version(st, &v, err)) < 0) return rc;
    if (v > RV_STATE_SCHEMA_VERSION) return refuse_newer(st, v, err);
    while (v < RV_STATE_SCHEMA_VERSION) {
        char bump[64], now[32];
        rv_state_now(now, sizeof now);
        snprintf(bump, sizeof bump, "PRAGMA user_version=%d", v + 1);
        if ((rc = rv_state_begin(st, err)) < 0) return rc;
        /* re-check under the write lock: another process may have migrated meanwhile */
        int cur;
        if ((rc = user_version(st, &cur, err)) < 0) goto fail;
        if (cur != v) {
            rv_state_rollback(st);
            if (cur > RV_STATE_SCHEMA_VERSION) return refuse_newer(st, cur, err);
            v = cur;
            continue;
        }
        if ((rc = rv_state_exec(st, rv_schema_migration(v), err)) < 0) goto fail;
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db,
                "INSERT INTO meta(key, value) VALUES ('last_migrated_by', ?1), ('created_at', ?2) "
                "ON CONFLICT(key) DO UPDATE SET value = CASE WHEN key = 'created_at' THEN value ELSE excluded.value END",
                -1, &s, NULL) != SQLITE_OK) { rc = rv_state_fail(st, err, "recording the migration"); goto fail; }
        sqlite3_bind_text(s, 1, rv_version(), -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
        int step = sqlite3_step(s);
        sqlite3_finalize(s);
        if (step != SQLITE_DONE) { rc = rv_state_fail(st, err, "recording the migration"); goto fail; }
        if ((rc = rv_state_exec(st, bump, err)) < 0) goto fail;
        if ((rc = rv_state_commit(st, err)) < 0) goto fail;
        rv_log_debug("state: migrated %s to schema %d", st->path, v + 1);
        v++;
    }
    return 0;
fail:
    rv_state_rollback(st);
    rv_err_prefix(err, "migrating to schema %d", v + 1);
    return rc;
}

static int open_common(rv_state **out, const char *home, int readonly, rv_err *err)
{
    *out = NULL;
    rv_state *st = calloc(1, sizeof *st);
    if (!st) return rv_err_set(err, RV_ENOMEM, "out of memory");
    size_t n = strlen(home) + sizeof RV_STATE_DB_NAME + 2;
    st->home = strdup(home);
    st->path = malloc(n);
    if (!st->home || !st->path) { rv_state_close(st); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    snprintf(st->path, n, "%s/%s", home, RV_STATE_DB_NAME);

    int rc;
    if (readonly) {
        if (access(st->path, R_OK) != 0) {
            rc = rv_err_set(err, RV_ESTATE, "%s: no state database (run `revus cohort add` first)", st->path);
            goto fail;
        }
    } else {
        if ((rc = rv_mkdir_private(home, err)) < 0) goto fail;
        /* create the file ourselves so it is 0600 from the first byte, and not through a link */
        int fd = rv_open_private(st->path, O_RDWR | O_CREAT, err);
        if (fd < 0) { rc = fd; goto fail; }
        close(fd);
    }
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(st->path, &st->db, flags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        rc = rv_state_fail(st, err, "cannot open");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(st->db, 1);
    if (!readonly) {
        if ((rc = rv_state_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", err)) < 0)
            goto fail;
        chmod(st->path, 0600);
    }
    if ((rc = rv_state_exec(st, "PRAGMA foreign_keys=ON", err)) < 0) goto fail;
    if (readonly) {
        int v;
        if ((rc = user_version(st, &v, err)) < 0) goto fail;
        if (v > RV_STATE_SCHEMA_VERSION) { rc = refuse_newer(st, v, err); goto fail; }
        if (v < RV_STATE_SCHEMA_VERSION) {
            rc = rv_err_set(err, RV_ESTATE, "%s: schema version %d is older than %d; "
                            "run any writing revus command once to upgrade it", st->path, v,
                            RV_STATE_SCHEMA_VERSION);
            goto fail;
        }
    } else if ((rc = migrate(st, err)) < 0) {
        goto fail;
    }
    *out = st;
    return 0;
fail:
    rv_state_close(st);
    return rc;
}

int rv_state_open(rv_state **st, const char *home, rv_err *err)
{
    return open_common(st, home, 0, err);
}

int rv_state_open_readonly(rv_state **st, const char *home, rv_err *err)
{
    return open_common(st, home, 1, err);
}

void rv_state_close(rv_state *st)
{
    if (!st) return;
    for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(st->stmt[i].s);
    if (st->db) sqlite3_close_v2(st->db);
    free(st->home);
    free(st->path);
    free(st);
}

int rv_state_file_version(const char *db_path, int *version, rv_err *err)
{
    sqlite3 *db = NULL;
    *version = 0;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        int rc = rv_err_set(err, RV_ESTATE, "%s: cannot open: %s", db_path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return rc;
    }
    sqlite3_stmt *s = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        *version = sqlite3_column_int(s, 0);
    else
        rc = rv_err_set(err, RV_ESTATE, "%s: %s", db_path, sqlite3_errmsg(db));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rc;
}
