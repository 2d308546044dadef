#!/usr/bin/env bash
# Map operations, JVM backend against the kernel, in one run on one machine (see
# docs/PERFORMANCE.md, section "Maps and helpers"):
#   1. from a program: bench/bpf/map_ops.bpf.c (1024 lookups or updates per run) in the kernel
#      (BPF_PROG_TEST_RUN repeat, the kernel's own duration) and on the JVM backend with the
#      JIT and the interpreter (thread CPU time): MapProgCpuTime;
#   2. from Java: the JVM maps' Java API against bpf() on kernel maps (thread CPU time, system
#      time included): MapApiCpuTime.
# The kernel halves need root (they print "skipped" otherwise).
#   bench/run-map-bench.sh               everything
#   bench/run-map-bench.sh hash lpm_trie only these maps (hash, array, lru_hash, lpm_trie)
#   JMH=1 bench/run-map-bench.sh         also MapProgBench and MapBench in JMH (wall time)
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. scripts/jdk.sh
bpf4j_find_jdk || exit 1
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), machine: $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), kernel $(uname -r)"
mvn -q -B -o -pl bench -am package -DskipTests || exit 1
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
echo "== from a program: ns per run of 1024 operations, and per operation"
"${java[@]}" -cp bench/target/benchmarks.jar io.bpf4j.bench.MapProgCpuTime kernel jit interpreter "$@"
echo "== from Java: the JVM maps' Java API and bpf() on kernel maps, ns per operation"
"${java[@]}" -cp bench/target/benchmarks.jar io.bpf4j.bench.MapApiCpuTime jvm kernel "$@"
if [ "${JMH:-0}" = 1 ]; then
  echo "== JMH (wall time)"
  "${java[@]}" -jar bench/target/benchmarks.jar '^io.bpf4j.bench.(MapProgBench|MapBench)' \
    -f 1 -wi 3 -i 5 -w 1 -r 1 2>&1 | grep -E "^(MapProgBench|MapBench|Benchmark)"
fi
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
