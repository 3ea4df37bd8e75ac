#!/usr/bin/env bash
# Local, real Neo4j Community 5.26 LTS server for tests and CI (no Docker).
#
#   eval "$(scripts/neo4j-server.sh start)"   # prints: export NEO4J_URI=... NEO4J_USER=... NEO4J_PASSWORD=... NEO4J_DATABASE=...
#   scripts/neo4j-server.sh status
#   scripts/neo4j-server.sh stop
#
# start  - idempotent. Fetches the jars once (Maven, ~/.m2 as cache) into
#          $KENNISGRAAF_CACHE/neo4j-5.26/lib, wipes $KENNISGRAAF_CACHE/neo4j-data/home (fresh database),
#          starts neo4j-server/StartNeo4j.java in the background (Bolt on 127.0.0.1 only, auth on,
#          no HTTP) and waits for its READY line. If a server from this script is already running with
#          the same port and password it is reused as is (data NOT wiped).
#          stdout carries only the export line; progress and errors go to stderr.
# stop   - SIGTERM, wait up to $NEO4J_STOP_TIMEOUT s (default 60), then SIGKILL. Exit 0 if not running.
# status - exit 0 and a line on stdout if running, exit 3 if not.
#
# Environment:
#   KENNISGRAAF_CACHE    default $HOME/.cache/kennisgraaf
#   NEO4J_TEST_PORT      default 7697
#   NEO4J_PASSWORD       default: a random one, kept in $KENNISGRAAF_CACHE/neo4j-data/password (at least 8 characters)
#   NEO4J_HEAP           default 1g (-Xmx)
#   NEO4J_TX_MAX_MB      default 512: memory all transactions together may use (loads are one transaction)
#   NEO4J_TX_ONE_MAX_MB  memory ONE transaction may use (db.memory.transaction.max; bounds console queries and the
#                        one-transaction load): default 256, or NEO4J_TX_MAX_MB when that is set (big benchmarks)
#   NEO4J_PAGECACHE_MB   default 128
#   NEO4J_START_TIMEOUT  default 180 (seconds to wait for READY)
#   NEO4J_JAVA_OPTS      extra JVM options (word-split, appended last so they win). The default runs
#                        C1 only (-XX:TieredStopAtLevel=1): ~35% faster start and short test runs on
#                        2 cores; pass "-XX:TieredStopAtLevel=4" for full JIT (long benchmarks).
#   NEO4J_JAVA           java binary (must be Java 17 or 21); default: first Java 17/21 of
#                        $JAVA_HOME/bin/java, java on PATH, /usr/lib/jvm/*17*, /usr/lib/jvm/*21*
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_DIR="$REPO_ROOT/neo4j-server"
CACHE="${KENNISGRAAF_CACHE:-$HOME/.cache/kennisgraaf}"
LIB="$CACHE/neo4j-5.26/lib"
STATE="$CACHE/neo4j-data"
HOME_DIR="$STATE/home"
PIDFILE="$STATE/neo4j.pid"
LOGFILE="$STATE/neo4j.log"
INFOFILE="$STATE/neo4j.info"
PORT="${NEO4J_TEST_PORT:-7697}"
PWFILE="$STATE/password"
# No password in the repo: without NEO4J_PASSWORD a random one is made per server and kept (0600) beside it.
if [[ -n "${NEO4J_PASSWORD:-}" ]]; then
    PASSWORD="$NEO4J_PASSWORD"
elif [[ -f "$PWFILE" ]]; then
    PASSWORD="$(cat "$PWFILE")"
else
    PASSWORD="kg-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
fi
HEAP="${NEO4J_HEAP:-1g}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

log() { echo "neo4j-server: $*" >&2; }
die() { log "$*"; exit 1; }

env_line() {
    printf 'export NEO4J_URI=%q NEO4J_USER=neo4j NEO4J_PASSWORD=%q NEO4J_DATABASE=neo4j\n' \
        "bolt://127.0.0.1:$PORT" "$PASSWORD"
}

pw_hash() { printf '%s' "$PASSWORD" | sha256sum | cut -d' ' -f1; }

