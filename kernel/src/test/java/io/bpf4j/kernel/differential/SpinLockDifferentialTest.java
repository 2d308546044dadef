package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.BpfException;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.MapOptions;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapException;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code spin_lock.o} in the kernel and on the JVM backend: a program adds to counters under
 * the value's {@code bpf_spin_lock} (array and hash map); then user space reads and writes
 * the values with and without {@code BPF_F_LOCK}. Both sides give the same values, the lock
 * word always reads 0 and is never overwritten (a program run after an update whose value
 * has garbage in the lock word still gets the lock), and the same errors.
 */
@RequiresKernel
class SpinLockDifferentialTest {
  /** value: u32 count, bpf_spin_lock at 4, u64 sum. */
  private static byte[] value(int count, int lockWord, long sum) {
    MemorySegment v = MemorySegment.ofArray(new byte[16]);
    v.set(ValueLayout.JAVA_INT_UNALIGNED, 0, count);
    v.set(ValueLayout.JAVA_INT_UNALIGNED, 4, lockWord);
    v.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, sum);
    return v.toArray(ValueLayout.JAVA_BYTE);
  }

  private static byte[] key(int k) {
    return new byte[] {(byte) k, 0, 0, 0};
  }

  /** An update's outcome in the kernel: "ok" or the errno's name. */
  private static String update(KernelMap m, byte[] k, byte[] v, long flags) {
    try (Arena a = Arena.ofConfined()) {
      m.update(a.allocateFrom(ValueLayout.JAVA_BYTE, k), a.allocateFrom(ValueLayout.JAVA_BYTE, v), flags);
      return "ok";
    } catch (BpfException e) {
      return e.errnoName();
    }
  }

  private static String update(BpfMap m, byte[] k, byte[] v, long flags) {
    try {
      m.update(MemorySegment.ofArray(k), MemorySegment.ofArray(v), flags);
      return "ok";
    } catch (BpfMapException e) {
      return io.bpf4j.maps.Errno.name(e.errno());
    }
  }

  /** A lookup's outcome in the kernel: the value's hex, "none", or the errno's name. */
  private static String lookup(KernelMap m, byte[] k, long flags) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(m.valueBufferSize(), 8);
      return m.lookup(a.allocateFrom(ValueLayout.JAVA_BYTE, k), v, flags)
          ? Both.hex(v.toArray(ValueLayout.JAVA_BYTE)) : "none";
    } catch (BpfException e) {
      return e.errnoName();
    }
  }

  private static String lookup(BpfMap m, byte[] k, long flags) {
    try {
      MemorySegment v = MemorySegment.ofArray(new byte[m.javaValueSize()]);
      return m.lookup(MemorySegment.ofArray(k), v, flags)
          ? Both.hex(v.toArray(ValueLayout.JAVA_BYTE)) : "none";
    } catch (BpfMapException e) {
      return io.bpf4j.maps.Errno.name(e.errno());
    }
  }

  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void programAndUserSpaceAgreeWithTheKernel(JvmEngine engine) throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    try (Both b = Both.load("spin_lock", engine)) {
      for (int i = 0; i < 50; i++) {
        byte[] data = new byte[64];
        data[0] = (byte) rnd.nextInt(256);
        data[1] = (byte) rnd.nextInt(4);
        assertEquals(b.runKernel("spin_lock", data), b.runJvm("spin_lock", data));
      }
      assertEquals(b.kernelMap("arr"), b.jvmMap("arr"));
      assertEquals(b.kernelMap("tab"), b.jvmMap("tab"));
      List<String> k = new ArrayList<>();
      List<String> j = new ArrayList<>();
      for (String name : new String[] {"arr", "tab"}) {
        KernelMap km = b.kernel.map(name);
        BpfMap jm = b.jvm.map(name);
        // {key, flags, count, lock word (garbage: must not be stored), sum}
        long[][] ops = {
            {0, KernelMap.F_LOCK, 5, 0xffffffffL, 500}, {1, 0, 7, 1, 700},
            {2, KernelMap.F_LOCK, 1, 1, 1}, {3, KernelMap.F_LOCK | KernelMap.NOEXIST, 9, 0, 9},
            {0, KernelMap.F_LOCK | KernelMap.NOEXIST, 1, 0, 1},
            {6, KernelMap.F_LOCK | KernelMap.EXIST, 1, 0, 1}, {0, KernelMap.F_LOCK | 8, 1, 0, 1},
            {1, KernelMap.F_LOCK | KernelMap.EXIST, 11, 0x10000, 11}};
        for (long[] op : ops) {
          byte[] v = value((int) op[2], (int) op[3], op[4]);
          String what = name + " update key " + op[0] + " flags " + op[1] + ": ";
          k.add(what + update(km, key((int) op[0]), v, op[1]));
          j.add(what + update(jm, key((int) op[0]), v, op[1]));
        }
        for (int key = 0; key < 7; key++) {
          for (long flags : new long[] {0, KernelMap.F_LOCK, 8}) {
            String what = name + " lookup key " + key + " flags " + flags + ": ";
            k.add(what + lookup(km, key(key), flags));
            j.add(what + lookup(jm, key(key), flags));
          }
        }
      }
      assertEquals(k, j);
      // the programs still get the locks (a stored garbage lock word would make them spin)
      for (int i = 0; i < 8; i++) {
        byte[] data = new byte[64];
        data[0] = (byte) (i + 1);
        data[1] = (byte) i;
        assertEquals(b.runKernel("spin_lock", data), b.runJvm("spin_lock", data));
      }
      assertEquals(b.kernelMap("arr"), b.jvmMap("arr"));
      assertEquals(b.kernelMap("tab"), b.jvmMap("tab"));
    }
  }

  @Test
  void lockFlagWithoutASpinLockIsEinvalOnBoth() {
    try (KernelMap km = KernelMap.create(MapOptions.of(MapType.HASH, 4, 16, 4));
        BpfMap jm = BpfMaps.create(BpfMapSpec.of("plain", MapType.HASH, 4, 16, 4))) {
      byte[] v = value(1, 2, 3);
      List<String> k = List.of(update(km, key(1), v, 0), update(km, key(1), v, KernelMap.F_LOCK),
          lookup(km, key(1), 0), lookup(km, key(1), KernelMap.F_LOCK));
      List<String> j = List.of(update(jm, key(1), v, 0), update(jm, key(1), v, KernelMap.F_LOCK),
          lookup(jm, key(1), 0), lookup(jm, key(1), KernelMap.F_LOCK));
      assertEquals(k, j);
      assertEquals("EINVAL", k.get(1));
    }
  }
}
