package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.PerfBuffer;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.maps.PerfBufferReader;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code perf_output.o} in the kernel and on the JVM backend: three samples with
 * {@code BPF_F_CURRENT_CPU} (24, 4 and 8 bytes), an index past max_entries (-E2BIG) and an
 * index without a reader (-ENOENT: the map has 1024 slots, readers open one per CPU). The
 * test run runs on some CPU of each side, so the samples' contents are compared, not their
 * CPUs; the kernel pads each sample's raw data to 8-byte alignment with its u32 size, and
 * the JVM reader hands over the same padded bytes.
 */
@RequiresKernel
class PerfOutputDifferentialTest {
  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void sameSamplesAndResultsAsTheKernel(JvmEngine engine) throws Exception {
    try (Both b = Both.load("perf_output", engine);
        PerfBuffer kpb = PerfBuffer.open(b.kernel.map("events"), 1)) {
      List<String> kSamples = new ArrayList<>();
      List<String> jSamples = new ArrayList<>();
      long[] lost = new long[2];
      try (PerfBufferReader jpb = new PerfBufferReader(b.jvm.map("events"), 4096,
          (cpu, d) -> jSamples.add(Both.hex(d.toArray(ValueLayout.JAVA_BYTE))),
          (cpu, n) -> lost[1] += n)) {
        for (int run = 0; run < 2; run++) {
          byte[] data = new byte[40 + run * 9];
          for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + run);
          }
          assertEquals(b.runKernel("perf_output", data), b.runJvm("perf_output", data));
          assertEquals(b.kernelMap("results"), b.jvmMap("results"), "helper results of run " + run);
          // read each run's samples before the next: two runs may land on different CPUs, and
          // a reader goes through the per-CPU buffers in CPU order, not in time order
          kpb.poll(100, rec -> kSamples.add(Both.hex(rec.toArray(ValueLayout.JAVA_BYTE))),
              n -> lost[0] += n);
          jpb.poll(Duration.ofMillis(100));
        }
      }
      assertEquals(6, kSamples.size(), "3 samples per run reach the kernel's reader: " + kSamples);
      assertEquals(kSamples, jSamples);
      assertEquals(0, lost[0] + lost[1], "nothing lost");
    }
  }
}
