#!/usr/bin/env bash
# The JIT benchmarks side by side, in one run on one machine: native C (gcc -O2), the kernel
# (BPF_PROG_TEST_RUN through bpftool prog run ... repeat, needs root), bpf4j's JIT in CPU
# time (JitCpuTime) and in JMH (wall time). See docs/PERFORMANCE.md, section JIT.
#   bench/run-jit-bench.sh            everything
#   JMH=0 bench/run-jit-bench.sh      without JMH
#   JMH_OPTS='-w 2s -r 2s' bench/run-jit-bench.sh   shorter JMH iterations
#   RATIO=0 bench/run-jit-bench.sh    without the in-process ratios (JitRatioCpuTime)
# The separate runs below give each engine's figure; on a shared VM a figure moves by up to
# 1.6x from one minute to the next, so the ratios to compare with issue 7's targets are the
# last section's: the three engines in one process, in interleaved rounds.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. scripts/jdk.sh
bpf4j_find_jdk || exit 1
names="empty hash primes sort sortmask calls parse"
echo "== machine: $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
mvn -q -B -o -pl bench -am package -DskipTests || exit 1
mkdir -p bench/target
gcc -O2 -Wall -o bench/target/jit-native bench/native/harness.c || exit 1
gcc -O2 -Wall -shared -fPIC -DJITBENCH_LIB -o bench/target/libjitnative.so \
  bench/native/harness.c || exit 1
echo "== native (gcc -O2)"
bench/target/jit-native bench/bpf/packet.bin
echo "== kernel (bpftool prog run ... repeat)"
if command -v bpftool >/dev/null && [ -d /sys/fs/bpf ] && [ "$(id -u)" = 0 ]; then
  for n in $names; do
    pin=/sys/fs/bpf/bpf4j_jitbench_$$_$n
    if bpftool prog load "bench/bpf/jit_$n.bpf.o" "$pin" type xdp >/dev/null 2>&1; then
      reps=$([ "$n" = empty ] || [ "$n" = parse ] && echo 10000000 || echo 2000)
      out=$(bpftool prog run pinned "$pin" data_in bench/bpf/packet.bin repeat "$reps" 2>&1)
      echo "kernel $n result $(echo "$out" | sed -n 's/Return value: \([0-9]*\).*/\1/p') duration $(echo "$out" | sed -n 's/.*duration (average): \([0-9]*\)ns/\1/p') ns/op"
      rm -f "$pin"
    else
      echo "kernel $n: load failed"
    fi
  done
else
  echo "kernel: skipped (needs root, bpftool and bpffs)"
fi
# the hash-map-heavy program (flow table, jitbench.h bench_maps): bpftool creates its map on
# load; the first of the repeated runs fills it, the reported result is the last run's
if command -v bpftool >/dev/null && [ -d /sys/fs/bpf ] && [ "$(id -u)" = 0 ]; then
  pin=/sys/fs/bpf/bpf4j_jitbench_$$_maps
  if bpftool prog load bench/bpf/jit_maps.bpf.o "$pin" type xdp >/dev/null 2>&1; then
    out=$(bpftool prog run pinned "$pin" data_in bench/bpf/packet.bin repeat 200000 2>&1)
    echo "kernel maps result $(echo "$out" | sed -n 's/Return value: \([0-9]*\).*/\1/p') duration $(echo "$out" | sed -n 's/.*duration (average): \([0-9]*\)ns/\1/p') ns/op"
    rm -f "$pin"
  else
    echo "kernel maps: load failed"
  fi
fi
echo "== jit (thread CPU time)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
  io.bpf4j.bench.JitCpuTime $names
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
  io.bpf4j.bench.JitMapsCpuTime
if [ "${RATIO:-1}" = 1 ]; then
  echo "== ratios in one process, interleaved rounds (JitRatioCpuTime: median [p10..p90] of rounds)"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
    io.bpf4j.bench.JitRatioCpuTime 20 100 $names maps
fi
if [ "${JMH:-1}" = 1 ]; then
  echo "== jit (JMH, wall time)"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar bench/target/benchmarks.jar \
    Jit -f 1 -wi 3 -i 5 ${JMH_OPTS:-} 2>&1 | grep -E "^JitBench|^Benchmark"
fi
