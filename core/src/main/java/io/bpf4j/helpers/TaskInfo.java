package io.bpf4j.helpers;

import io.bpf4j.btf.KernelTypes;
import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The "current task" of the JVM backend, for {@code bpf_get_current_pid_tgid},
 * {@code _uid_gid}, {@code _comm} and {@code _task}: the calling Java thread in this JVM
 * process. tgid is the process id; pid is the OS thread id ({@code gettid()} where libc has
 * it, else the Java thread id); uid and gid are the process's ({@code getuid()}/{@code
 * getgid()}, 0 where unavailable); comm is the Java thread's name, cut to 15 bytes. The
 * task pointer ({@code bpf_get_current_task} and {@code _btf}) is the address of a per-thread
 * native block laid out like the running kernel's {@code struct task_struct} ({@link
 * KernelTypes#task()}: as large, with {@code pid}, {@code tgid} and {@code comm} at their BTF
 * offsets, everything else zero), so CO-RE reads of those fields work; without kernel BTF
 * the block is the fallback layout:
 *
 * <pre>
 *   0 u32 pid   4 u32 tgid   8 u32 uid   12 u32 gid   16 char comm[16]
 * </pre>
 */
final class TaskInfo {
  private TaskInfo() {}


  private static final MethodHandle GETTID = find("gettid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
  private static final MethodHandle GETUID = find("getuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
  private static final MethodHandle GETGID = find("getgid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
  private static final long TGID = ProcessHandle.current().pid();

  private static MethodHandle find(String name, FunctionDescriptor fd) {
    try {
      Linker l = Linker.nativeLinker();
      return l.defaultLookup().find(name).map(s -> l.downcallHandle(s, fd)).orElse(null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static long call(MethodHandle h, long fallback) {
    if (h == null) {
      return fallback;
    }
    try {
      return ((int) h.invokeExact()) & 0xffffffffL;
    } catch (Throwable t) {
      return fallback;
    }
  }

  private static final ThreadLocal<long[]> TID =
      ThreadLocal.withInitial(() -> new long[] {call(GETTID, Thread.currentThread().threadId())});

  private static final ThreadLocal<MemorySegment> TASK =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(KernelTypes.task().size(), 8));

  static long pidTgid() {
    return (TGID << 32) | (TID.get()[0] & 0xffffffffL);
  }

  static long uidGid() {
    return (call(GETGID, 0) << 32) | call(GETUID, 0);
  }

  /** The comm bytes (at most 15) of the calling thread. */
  static byte[] comm() {
    byte[] b = Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8);
    return b.length > 15 ? java.util.Arrays.copyOf(b, 15) : b;
  }

  static String commString() {
    return new String(comm(), StandardCharsets.UTF_8);
  }

  static long tid() {
    return TID.get()[0];
  }

  /** {@code bpf_get_current_comm(buf, size)}: NUL-padded copy; 0, or -EINVAL for size 0. */
  static long comm(long buf, long size) {
    if (size <= 0) {
      return -22;
    }
    byte[] c = comm();
    for (long i = 0; i < size; i++) {
      Memory.ALL.set(Memory.U8, buf + i, i < c.length && i < size - 1 ? c[(int) i] : 0);
    }
    return 0;
  }

  /** Every thread's task block, for {@link #isTask}. */
  private static final java.util.Set<Long> BLOCKS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** True when {@code addr} is the task block of some thread ({@link #task()}). */
  static boolean isTask(long addr) {
    return BLOCKS.contains(addr);
  }

  /** {@code bpf_get_current_task()}: the calling thread's task block, refreshed. */
  static long task() {
    MemorySegment t = TASK.get();
    KernelTypes.StructLayout l = KernelTypes.task();
    long pt = pidTgid();
    t.set(Memory.U32, l.offset("pid"), (int) pt);
    t.set(Memory.U32, l.offset("tgid"), (int) (pt >>> 32));
    if (!l.fromKernel()) {
      long ug = uidGid();
      t.set(Memory.U32, 8, (int) ug);
      t.set(Memory.U32, 12, (int) (ug >>> 32));
    }
    byte[] c = comm();
    int comm = l.offset("comm");
    t.asSlice(comm, 16).fill((byte) 0);
    MemorySegment.copy(c, 0, t, ValueLayout.JAVA_BYTE, comm, c.length);
    BLOCKS.add(t.address());
    return t.address();
  }
}
