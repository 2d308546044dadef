package io.bpf4j.bench;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The object reader, warm: a 1.2 MB clang object (300 programs with subprograms, 300 maps,
 * 600 globals, its BTF and BTF.ext) read into an ObjectSpec; and the kernel's BTF
 * (/sys/kernel/btf/vmlinux, about 5 MB) parsed. Bytes are in memory: no I/O is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class LoaderBench {
  byte[] big;
  byte[] vmlinux;

  @Setup
  public void setup() throws IOException {
    try (InputStream in = LoaderBench.class.getResourceAsStream("/bpf/big.o")) {
      big = in.readAllBytes();
    }
    Path v = Path.of("/sys/kernel/btf/vmlinux");
    vmlinux = Files.isReadable(v) ? Files.readAllBytes(v) : null;
  }

  /**
   * CPU time per operation (thread CPU time, not wall time: on a shared, oversubscribed
   * machine the wall time mostly measures waiting for a core). Prints the median of 40 runs
   * after 40 warm-up runs: {@code java -cp bench/target/benchmarks.jar io.bpf4j.bench.LoaderBench}.
   */
  public static void main(String[] args) throws Exception {
    LoaderBench b = new LoaderBench();
    b.setup();
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (String what : new String[] {"readOneMegabyteObject", "parseVmlinuxBtf",
        "parseAndFindInVmlinuxBtf"}) {
      long[] cpu = new long[40];
      for (int i = 0; i < 80; i++) {
        long t0 = mx.getCurrentThreadCpuTime();
        Object r = switch (what) {
          case "parseVmlinuxBtf" -> b.parseVmlinuxBtf();
          case "parseAndFindInVmlinuxBtf" -> b.parseAndFindInVmlinuxBtf();
          default -> b.readOneMegabyteObject();
        };
        long t1 = mx.getCurrentThreadCpuTime();
        if (i == 0) {
          System.out.printf("%-24s first run %.1f ms CPU%n", what, (t1 - t0) / 1e6);
        }
        if (r == null && what.equals("readOneMegabyteObject")) {
          throw new IllegalStateException();
        }
        if (i >= 40) {
          cpu[i - 40] = t1 - t0;
        }
      }
      java.util.Arrays.sort(cpu);
      System.out.printf("%-24s median %.1f ms CPU, min %.1f ms, max %.1f ms%n", what, cpu[20] / 1e6, cpu[0] / 1e6, cpu[39] / 1e6);
    }
  }

  @Benchmark
  public ObjectSpec readOneMegabyteObject() throws Exception {
    return ObjectReader.read("big.o", big);
  }

  @Benchmark
  public Btf parseVmlinuxBtf() throws Exception {
    return vmlinux == null ? null : Btf.parse(vmlinux);
  }

  /** What a CO-RE relocation or the verifier's first kernel struct costs: parse, then a name. */
  @Benchmark
  public int parseAndFindInVmlinuxBtf() throws Exception {
    return vmlinux == null ? -1
        : Btf.parse(vmlinux).find(io.bpf4j.btf.BtfKind.STRUCT, "task_struct");
  }
}
