package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bpf_snprintf}'s format, a constant string in {@code .rodata}, checked by both
 * verifiers: every program of core/src/test/bpf/printf/ (one format each: the conversions and
 * modifiers the kernel's printf takes and those it does not, more conversions than arguments,
 * control characters, a format without a NUL) gets the same verdict, and a refusal the
 * kernel's message ("Invalid format string", "string is not zero-terminated").
 */
@RequiresKernel
class PrintfFormatAgreementTest {
  static List<String> formats() throws Exception {
    Path dir = CallbackAgreementTest.fixture("core/src/test/bpf/printf");
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".o"))
          .map(n -> n.substring(0, n.length() - 2)).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void sameVerdictAsTheKernel(String name) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/printf/" + name + ".o"));
    VerifierResult r = Verifier.verify(ObjectInputs.of(spec, spec.programs().getFirst(), null,
        true));
    String kernel;
    try (KernelObject _ = KernelObject.load(spec)) {
      kernel = "accepted";
    } catch (ObjectLoadException e) {
      kernel = TaskWalkAgreementTest.reason(e.log());
    }
    String bpf4j = r.accepted() ? "accepted" : r.rejection().message();
    assertEquals(kernel, bpf4j, name);
    assertTrue(kernel.equals("accepted") || kernel.equals("Invalid format string")
        || kernel.equals("string is not zero-terminated"), kernel);
  }
  /**
   * The text of every accepted format, run in the kernel and on the JVM backend (both
   * engines): the same r0 and the same bytes, faults included. Not {@code pointers}: the
   * kernel prints {@code %p} and {@code %pK} hashed with a key of its boot.
   */
  static List<String> printable() throws Exception {
    return formats().stream().filter(n -> !n.equals("pointers")).toList();
  }

  @ParameterizedTest
  @MethodSource("printable")
  void sameTextAsTheKernel(String name) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/printf/" + name + ".o"));
    byte[] packet = new byte[64];
    packet[12] = 0x08;
    String prog = spec.programs().getFirst().name();
    String kernel;
    try (KernelObject k = KernelObject.load(spec)) {
      long r0 = k.program(prog).testRun(TestRun.of(packet)).retvalUnsigned();
      kernel = r0 + " " + CallbackAgreementTest.kernelEntries(k.map(bss(spec)));
    } catch (ObjectLoadException e) {
      return; // a format both refuse (sameVerdictAsTheKernel)
    }
    for (io.bpf4j.jvm.JvmEngine engine : new io.bpf4j.jvm.JvmEngine[] {
        io.bpf4j.jvm.JvmEngine.JIT, io.bpf4j.jvm.JvmEngine.INTERPRETER}) {
      io.bpf4j.jvm.JvmObject j = io.bpf4j.jvm.JvmObject.load(spec,
          io.bpf4j.jvm.JvmLoadOptions.defaults().withEngine(engine));
      long r0 = j.program(prog).testRun(packet, null, 1).retval();
      assertEquals(kernel, r0 + " " + CallbackAgreementTest.jvmEntries(j.map(bss(spec))),
          name + " on " + engine);
    }
  }

  private static String bss(ObjectSpec spec) {
    return spec.maps().stream().map(m -> m.name()).filter(n -> n.endsWith(".bss")).findFirst()
        .orElseThrow();
  }
}
