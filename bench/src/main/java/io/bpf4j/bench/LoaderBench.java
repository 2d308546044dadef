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

  @Benchmark
  public ObjectSpec readOneMegabyteObject() throws Exception {
    return ObjectReader.read("big.o", big);
  }

  @Benchmark
  public Btf parseVmlinuxBtf() throws Exception {
    return vmlinux == null ? null : Btf.parse(vmlinux);
  }
}
