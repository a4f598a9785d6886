#!/usr/bin/env bash
# Start and stop real OpenSearch nodes for development and CI (see docs/search-engine.md).
# Nodes run in the background, one JVM each, with their data, logs and pid files under
# tools/search-engine/run/<single|cluster>/node-<i>/.
#
#   engine.sh start single        one node: HTTP 9200, transport 9300
#   engine.sh start cluster       three nodes: HTTP 9200-9202, transport 9300-9302
#   engine.sh stop single|cluster
#   engine.sh node cluster <i>    start node i alone (again), e.g. after a test killed it
#   engine.sh status single|cluster
#
# SEARCH_ENGINE_HEAP (default "-Xms512m -Xmx1g") sets each node's heap.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="$here/run"
heap="${SEARCH_ENGINE_HEAP:--Xms512m -Xmx1g}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

usage() { sed -n '5,11p' "$0" >&2; exit 2; }

build() {
    # Maven resolves the jars once into ~/.m2; later builds only check the local cache.
    if [ ! -s "$here/target/classpath.txt" ] || [ "$here/pom.xml" -nt "$here/target/classpath.txt" ] \
        || [ -n "$(find "$here/src" -newer "$here/target/classpath.txt" -print -quit)" ]; then
        echo "Building the search engine launcher (Maven; the first build downloads ~60 MB)…"
        mkdir -p "$here/target"
        if ! mvn -q -B -Dstyle.color=never -f "$here/pom.xml" compile >"$here/target/maven.log" 2>&1; then
            cat "$here/target/maven.log" >&2
            exit 1
        fi
        touch "$here/target/classpath.txt"  # Maven leaves it alone when nothing changed
    fi
}

count() { case "$1" in single) echo 1 ;; cluster) echo 3 ;; *) usage ;; esac; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

urls() {
    local n; n=$(count "$1")
    local list=() i
    for ((i = 0; i < n; i++)); do list+=("http://127.0.0.1:$((9200 + i))"); done
    (IFS=,; echo "${list[*]}")
}

start_node() {
    local kind=$1 i=$2 n seeds=""
    n=$(count "$kind")
    local home="$run/$kind/node-$i"
    mkdir -p "$home"
    if alive "$home/pid"; then
        echo "node-$i ($kind) already runs (pid $(cat "$home/pid"))"
        return
    fi
    if [ "$kind" = cluster ]; then seeds="9300,9301,9302"; fi
    # shellcheck disable=SC2086
    nohup "$java" $heap -XX:+UseSerialGC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
        se.larplattformen.searchengine.SearchNode "$home" "node-$i" $((9200 + i)) $((9300 + i)) $seeds \
        >"$home/stdout.log" 2>&1 </dev/null &
    echo $! >"$home/pid"
    echo "node-$i ($kind) started: pid $!, http://127.0.0.1:$((9200 + i)), log $home/stdout.log"
}

# Wait until the cluster has all its nodes and is green (at most $1 seconds).
wait_green() {
    local kind=$1 limit=${2:-180} n
    n=$(count "$kind")
    python3 - "$n" "$limit" <<'PY'
import json, sys, time, urllib.request
nodes, limit = int(sys.argv[1]), float(sys.argv[2])
deadline = time.monotonic() + limit
url = f"http://127.0.0.1:9200/_cluster/health?wait_for_status=green&wait_for_nodes={nodes}&timeout=5s"
last = "no answer"
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            health = json.load(response)
        last = f"{health['status']}, {health['number_of_nodes']} node(s)"
        if health["status"] == "green" and health["number_of_nodes"] >= nodes:
            sys.exit(0)
    except Exception as error:  # not listening yet, or 408 while waiting
        last = str(error)
    time.sleep(1)
sys.exit(f"the search engine did not become green in {limit:.0f} s ({last})")
PY
}

stop() {
    local kind=$1 pidfile pid any=0
    for pidfile in "$run/$kind"/node-*/pid; do
        [ -f "$pidfile" ] || continue
        if alive "$pidfile"; then
            pid=$(cat "$pidfile")
            kill -TERM "$pid"
            any=1
            for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
            echo "stopped $(basename "$(dirname "$pidfile")") ($kind, pid $pid)"
        fi
        rm -f "$pidfile"
    done
    [ $any = 1 ] || echo "no $kind search node was running"
}

cmd=${1:-}; kind=${2:-}
[ -n "$cmd" ] && [ -n "$kind" ] || usage
case "$cmd" in
start)
    other=$([ "$kind" = single ] && echo cluster || echo single)
    for pidfile in "$run/$other"/node-*/pid; do
        if alive "$pidfile"; then echo "the $other search engine runs: make search-$([ "$other" = single ] && echo engine || echo cluster)-stop first" >&2; exit 1; fi
    done
    command -v "$java" >/dev/null || { echo "java not found: the search engine needs Java 17+" >&2; exit 1; }
    build
    n=$(count "$kind")
    for ((i = 0; i < n; i++)); do start_node "$kind" "$i"; done
    wait_green "$kind" "${SEARCH_ENGINE_WAIT:-240}"
    echo "OpenSearch is green. Use it with:"
    echo "  export OPENSEARCH_URL=$(urls "$kind")"
    ;;
node)
    build
    start_node "$kind" "${3:?node number}"
    ;;
stop) stop "$kind" ;;
status)
    for pidfile in "$run/$kind"/node-*/pid; do
        if alive "$pidfile"; then echo "$(basename "$(dirname "$pidfile")"): pid $(cat "$pidfile")"; fi
    done
    ;;
urls) urls "$kind" ;;
*) usage ;;
esac
