package io.bpf4j.isa;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The assembler against the bpf_conformance suite: its tests and its negative files. */
class AssemblerConformanceTest {

  @Test
  void everyTestHasItsAssembledCode() throws Exception {
    List<Path> files = ConformanceFiles.files("tests");
    Map<String, String> expected = ConformanceFiles.assembled();
    assertEquals(313, files.size(), "conformance test files");
    assertEquals(313, expected.size(), "assembled.jsonl entries");
    for (Path f : files) {
      assertTrue(expected.containsKey(f.getFileName().toString()), f + " in assembled.jsonl");
    }
  }

  @TestFactory
  Stream<DynamicTest> assemblesEveryTestToTheReferenceBytes() throws Exception {
    Map<String, String> expected = ConformanceFiles.assembled();
    return ConformanceFiles.files("tests").stream().map(f -> DynamicTest.dynamicTest(
        f.getFileName().toString(), () -> {
          DataFile d = DataFile.read(f);
          assertNotNull(d.asm(), "asm section");
          List<Insn> insns = Assembler.assemble(d.asm(), d.asmLine());
          String got = HexFormat.of().formatHex(InsnCodec.encode(insns));
          assertEquals(expected.get(f.getFileName().toString()), got);
          if (d.raw() != null) {
            assertEquals(got, HexFormat.of().formatHex(d.raw()), "raw section");
          }
        }));
  }

  /** Negative files whose program is valid: they fail at run time, which the VM tests check. */
  private static final Set<String> FAIL_AT_RUN_TIME =
      Set.of("error.data", "incorrect_return_value_high_bits.data");

  /** What the rejection of some negative files must say. */
  private static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("empty.data", "no program"),
      Map.entry("empty_instructions.data", "no program"),
      Map.entry("invalid_imm32_dec_range.data", "out of range"),
      Map.entry("invalid_imm32_hex_range.data", "out of range"),
      Map.entry("invalid_label.data", "unknown label 'NOT_A_LABEL'"),
      Map.entry("invalid_lock.data", "Invalid number of operands for lock"),
      Map.entry("invalid_lock2.data", "Invalid number of operands for lock"),
      Map.entry("invalid_mnemonic.data", "invalid mnemonic 'ldxq'"),
      Map.entry("invalid_offset.data", "invalid offset"),
      Map.entry("invalid_offset_range.data", "offset +0x10000 out of range"),
      Map.entry("invalid_operand_count.data", "Invalid number of operands for lddw"),
      Map.entry("invalid_register.data", "Invalid register '%r50'"),
      Map.entry("invalid_unknown_directive.data", "no instructions"));

  @TestFactory
  Stream<DynamicTest> rejectsEveryNegativeFileWithAReason() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : ConformanceFiles.files("negative")) {
      String name = f.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        DataFile d = DataFile.read(f);
        if (FAIL_AT_RUN_TIME.contains(name)) {
          assertFalse(d.program().isEmpty(), "a valid program that must fail when run");
          return;
        }
        Exception e = assertThrows(Exception.class, d::program, "must be rejected");
        String reason = e instanceof AsmException a ? a.reason()
            : ((InvalidInsnException) e).reason();
        assertFalse(reason.isBlank(), "a reason");
        if (REASONS.containsKey(name)) {
          assertTrue(reason.contains(REASONS.get(name)), reason);
        } else {
          assertNotNull(d.raw(), "an unused-field file has raw code");
          assertInstanceOf(InvalidInsnException.class, e, reason);
        }
      }));
    }
    assertTrue(tests.size() >= 60, "negative files: " + tests.size());
    return tests.stream();
  }
}
