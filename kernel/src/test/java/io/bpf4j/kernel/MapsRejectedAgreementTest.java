package io.bpf4j.kernel;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The programs of core/src/test/bpf/maps_rejected/ (writes into read-only maps, maps passed
 * to helpers that do not take them) are refused by the kernel's verifier and by bpf4j's.
 */
@RequiresKernel
class MapsRejectedAgreementTest {
  @ParameterizedTest
  @ValueSource(strings = {"rodata_write", "rodata_helper_write", "devmap_value_write",
      "devmap_update", "cpumap_lookup", "redirect_map_hash"})
  void bothVerifiersReject(String name) throws Exception {
    ObjectSpec spec = ObjectReader.read(
        CallbackAgreementTest.fixture("core/src/test/bpf/maps_rejected/" + name + ".o"));
    ObjectLoadException e = Assertions.assertThrows(ObjectLoadException.class,
        () -> KernelObject.load(spec).close(), name + ": the kernel accepts it");
    ProgramSpec p = spec.programs().getFirst();
    Assertions.assertFalse(Verifier.verify(ObjectInputs.of(spec, p, null, true)).accepted(),
        name + ": the kernel rejects it (" + e.getMessage() + "), bpf4j accepts it");
  }
}
