package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus again, read by the real loader ({@link ObjectReader}) and adapted by
 * {@link ObjectInputs}: the verdicts are the kernel's too, and line info reaches the result.
 */
class ObjectInputsTest {
  @TestFactory
  Stream<DynamicTest> loaderInputsAgreeWithTheKernel() throws IOException {
    return VerifierCorpusTest.expected().stream().map(e -> DynamicTest.dynamicTest(e.name(),
        () -> {
          ObjectSpec obj = ObjectReader.read(VerifierCorpusTest.DIR.resolve(e.name() + ".o"));
          ProgramSpec p = obj.programs().getFirst();
          VerifierResult r = Verifier.verify(ObjectInputs.of(obj, p, null, true));
          assertEquals(e.accept(), r.accepted(), () -> e.name() + ": kernel "
              + (e.accept() ? "accepted" : "rejected: " + e.kernelLine()) + "\n" + r.format());
        }));
  }

  @Test
  void rejectionQuotesTheCLine() throws Exception {
    ObjectSpec obj = ObjectReader.read(VerifierCorpusTest.DIR.resolve("c_lookup_no_check.o"));
    VerifierResult r = Verifier.verify(ObjectInputs.of(obj, obj.programs().getFirst(), null,
        true));
    assertFalse(r.accepted());
    VerifierResult.Rejection rej = r.rejection();
    assertEquals(Problem.NULL_DEREF, rej.problem());
    assertNotNull(rej.source());
    assertEquals("return v->a;", rej.source().text());
    assertTrue(rej.registers().startsWith("R0=map_value_or_null"), rej.registers());
    assertTrue(rej.hint().contains("bpf_map_lookup_elem") && rej.hint().contains("line 6"),
        rej.hint());
    assertTrue(r.toJson().contains("\"problem\":\"NULL_DEREF\""), r.toJson());
    // the fix names the program's own variable, from the lookup's source line
    assertTrue(rej.hint().contains("add `if (!v) return 0;` after the call at line 6"), rej.hint());
  }

  @Test
  void spinLockOffsetComesFromBtf() throws Exception {
    ObjectSpec obj = ObjectReader.read(VerifierCorpusTest.DIR.resolve("c_spin_lock.o"));
    assertEquals(0, ObjectInputs.mapInfo(obj.btf(), obj.map("locks")).spinLockOffset());
    assertEquals(-1, ObjectInputs.mapInfo(obj.btf(), obj.map("hmap")).spinLockOffset());
  }
}
