package io.bpf4j.maps;

import static io.bpf4j.maps.KernelDifferentialTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The maps whose values are references (programs, maps, perf events) and the ring buffer:
 * the errno of each operation bpftool can drive without a loaded program, on a kernel map and
 * on the JVM map.
 */
class KernelFdMapDifferentialTest {
  private final List<String> kernel = new ArrayList<>();
  private final List<String> jvm = new ArrayList<>();

  private static String name(int errno) {
    return errno == 0 ? "OK" : Errno.name(errno);
  }

  /** One step: bpftool's errno against the JVM's. */
  private void step(String what, Bpftool.Result k, Supplier<Integer> j) {
    kernel.add(what + " -> " + name(k.errno()));
    int e;
    try {
      e = j.get();
    } catch (BpfMapException x) {
      e = x.errno();
    }
    jvm.add(what + " -> " + name(e));
  }

  private static int ok(boolean found) {
    return found ? 0 : Errno.ENOENT;
  }

  private static MemorySegment seg(byte[] b) {
    return MemorySegment.ofArray(b.clone());
  }

  private static Bpftool.Result bt(String... args) {
    List<String> a = new ArrayList<>(List.of("bpftool", "-j", "map"));
    a.addAll(List.of(args));
    return Bpftool.exec(a.toArray(String[]::new));
  }

  private static String[] key(int k) {
    return new String[] {"key", "hex", String.format("%02x", k), "00", "00", "00"};
  }

  private static String[] cat(String[]... parts) {
    List<String> out = new ArrayList<>();
    for (String[] p : parts) {
      out.addAll(List.of(p));
    }
    return out.toArray(String[]::new);
  }

