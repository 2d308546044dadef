package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.kernel.sys.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The {@code bpf()} system call, one method per command, with the {@code union bpf_attr}
 * layouts of {@code linux/bpf.h}. Failures throw {@link BpfException} with errno's name.
 *
 * <p>This is the low layer: {@link KernelMap}, {@link KernelProgram}, {@link Btf} and the
 * links own what it returns. It runs on a {@link Sys}, the real kernel by default.
 */
public final class Bpf {
  /** {@code sizeof(union bpf_attr)} in the 6.1 header; the kernel accepts any prefix. */
  static final int ATTR_SIZE = 144;

  private static final Bpf SYSTEM = new Bpf(Sys.system());

  private final Sys sys;
  private final ThreadLocal<MemorySegment> elemAttr =
      ThreadLocal.withInitial(() -> Arena.global().allocate(32, 8));

  private Bpf(Sys sys) {
    this.sys = sys;
  }

  /** The real kernel. */
  public static Bpf system() {
    return SYSTEM;
  }

  /** bpf() on another system layer (a fake in unit tests). */
  public static Bpf on(Sys sys) {
    return new Bpf(sys);
  }

  /** The system layer underneath. */
  public Sys sys() {
    return sys;
  }

  /** Runs {@code cmd} on {@code attr}; the result, or a {@link BpfException}. */
  long call(BpfCmd cmd, MemorySegment attr) {
    long r = sys.bpf(cmd.ordinal(), attr, (int) Math.min(attr.byteSize(), ATTR_SIZE));
    if (r < 0) {
      throw new BpfException(cmd, (int) -r, "");
    }
    return r;
  }

  /** Runs {@code cmd}; returns minus errno instead of throwing. */
  long tryCall(BpfCmd cmd, MemorySegment attr) {
    return sys.bpf(cmd.ordinal(), attr, (int) Math.min(attr.byteSize(), ATTR_SIZE));
  }

  Fd fd(long r) {
    return Fd.adopt(sys, (int) r);
  }

  static MemorySegment attr(Arena arena) {
    return arena.allocate(ATTR_SIZE, 8);
  }

  static void putName(MemorySegment attr, long offset, String name) {
    if (name == null) {
      return;
    }
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(b.length, 15); // BPF_OBJ_NAME_LEN - 1
    MemorySegment.copy(b, 0, attr, JAVA_BYTE, offset, n);
  }

