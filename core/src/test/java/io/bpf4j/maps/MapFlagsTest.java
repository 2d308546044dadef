package io.bpf4j.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.uapi.MapType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Creation flags per map type, as the kernel refuses them (MapCreateAgreementTest in the
 * kernel module compares a whole grid with the kernel): each row is a shape the kernel
 * refuses, and the error names the flag.
 */
class MapFlagsTest {
  @ParameterizedTest(name = "{0} flags {3}")
  @CsvSource({
      "ARRAY, 4, 8, 1, BPF_F_NO_PREALLOC",
      "PERCPU_ARRAY, 4, 8, 1024, BPF_F_MMAPABLE",
      "QUEUE, 0, 8, 1, BPF_F_NO_PREALLOC",
      "RINGBUF, 0, 0, 128, BPF_F_RDONLY_PROG",
      "PROG_ARRAY, 4, 4, 128, BPF_F_RDONLY_PROG",
      "HASH, 4, 8, 1024, BPF_F_MMAPABLE",
      "LRU_HASH, 4, 8, 1, BPF_F_NO_PREALLOC",
      "HASH, 4, 8, 384, BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG together",
      "LPM_TRIE, 8, 8, 0, BPF_F_NO_PREALLOC",
      "STACK_TRACE, 4, 1016, 32, multiple of 32"})
  void refusedAsTheKernelRefusesIt(MapType t, int key, int value, int flags, String why) {
    BpfMapSpec s = new BpfMapSpec("m", t, key, value, t == MapType.RINGBUF ? 4096 : 4, flags,
        0, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BpfMaps.create(s));
    assertTrue(e.getMessage().startsWith("map 'm': ") && e.getMessage().contains(why),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} flags {3}")
  @CsvSource({"ARRAY, 4, 8, 1024", "HASH, 4, 8, 1", "LRU_HASH, 4, 8, 2", "LPM_TRIE, 8, 8, 1",
      "BLOOM_FILTER, 0, 8, 64", "STACK_TRACE, 4, 1024, 32", "DEVMAP, 4, 4, 8"})
  void takenAsTheKernelTakesIt(MapType t, int key, int value, int flags) {
    try (BpfMap m = BpfMaps.create(new BpfMapSpec("m", t, key, value, 4, flags, 0, null))) {
      assertEquals(flags, m.spec().flags());
    }
  }
}
