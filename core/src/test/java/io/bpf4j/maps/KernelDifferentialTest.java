package io.bpf4j.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same operations on a kernel map (through bpftool) and on the JVM map give the same
 * results: errno for errno, value for value. Iteration order is compared where the kernel's
 * is defined by the keys (array, LPM trie); for hash maps the key sets are compared, and
 * that a walk from a missing key restarts at the first key.
 */
class KernelDifferentialTest {
  record Op(String cmd, byte[] key, byte[] value, String flag) {
    @Override
    public String toString() {
      return cmd + (key == null ? "" : " key " + HexFormat.of().formatHex(key))
          + (value == null ? "" : " value " + HexFormat.of().formatHex(value))
          + (flag == null ? "" : " " + flag);
    }
  }

  static byte[] u32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  static byte[] u64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >> (8 * i));
    }
    return b;
  }

  static byte[] lpm(int plen, int a, int b, int c, int d) {
    return new byte[] {(byte) plen, 0, 0, 0, (byte) a, (byte) b, (byte) c, (byte) d};
  }

  static Op op(String cmd, byte[] k, byte[] v, String flag) {
    return new Op(cmd, k, v, flag);
  }

  static List<Op> hashOps() {
    List<Op> o = new ArrayList<>();
    o.add(op("update", u32(1), u64(1), "noexist"));
    o.add(op("update", u32(1), u64(2), "noexist"));
    o.add(op("update", u32(2), u64(2), "exist"));
    o.add(op("update", u32(1), u64(3), "exist"));
    o.add(op("lookup", u32(1), null, null));
    o.add(op("lookup", u32(2), null, null));
    for (int k = 2; k <= 4; k++) {
      o.add(op("update", u32(k), u64(k * 10), "any"));
    }
    o.add(op("update", u32(5), u64(5), "any"));
    o.add(op("update", u32(4), u64(9), "any"));
    o.add(op("lookup", u32(4), null, null));
    o.add(op("delete", u32(5), null, null));
    o.add(op("delete", u32(2), null, null));
    o.add(op("keyset", null, null, null));
    o.add(op("restart", u32(77), null, null));
    o.add(op("restart", u32(2), null, null)); // a deleted key: back to the first key
    return o;
  }

  static List<Op> arrayOps() {
    List<Op> o = new ArrayList<>();
    o.add(op("update", u32(1), u64(11), "any"));
    o.add(op("update", u32(1), u64(12), "noexist"));
    o.add(op("update", u32(1), u64(13), "exist"));
    o.add(op("update", u32(9), u64(1), "any"));
    o.add(op("lookup", u32(1), null, null));
    o.add(op("lookup", u32(2), null, null));
    o.add(op("lookup", u32(9), null, null));
    o.add(op("delete", u32(1), null, null));
    o.add(op("getnext", null, null, null));
    o.add(op("getnext", u32(2), null, null));
    o.add(op("getnext", u32(3), null, null));
    o.add(op("getnext", u32(9), null, null));
    o.add(op("keys", null, null, null));
    return o;
  }

  static List<Op> lruOps() {
    List<Op> o = new ArrayList<>();
    o.add(op("update", u32(1), u64(1), "noexist"));
    o.add(op("update", u32(1), u64(1), "noexist"));
    o.add(op("update", u32(2), u64(1), "exist"));
    o.add(op("lookup", u32(1), null, null));
    o.add(op("delete", u32(1), null, null));
    o.add(op("delete", u32(1), null, null));
    for (int k = 0; k < 40; k++) {
      o.add(op("update", u32(100 + k), u64(k), "any"));
    }
    o.add(op("bounded", null, null, null));
    return o;
  }

  static List<Op> lpmOps() {
    List<Op> o = new ArrayList<>();
    o.add(op("update", lpm(8, 10, 0, 0, 0), u32(8), "any"));
    o.add(op("update", lpm(16, 10, 1, 0, 0), u32(16), "any"));
    o.add(op("update", lpm(24, 10, 1, 2, 0), u32(24), "noexist"));
    o.add(op("update", lpm(24, 10, 1, 3, 0), u32(243), "exist"));
    o.add(op("update", lpm(8, 10, 0, 0, 0), u32(0), "noexist"));
    o.add(op("update", lpm(32, 192, 168, 0, 1), u32(32), "any"));
    o.add(op("lookup", lpm(32, 10, 1, 2, 3), null, null));
    o.add(op("lookup", lpm(32, 10, 7, 0, 0), null, null));
    o.add(op("lookup", lpm(32, 11, 0, 0, 0), null, null));
    o.add(op("keys", null, null, null));
    o.add(op("delete", lpm(16, 10, 1, 0, 0), null, null));
    o.add(op("delete", lpm(16, 10, 1, 0, 0), null, null));
    o.add(op("lookup", lpm(32, 10, 1, 9, 9), null, null));
    o.add(op("getnext", lpm(16, 10, 1, 0, 0), null, null));
    o.add(op("keys", null, null, null));
    return o;
  }

  static List<Op> queueOps() {
    List<Op> o = new ArrayList<>();
    o.add(op("push", null, u32(1), null));
    o.add(op("push", null, u32(2), null));
    o.add(op("push", null, u32(3), null));
    o.add(op("update", null, u32(4), "exist"));
    o.add(op("peek", null, null, null));
    o.add(op("pop", null, null, null));
    o.add(op("pop", null, null, null));
    o.add(op("pop", null, null, null));
    o.add(op("peek", null, null, null));
    return o;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(BpfMapSpec.of("d", MapType.HASH, 4, 8, 4), hashOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.PERCPU_HASH, 4, 8, 4), hashOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.ARRAY, 4, 8, 4), arrayOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.PERCPU_ARRAY, 4, 8, 4), arrayOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.LRU_HASH, 4, 8, 16), lruOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.LRU_PERCPU_HASH, 4, 8, 16), lruOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.LPM_TRIE, 8, 4, 8), lpmOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.QUEUE, 0, 4, 2), queueOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.STACK, 0, 4, 2), queueOps()),
        Arguments.of(BpfMapSpec.of("d", MapType.BLOOM_FILTER, 0, 4, 8),
            List.of(op("push", null, u32(1), null), op("push", null, u32(2), null),
                op("pop", null, null, null))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameResultsAsTheKernel(BpfMapSpec spec, List<Op> ops) {
    String why = Bpftool.whyNot();
    Assumptions.assumeTrue(why == null, () -> "kernel differential test skipped: " + why);
    List<String> kernel = new ArrayList<>();
    List<String> jvm = new ArrayList<>();
    try (Bpftool k = Bpftool.create(spec); BpfMap m = BpfMaps.create(spec)) {
      for (Op o : ops) {
        kernel.add(o + " -> " + onKernel(k, spec, o));
        jvm.add(o + " -> " + onJvm(m, o));
      }
    }
    assertEquals(String.join("\n", kernel), String.join("\n", jvm));
  }

  private static String err(int errno) {
    return errno == 0 ? "OK" : Errno.name(errno);
  }

  private static String hex(byte[] b) {
    return b == null ? "?" : HexFormat.of().formatHex(b);
  }

  private static String onKernel(Bpftool k, BpfMapSpec spec, Op o) {
    switch (o.cmd()) {
      case "update", "delete", "push" -> {
        return err(k.run(o.cmd(), o.key(), o.value(), o.flag()).errno());
      }
      case "lookup", "pop", "peek" -> {
        Bpftool.Result r = k.run(o.cmd(), o.key(), null, null);
        return r.errno() != 0 ? err(r.errno()) : "OK " + hex(Bpftool.bytesOf(r.out(), "value"));
      }
      case "getnext" -> {
        Bpftool.Result r = k.run("getnext", o.key(), null, null);
        return r.errno() != 0 ? err(r.errno()) : "OK " + hex(Bpftool.bytesOf(r.out(), "next_key"));
      }
      default -> {
        List<String> keys = new ArrayList<>();
        byte[] cur = null;
        while (keys.size() <= spec.maxEntries() + 1) {
          Bpftool.Result r = k.run("getnext", cur, null, null);
          if (r.errno() != 0) {
            break;
          }
          cur = Bpftool.bytesOf(r.out(), "next_key");
          keys.add(hex(cur));
        }
        return summarize(o, keys, () -> {
          Bpftool.Result a = k.run("getnext", null, null, null);
          Bpftool.Result b = k.run("getnext", o.key(), null, null);
          return a.out().replaceAll("\"key\":[^,]*,", "").equals(
              b.out().replaceAll("\"key\":\\[[^\\]]*\\],", ""));
        });
      }
    }
  }

  private static String summarize(Op o, List<String> keys, java.util.function.BooleanSupplier restart) {
    return switch (o.cmd()) {
      case "keys" -> keys.toString();
      case "keyset" -> keys.stream().sorted().toList().toString();
      case "bounded" -> keys.size() > 0 && keys.size() <= 16 ? "bounded" : "size " + keys.size();
      default -> restart.getAsBoolean() ? "restarts at first" : "does not restart";
    };
  }

  private static MemorySegment seg(byte[] b) {
    return b == null ? null : MemorySegment.ofArray(b.clone());
  }

  /** A per-CPU map's value from Java: the same value for every CPU, as bpftool writes it. */
  private static MemorySegment value(BpfMap m, byte[] v) {
    if (m.javaValueSize() == m.valueSize()) {
      return seg(v);
    }
    MemorySegment all = MemorySegment.ofArray(new byte[m.javaValueSize()]);
    int stride = m.javaValueSize() / CpuSlots.count();
    for (int c = 0; c < CpuSlots.count(); c++) {
      MemorySegment.copy(v, 0, all, ValueLayout.JAVA_BYTE, (long) c * stride, v.length);
    }
    return all;
  }

  private static String onJvm(BpfMap m, Op o) {
    long flag = o.flag() == null ? 0 : switch (o.flag()) {
      case "noexist" -> BpfMap.BPF_NOEXIST;
      case "exist" -> BpfMap.BPF_EXIST;
      default -> BpfMap.BPF_ANY;
    };
    try {
      switch (o.cmd()) {
        case "update" -> {
          if (o.key() == null) {
            m.push(seg(o.value()), flag);
          } else {
            m.update(seg(o.key()), value(m, o.value()), flag);
          }
          return "OK";
        }
        case "push" -> {
          m.push(seg(o.value()), flag);
          return "OK";
        }
        case "delete" -> {
          return m.delete(seg(o.key())) ? "OK" : "ENOENT";
        }
        case "lookup", "pop", "peek" -> {
          MemorySegment v = MemorySegment.ofArray(new byte[m.javaValueSize()]);
          boolean ok = o.cmd().equals("lookup") ? m.lookup(seg(o.key()), v)
              : o.cmd().equals("pop") ? m.pop(v) : m.peek(v);
          return ok ? "OK " + hex(v.asSlice(0, m.valueSize()).toArray(ValueLayout.JAVA_BYTE))
              : "ENOENT";
        }
        case "getnext" -> {
          MemorySegment n = MemorySegment.ofArray(new byte[m.keySize()]);
          return m.nextKey(seg(o.key()), n) ? "OK " + hex(n.toArray(ValueLayout.JAVA_BYTE))
              : "ENOENT";
        }
        default -> {
          List<String> keys = m.keys().stream()
              .map(s -> hex(s.toArray(ValueLayout.JAVA_BYTE))).toList();
          return summarize(o, keys, () -> {
            MemorySegment a = MemorySegment.ofArray(new byte[m.keySize()]);
            MemorySegment b = MemorySegment.ofArray(new byte[m.keySize()]);
            return m.nextKey(null, a) && m.nextKey(seg(o.key()), b) && a.mismatch(b) == -1;
          });
        }
      }
    } catch (BpfMapException e) {
      return err(e.errno());
    }
  }
}
