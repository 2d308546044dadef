package io.bpf4j.btf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running kernel's BTF ({@code /sys/kernel/btf/vmlinux}, parsed once) and the layouts of
 * the kernel structs the JVM backend hands to programs as BTF-typed pointers: the task of
 * {@code bpf_get_current_task_btf} (and its {@code mm}) and the VMA of {@code bpf_find_vma}'s
 * callback. The
 * helpers lay out their blocks, and the verifier bounds reads through such pointers, by the
 * same {@link StructLayout}, so a program verified here reads only inside the block it gets.
 * Without kernel BTF (another OS, a kernel without {@code CONFIG_DEBUG_INFO_BTF}) each
 * struct has a small fallback layout of the fields bpf4j fills.
 */
public final class KernelTypes {
  private KernelTypes() {}

  /**
   * A struct's size and the byte offsets of the members bpf4j fills.
   *
   * @param name the struct's name ({@code task_struct})
   * @param size its size in bytes: the kernel's, or the fallback's
   * @param offsets member name to byte offset
   * @param fromKernel true when read from the running kernel's BTF
   * @param btfId the struct's id in the running kernel's BTF, or -1 for a fallback layout
   */
  public record StructLayout(String name, int size, Map<String, Integer> offsets,
      boolean fromKernel, int btfId) {
    public StructLayout {
      offsets = Map.copyOf(offsets);
    }

    /** The byte offset of {@code member}. */
    public int offset(String member) {
      Integer o = offsets.get(member);
      if (o == null) {
        throw new IllegalArgumentException(name + " has no member " + member + " here");
      }
      return o;
    }
  }

  private static final class Vmlinux {
    static final Btf BTF = read();

    private static Btf read() {
      try {
        Path p = Path.of("/sys/kernel/btf/vmlinux");
        return Files.isReadable(p) ? Btf.parse(Files.readAllBytes(p)) : null;
      } catch (IOException | BtfFormatException | RuntimeException e) {
        return null;
      }
    }
  }

  /** The members of {@code struct mm_struct} bpf4j fills, in {@code /proc/PID/stat} terms. */
  private static final String[] MM_FIELDS = {"start_code", "end_code", "start_data", "end_data",
      "start_brk", "start_stack", "arg_start", "arg_end", "env_start", "env_end"};

  /** The ids of {@code struct cred} bpf4j fills (and its user namespace). */
  private static final String[] CRED_FIELDS = {"uid", "gid", "suid", "sgid", "euid", "egid",
      "fsuid", "fsgid", "user_ns"};

  /** The namespace pointers of {@code struct nsproxy}. */
  private static final String[] NS_POINTERS = {"uts_ns", "ipc_ns", "mnt_ns",
      "pid_ns_for_children", "net_ns", "time_ns", "time_ns_for_children", "cgroup_ns"};

  /** The members of {@code struct uts_namespace} bpf4j fills: {@code uname}'s strings. */
  private static final String[] UTS_FIELDS = {"ns.inum", "name.sysname", "name.nodename",
      "name.release", "name.version", "name.machine", "name.domainname"};

  private static final java.util.concurrent.ConcurrentHashMap<String, StructLayout> NAMESPACES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final class Layouts {
    static final StructLayout TASK = layout("task_struct",
        fallback("task_struct", 32, "pid", 0, "tgid", 4, "comm", 16), "pid", "tgid", "comm",
        "real_parent", "group_leader", "mm", "cred", "real_cred", "nsproxy");
    static final StructLayout CRED = layout("cred", fallback("cred", 0), CRED_FIELDS);
    static final StructLayout NSPROXY = layout("nsproxy", fallback("nsproxy", 0), NS_POINTERS);
    static final StructLayout MM = layout("mm_struct",
        fallback("mm_struct", 80, "start_code", 0, "end_code", 8, "start_data", 16, "end_data",
            24, "start_brk", 32, "start_stack", 40, "arg_start", 48, "arg_end", 56, "env_start",
            64, "env_end", 72), MM_FIELDS);
    static final StructLayout VMA = layout("vm_area_struct",
        fallback("vm_area_struct", 32, "vm_start", 0, "vm_end", 8, "vm_flags", 16,
            "vm_pgoff", 24), "vm_start", "vm_end", "vm_flags", "vm_pgoff", "vm_mm");
  }

  /** The running kernel's BTF, if it has any. */
  public static Optional<Btf> vmlinux() {
    return Optional.ofNullable(Vmlinux.BTF);
  }

  /**
   * {@code struct task_struct}: {@code pid}, {@code tgid}, {@code comm}, {@code real_parent},
   * {@code group_leader}, {@code mm}, {@code cred}, {@code real_cred}, {@code nsproxy}; the fallback is 32 bytes (pid 0, tgid 4, uid 8, gid 12, comm 16),
   * without the pointers.
   */
  public static StructLayout task() {
    return Layouts.TASK;
  }

  /**
   * {@code struct mm_struct}: the bounds of the code, data, heap start, stack start,
   * arguments and environment ({@code start_code} .. {@code env_end}, as {@code
   * /proc/PID/stat} gives them); the fallback is 80 bytes of them in that order.
   */
  public static StructLayout mm() {
    return Layouts.MM;
  }

