package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the kernel says about a BTF object ({@code struct bpf_btf_info}).
 *
 * @param id its id
 * @param size size of the raw BTF in bytes
 * @param name its name ("vmlinux", a module's name, or "" for a program's BTF)
 * @param kernelBtf true for the kernel's or a module's own BTF
 */
public record BtfInfo(int id, int size, String name, boolean kernelBtf) {

  /** {@code BPF_OBJ_GET_INFO_BY_FD} on a BTF fd. */
  public static BtfInfo of(Bpf bpf, int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(32, 8);
      MemorySegment name = a.allocate(64);
      s.set(JAVA_LONG, 16, name.address()); // name
      s.set(JAVA_INT, 24, 64); // name_len
      bpf.objInfo(fd, s);
      return new BtfInfo(
          s.get(JAVA_INT, 12), s.get(JAVA_INT, 8), Bpf.cString(name, 0, 64), s.get(JAVA_INT, 28) != 0);
    }
  }
}
