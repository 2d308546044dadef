#!/usr/bin/env bash
# Rebuilds the JIT benchmark programs: one XDP object per benchmark from jit_bench.bpf.c
# (clang-16 -O2 -target bpf), and for bpf4j's JIT the program's raw code as a .bin: the
# "xdp" section followed by .text (the subprograms), with bpf-to-bpf calls relinked to
# their place in the combined code, as libbpf does. The .o and .bin files are committed.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
res=../src/main/resources/io/bpf4j/bench/jit
mkdir -p "$res"
for n in empty hash primes sort sortmask calls parse; do
  N=$(echo "$n" | tr a-z A-Z)
  clang-16 -O2 -g -target bpf -fdebug-prefix-map="$PWD"=bench/bpf -I/usr/include/$(uname -m)-linux-gnu -DBENCH_$N \
    -c jit_bench.bpf.c -o "jit_$n.bpf.o"
  tmp=$(mktemp -d)
  llvm-objcopy-16 -O binary --only-section=xdp "jit_$n.bpf.o" "$tmp/xdp"
  llvm-objcopy-16 -O binary --only-section=.text "jit_$n.bpf.o" "$tmp/text" 2>/dev/null || : >"$tmp/text"
  llvm-readelf-16 -r "jit_$n.bpf.o" | awk '/^Relocation section .\.relxdp. /{on=1;next} /^Relocation section/{on=0} on && /R_BPF_64_32/ {print $1, $5, $4}' >"$tmp/rel"
  python3 - "$tmp" "$res/jit_$n.bin" <<'PY'
import struct, sys
tmp, out = sys.argv[1], sys.argv[2]
xdp = bytearray(open(tmp + "/xdp", "rb").read())
text = open(tmp + "/text", "rb").read()
for line in open(tmp + "/rel"):
    off, sym, value = line.split()
    off, value = int(off, 16), int(value, 16)
    assert sym == ".text", "call into " + sym
    imm = struct.unpack_from("<i", xdp, off + 4)[0]
    target = len(xdp) // 8 + (value + (imm + 1) * 8) // 8   # libbpf's rule for section symbols
    struct.pack_into("<i", xdp, off + 4, target - (off // 8 + 1))
open(out, "wb").write(bytes(xdp) + text)
PY
  rm -rf "$tmp"
done
# the hash-map-heavy JIT benchmark: its map needs the JVM backend's loader, so the object
# itself is the resource (JitMaps), not raw code
clang-16 -O2 -g -target bpf -fdebug-prefix-map="$PWD"=bench/bpf -I/usr/include/$(uname -m)-linux-gnu -DBENCH_MAPS \
  -c jit_bench.bpf.c -o jit_maps.bpf.o
cp jit_maps.bpf.o "$res/jit_maps.bpf.o"
# map operations from a program (MapProgCpuTime, MapProgBench): the object itself is the resource
clang-16 -O2 -g -target bpf -fdebug-prefix-map="$PWD"=bench/bpf -I/usr/include/$(uname -m)-linux-gnu -c map_ops.bpf.c -o map_ops.bpf.o
mkdir -p ../src/main/resources/io/bpf4j/bench/maps
cp map_ops.bpf.o ../src/main/resources/io/bpf4j/bench/maps/map_ops.bpf.o
echo "built: $(ls jit_*.bpf.o map_ops.bpf.o | tr '\n' ' ')"
