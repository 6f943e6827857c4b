#!/usr/bin/env bash
# Stops the dev Kafka broker started by infra/kafka/start.sh (via its pid file):
# SIGTERM, wait up to 30 s for a clean shutdown, then SIGKILL.
#   --wipe   also delete the data dir (topics, offsets, cluster id, logs);
#            the downloaded jars (KAFKA_JARS_DIR) are kept.
# Env: KAFKA_HOME_DIR (default <repo>/.boomerang/kafka), KAFKA_STOP_TIMEOUT (default 30).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
DATA_DIR="${KAFKA_HOME_DIR:-$REPO_ROOT/.boomerang/kafka}"
PID_FILE="$DATA_DIR/kafka.pid"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

wipe=false
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=true ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "kafka stop: unknown argument '$arg' (use --wipe)" >&2; exit 2 ;;
  esac
done

pid=""
if [[ -f "$PID_FILE" ]]; then
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null \
     || ! ps -p "$pid" -o args= 2>/dev/null | grep -q 'kafka\.Kafka'; then
    echo "kafka not running (stale pid file $PID_FILE removed)"
    rm -f "$PID_FILE"
    pid=""
  fi
else
  echo "kafka not running (no pid file in $DATA_DIR)"
fi
if [[ -z "$pid" ]] && command -v node >/dev/null 2>&1 \
   && node "$SCRIPT_DIR/wait.mjs" --port "${KAFKA_PORT:-9092}" --timeout 0 --quiet; then
  echo "note: a Kafka broker answers on 127.0.0.1:${KAFKA_PORT:-9092}, but it was not started from $DATA_DIR; left alone"
fi

if [[ -n "$pid" ]]; then
  t0="$(date +%s)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( $(date +%s) - t0 < STOP_TIMEOUT )); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka (pid $pid) did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  echo "kafka stopped (pid $pid, $(( $(date +%s) - t0 ))s)"
fi

if $wipe; then
  if [[ -d "$DATA_DIR" ]]; then
    # Safety: only delete a directory that start.sh populated.
    if [[ ! -f "$DATA_DIR/server.properties" && ! -f "$DATA_DIR/logs/meta.properties" ]]; then
      echo "kafka stop: refusing to wipe $DATA_DIR (no server.properties / logs/meta.properties: not a start.sh data dir)" >&2
      exit 1
    fi
    rm -rf "$DATA_DIR"
    echo "wiped $DATA_DIR"
  else
    echo "nothing to wipe ($DATA_DIR does not exist)"
  fi
fi
