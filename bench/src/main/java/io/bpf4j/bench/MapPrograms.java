package io.bpf4j.bench;

import io.bpf4j.elf.ObjectFormatException;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The map-operation programs of {@code bench/bpf/map_ops.bpf.c} (one object, one XDP program
 * per operation and map type, each doing {@link #OPS} lookups or updates per run) and what
 * the harnesses share to run them on the JVM backend: the object, loaded for an engine, and
 * an XDP context in low memory (the programs do not read it, but the engines get a real one).
 */
final class MapPrograms {
  private MapPrograms() {}

  /** Map operations per program run (MAP_OPS in the C). */
  static final int OPS = 1024;

  /** The map types, in the order the harnesses run them. */
  static final List<String> MAPS = List.of("hash", "array", "lru_hash", "lpm_trie");

  /** The object from the benchmark jar's resources. */
  static ObjectSpec object() throws IOException {
    try {
      return ObjectReader.read("map_ops.bpf.o", JitBench.resource("maps/map_ops.bpf.o"));
    } catch (ObjectFormatException e) {
      throw new IOException(e);
    }
  }

  /** The object loaded on the JVM backend with {@code engine} (verified, as a load is). */
  static JvmObject load(JvmEngine engine) throws IOException, JvmLoadException {
    return JvmObject.load(object(), JvmLoadOptions.defaults().withEngine(engine));
  }

  /**
   * A {@code struct xdp_md} over a 64-byte zero packet, in low memory; its address. (The
   * programs do not read it: when {@code MAP_32BIT} memory is not to be had, ordinary memory
   * does, with data and data_end truncated.)
   */
  static long xdpContext() {
    MemorySegment mem;
    try {
      mem = LowMemory.allocate(4096);
    } catch (IllegalStateException e) {
      mem = java.lang.foreign.Arena.global().allocate(4096, 64);
    }
    MemorySegment pkt = mem.asSlice(256, 64);
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 0, (int) pkt.address());
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 4, (int) (pkt.address() + pkt.byteSize()));
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 8, (int) pkt.address());
    return mem.address();
  }

  /** The program {@code op_map} ({@code op}: lookup or update) of a loaded object. */
  static JvmProgram program(JvmObject obj, String op, String map) throws JvmLoadException {
    return obj.program(op + "_" + map);
  }
}
