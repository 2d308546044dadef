package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import org.junit.jupiter.api.Test;

@RequiresKernel
class FeaturesTest {
  final Features f = Features.system();

  @Test
  void programTypesThisKernelHas() {
    for (ProgType t : new ProgType[] {ProgType.SOCKET_FILTER, ProgType.XDP, ProgType.SCHED_CLS,
        ProgType.RAW_TRACEPOINT, ProgType.TRACEPOINT, ProgType.CGROUP_SKB, ProgType.SYSCALL}) {
      assertTrue(f.progType(t).available(), t + ": " + f.progType(t).detail());
    }
    assertFalse(f.progType(ProgType.UNSPEC).available());
  }

  @Test
  void mapTypes() {
    for (MapType t : new MapType[] {MapType.HASH, MapType.ARRAY, MapType.PERCPU_HASH, MapType.LRU_HASH,
        MapType.LPM_TRIE, MapType.QUEUE, MapType.STACK, MapType.RINGBUF, MapType.ARRAY_OF_MAPS,
        MapType.HASH_OF_MAPS, MapType.BLOOM_FILTER, MapType.PROG_ARRAY}) {
      assertTrue(f.mapType(t).available(), t + ": " + f.mapType(t).detail());
    }
    assertFalse(f.mapType(MapType.UNSPEC).available());
  }

  @Test
  void helpers() {
    assertTrue(f.helper(ProgType.XDP, HelperId.MAP_LOOKUP_ELEM).available());
    assertTrue(f.helper(ProgType.XDP, HelperId.KTIME_GET_NS).available());
    // bpf_skb_store_bytes works on skbs, not on XDP frames (bpftool 7 wrongly lists it: the
    // verifier's message changed to "program of this type cannot use helper")
    Features.Probe p = f.helper(ProgType.XDP, HelperId.id("skb_store_bytes"));
    assertFalse(p.available());
    assertTrue(p.detail().startsWith("not allowed"), p.detail());
    assertTrue(f.helper(ProgType.SCHED_CLS, HelperId.id("skb_store_bytes")).available());
    assertTrue(f.helper(ProgType.TRACEPOINT, HelperId.id("get_current_pid_tgid")).available());
    assertFalse(f.helper(ProgType.XDP, 100000).available());
  }
}
