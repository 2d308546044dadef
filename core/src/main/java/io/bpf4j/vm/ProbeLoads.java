package io.bpf4j.vm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Probe loads: the JVM backend's form of the kernel's {@code BPF_PROBE_MEM} loads. The kernel
 * turns every load through a BTF-typed pointer into one whose fault reads 0, since such a
 * pointer (a task's {@code mm}, {@code real_parent}, ...) may be NULL or stale without the
 * verifier knowing. Here the memory a BTF-typed pointer may point to is a set of native
 * blocks the helpers lay out like kernel structs (the current task, its parent, a VMA) and
 * {@link #register register} here; a probe load reads inside one of them, and anywhere else
 * (NULL, a member bpf4j does not fill, an address a program made up) reads 0. The verifier
 * marks such loads ({@code RangeFacts.probeLoad}), and the interpreter in both modes and the
 * JIT run them through {@link #load}, so no such load can touch memory outside the blocks.
 *
 * <p>A block stays registered while its segment is reachable and its arena open: the registry
 * holds it weakly, and a load holds it strongly while it reads, so a block freed with its
 * thread, or whose arena was closed, reads as 0.
 */
public final class ProbeLoads {
  private ProbeLoads() {}

  private static final ValueLayout.OfShort U16 = Memory.U16;
  private static final ValueLayout.OfInt U32 = Memory.U32;
  private static final ValueLayout.OfLong U64 = Memory.U64;

  /**
   * The registered blocks sorted by address, replaced as a whole on each registration (rare:
   * once per block), so a load is a binary search over a plain array.
   */
  private record Blocks(long[] starts, WeakReference<?>[] refs) {}

  private static final Blocks NONE = new Blocks(new long[0], new WeakReference<?>[0]);
  private static volatile Blocks blocks = NONE;

  /** Lets probe loads read {@code block} (native memory) for as long as it is reachable. */
  public static synchronized void register(MemorySegment block) {
    if (!block.isNative()) {
      throw new IllegalArgumentException("probe blocks must be native memory");
    }
    Blocks b = blocks;
    TreeMap<Long, WeakReference<?>> live = new TreeMap<>();
    for (int i = 0; i < b.starts.length; i++) {
      if (b.refs[i].get() instanceof MemorySegment s && s.scope().isAlive()) {
        live.put(b.starts[i], b.refs[i]);
      }
    }
    WeakReference<?> old = live.get(block.address());
    if (old != null && old.get() == block) {
      return;
    }
    live.put(block.address(), new WeakReference<>(block));
    long[] starts = new long[live.size()];
    WeakReference<?>[] refs = new WeakReference<?>[live.size()];
    int i = 0;
    for (var e : live.entrySet()) {
      starts[i] = e.getKey();
      refs[i++] = e.getValue();
    }
    blocks = new Blocks(starts, refs);
  }

  /** The registered block holding {@code [addr, addr + len)}, or null. */
  private static MemorySegment block(long addr, long len) {
    Blocks b = blocks;
    int i = Arrays.binarySearch(b.starts, addr);
    if (i < 0) {
      i = -i - 2; // the last block starting below addr
      if (i < 0) {
        return null;
      }
    }
    if (!(b.refs[i].get() instanceof MemorySegment s) || !s.scope().isAlive()
        || addr - s.address() + len > s.byteSize()) {
      return null;
    }
    return s;
  }

  /**
   * True when {@code len} bytes at {@code addr} lie in one registered block (also for {@code
   * bpf_probe_read_kernel} and the checked interpreter).
   */
  public static boolean readable(long addr, long len) {
    return len > 0 && addr + len > addr && block(addr, len) != null;
  }

  /**
   * A probe load of {@code size} bytes (1, 2, 4, 8) at {@code addr}, zero-extended: the value
   * when it lies inside a registered block, else 0.
   */
  public static long load(long addr, int size) {
    MemorySegment s = block(addr, size);
    if (s == null) {
      return 0;
    }
    long o = addr - s.address();
    try {
      return switch (size) {
        case 1 -> s.get(ValueLayout.JAVA_BYTE, o) & 0xffL;
        case 2 -> s.get(U16, o) & 0xffffL;
        case 4 -> s.get(U32, o) & 0xffffffffL;
        default -> s.get(U64, o);
      };
    } catch (IllegalStateException | WrongThreadException closedMeanwhile) {
      return 0; // its arena was closed (or is confined to another thread): a fault
    }
  }

  /** As {@link #load} with sign extension ({@code BPF_PROBE_MEMSX}). */
  public static long loadSigned(long addr, int size) {
    long v = load(addr, size);
    return switch (size) {
      case 1 -> (byte) v;
      case 2 -> (short) v;
      case 4 -> (int) v;
      default -> v;
    };
  }
}
