package io.bpf4j.helpers;

import io.bpf4j.btf.KernelTypes;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.ProbeLoads;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The "current task" of the JVM backend, for {@code bpf_get_current_pid_tgid},
 * {@code _uid_gid}, {@code _comm} and {@code _task}: the calling Java thread in this JVM
 * process. tgid is the process id; pid is the OS thread id ({@code gettid()} where libc has
 * it, else the Java thread id); uid and gid are the process's ({@code getuid()}/{@code
 * getgid()}, 0 where unavailable); comm is the Java thread's name, cut to 15 bytes. The
 * task pointer ({@code bpf_get_current_task} and {@code _btf}) is the address of a per-thread
 * native block laid out like the running kernel's {@code struct task_struct} ({@link
 * KernelTypes#task()}: as large, with {@code pid}, {@code tgid} and {@code comm} at their BTF
 * offsets and the pointers below, everything else zero), so CO-RE reads of those fields
 * work; without kernel BTF
 * the block is the fallback layout:
 *
 * <pre>
 *   0 u32 pid   4 u32 tgid   8 u32 uid   12 u32 gid   16 char comm[16]
 * </pre>
 *
 * <p>With kernel BTF the block's {@code real_parent} and {@code group_leader} point at two
 * more blocks of the same layout, shared by every thread: the process's parent ({@code pid}
 * and {@code tgid} its process id, {@code PPid} of {@code /proc/self/status} when the JVM
 * started; {@code comm} its {@code /proc/PPID/comm}; its {@code group_leader} itself, its
 * {@code real_parent} NULL) and the JVM's main thread ({@code pid} and {@code tgid} the
 * process id, {@code comm} of {@code /proc/self/comm}, {@code real_parent} the parent block,
 * {@code group_leader} itself). A thread's and the main thread's {@code mm} point at one
 * {@code struct mm_struct} block ({@link KernelTypes#mm()}) with the process's code, data,
 * heap start, stack start, argument and environment bounds from {@code /proc/self/stat}; the
 * parent's is NULL. Their {@code cred} and {@code real_cred} point at one {@code struct cred}
 * block (the ids of {@code /proc/self/status}, a user namespace), their {@code nsproxy} at one
 * {@code struct nsproxy} block whose namespaces have the inode numbers of {@code
 * /proc/self/ns} (the UTS one also {@code uname}'s strings); the parent's are NULL. Every other member, pointers included, is 0, and loads
 * through it read 0 as the kernel's probe loads do on a fault: every block is registered
 * with {@link ProbeLoads}, which the engines run loads through BTF-typed pointers with.
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

  private static final ThreadLocal<MemorySegment> TASK = ThreadLocal.withInitial(() -> {
    MemorySegment s = Arena.ofAuto().allocate(KernelTypes.task().size(), 8);
    ProbeLoads.register(s);
    return s;
  });

  /** The parent process and the main thread: blocks shared by every thread's task. */
  private static final class Relatives {
    static final long PPID = parentPid();
    static final MemorySegment PARENT = block(PPID, read(Path.of("/proc/" + PPID + "/comm")));
    static final MemorySegment LEADER = block(TGID, read(Path.of("/proc/self/comm")));
    /** This process's {@code mm}, shared by its threads; null without kernel BTF. */
    static final MemorySegment MM = KernelTypes.task().fromKernel() ? mm() : null;
    /** The namespace blocks: probe loads hold blocks weakly, so these are kept here. */
    private static final java.util.List<MemorySegment> NAMESPACES = new java.util.ArrayList<>();
    /** This process's credentials, shared by its threads; null without kernel BTF. */
    static final MemorySegment CRED = KernelTypes.task().fromKernel() ? cred() : null;
    /** This process's namespaces, shared by its threads; null without kernel BTF. */
    static final MemorySegment NSPROXY = KernelTypes.task().fromKernel() ? nsproxy() : null;

    static {
      KernelTypes.StructLayout l = KernelTypes.task();
      if (l.fromKernel()) {
        PARENT.set(Memory.U64, l.offset("group_leader"), PARENT.address());
        LEADER.set(Memory.U64, l.offset("group_leader"), LEADER.address());
        LEADER.set(Memory.U64, l.offset("real_parent"), PARENT.address());
        LEADER.set(Memory.U64, l.offset("mm"), MM.address());
        shareCredAndNamespaces(LEADER);
      }
    }

    /** Points {@code task}'s {@code cred}, {@code real_cred} and {@code nsproxy} at this process's. */
    static void shareCredAndNamespaces(MemorySegment task) {
      KernelTypes.StructLayout l = KernelTypes.task();
      task.set(Memory.U64, l.offset("cred"), CRED.address());
      task.set(Memory.U64, l.offset("real_cred"), CRED.address());
      task.set(Memory.U64, l.offset("nsproxy"), NSPROXY.address());
    }

    /**
     * The {@code cred} block: the four uids and gids of the {@code Uid:} and {@code Gid:} lines
     * of {@code /proc/self/status} (real, effective, saved, filesystem) and a {@code user_ns}
     * block; 0 where they cannot be read.
     */
    private static MemorySegment cred() {
      KernelTypes.StructLayout l = KernelTypes.cred();
      MemorySegment s = Arena.global().allocate(l.size(), 8);
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          String[] kinds = line.startsWith("Uid:") ? new String[] {"uid", "euid", "suid", "fsuid"}
              : line.startsWith("Gid:") ? new String[] {"gid", "egid", "sgid", "fsgid"} : null;
          if (kinds != null) {
            String[] v = line.substring(4).trim().split("\\s+");
            for (int i = 0; i < kinds.length && i < v.length; i++) {
              s.set(Memory.U32, l.offset(kinds[i]), (int) Long.parseLong(v[i]));
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // no procfs: the ids stay 0
      }
      s.set(Memory.U64, l.offset("user_ns"), namespace("user_namespace", "user"));
      ProbeLoads.register(s);
      return s;
    }

    /**
     * The {@code nsproxy} block, its pointers at a block per namespace with the inode number of
     * {@code /proc/self/ns/NAME} in {@code ns.inum} (and {@code uname}'s strings in the UTS
     * one); a namespace the kernel's BTF or procfs does not have stays NULL.
     */
    private static MemorySegment nsproxy() {
      KernelTypes.StructLayout l = KernelTypes.nsproxy();
      MemorySegment s = Arena.global().allocate(l.size(), 8);
      String[][] ns = {{"uts_ns", "uts_namespace", "uts"}, {"ipc_ns", "ipc_namespace", "ipc"},
          {"mnt_ns", "mnt_namespace", "mnt"},
          {"pid_ns_for_children", "pid_namespace", "pid_for_children"}, {"net_ns", "net", "net"},
          {"time_ns", "time_namespace", "time"},
          {"time_ns_for_children", "time_namespace", "time_for_children"},
          {"cgroup_ns", "cgroup_namespace", "cgroup"}};
      for (String[] n : ns) {
        s.set(Memory.U64, l.offset(n[0]), namespace(n[1], n[2]));
      }
      ProbeLoads.register(s);
      return s;
    }

    /** A block of namespace struct {@code struct} for {@code /proc/self/ns/NAME}; 0 if none. */
    private static long namespace(String struct, String name) {
      KernelTypes.StructLayout l = KernelTypes.namespace(struct);
      if (l == null) {
        return 0;
      }
      MemorySegment s = Arena.global().allocate(l.size(), 8);
      try {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/" + name)).toString();
        String inum = link.substring(link.indexOf('[') + 1, link.indexOf(']'));
        s.set(Memory.U32, l.offset("ns.inum"), (int) Long.parseLong(inum));
      } catch (IOException | RuntimeException e) {
        // no such namespace file: inum stays 0
      }
      if (struct.equals("uts_namespace")) {
        String[][] uts = {{"name.sysname", "ostype"}, {"name.nodename", "hostname"},
            {"name.release", "osrelease"}, {"name.version", "version"}, {"name.machine", "arch"},
            {"name.domainname", "domainname"}};
        for (String[] u : uts) {
          byte[] b = readAll(Path.of("/proc/sys/kernel/" + u[1]));
          MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, l.offset(u[0]), Math.min(b.length, 64));
        }
      }
      ProbeLoads.register(s);
      NAMESPACES.add(s);
      return s.address();
    }

    private static byte[] readAll(Path p) {
      try {
        return Files.readString(p, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return new byte[0];
      }
    }

    /**
     * The {@code mm_struct} block: {@code start_code} .. {@code env_end} from fields 26-28
     * and 45-51 of {@code /proc/self/stat} (0 where it cannot be read), the rest 0.
     */
    private static MemorySegment mm() {
      KernelTypes.StructLayout l = KernelTypes.mm();
      MemorySegment s = Arena.global().allocate(l.size(), 8);
      try {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // after the command name, which may hold spaces: field 3 on
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        String[] names = {"start_code", "end_code", "start_stack", "start_data", "end_data",
            "start_brk", "arg_start", "arg_end", "env_start", "env_end"};
        int[] fields = {26, 27, 28, 45, 46, 47, 48, 49, 50, 51};
        for (int i = 0; i < names.length; i++) {
          int at = fields[i] - 3;
          if (at < f.length) {
            s.set(Memory.U64, l.offset(names[i]), Long.parseUnsignedLong(f[at]));
          }
        }
      } catch (IOException | RuntimeException e) {
        // no procfs: the fields stay 0
      }
      ProbeLoads.register(s);
      return s;
    }

    private static long parentPid() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("PPid:")) {
            return Long.parseLong(line.substring(5).trim());
          }
        }
      } catch (IOException | RuntimeException e) {
        // no procfs: ProcessHandle below
      }
      return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    private static byte[] read(Path p) {
      try {
        String s = Files.readString(p, StandardCharsets.UTF_8).strip();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length > 15 ? java.util.Arrays.copyOf(b, 15) : b;
      } catch (IOException | RuntimeException e) {
        return new byte[0];
      }
    }

    private static MemorySegment block(long pid, byte[] comm) {
      KernelTypes.StructLayout l = KernelTypes.task();
      MemorySegment s = Arena.global().allocate(l.size(), 8);
      s.set(Memory.U32, l.offset("pid"), (int) pid);
      s.set(Memory.U32, l.offset("tgid"), (int) pid);
      MemorySegment.copy(comm, 0, s, ValueLayout.JAVA_BYTE, l.offset("comm"), comm.length);
      ProbeLoads.register(s);
      BLOCKS.add(s.address());
      return s;
    }
  }

  /** This process's {@code mm_struct} block, or 0 without kernel BTF. */
  static long mm() {
    return KernelTypes.task().fromKernel() ? Relatives.MM.address() : 0;
  }

  /** True when {@code addr} is the parent process's block ({@code real_parent}). */
  static boolean isParent(long addr) {
    return KernelTypes.task().fromKernel() && addr == Relatives.PARENT.address();
  }

  /** The parent process's id as the task blocks give it ({@code real_parent->tgid}). */
  static long parentPid() {
    return Relatives.PPID;
  }

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
    if (l.fromKernel()) {
      t.set(Memory.U64, l.offset("real_parent"), Relatives.PARENT.address());
      t.set(Memory.U64, l.offset("group_leader"), Relatives.LEADER.address());
      t.set(Memory.U64, l.offset("mm"), Relatives.MM.address());
      Relatives.shareCredAndNamespaces(t);
    }
    BLOCKS.add(t.address());
    return t.address();
  }
}