  @Test
  void sameErrnosAsTheKernel() throws Exception {
    String why = Bpftool.whyNot();
    Assumptions.assumeTrue(why == null, () -> "kernel differential test skipped: " + why);
    String base = "/sys/fs/bpf/bpf4j_fd_" + ProcessHandle.current().pid() + "_";
    String[] pins = {base + "pa", base + "pe", base + "rb", base + "in", base + "w", base + "aom",
        base + "hom"};
    try {
      BpfMapSpec inner = BpfMapSpec.of("in", MapType.ARRAY, 4, 8, 4);
      BpfMapSpec wrong = BpfMapSpec.of("w", MapType.ARRAY, 4, 8, 5);
      bt("create", pins[0], "type", "prog_array", "key", "4", "value", "4", "entries", "4",
          "name", "pa");
      bt("create", pins[1], "type", "perf_event_array", "key", "4", "value", "4", "entries",
          "2", "name", "pe");
      bt("create", pins[2], "type", "ringbuf", "key", "0", "value", "0", "entries", "4096",
          "name", "rb");
      bt("create", pins[3], "type", "array", "key", "4", "value", "8", "entries", "4", "name",
          "in");
      bt("create", pins[4], "type", "array", "key", "4", "value", "8", "entries", "5", "name",
          "w");
      bt("create", pins[5], "type", "array_of_maps", "key", "4", "value", "4", "entries", "2",
          "name", "aom", "inner_map", "pinned", pins[3]);
      bt("create", pins[6], "type", "hash_of_maps", "key", "4", "value", "4", "entries", "2",
          "name", "hom", "inner_map", "pinned", pins[3]);
      try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("pa", MapType.PROG_ARRAY, 4, 4, 4));
          BpfMap pe = BpfMaps.create(BpfMapSpec.of("pe", MapType.PERF_EVENT_ARRAY, 4, 4, 2));
          BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 4096));
          BpfMap in = BpfMaps.create(inner);
          BpfMap w = BpfMaps.create(wrong);
          BpfMap aom = BpfMaps.create(
              BpfMapSpec.of("aom", MapType.ARRAY_OF_MAPS, 4, 4, 2).withInner(inner));
          BpfMap hom = BpfMaps.create(
              BpfMapSpec.of("hom", MapType.HASH_OF_MAPS, 4, 4, 2).withInner(inner))) {
        MemorySegment v4 = MemorySegment.ofArray(new byte[4]);
        MemorySegment next = MemorySegment.ofArray(new byte[4]);
        step("prog_array lookup empty", bt(cat(new String[] {"lookup", "pinned", pins[0]},
            key(0))), () -> ok(pa.lookup(seg(u32(0)), v4)));
        step("prog_array delete empty", bt(cat(new String[] {"delete", "pinned", pins[0]},
            key(0))), () -> ok(pa.delete(seg(u32(0)))));
        step("prog_array delete out of range", bt(cat(new String[] {"delete", "pinned",
            pins[0]}, key(9))), () -> ok(pa.delete(seg(u32(9)))));
        step("prog_array getnext last", bt(cat(new String[] {"getnext", "pinned", pins[0]},
            key(3))), () -> ok(pa.nextKey(seg(u32(3)), next)));
        step("perf lookup", bt(cat(new String[] {"lookup", "pinned", pins[1]}, key(0))),
            () -> ok(pe.lookup(seg(u32(0)), v4)));
        step("perf delete empty", bt(cat(new String[] {"delete", "pinned", pins[1]}, key(0))),
            () -> ok(pe.delete(seg(u32(0)))));
        step("perf delete out of range", bt(cat(new String[] {"delete", "pinned", pins[1]},
            key(5))), () -> ok(pe.delete(seg(u32(5)))));
        step("perf getnext", bt(cat(new String[] {"getnext", "pinned", pins[1]}, key(0))),
            () -> ok(pe.nextKey(seg(u32(0)), next)));
        step("ringbuf getnext", bt("getnext", "pinned", pins[2]),
            () -> ok(rb.nextKey(null, MemorySegment.ofArray(new byte[0]))));
        for (int m = 0; m < 2; m++) {
          BpfMap outer = m == 0 ? aom : hom;
          String pin = pins[5 + m];
          String t = m == 0 ? "array_of_maps " : "hash_of_maps ";
          step(t + "update", bt(cat(new String[] {"update", "pinned", pin}, key(1),
              new String[] {"value", "pinned", pins[3]})),
              () -> {
                outer.update(seg(u32(1)), seg(u32(in.id())), 0);
                return 0;
              });
          step(t + "update incompatible", bt(cat(new String[] {"update", "pinned", pin}, key(0),
              new String[] {"value", "pinned", pins[4]})),
              () -> {
                outer.update(seg(u32(0)), seg(u32(w.id())), 0);
                return 0;
              });
          step(t + "update noexist", bt(cat(new String[] {"update", "pinned", pin}, key(1),
              new String[] {"value", "pinned", pins[3], "noexist"})),
              () -> {
                outer.update(seg(u32(1)), seg(u32(in.id())), BpfMap.BPF_NOEXIST);
                return 0;
              });
          step(t + "update out of range / full", bt(cat(new String[] {"update", "pinned", pin},
              key(5), new String[] {"value", "pinned", pins[3]})),
              () -> {
                outer.update(seg(u32(5)), seg(u32(in.id())), 0);
                return 0;
              });
          step(t + "update third key", bt(cat(new String[] {"update", "pinned", pin}, key(2),
              new String[] {"value", "pinned", pins[3]})),
              () -> {
                outer.update(seg(u32(2)), seg(u32(in.id())), 0);
                return 0;
              });
          step(t + "lookup", bt(cat(new String[] {"lookup", "pinned", pin}, key(1))),
              () -> ok(outer.lookup(seg(u32(1)), v4)));
          step(t + "delete", bt(cat(new String[] {"delete", "pinned", pin}, key(1))),
              () -> ok(outer.delete(seg(u32(1)))));
          step(t + "delete again", bt(cat(new String[] {"delete", "pinned", pin}, key(1))),
              () -> ok(outer.delete(seg(u32(1)))));
        }
      }
    } finally {
      for (String p : pins) {
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(p));
      }
    }
    assertEquals(String.join("\n", kernel), String.join("\n", jvm));
  }
}
