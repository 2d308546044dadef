package io.bpf4j.helpers;

import io.bpf4j.btf.KernelTypes;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code bpf_find_vma(task, addr, callback_fn, callback_ctx, flags)} on the JVM backend. Every
 * task of the JVM backend ({@link TaskInfo}: a thread of this JVM) shares one address space,
 * this process's, so the VMAs are those of {@code /proc/self/smaps}, read at each call as the
 * kernel walks the task's {@code mm} at each call. The VMA holding {@code addr} is given to
 * the callback as a per-thread native block laid out like the running kernel's {@code struct
 * vm_area_struct} ({@link KernelTypes#vma()}: its size and member offsets from {@code
 * /sys/kernel/btf/vmlinux}, so a program whose CO-RE relocations were resolved against that
 * BTF reads the right fields; without it, the fallback layout {@code vm_start} 0, {@code
 * vm_end} 8, {@code vm_flags} 16, {@code vm_pgoff} 24). Filled: {@code vm_start}, {@code vm_end}, {@code vm_pgoff} (the mapping's file offset
 * in pages) and {@code vm_flags} (from the smaps {@code VmFlags} mnemonics, with the
 * kernel's x86-64 bit values) and, with kernel BTF, {@code vm_mm}: the process's {@code
 * mm_struct} block of {@link TaskInfo}; everything else reads as zero (notably {@code
 * vm_file}: NULL).
 *
 * <p>Returns 0 after one callback call, -ENOENT when no VMA holds {@code addr} (or on a system
 * without {@code /proc/self/smaps}), -EINVAL for flags other than 0. In a checked run {@code
 * task} must be a task block of {@link TaskInfo} and the VMA block is lent to the callback
 * (read-only) while it runs.
 */
final class Vmas {
  private Vmas() {}

  private static final ThreadLocal<MemorySegment> BLOCK = ThreadLocal.withInitial(() -> {
    MemorySegment s = Arena.ofAuto().allocate(KernelTypes.vma().size(), 8);
    io.bpf4j.vm.ProbeLoads.register(s);
    return s;
  });

  /** The smaps {@code VmFlags} mnemonics and the kernel's bits (include/linux/mm.h, x86-64). */
  static final Map<String, Long> FLAG_BITS = Map.ofEntries(
      Map.entry("rd", 0x1L), Map.entry("wr", 0x2L), Map.entry("ex", 0x4L),
      Map.entry("sh", 0x8L), Map.entry("mr", 0x10L), Map.entry("mw", 0x20L),
      Map.entry("me", 0x40L), Map.entry("ms", 0x80L), Map.entry("gd", 0x100L),
      Map.entry("um", 0x200L), Map.entry("pf", 0x400L), Map.entry("uw", 0x1000L),
      Map.entry("lo", 0x2000L), Map.entry("io", 0x4000L), Map.entry("sr", 0x8000L),
      Map.entry("rr", 0x10000L), Map.entry("dc", 0x20000L), Map.entry("de", 0x40000L),
      Map.entry("lf", 0x80000L), Map.entry("ac", 0x100000L), Map.entry("nr", 0x200000L),
      Map.entry("ht", 0x400000L), Map.entry("sf", 0x800000L), Map.entry("ar", 0x1000000L),
      Map.entry("wf", 0x2000000L), Map.entry("dd", 0x4000000L), Map.entry("sd", 0x8000000L),
      Map.entry("mm", 0x10000000L), Map.entry("hg", 0x20000000L),
      Map.entry("nh", 0x40000000L), Map.entry("mg", 0x80000000L));

  /** One VMA: [start, end), flags, file offset in pages. */
  record Vma(long start, long end, long flags, long pgoff) {}

  /** The VMA of this process that holds {@code addr}, or null. */
  static Vma find(long addr) {
    Path smaps = Path.of("/proc/self/smaps");
    try (BufferedReader r = Files.newBufferedReader(smaps,
        java.nio.charset.StandardCharsets.ISO_8859_1)) {
      Vma hit = null;
      String line;
      while ((line = r.readLine()) != null) {
        if (hit != null) {
          if (line.startsWith("VmFlags:")) {
            long f = 0;
            for (String m : line.substring(8).trim().split("\\s+")) {
              f |= FLAG_BITS.getOrDefault(m, 0L);
            }
            return new Vma(hit.start, hit.end, f, hit.pgoff);
          }
          continue;
        }
        int dash = line.indexOf('-');
        int sp = line.indexOf(' ');
        if (dash <= 0 || sp < dash) {
          continue; // a field line ("Size:   4 kB")
        }
        long start;
        long end;
        try {
          start = Long.parseUnsignedLong(line.substring(0, dash), 16);
          end = Long.parseUnsignedLong(line.substring(dash + 1, sp), 16);
        } catch (NumberFormatException e) {
          continue; // a field line ("Size:   4 kB")
        }
        if (Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr, end) < 0) {
          String[] f = line.split("\\s+");
          long off = f.length > 2 ? Long.parseUnsignedLong(f[2], 16) : 0;
          hit = new Vma(start, end, 0, off / 4096);
        }
      }
      return hit;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code bpf_find_vma(task, addr, callback_fn, callback_ctx, flags)}. */
  static long findVma(RunState state, long task, long addr, long fn, long ctx, long flags) {
    if (flags != 0) {
      return -22; // EINVAL
    }
    if (state.checked() && !TaskInfo.isTask(task)) {
      throw new ExecutionException(-1, String.format(
          "bpf_find_vma: argument r1 (0x%x) is not a task (bpf_get_current_task_btf gives one)",
          task));
    }
    if (TaskInfo.isParent(task)) {
      return -2; // another process: bpf4j does not know its VMAs
    }
    Vma v = find(addr);
    if (v == null) {
      return -2; // ENOENT
    }
    Callback cb = ControlHelpers.callback(state, "bpf_find_vma", fn);
    KernelTypes.StructLayout l = KernelTypes.vma();
    MemorySegment block = BLOCK.get();
    block.fill((byte) 0);
    long b = block.address();
    Memory.ALL.set(Memory.U64, b + l.offset("vm_start"), v.start());
    Memory.ALL.set(Memory.U64, b + l.offset("vm_end"), v.end());
    Memory.ALL.set(Memory.U64, b + l.offset("vm_flags"), v.flags());
    Memory.ALL.set(Memory.U64, b + l.offset("vm_pgoff"), v.pgoff());
    if (l.fromKernel()) {
      Memory.ALL.set(Memory.U64, b + l.offset("vm_mm"), TaskInfo.mm());
    }
    int mark = state.regionMark();
    state.allowRegion(b, l.size(), false);
    try {
      cb.call(task, b, ctx, 0, 0);
    } finally {
      state.releaseRegions(mark);
    }
    return 0;
  }
}
