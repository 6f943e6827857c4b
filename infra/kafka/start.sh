#!/usr/bin/env bash
# Starts a single-node Apache Kafka (KRaft, broker+controller) dev broker in the
# background, without Docker, from Maven Central jars. Idempotent: if a broker
# already answers on 127.0.0.1:$KAFKA_PORT it does nothing.
#
# Env:
#   KAFKA_PORT             client port                    (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port          (default 9093)
#   KAFKA_HOME_DIR         data dir                       (default <repo>/.boomerang/kafka)
#   KAFKA_JARS_DIR         broker classpath jars          (default <repo>/.boomerang/kafka-jars)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness  (default 90)
#   KAFKA_HEAP_OPTS        JVM heap                       (default "-Xms256m -Xmx512m")
#   KAFKA_GC_OPTS          garbage collector              (default "-XX:+UseG1GC -XX:MaxGCPauseMillis=20")
#   KAFKA_JVM_OPTS         extra JVM options              (default empty)
#   JAVA_HOME              picks $JAVA_HOME/bin/java, else java on PATH
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
DATA_DIR="${KAFKA_HOME_DIR:-$REPO_ROOT/.boomerang/kafka}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
GC_OPTS="${KAFKA_GC_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20}"
EXTRA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"

log() { printf '%s\n' "$*"; }
die() { printf 'kafka start: %s\n' "$*" >&2; exit 1; }

for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] && (( p > 0 && p < 65536 )) || die "invalid port '$p'"
done
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

command -v node >/dev/null 2>&1 || die "node is required (for infra/kafka/wait.mjs)"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -n "$JAVA" ]] || die "java (17+) is required: set JAVA_HOME or put java on PATH"

mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
JARS_DIR="${KAFKA_JARS_DIR:-$REPO_ROOT/.boomerang/kafka-jars}"
PID_FILE="$DATA_DIR/kafka.pid"
OUT_FILE="$DATA_DIR/kafka.out"
SERVER_LOG="$DATA_DIR/server.log"
PROPS="$DATA_DIR/server.properties"
LOCK_DIR="$DATA_DIR/.start.lock"

probe() { # $1 = timeout seconds (0 = single probe); quiet
  node "$SCRIPT_DIR/wait.mjs" --host "$KAFKA_HOST" --port "$KAFKA_PORT" --timeout "$1" --quiet
}

# Is the pid in the pid file a live broker of this data dir?
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  printf '%s\n' "$pid"
}

# --- 1. fast path: already running -------------------------------------------
if probe 0; then
  log "kafka already running on $KAFKA_HOST:$KAFKA_PORT"
  exit 0
fi

# --- serialize concurrent start.sh runs (portable mkdir lock) ----------------
release_lock() { rm -rf "$LOCK_DIR"; }
lock_waited=0
until mkdir "$LOCK_DIR" 2>/dev/null; do
  holder="$(cat "$LOCK_DIR/pid" 2>/dev/null || true)"
  if [[ -n "$holder" ]] && ! kill -0 "$holder" 2>/dev/null; then
    rm -rf "$LOCK_DIR"; continue # stale lock from a killed run
  fi
  (( lock_waited++ < 600 )) || die "another start.sh holds $LOCK_DIR for too long"
  sleep 0.5
done
echo $$ >"$LOCK_DIR/pid"
trap release_lock EXIT

# Another run may have started it while we waited for the lock.
if probe 0; then
  log "kafka already running on $KAFKA_HOST:$KAFKA_PORT"
  exit 0
fi

t_start="$(node -e 'process.stdout.write(String(Date.now()))')"
elapsed() { node -e "process.stdout.write(((Date.now() - $t_start) / 1000).toFixed(1))"; }

wait_ready() { # $1 = pid to watch (may be empty)
  local pid="$1" deadline=$(( $(date +%s) + START_TIMEOUT ))
  while (( $(date +%s) < deadline )); do
    if probe 0; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      printf 'kafka start: broker process %s exited during startup\n' "$pid" >&2
      return 1
    fi
    sleep 0.5
  done
  printf 'kafka start: broker not ready on %s:%s after %ss\n' "$KAFKA_HOST" "$KAFKA_PORT" "$START_TIMEOUT" >&2
  return 1
}

show_logs_and_fail() {
  {
    if pid="$(broker_pid)"; then
      echo "(broker pid $pid is still running: a later start.sh waits for it; bash infra/kafka/stop.sh stops it)"
    fi
    echo "---- tail of $OUT_FILE ----"
    tail -n 40 "$OUT_FILE" 2>/dev/null || true
    echo "---- tail of $SERVER_LOG ----"
    tail -n 60 "$SERVER_LOG" 2>/dev/null || true
  } >&2
  exit 1
}

# --- 2. a broker of ours is already booting: just wait for it ----------------
if pid="$(broker_pid)"; then
  log "kafka (pid $pid) is starting; waiting for $KAFKA_HOST:$KAFKA_PORT"
  wait_ready "$pid" || show_logs_and_fail
  log "kafka started on $KAFKA_HOST:$KAFKA_PORT in $(elapsed)s"
  exit 0
fi
rm -f "$PID_FILE"

