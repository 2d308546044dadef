package io.bpf4j.kernel.differential;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmLoadOptions;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.TestRun;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * One fixture of {@code kernel/src/test/bpf} loaded twice: into the kernel ({@link
 * KernelObject}) and on the JVM backend ({@link JvmObject}, on the engine asked for), with
 * test runs and map dumps in the same shape on both sides.
 */
final class Both implements AutoCloseable {
  final KernelObject kernel;
  final JvmObject jvm;
  private final Map<String, JvmProgram> programs = new java.util.HashMap<>();

  private Both(KernelObject kernel, JvmObject jvm) {
    this.kernel = kernel;
    this.jvm = jvm;
  }

  /** Loads {@code kernel/src/test/bpf/NAME.o}; skips the test when the file is missing. */
  static Both load(String name, JvmEngine engine) throws Exception {
    Path root = Path.of(System.getProperty("bpf4j.root", ".."));
    Path o = root.resolve("kernel/src/test/bpf").resolve(name + ".o");
    Assumptions.assumeTrue(Files.exists(o), () -> "no fixture " + o + " (set bpf4j.root)");
    ObjectSpec spec = ObjectReader.read(o);
    JvmObject j = JvmObject.load(spec, JvmLoadOptions.defaults().withEngine(engine));
    return new Both(KernelObject.load(spec), j);
  }

  /** The kernel's r0 for one run of {@code prog} on {@code data} (32 bits, unsigned). */
  long runKernel(String prog, byte[] data) {
    return kernel.program(prog).testRun(TestRun.of(data)).retvalUnsigned();
  }

  /** The JVM backend's r0 for the same run. */
  long runJvm(String prog, byte[] data) throws JvmLoadException {
    JvmProgram p = programs.get(prog);
    if (p == null) {
      p = jvm.program(prog);
      programs.put(prog, p);
    }
    return p.testRun(data, null, 1).retval();
  }

  /** Every element of the kernel map {@code name}, key hex to value hex, sorted by key. */
  Map<String, String> kernelMap(String name) {
    KernelMap m = kernel.map(name);
    Map<String, String> out = new TreeMap<>();
    for (byte[] k : m.keys()) {
      m.lookup(k).ifPresent(v -> out.put(hex(k), hex(v)));
    }
    return out;
  }

  /** The same dump of the JVM map. */
  Map<String, String> jvmMap(String name) {
    BpfMap m = jvm.map(name);
    Map<String, String> out = new TreeMap<>();
    for (MemorySegment k : m.keys()) {
      m.lookup(k).ifPresent(v -> out.put(hex(k.toArray(ValueLayout.JAVA_BYTE)),
          hex(v.toArray(ValueLayout.JAVA_BYTE))));
    }
    return out;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    kernel.close();
    jvm.maps().values().forEach(BpfMap::close);
  }
}