  /**
   * {@code struct cred}: the real, saved, effective and filesystem uid and gid ({@code kuid_t}
   * and {@code kgid_t}, their {@code val} at the member's offset) and {@code user_ns}; without
   * kernel BTF a layout of no members (the fallback task has no {@code cred}).
   */
  public static StructLayout cred() {
    return Layouts.CRED;
  }

  /**
   * {@code struct nsproxy}: its pointers to the task's namespaces ({@code uts_ns} ..
   * {@code cgroup_ns}); without kernel BTF a layout of no members.
   */
  public static StructLayout nsproxy() {
    return Layouts.NSPROXY;
  }

  /**
   * A namespace struct of the running kernel ({@code uts_namespace}, {@code ipc_namespace},
   * {@code mnt_namespace}, {@code pid_namespace}, {@code net}, {@code time_namespace}, {@code
   * cgroup_namespace}, {@code user_namespace}) with {@code ns.inum}, the inode number {@code
   * /proc/PID/ns} shows, and for {@code uts_namespace} the strings of {@code name} ({@code
   * name.nodename}, ...); null without kernel BTF or without the struct.
   */
  public static StructLayout namespace(String struct) {
    StructLayout l = NAMESPACES.computeIfAbsent(struct, n -> layout(n, fallback(n, 0),
        n.equals("uts_namespace") ? UTS_FIELDS : new String[] {"ns.inum"}));
    return l.fromKernel() ? l : null;
  }

  /**
   * {@code struct vm_area_struct}: {@code vm_start}, {@code vm_end}, {@code vm_flags}, {@code
   * vm_pgoff}, {@code vm_mm}; the fallback is 32 bytes of the first four in that order.
   */
  public static StructLayout vma() {
    return Layouts.VMA;
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, StructLayout> BY_ID =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The struct (or union) with BTF id {@code id} of the running kernel, as one shared instance
   * per id (the verifier compares them by identity): {@link #task()} and {@link #vma()} for
   * theirs, else its name ({@code "(anon)"} when it has none) and size, without member
   * offsets. Null when there is no kernel BTF or {@code id} is not a struct or union.
   */
  public static StructLayout byId(int id) {
    if (id == task().btfId()) {
      return task();
    }
    if (id == vma().btfId()) {
      return vma();
    }
    if (id == mm().btfId()) {
      return mm();
    }
    Btf btf = Vmlinux.BTF;
    if (btf == null || id <= 0 || id >= btf.count()) {
      return null;
    }
    return BY_ID.computeIfAbsent(id, i -> btf.type(i) instanceof BtfType.Composite c
        ? new StructLayout(c instanceof BtfType.Struct s && s.name() != null
            && !s.name().isEmpty() ? s.name() : c instanceof BtfType.Union u && u.name() != null
            && !u.name().isEmpty() ? u.name() : "(anon)", c.size(), Map.of(), true, i)
        : null);
  }

  /** The layout of the struct the verifier calls {@code name}, or null for others. */
  public static StructLayout byName(String name) {
    return switch (name) {
      case "task_struct" -> task();
      case "vm_area_struct" -> vma();
      case "mm_struct" -> mm();
      default -> null;
    };
  }

  private static StructLayout fallback(String name, int size, Object... pairs) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return new StructLayout(name, size, m, false, -1);
  }

  private static StructLayout layout(String name, StructLayout fallback, String... members) {
    Btf btf = Vmlinux.BTF;
    if (btf == null) {
      return fallback;
    }
    try {
      int id = btf.find(BtfKind.STRUCT, name);
      if (id < 0) {
        return fallback;
      }
      BtfType.Struct s = (BtfType.Struct) btf.type(id);
      Map<String, Integer> m = new LinkedHashMap<>();
      for (String member : members) {
        int o = pathOffset(btf, s, member);
        if (o < 0) {
          return fallback;
        }
        m.put(member, o);
      }
      return new StructLayout(name, s.size(), m, true, id);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** The byte offset of {@code path} in {@code c}: a member, or members joined by dots ({@code ns.inum}); or -1. */
  private static int pathOffset(Btf btf, BtfType.Composite c, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return memberOffset(btf, c, path);
    }
    String head = path.substring(0, dot);
    for (BtfType.Member m : c.members()) {
      if (head.equals(m.name()) && btf.type(btf.resolve(m.type())) instanceof BtfType.Composite in) {
        int o = pathOffset(btf, in, path.substring(dot + 1));
        return o < 0 ? -1 : m.bitOffset() / 8 + o;
      }
    }
    return -1;
  }

  /** The byte offset of member {@code name} of {@code c}, looking into anonymous members; or -1. */
  public static int memberOffset(Btf btf, BtfType.Composite c, String name) {
    for (BtfType.Member m : c.members()) {
      if (name.equals(m.name())) {
        return m.bitOffset() / 8;
      }
      if (m.name() == null || m.name().isEmpty()) {
        BtfType t = btf.type(btf.resolve(m.type()));
        if (t instanceof BtfType.Composite inner) {
          int o = memberOffset(btf, inner, name);
          if (o >= 0) {
            return m.bitOffset() / 8 + o;
          }
        }
      }
    }
    return -1;
  }
}
