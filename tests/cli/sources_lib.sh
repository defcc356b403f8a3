# sources_lib.sh: what the `revus sources` tests share. Source it after lib.sh with WWW (the
# folder to serve), ANN (the descriptor folder) and REVUS_HOME set: it starts the local test
# server (tests/http/server.py, 127.0.0.1, a free port; requests logged to $TMP/http.log),
# sets BASE to its URL, stops it on exit, and defines the helpers below.
python3 "$TOP/tests/http/server.py" "$WWW" "$TMP/port" "$TMP/http.log" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$TMP/port" ]; then bad "test server started" "no port file"; finish; exit 1; fi
BASE=http://127.0.0.1:$(cat "$TMP/port")

rv() { "$REVUS" sources "$@" --annotations "$ANN"; }
active_of() { readlink "$REVUS_HOME/store/$1/active" 2>/dev/null || echo none; }
# expect_active NAME VERSION CHECK: the active release of NAME is VERSION.
expect_active() {
    got=$(active_of "$1")
    if [ "$got" = "$2" ]; then ok "$3"; else bad "$3" "active $got, want $2"; fi
}
no_stage_left() {
    if ls -a "$REVUS_HOME/store/$1" 2>/dev/null | grep -q '^\.stage-'; then bad "$2" "a .stage folder is left"; else ok "$2"; fi
}
count_log() { grep -c "$1" "$TMP/http.log" 2>/dev/null || true; }
