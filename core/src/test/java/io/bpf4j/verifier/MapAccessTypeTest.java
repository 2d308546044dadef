package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Maps a program may only read (libbpf's {@code .rodata} with {@code BPF_F_RDONLY_PROG}, every
 * {@code DEVMAP}) and maps only some helpers take ({@code check_map_func_compatibility}): the
 * programs of core/src/test/bpf/maps_rejected/, which the kernel refuses with these reasons
 * (bpftool prog load, Linux 6.18; {@code MapsRejectedAgreementTest} in the kernel module loads
 * them again), and which bpf4j's verifier accepted before.
 */
class MapAccessTypeTest {
  static final Map<String, String> REJECTED = Map.of(
      "rodata_write", "write into map forbidden, value_size=4 off=0 size=4",
      "rodata_helper_write", "write into map forbidden, value_size=16 off=0 size=16",
      "devmap_value_write", "write into map forbidden, value_size=4 off=0 size=4",
      "devmap_update", "write into map forbidden",
      "cpumap_lookup", "cannot pass map_type 16 into func bpf_map_lookup_elem#1",
      "redirect_map_hash", "cannot pass map_type 1 into func bpf_redirect_map#51");

  @Test
  void verifierRejectsWhatTheKernelRejects() throws Exception {
    for (var e : REJECTED.entrySet()) {
      ObjectSpec s = ObjectReader.read(
          Path.of("src/test/bpf/maps_rejected/" + e.getKey() + ".o"));
      ProgramSpec p = s.programs().getFirst();
      VerifierResult r = Verifier.verify(ObjectInputs.of(s, p, null, true));
      assertFalse(r.accepted(), e.getKey() + " accepted");
      assertTrue(r.rejection().message().contains(e.getValue()),
          e.getKey() + ": " + r.rejection().message());
    }
  }

  @Test
  void readingReadOnlyDataIsFine() throws Exception {
    ObjectSpec s = ObjectReader.read(Path.of("src/test/bpf/globals.o"));
    for (ProgramSpec p : s.programs()) {
      VerifierResult r = Verifier.verify(ObjectInputs.of(s, p, null, true));
      assertTrue(r.accepted(), p.name() + ":\n" + r.format());
    }
  }
}