# pid of our running server, or nothing (stale pidfiles and reused pids are ignored)
running_pid() {
    local pid
    [[ -f "$PIDFILE" ]] || return 0
    pid="$(tr -dc '0-9' <"$PIDFILE")"
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'StartNeo4j'; then
        echo "$pid"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Neo4j 5.26 runs on Java 17 or 21 only. NEO4J_JAVA is taken strictly; otherwise the first Java 17/21
# among $JAVA_HOME, PATH and /usr/lib/jvm (so a JAVA_HOME pointing at Java 25 does not break us).
find_java() {
    local c major
    if [[ -n "${NEO4J_JAVA:-}" ]]; then
        major="$(java_major "$NEO4J_JAVA")"
        [[ "$major" == 17 || "$major" == 21 ]] ||
            die "Neo4j 5.26 needs Java 17 or 21; NEO4J_JAVA=$NEO4J_JAVA is Java '$major'"
        echo "$NEO4J_JAVA"
        return 0
    fi
    for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" \
             /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*21*/bin/java; do
        [[ -n "$c" && -x "$c" ]] || continue
        major="$(java_major "$c")"
        if [[ "$major" == 17 || "$major" == 21 ]]; then
            echo "$c"
            return 0
        fi
    done
    die "no Java 17 or 21 found (Neo4j 5.26 needs one); set NEO4J_JAVA"
}

neo4j_version() { sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$SERVER_DIR/pom.xml"; }

fetch_jars() {
    local version marker tmp
    version="$(neo4j_version)"
    marker="$LIB/.complete-$version"
    [[ -f "$marker" ]] && return 0
    command -v mvn >/dev/null || die "mvn not found; needed once to fetch the Neo4j $version jars"
    log "fetching Neo4j $version jars into $LIB (once; ~125 MB, cached in ~/.m2)"
    mkdir -p "$(dirname "$LIB")"
    tmp="$(mktemp -d "$(dirname "$LIB")/lib.tmp.XXXXXX")"
    if ! mvn -B -ntp -f "$SERVER_DIR/pom.xml" dependency:copy-dependencies \
            -DoutputDirectory="$tmp" -DincludeScope=runtime >"$tmp.mvn.log" 2>&1; then
        tail -n 40 "$tmp.mvn.log" >&2
        rm -rf "$tmp" "$tmp.mvn.log"
        die "mvn dependency:copy-dependencies failed"
    fi
    rm -f "$tmp.mvn.log"
    touch "$tmp/.complete-$version"
    rm -rf "$LIB"
    mv "$tmp" "$LIB"
}

cmd_start() {
    local pid java start waited jvmpid
    mkdir -p "$STATE"
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        if [[ -f "$INFOFILE" ]] && [[ "$(cat "$INFOFILE")" == "$PORT $(pw_hash)" ]]; then
            log "already running (pid $pid) on bolt://127.0.0.1:$PORT"
            env_line
            return 0
        fi
        die "already running (pid $pid) with a different port or password; run '$0 stop' first"
    fi
    [[ ${#PASSWORD} -ge 8 ]] || die "NEO4J_PASSWORD must have at least 8 characters"
    port_in_use "$PORT" && die "port 127.0.0.1:$PORT is already in use by another process (set NEO4J_TEST_PORT)"
    java="$(find_java)"
    fetch_jars

    rm -rf "$HOME_DIR" "$PIDFILE" "$INFOFILE"
    mkdir -p "$HOME_DIR"
    : >"$LOGFILE"
    start=$SECONDS
    # setsid: own session, so Ctrl-C / CI job control of the caller does not reach the server.
    # The password goes through the environment, not the command line (visible in ps).
    NEO4J_PASSWORD="$PASSWORD" nohup setsid "$java" \
        -Xms256m -Xmx"$HEAP" \
        -XX:TieredStopAtLevel=1 -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
        -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
        -Dlog4j2.disable.jmx=true \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        ${NEO4J_JAVA_OPTS:-} \
        -cp "$LIB/*" "$SERVER_DIR/StartNeo4j.java" \
        --home "$HOME_DIR" --port "$PORT" --pidfile "$PIDFILE" \
        </dev/null >>"$LOGFILE" 2>&1 &
    local bgpid=$!
    echo "$PORT $(pw_hash)" >"$INFOFILE"
    (umask 077 && printf '%s' "$PASSWORD" >"$PWFILE")

    while :; do
        if grep -q '^NEO4J READY ' "$LOGFILE"; then
            break
        fi
        waited=$((SECONDS - start))
        jvmpid="$bgpid"
        [[ -s "$PIDFILE" ]] && jvmpid="$(tr -dc '0-9' <"$PIDFILE")"
        if grep -q '^NEO4J FAILED' "$LOGFILE" || ! kill -0 "$jvmpid" 2>/dev/null || ((waited >= START_TIMEOUT)); then
            log "failed to start (after ${waited}s); last lines of $LOGFILE:"
            tail -n 40 "$LOGFILE" >&2 || true
            if [[ -f "$HOME_DIR/logs/debug.log" ]]; then
                log "last errors in $HOME_DIR/logs/debug.log:"
                grep -E ' (ERROR|WARN) ' "$HOME_DIR/logs/debug.log" | tail -n 10 >&2 || true
            fi
            kill -TERM "$jvmpid" 2>/dev/null || true
            sleep 2
            kill -KILL "$jvmpid" 2>/dev/null || true
            rm -f "$PIDFILE" "$INFOFILE"
            exit 1
        fi
        sleep 0.5
    done
    [[ -f "$PIDFILE" ]] || echo "$bgpid" >"$PIDFILE"
    log "ready on bolt://127.0.0.1:$PORT (pid $(cat "$PIDFILE"), ${SECONDS}s since script start, $((SECONDS - start))s for the JVM); log $LOGFILE"
    env_line
}

cmd_stop() {
    local pid i
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        log "not running"
        rm -f "$PIDFILE" "$INFOFILE"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 2; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$PIDFILE" "$INFOFILE"
    log "stopped (pid $pid)"
}

cmd_status() {
    local pid
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        echo "running pid $pid bolt://127.0.0.1:$(cut -d' ' -f1 "$INFOFILE" 2>/dev/null || echo "$PORT") log $LOGFILE"
        return 0
    fi
    echo "not running"
    return 3
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
