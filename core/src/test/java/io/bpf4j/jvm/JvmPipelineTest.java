package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.vm.ExecutionException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JVM backend's load pipeline: verify every program, then run it on the chosen engine;
 * verification off only with the checked interpreter, where a bad access is a clean error.
 */
class JvmPipelineTest {
  /** core/src/test/bpf/jvm/index_off_by_one.o: rejected by the kernel and by bpf4j. */
  static ObjectSpec rejected() throws Exception {
    return ObjectReader.read(JvmBackendTest.fixtures().resolve("jvm/index_off_by_one.o"));
  }

  /** core/src/test/bpf/jvm/index_checked.o: the same program with the right check. */
  static ObjectSpec accepted() throws Exception {
    return ObjectReader.read(JvmBackendTest.fixtures().resolve("jvm/index_checked.o"));
  }

  /** Socket filter data of {@code n} bytes: skb->len is {@code n - 14}. */
  static byte[] packet(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 7);
    return b;
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void aRejectedProgramFailsTheLoadWithTheVerifiersExplanation(JvmEngine engine) throws Exception {
    JvmLoadException x = assertThrows(JvmLoadException.class, () -> JvmObject.load(
        rejected(), JvmLoadOptions.defaults().withEngine(engine)));
    String first = x.getMessage().lines().findFirst().orElseThrow();
    assertTrue(first.matches("program 'index_off_by_one' rejected by the verifier at insn"
        + " \\d+ \\(.*index_off_by_one\\.c:\\d+\\): .+"), first);
    assertTrue(x.getMessage().contains("fix:"), x.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void verificationOffIsRefusedForFastEngines(JvmEngine engine) throws Exception {
    JvmLoadException x = assertThrows(JvmLoadException.class, () -> JvmObject.load(
        accepted(), JvmLoadOptions.defaults().withEngine(engine).withVerify(false)));
    assertTrue(x.getMessage().contains("only with the checked interpreter"), x.getMessage());
  }

  @Test
  void unverifiedInTheCheckedInterpreterABadAccessIsACleanError() throws Exception {
    JvmObject o = JvmObject.load(rejected(),
        JvmLoadOptions.defaults().withEngine(JvmEngine.CHECKED).withVerify(false));
    JvmProgram p = o.program("index_off_by_one");
    // len 15 stays inside the 16-byte value: the byte the program reads is 0
    assertEquals(0, p.testRun(packet(14 + 15), null, 1).retval());
    // len 16 reads one byte past the value
    ExecutionException x = assertThrows(ExecutionException.class,
        () -> p.testRun(packet(14 + 16), null, 1));
    assertTrue(x.getMessage().matches("(?s)instruction \\d+: .*0x[0-9a-f]+.*"), x.getMessage());
    assertTrue(x.pc() >= 0);
  }

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void aVerifiedProgramRunsOnEveryEngineAndReportsItsCompileTime(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(accepted(), JvmLoadOptions.defaults().withEngine(engine));
    JvmProgram p = o.program("index_checked");
    assertEquals(engine, p.engine());
    assertTrue(p.compileNanos() > 0);
    assertEquals(engine == JvmEngine.JIT, p.jitDump() != null);
    assertEquals(0, p.testRun(packet(14 + 15), null, 1).retval());
  }
}