  static String cString(MemorySegment s, long offset, int max) {
    int n = 0;
    while (n < max && s.get(JAVA_BYTE, offset + n) != 0) {
      n++;
    }
    byte[] b = new byte[n];
    MemorySegment.copy(s, JAVA_BYTE, offset, b, 0, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  // ---- maps -------------------------------------------------------------------------------

  /** {@code BPF_MAP_CREATE}. */
  public Fd mapCreate(MapOptions o) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, o.type().value()); // map_type
      at.set(JAVA_INT, 4, o.keySize()); // key_size
      at.set(JAVA_INT, 8, o.valueSize()); // value_size
      at.set(JAVA_INT, 12, o.maxEntries()); // max_entries
      at.set(JAVA_INT, 16, o.flags()); // map_flags
      at.set(JAVA_INT, 20, o.innerMapFd()); // inner_map_fd
      putName(at, 28, o.name()); // map_name[16]
      at.set(JAVA_INT, 48, o.btfFd()); // btf_fd
      at.set(JAVA_INT, 52, o.btfKeyTypeId()); // btf_key_type_id
      at.set(JAVA_INT, 56, o.btfValueTypeId()); // btf_value_type_id
      at.set(JAVA_LONG, 64, o.mapExtra()); // map_extra
      long r = tryCall(BpfCmd.MAP_CREATE, at);
      if (r < 0) {
        throw new BpfException(BpfCmd.MAP_CREATE, (int) -r, "", "map '" + o.name() + "'");
      }
      return fd(r);
    }
  }

  private MemorySegment elem(int mapFd, MemorySegment key, MemorySegment value, long flags) {
    MemorySegment at = elemAttr.get();
    at.set(JAVA_INT, 0, mapFd); // map_fd
    at.set(JAVA_INT, 4, 0);
    at.set(JAVA_LONG, 8, key == null ? 0 : key.address()); // key
    at.set(JAVA_LONG, 16, value == null ? 0 : value.address()); // value / next_key
    at.set(JAVA_LONG, 24, flags); // flags
    return at;
  }

  /** {@code BPF_MAP_LOOKUP_ELEM}: false when the key is absent (ENOENT). */
  public boolean mapLookup(int mapFd, MemorySegment key, MemorySegment value, long flags) {
    long r = tryCall(BpfCmd.MAP_LOOKUP_ELEM, elem(mapFd, key, value, flags));
    return found(BpfCmd.MAP_LOOKUP_ELEM, r);
  }

  /** {@code BPF_MAP_LOOKUP_AND_DELETE_ELEM} (also pop for queues and stacks). */
  public boolean mapLookupAndDelete(int mapFd, MemorySegment key, MemorySegment value) {
    long r = tryCall(BpfCmd.MAP_LOOKUP_AND_DELETE_ELEM, elem(mapFd, key, value, 0));
    return found(BpfCmd.MAP_LOOKUP_AND_DELETE_ELEM, r);
  }

  /** {@code BPF_MAP_UPDATE_ELEM} with {@code BPF_ANY}, {@code BPF_NOEXIST} or {@code BPF_EXIST}. */
  public void mapUpdate(int mapFd, MemorySegment key, MemorySegment value, long flags) {
    long r = tryCall(BpfCmd.MAP_UPDATE_ELEM, elem(mapFd, key, value, flags));
    if (r < 0) {
      throw new BpfException(BpfCmd.MAP_UPDATE_ELEM, (int) -r, "");
    }
  }

  /** {@code BPF_MAP_DELETE_ELEM}: false when the key was absent. */
  public boolean mapDelete(int mapFd, MemorySegment key) {
    return found(BpfCmd.MAP_DELETE_ELEM, tryCall(BpfCmd.MAP_DELETE_ELEM, elem(mapFd, key, null, 0)));
  }

  /** {@code BPF_MAP_GET_NEXT_KEY}: the first key when {@code key} is null; false at the end. */
  public boolean mapNextKey(int mapFd, MemorySegment key, MemorySegment next) {
    return found(BpfCmd.MAP_GET_NEXT_KEY, tryCall(BpfCmd.MAP_GET_NEXT_KEY, elem(mapFd, key, next, 0)));
  }

  private static boolean found(BpfCmd cmd, long r) {
    if (r == -Errno.ENOENT) {
      return false;
    }
    if (r < 0) {
      throw new BpfException(cmd, (int) -r, "");
    }
    return true;
  }

  /** {@code BPF_MAP_FREEZE}: user space can no longer write the map. */
  public void mapFreeze(int mapFd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, mapFd);
      call(BpfCmd.MAP_FREEZE, at);
    }
  }

  /**
   * One of the batch commands ({@code BPF_MAP_LOOKUP_BATCH}, {@code ..._AND_DELETE_BATCH},
   * {@code BPF_MAP_UPDATE_BATCH}, {@code BPF_MAP_DELETE_BATCH}): {@code count} elements at
   * most; returns how many were done. For lookups, {@code inBatch} null starts from the
   * beginning and {@code outBatch} receives the position to continue from; a count smaller
   * than asked with {@code ENOENT} means the end, reported here as {@code -(count) - 1}.
   */
  public int mapBatch(
      BpfCmd cmd,
      int mapFd,
      MemorySegment inBatch,
      MemorySegment outBatch,
      MemorySegment keys,
      MemorySegment values,
      int count,
      long elemFlags) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_LONG, 0, inBatch == null ? 0 : inBatch.address()); // in_batch
      at.set(JAVA_LONG, 8, outBatch == null ? 0 : outBatch.address()); // out_batch
      at.set(JAVA_LONG, 16, keys == null ? 0 : keys.address()); // keys
      at.set(JAVA_LONG, 24, values == null ? 0 : values.address()); // values
      at.set(JAVA_INT, 32, count); // count
      at.set(JAVA_INT, 36, mapFd); // map_fd
      at.set(JAVA_LONG, 40, elemFlags); // elem_flags
      long r = tryCall(cmd, at);
      int done = at.get(JAVA_INT, 32);
      if (r == -Errno.ENOENT) {
        return -done - 1;
      }
      if (r < 0) {
        throw new BpfException(cmd, (int) -r, "");
      }
      return done;
    }
  }

  // ---- objects ----------------------------------------------------------------------------

  /** {@code BPF_OBJ_PIN}: pins {@code fd} at {@code path} under a bpffs mount. */
  public void objPin(int fd, String path) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_LONG, 0, a.allocateFrom(path).address()); // pathname
      at.set(JAVA_INT, 8, fd); // bpf_fd
      long r = tryCall(BpfCmd.OBJ_PIN, at);
      if (r < 0) {
        throw new BpfException(BpfCmd.OBJ_PIN, (int) -r, "", "pin " + path);
      }
    }
  }

  /** {@code BPF_OBJ_GET}: opens what is pinned at {@code path}. */
  public Fd objGet(String path, int fileFlags) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_LONG, 0, a.allocateFrom(path).address()); // pathname
      at.set(JAVA_INT, 12, fileFlags); // file_flags
      long r = tryCall(BpfCmd.OBJ_GET, at);
      if (r < 0) {
        throw new BpfException(BpfCmd.OBJ_GET, (int) -r, "", path);
      }
      return fd(r);
    }
  }

  /** {@code BPF_*_GET_NEXT_ID}: the next id after {@code start}, or -1 when there is none. */
  public int nextId(ObjectKind kind, int start) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, start); // start_id
      long r = tryCall(kind.nextIdCmd(), at);
      if (r == -Errno.ENOENT) {
        return -1;
      }
      if (r < 0) {
        throw new BpfException(kind.nextIdCmd(), (int) -r, "");
      }
      return at.get(JAVA_INT, 4); // next_id
    }
  }

  /** {@code BPF_*_GET_FD_BY_ID}. */
  public Fd fdById(ObjectKind kind, int id) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, id);
      long r = tryCall(kind.fdByIdCmd(), at);
      if (r < 0) {
        throw new BpfException(kind.fdByIdCmd(), (int) -r, "", kind.label() + " id " + id);
      }
      return fd(r);
    }
  }

  /** {@code BPF_OBJ_GET_INFO_BY_FD}: fills {@code info}; returns the length the kernel wrote. */
  public int objInfo(int fd, MemorySegment info) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, fd); // bpf_fd
      at.set(JAVA_INT, 4, (int) info.byteSize()); // info_len
      at.set(JAVA_LONG, 8, info.address()); // info
      call(BpfCmd.OBJ_GET_INFO_BY_FD, at);
      return at.get(JAVA_INT, 4);
    }
  }

  /** {@code BPF_ENABLE_STATS} ({@code BPF_STATS_RUN_TIME} = 0): stats stay on while the fd is open. */
  public Fd enableStats(int type) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, type);
      return fd(call(BpfCmd.ENABLE_STATS, at));
    }
  }

  // ---- attachment -------------------------------------------------------------------------

  /**
   * {@code BPF_LINK_CREATE}: links program {@code progFd} to {@code targetFd} (an interface
   * index, a cgroup fd, a perf event fd) for {@code attachType}; {@code extra} is the 64-bit
   * word after {@code flags} ({@code target_btf_id}, or the perf event's {@code bpf_cookie}).
   */
  public Fd linkCreate(int progFd, int targetFd, int attachType, int flags, long extra) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, progFd); // prog_fd
      at.set(JAVA_INT, 4, targetFd); // target_fd / target_ifindex
      at.set(JAVA_INT, 8, attachType); // attach_type
      at.set(JAVA_INT, 12, flags); // flags
      at.set(JAVA_LONG, 16, extra); // target_btf_id / perf_event.bpf_cookie / tcx relative
      return fd(call(BpfCmd.LINK_CREATE, at));
    }
  }

  /** {@code BPF_LINK_UPDATE}: swaps the link's program ({@code oldProgFd} 0: whatever it is). */
  public void linkUpdate(int linkFd, int newProgFd, int oldProgFd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, linkFd); // link_fd
      at.set(JAVA_INT, 4, newProgFd); // new_prog_fd
      at.set(JAVA_INT, 8, oldProgFd == 0 ? 0 : 4 /* BPF_F_REPLACE */); // flags
      at.set(JAVA_INT, 12, oldProgFd); // old_prog_fd
      call(BpfCmd.LINK_UPDATE, at);
    }
  }

  /** {@code BPF_LINK_DETACH}: detaches while the fd stays open (the link becomes defunct). */
  public void linkDetach(int linkFd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, linkFd); // link_fd
      call(BpfCmd.LINK_DETACH, at);
    }
  }

  /** {@code BPF_RAW_TRACEPOINT_OPEN}: attaches a raw tracepoint program; the fd is the link. */
  public Fd rawTracepointOpen(String name, int progFd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_LONG, 0, name == null ? 0 : a.allocateFrom(name).address()); // name
      at.set(JAVA_INT, 8, progFd); // prog_fd
      long r = tryCall(BpfCmd.RAW_TRACEPOINT_OPEN, at);
      if (r < 0) {
        throw new BpfException(BpfCmd.RAW_TRACEPOINT_OPEN, (int) -r, "", name == null
            ? "the BTF-typed program's tracepoint" : "raw tracepoint " + name);
      }
      return fd(r);
    }
  }

  /** {@code BPF_PROG_ATTACH} / {@code BPF_PROG_DETACH} (the fd-less legacy attachment). */
  public void progAttach(boolean attach, int targetFd, int progFd, int attachType, int flags) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = attr(a);
      at.set(JAVA_INT, 0, targetFd); // target_fd
      at.set(JAVA_INT, 4, progFd); // attach_bpf_fd
      at.set(JAVA_INT, 8, attachType); // attach_type
      at.set(JAVA_INT, 12, flags); // attach_flags
      call(attach ? BpfCmd.PROG_ATTACH : BpfCmd.PROG_DETACH, at);
    }
  }
}
