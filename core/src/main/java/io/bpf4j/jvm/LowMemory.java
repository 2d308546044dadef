package io.bpf4j.jvm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Packet memory below 4 GiB. {@code xdp_md} and {@code __sk_buff} hold {@code data} and
 * {@code data_end} as 32-bit fields; the kernel rewrites a program's loads of them into
 * pointer loads, which the JVM backend does not do yet. So packets live where a 32-bit value
 * is their address: {@code mmap(MAP_32BIT)} (x86-64 Linux). That window is small (Linux
 * gives MAP_32BIT mappings 1 GiB), so a program's buffer is never unmapped but goes back to
 * a pool when the program is unreachable ({@link #take}), for the next program to load.
 */
final class LowMemory {
  private LowMemory() {}

  private static final int PROT_READ_WRITE = 0x3;
  private static final int MAP_PRIVATE_ANON = 0x02 | 0x20;
  private static final int MAP_32BIT = 0x40;
  /** Linux 4.17+: map at the hint or fail, never over an existing mapping. */
  private static final int MAP_FIXED_NOREPLACE = 0x100000;
  /** Where to look when MAP_32BIT's window (the first 2 GiB) is taken: the rest below 4 GiB. */
  private static final long HINT_START = 0x8000_0000L;
  private static final long HINT_END = 0xffff_0000L;
  private static final long HINT_STEP = 0x0100_0000L;
  private static final MethodHandle MMAP;

  static {
    Linker l = Linker.nativeLinker();
    MMAP = l.downcallHandle(l.defaultLookup().find("mmap").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
  }

  private static final Cleaner CLEANER = Cleaner.create();
  /** Buffers whose owner is gone, by size. */
  private static final Map<Long, Queue<MemorySegment>> POOL = new ConcurrentHashMap<>();

  /**
   * {@code size} bytes below 4 GiB, zeroed, for {@code owner}: from the pool, else mapped.
   * When {@code owner} becomes unreachable (a program dropped, or one whose loading failed
   * after this call) the buffer returns to the pool.
   */
  static MemorySegment take(Object owner, long size) throws JvmLoadException {
    Queue<MemorySegment> pool = POOL.computeIfAbsent(size, k -> new ConcurrentLinkedQueue<>());
    MemorySegment s = pool.poll();
    boolean fresh = false;
    if (s == null) {
      try {
        s = allocate(size);
        fresh = true;
      } catch (JvmLoadException full) {
        s = reclaim(pool, full);
      }
    }
    if (!fresh) {
      s.fill((byte) 0);
    }
    MemorySegment buffer = s;
    CLEANER.register(owner, () -> POOL.get(size).add(buffer));
    return buffer;
  }

  /**
   * The window below 4 GiB is full: the buffers of programs that are unreachable but not yet
   * collected go back to the pool only after a garbage collection, which a large heap may not
   * have needed for thousands of programs. Asks for one and waits up to two seconds for the
   * cleaner to return a buffer, else rethrows {@code full}.
   */
  static MemorySegment reclaim(Queue<MemorySegment> pool, JvmLoadException full)
      throws JvmLoadException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    for (int round = 0; System.nanoTime() < deadline; round++) {
      if (round % 20 == 0) {
        System.gc();
      }
      MemorySegment s = pool.poll();
      if (s != null) {
        return s;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw full;
  }

  /** How many buffers of {@code size} bytes wait in the pool. */
  static int pooled(long size) {
    Queue<MemorySegment> q = POOL.get(size);
    return q == null ? 0 : q.size();
  }

  /** {@code size} bytes at an address below 4 GiB, zeroed; never unmapped. */
  static MemorySegment allocate(long size) throws JvmLoadException {
    if (!System.getProperty("os.arch").equals("amd64") || !System.getProperty("os.name").equals("Linux")) {
      throw new JvmLoadException("packet programs need memory below 4 GiB (mmap MAP_32BIT), only on x86-64 Linux");
    }
    MemorySegment p = mmap(MemorySegment.NULL, size, MAP_PRIVATE_ANON | MAP_32BIT);
    if (low(p, size)) {
      return p.reinterpret(size);
    }
    // MAP_32BIT only searches the first 2 GiB, which other mappings of the process may fill;
    // 2..4 GiB is as good for a 32-bit data pointer
    for (long hint = HINT_START; hint + size <= HINT_END; hint += HINT_STEP) {
      p = mmap(MemorySegment.ofAddress(hint), size, MAP_PRIVATE_ANON | MAP_FIXED_NOREPLACE);
      if (low(p, size)) {
        return p.reinterpret(size);
      }
    }
    throw new JvmLoadException("no free memory below 4 GiB for a packet of " + size
        + " bytes (mmap MAP_32BIT and hints up to 4 GiB failed)");
  }

  private static boolean low(MemorySegment p, long size) {
    long a = p.address();
    return a != -1L && a != 0 && a + size <= 0xffffffffL;
  }

  private static MemorySegment mmap(MemorySegment hint, long size, int flags)
      throws JvmLoadException {
    try {
      return (MemorySegment) MMAP.invokeExact(hint, size, PROT_READ_WRITE, flags, -1, 0L);
    } catch (Throwable t) {
      throw new JvmLoadException("mmap failed: " + t);
    }
  }
}
