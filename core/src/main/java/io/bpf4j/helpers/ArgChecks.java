package io.bpf4j.helpers;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.RunState;

/**
 * The checks a helper makes on its pointer arguments before it touches memory through them.
 * Each goes through {@link RunState#checkAccess}: a no-op for fast engines (verified
 * programs), a range check in the checked interpreter, where a bad pointer becomes an
 * {@link ExecutionException} naming the helper, the argument and the address instead of a
 * crash of the JVM.
 */
final class ArgChecks {
  private ArgChecks() {}

  /** Checks {@code [addr, addr + len)} for helper {@code bpf_<helper>}'s argument r{@code reg}. */
  static void mem(RunState s, String helper, int reg, long addr, long len, boolean write) {
    if (len == 0) {
      return;
    }
    try {
      s.checkAccess(addr, len, write);
    } catch (ExecutionException e) {
      throw new ExecutionException(e.pc(), String.format(
          "bpf_%s: argument r%d (%s %d bytes at 0x%x) is not the program's memory: %s",
          helper, reg, write ? "write of" : "read of", len, addr, detail(e)));
    }
  }

  /**
   * Checks that {@code map} (argument r{@code reg}) is a map pointer, in checked runs only
   * (reading a descriptor at a bad address would crash); returns the map, or null in fast
   * runs.
   */
  static BpfMap map(RunState s, String helper, int reg, long map) {
    if (!s.checked()) {
      return null;
    }
    BpfMap m = BpfMaps.known(map);
    if (m == null) {
      throw new ExecutionException(-1, String.format(
          "bpf_%s: argument r%d (0x%x) is not a map pointer", helper, reg, map));
    }
    return m;
  }

  /** Checks that {@code addr} (argument r{@code reg}) is aligned to {@code align} bytes. */
  static void aligned(RunState s, String helper, int reg, long addr, int align) {
    if (s.checked() && (addr & (align - 1)) != 0) {
      throw new ExecutionException(-1, String.format(
          "bpf_%s: argument r%d (0x%x) is not %d-byte aligned", helper, reg, addr, align));
    }
  }

  private static String detail(ExecutionException e) {
    String m = e.getMessage();
    if (e.pc() >= 0) {
      int i = m.indexOf(": ");
      if (i >= 0) {
        return m.substring(i + 2);
      }
    }
    return m;
  }
}
