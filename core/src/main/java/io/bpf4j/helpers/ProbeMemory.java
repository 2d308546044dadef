package io.bpf4j.helpers;

import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code bpf_probe_read}, {@code _kernel}, {@code _user} and their {@code _str} variants on
 * the JVM backend. There is no kernel or user address space to fault in: a read is allowed
 * inside the running program's context ({@code RunState.ctx}, {@code ctxLen} bytes), inside
 * the thread's stack ({@code RunState.probeReadable}), inside the global data and the packet
 * of JVM-backend programs (registered with {@link io.bpf4j.vm.ProbeLoads}), inside the
 * engine's regions when its state implements {@link ProbeRegions}, inside the kernel
 * struct blocks of {@link io.bpf4j.vm.ProbeLoads} (the task of {@code bpf_get_current_task}
 * and the blocks its pointers lead to, so {@code BPF_CORE_READ(task, real_parent, tgid)}
 * works), and inside regions a
 * Java caller registered with {@link #allow(MemorySegment)} (for example the memory a hook
 * exposes to a tracing program). Anywhere else the helper fails as the kernel's does on a
 * fault: the destination is zeroed and the result is {@code -EFAULT}, or {@code -ERANGE} from
 * the {@code _kernel} variants for NULL and small offsets from it, as x86-64's kernel answers.
 */
public final class ProbeMemory {
  private ProbeMemory() {}

  static final int EFAULT = 14;
  static final int ERANGE = 34;

  private record Region(long start, long end) {}

  private static final CopyOnWriteArrayList<Region> REGIONS = new CopyOnWriteArrayList<>();

  /** A registered region; closing it unregisters it. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Allows probe reads of {@code segment} (native) until the registration is closed. */
  public static Registration allow(MemorySegment segment) {
    if (!segment.isNative()) {
      throw new IllegalArgumentException("probe regions must be native memory");
    }
    Region r = new Region(segment.address(), segment.address() + segment.byteSize());
    REGIONS.add(r);
    return () -> REGIONS.remove(r);
  }

  /** True when {@code len} bytes at {@code addr} may be probed by the run of {@code state}. */
  static boolean readable(RunState state, long addr, long len) {
    if (len < 0 || addr == 0 || addr + len < addr) {
      return false;
    }
    if (state != null && state.probeReadable(addr, len)) {
      return true; // the thread's stack, the run's context (and a checked run's regions)
    }
    if (state instanceof ProbeRegions p && p.readable(addr, len)) {
      return true;
    }
    if (io.bpf4j.vm.ProbeLoads.readable(addr, len)) {
      return true; // a kernel struct block (the task, its parent, a VMA)
    }
    for (Region r : REGIONS) {
      if (addr >= r.start() && addr + len <= r.end()) {
        return true;
      }
    }
    return false;
  }

  /** Linux's default {@code vm.mmap_min_addr}: nothing is ever mapped below it. */
  private static final long NULL_PAGES = 0x10000;

  /**
   * The error of a probe read that cannot read {@code src}. The kernel's {@code _kernel}
   * variants refuse any user-space address before trying it ({@code -ERANGE}, x86-64's {@code
   * copy_from_kernel_nofault_allowed}) and fault on an unmapped kernel one ({@code -EFAULT}).
   * On the JVM every address is a user-space one, and the memory programs see stands for the
   * kernel's, so only NULL and small offsets from it ({@code t->mm->...} through a NULL {@code
   * mm}) are refused with {@code -ERANGE}; anything else faults, as the other variants do.
   */
  private static long fault(boolean kernel, long src) {
    return kernel && Long.compareUnsigned(src, NULL_PAGES) < 0 ? -ERANGE : -EFAULT;
  }

  /**
   * {@code bpf_probe_read*(dst, size, src)}: 0, or the error of {@link #fault} (destination
   * zeroed); {@code kernel} for {@code bpf_probe_read_kernel}.
   */
  static long read(RunState state, long dst, long size, long src, boolean kernel) {
    if (size == 0) {
      return 0;
    }
    if (!readable(state, src, size)) {
      Memory.ALL.asSlice(dst, size).fill((byte) 0);
      return fault(kernel, src);
    }
    MemorySegment.copy(Memory.ALL, src, Memory.ALL, dst, size);
    return 0;
  }

  /**
   * {@code bpf_probe_read*_str(dst, size, src)}: copies up to the NUL or {@code size - 1}
   * bytes, always NUL-terminates, returns the length including the NUL, or the error of
   * {@link #fault} when not even the first byte can be read.
   */
  static long readStr(RunState state, long dst, long size, long src, boolean kernel) {
    if (size <= 0) {
      return 0;
    }
    long n = 0;
    while (n < size - 1) {
      if (!readable(state, src + n, 1)) {
        if (n == 0) {
          Memory.ALL.set(Memory.U8, dst, (byte) 0);
          return fault(kernel, src);
        }
        break;
      }
      byte b = Memory.ALL.get(Memory.U8, src + n);
      if (b == 0) {
        break;
      }
      Memory.ALL.set(Memory.U8, dst + n, b);
      n++;
    }
    Memory.ALL.set(Memory.U8, dst + n, (byte) 0);
    return n + 1;
  }

  /** A C string at {@code addr} for printing, at most {@code max} bytes; "" if not readable. */
  static String string(RunState state, long addr, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < max; i++) {
      if (!readable(state, addr + i, 1)) {
        return sb.toString(); // the kernel prints what it could read: "" at a fault
      }
      byte b = Memory.ALL.get(Memory.U8, addr + i);
      if (b == 0) {
        break;
      }
      sb.append((char) (b & 0xff));
    }
    return sb.toString();
  }
}
