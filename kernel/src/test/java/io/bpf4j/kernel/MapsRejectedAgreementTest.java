package io.bpf4j.kernel;

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
    CallbackAgreementTest.bothVerifiersReject("core/src/test/bpf/maps_rejected/" + name + ".o");
  }
}
