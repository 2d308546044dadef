package io.bpf4j.bench;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JIT on the benchmark programs of {@code bench/bpf} (XDP objects compiled by clang, the
 * same objects that {@code bench/run-jit-bench.sh} runs in the kernel with {@code bpftool prog
 * run ... repeat} and whose C is timed natively). The context is a {@code struct xdp_md} in
 * low memory pointing at the 256-byte packet {@code bench/bpf/packet.bin}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitBench {
  @Param({"empty", "hash", "primes", "sort", "calls", "parse"})
  public String program;

  private JitProgram jit;
  private long ctx;

  @Setup
  public void setup() throws IOException {
    byte[] code = resource("jit/jit_" + program + ".bin");
    try {
      jit = compileVerified(code, program);
    } catch (io.bpf4j.isa.InvalidInsnException e) {
      throw new IOException(e);
    }
    ctx = xdpContext();
    System.out.printf("%njit %s result %d (compiled in %.3f ms)%n", program,
        jit.run(ctx, 24) & 0xffffffffL, jit.compileNanos() / 1e6);
  }

  /**
   * A benchmark program's code, verified as an XDP program (as the kernel verifies the object)
   * and compiled with the verifier's facts ({@code JitCompiler.compile(insns, helpers, facts)});
   * {@code -Dbpf4j.jit.rangeFacts=false} compiles it without them.
   */
  static JitProgram compileVerified(byte[] code, String name)
      throws io.bpf4j.isa.InvalidInsnException {
    List<Insn> insns = InsnCodec.decode(code);
    VerifierResult r = Verifier.verify(VerifierInput.of("jit_" + name, insns, ProgType.XDP));
    if (!r.accepted()) {
      throw new IllegalStateException("jit_" + name + " rejected: " + r.format());
    }
    return JitCompiler.compile(insns, HelperTable.empty(), r.facts());
  }

  /** Bytes between a benchmark context and its packet. */
  static final int PACKET_OFFSET = 64;

  /**
   * A {@code struct xdp_md} in memory below 4 GB ({@link LowMemory}) with the benchmark packet
   * ({@code jit/packet.bin}) {@value #PACKET_OFFSET} bytes after it: {@code data} and {@code
   * data_meta} point at the packet, {@code data_end} after it. Returns the context's address.
   */
  static long xdpContext() throws IOException {
    byte[] packet = resource("jit/packet.bin");
    MemorySegment mem = LowMemory.allocate(4096);
    MemorySegment pkt = mem.asSlice(PACKET_OFFSET, packet.length);
    pkt.copyFrom(MemorySegment.ofArray(packet));
    // struct xdp_md { u32 data; u32 data_end; u32 data_meta; u32 ingress_ifindex; ... }
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 0, (int) pkt.address());
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 4, (int) (pkt.address() + packet.length));
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 8, (int) pkt.address());
    return mem.address();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = JitBench.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return in.readAllBytes();
    }
  }

  /** One run of the program on the packet, called from Java. */
  @Benchmark
  public long run() {
    return jit.run(ctx, 24);
  }
}
