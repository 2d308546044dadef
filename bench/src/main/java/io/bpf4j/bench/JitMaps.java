package io.bpf4j.bench;

import io.bpf4j.elf.ObjectFormatException;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import java.io.IOException;

/**
 * The JIT benchmark with a map (issue 7's "hash-map-heavy program"): {@code bench_maps} of
 * {@code bench/bpf/jitbench.h}, a flow table with a lookup and an update of a hash map per
 * packet, as the XDP object {@code jit_maps.bpf.o}. Unlike the other JIT benchmarks, which
 * compile raw code, it needs its map created and its {@code lddw} relocated, so it runs
 * through the JVM backend ({@link JvmObject}, verified) with the JIT engine; each run is
 * inside an RCU section ({@link JvmProgram#run}) as a program run on the JVM backend is.
 */
final class JitMaps {
  /** The program, loaded with a fresh map; {@link #ctx} is its context. */
  final JvmProgram program;
  final JvmObject object;
  /** A {@code struct xdp_md} in low memory over the 256-byte benchmark packet. */
  final long ctx;

  private JitMaps(JvmObject object, JvmProgram program, long ctx) {
    this.object = object;
    this.program = program;
    this.ctx = ctx;
  }

  static JitMaps load(JvmEngine engine) throws IOException, JvmLoadException {
    JvmObject obj;
    try {
      obj = JvmObject.load(
          ObjectReader.read("jit_maps.bpf.o", JitBench.resource("jit/jit_maps.bpf.o")),
          JvmLoadOptions.defaults().withEngine(engine));
    } catch (ObjectFormatException e) {
      throw new IOException(e);
    }
    return new JitMaps(obj, obj.program("jit_maps"), JitBench.xdpContext());
  }

  long run() {
    return program.run(ctx, 24);
  }
}
