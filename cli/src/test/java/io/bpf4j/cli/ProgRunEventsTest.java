package io.bpf4j.cli;

import static io.bpf4j.cli.ObjectCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.cli.ObjectCommandsTest.Run;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prog run} prints the run's trace pipe lines and ring buffer / perf records on both
 * backends, and {@code prog tracelog} reads the kernel's trace pipe.
 */
class ProgRunEventsTest {
  /**
   * A trace_pipe line: {@code <comm>-<pid> [<cpu>] <flags> <sec>.<usec>: bpf_trace_printk: MSG}.
   * The kernel pads the seconds to 5 columns, so below 10000 s of uptime there are more spaces.
   * The comm is up to 16 characters and may hold spaces (a JVM thread named "Service Thread").
   */
  private static final String LINE = "\\s*.{1,16}-\\d+\\s+\\[\\d{3}\\] \\S{5}\\s+\\d+\\.\\d{6}: bpf_trace_printk: ";

  @TempDir Path tmp;

  static String kfx(String stem) {
    return DisasmElfTest.bpf().resolveSibling("../../../kernel/src/test/bpf").normalize()
        .resolve(stem + ".o").toString();
  }

  private String data() throws Exception {
    Path p = tmp.resolve("in.bin");
    byte[] d = new byte[64];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (0x30 + i);
    }
    Files.write(p, d);
    return p.toString();
  }

  private static List<String> traceLines(String out) {
    return out.lines().filter(l -> l.contains("bpf_trace_printk: ")).toList();
  }

  @Test
  void aTaskNameWithSpacesIsATraceLine() {
    // printed by the kernel in CI (stop 14): the comm of the task is "Service Thread"
    assertTrue("  Service Thread-6545    [001] b..11 21971.580856: bpf_trace_printk: bpf4j-xdp len 64"
        .matches(LINE + "bpf4j-xdp len 64"));
    assertTrue("           <...>-12      [000] d..31     5.000001: bpf_trace_printk: x".matches(LINE + "x"));
  }

  @Test
  void jvmRunPrintsTraceLinesInTheKernelsFormat() throws Exception {
    Run r = run("prog", "run", kfx("xdp_printk"), "--data-in", data());
    assertEquals(0, r.code(), r.err());
    List<String> t = traceLines(r.out());
    assertEquals(2, t.size(), r.out());
    assertTrue(t.get(0).matches(LINE + "bpf4j-xdp len 64"), t.get(0));
    assertTrue(t.get(1).matches(LINE + "bpf4j-xdp first 0x30"), t.get(1));
    Run j = run("-j", "prog", "run", kfx("xdp_printk"), "--data-in", data(), "--engine", "interpreter");
    assertEquals(0, j.code(), j.err());
    assertTrue(j.out().matches("(?s).*\"trace\":\\[\"[^\"]*bpf4j-xdp len 64\",\"[^\"]*bpf4j-xdp first 0x30\"\\],\"records\":\\[\\]\\}\\s*"),
        j.out());
    Run quiet = run("prog", "run", kfx("ringbuf_ops"), "--prog", "ringbuf_ops", "--data-in", data());
    assertTrue(traceLines(quiet.out()).isEmpty(), "lines of an earlier run are not printed again");
  }

  @Test
  void ringBufferAndPerfRecordsArePrintedTheSameOnBothBackends() throws Exception {
    Run jr = run("prog", "run", kfx("ringbuf_ops"), "--prog", "ringbuf_ops", "--data-in", data());
    assertEquals(0, jr.code(), jr.err());
    assertTrue(jr.out().contains("\nrecord rb: 30\nrecord rb: 30313233343536373839"), jr.out());
    assertEquals(5, jr.out().lines().filter(l -> l.startsWith("record rb: ")).count(), jr.out());
    Run jp = run("-j", "prog", "run", kfx("perf_output"), "--data-in", data());
    assertEquals(0, jp.code(), jp.err());
    assertTrue(jp.out().contains("\"records\":[{\"map\":\"events\",\"data\":\"0100000040000000303132"), jp.out());
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    Run kr = run("prog", "run", kfx("ringbuf_ops"), "--prog", "ringbuf_ops", "--data-in", data(), "--backend", "kernel");
    assertEquals(0, kr.code(), kr.err());
    assertEquals(jr.out().replaceAll("\\d+ns", "Tns"), kr.out().replaceAll("\\d+ns", "Tns"));
    Run kp = run("-j", "prog", "run", kfx("perf_output"), "--prog", "perf_output", "--data-in", data(), "--backend", "kernel");
    assertEquals(0, kp.code(), kp.err());
    String jvmExtra = ",\"engine\":\"jit\",\"verified\":true,\"compile_ns\":\\d+";
    assertEquals(jp.out().replaceAll("\"duration_ns\":\\d+(" + jvmExtra + ")?", ""),
        kp.out().replaceAll("\"duration_ns\":\\d+", ""));
  }

  @Test
  void kernelRunPrintsTheTracePipeLinesOfItsProgram() throws Exception {
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    Run r = run("prog", "run", kfx("xdp_printk"), "--prog", "xdp_printk", "--data-in", data(), "--backend", "kernel");
    assertEquals(0, r.code(), r.err());
    List<String> t = traceLines(r.out());
    assertTrue(t.stream().anyMatch(l -> l.matches(LINE + "bpf4j-xdp len 64")), r.out());
    assertTrue(t.stream().anyMatch(l -> l.matches(LINE + "bpf4j-xdp first 0x30")), r.out());
  }

  @Test
  void tracelogReadsTheKernelsTracePipe() throws Exception {
    Run jvm = run("prog", "tracelog", "--backend", "jvm");
    assertEquals(2, jvm.code());
    assertTrue(jvm.err().contains("'prog run' prints its lines"), jvm.err());
    assertEquals(2, run("prog", "tracelog", "extra").code());
    Assumptions.assumeTrue(KernelAvailable.available(), "needs the kernel: " + KernelAvailable.reason());
    try (KernelObject o = KernelObject.load(ObjectReader.read(Path.of(kfx("xdp_printk"))))) {
      byte[] d = new byte[64];
      d[0] = (byte) 0xa7;
      o.program("xdp_printk").testRun(TestRun.of(d));
    }
    Run r = run("-j", "prog", "tracelog", "--duration", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\"" + LINE + "bpf4j-xdp first 0xa7\"")), r.out());
  }
}