# Refuse to fight over a port something else holds (a non-Kafka server, or a
# broker that is not ours and not answering).
port_busy() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }
for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if port_busy "$p"; then
    die "port $KAFKA_HOST:$p is in use by something that is not a ready Kafka broker started from $DATA_DIR (set KAFKA_PORT / KAFKA_CONTROLLER_PORT, or stop it)"
  fi
done

# --- 3. jars (once) -----------------------------------------------------------
POM="$SCRIPT_DIR/pom.xml"
pom_stamp="$(cksum <"$POM" | awk '{print $1 "-" $2}')"
if [[ ! -f "$JARS_DIR/.stamp" || "$(cat "$JARS_DIR/.stamp")" != "$pom_stamp" ]] \
   || ! compgen -G "$JARS_DIR/kafka_2.13-*.jar" >/dev/null; then
  command -v mvn >/dev/null 2>&1 || die "mvn is required to fetch the Kafka jars the first time"
  log "fetching Kafka jars with Maven into $JARS_DIR (first run only) ..."
  t_mvn="$(date +%s)"
  tmp_jars="$JARS_DIR.tmp.$$"
  rm -rf "$tmp_jars"
  mkdir -p "$(dirname "$JARS_DIR")"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp_jars" >"$DATA_DIR/mvn.log" 2>&1; then
    rm -rf "$tmp_jars"
    cat "$DATA_DIR/mvn.log" >&2
    die "mvn dependency:copy-dependencies failed (log: $DATA_DIR/mvn.log)"
  fi
  echo "$pom_stamp" >"$tmp_jars/.stamp"
  rm -rf "$JARS_DIR"
  mv "$tmp_jars" "$JARS_DIR"
  log "fetched $(ls "$JARS_DIR"/*.jar | wc -l | tr -d ' ') jars in $(( $(date +%s) - t_mvn ))s"
fi
CLASSPATH_GLOB="$JARS_DIR/*"

# --- 4. config + storage ------------------------------------------------------
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
sed -e "s|__DATA_DIR__|$(sed_escape "$DATA_DIR")|g" \
    -e "s|__KAFKA_PORT__|$KAFKA_PORT|g" \
    -e "s|__CONTROLLER_PORT__|$KAFKA_CONTROLLER_PORT|g" \
    "$SCRIPT_DIR/server.properties.template" >"$PROPS.tmp"
mv "$PROPS.tmp" "$PROPS"

LOG4J_OPTS=(-Dlog4j.configuration="file:$SCRIPT_DIR/log4j.properties" -Dkafka.logs.dir="$DATA_DIR")

if [[ ! -f "$DATA_DIR/logs/meta.properties" ]]; then
  cluster_id_file="$DATA_DIR/cluster.id"
  if [[ ! -s "$cluster_id_file" ]]; then
    "$JAVA" "${LOG4J_OPTS[@]}" -cp "$CLASSPATH_GLOB" kafka.tools.StorageTool random-uuid 2>/dev/null \
      | tr -dc 'A-Za-z0-9_-' >"$cluster_id_file"
    [[ -s "$cluster_id_file" ]] || die "could not generate a cluster id"
  fi
  log "formatting KRaft storage in $DATA_DIR/logs (cluster id $(cat "$cluster_id_file"))"
  "$JAVA" "${LOG4J_OPTS[@]}" -cp "$CLASSPATH_GLOB" kafka.tools.StorageTool format \
    --cluster-id "$(cat "$cluster_id_file")" --config "$PROPS" --ignore-formatted >>"$OUT_FILE" 2>&1 \
    || { tail -n 20 "$OUT_FILE" >&2; die "kafka-storage format failed"; }
fi

# --- 5. launch ----------------------------------------------------------------
# The pid file is written by the shell that then execs java, so it holds the JVM's pid.
# setsid (when available) detaches it from our process group; nohup from SIGHUP.
read -r -a heap_arr <<<"$HEAP_OPTS"
read -r -a gc_arr <<<"$GC_OPTS"
read -r -a extra_arr <<<"$EXTRA_JVM_OPTS"
launcher=(nohup)
if command -v setsid >/dev/null 2>&1; then launcher=(setsid nohup); fi
{
  echo
  echo "==== $(date '+%Y-%m-%d %H:%M:%S') start.sh: starting kafka on $KAFKA_HOST:$KAFKA_PORT ===="
} >>"$OUT_FILE"
"${launcher[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
  "$JAVA" "${heap_arr[@]}" \
  "${gc_arr[@]}" -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true \
  "${LOG4J_OPTS[@]}" \
  ${extra_arr[@]+"${extra_arr[@]}"} \
  -cp "$CLASSPATH_GLOB" kafka.Kafka "$PROPS" \
  >>"$OUT_FILE" 2>&1 </dev/null &

for _ in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
[[ -n "$pid" ]] || die "broker process did not start (see $OUT_FILE)"

if ! wait_ready "$pid"; then
  show_logs_and_fail
fi
log "kafka started on $KAFKA_HOST:$KAFKA_PORT in $(elapsed)s (pid $pid, data $DATA_DIR, log $SERVER_LOG)"
