package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.STACK_SIZE;

import java.util.Arrays;

/**
 * The run state of the checked interpreter: knows every range of memory the current run may
 * touch (its active stack frames, its context, the interpreter's regions, and regions helpers
 * added during the run) and checks accesses against them.
 */
final class CheckedState extends SubprogramState {
  private final long stackTop;
  private final Region[] fixed;
  /** Regions helpers added during the current run: start, size, writable (0/1). */
  private long[] dynamic = new long[3 * 4];
  private int dynamicCount;
  /** Where the loop is, kept up to date before each helper call. */
  int pc;
  int depth;

  CheckedState(long stackTop, Region[] fixed) {
    this.stackTop = stackTop;
    this.fixed = fixed;
  }

  @Override
  public void reset(long ctx, long ctxLen) {
    super.reset(ctx, ctxLen);
    dynamicCount = 0;
    pc = 0;
    depth = 0;
  }

  @Override
  public void checkAccess(long addr, long len, boolean write) {
    check(pc, addr, len, write, depth);
  }

  @Override
  public boolean checked() {
    return true;
  }

  @Override
  public void allowRegion(long addr, long len, boolean writable) {
    if (len < 0) {
      throw new IllegalArgumentException("region size " + len + " (must be >= 0)");
    }
    for (int j = 0; j < dynamicCount * 3; j += 3) {
      if (dynamic[j] == addr && dynamic[j + 1] == len && dynamic[j + 2] == (writable ? 1 : 0)) {
        return; // a helper called in a loop lends the same block again
      }
    }
    int i = dynamicCount * 3;
    if (i + 3 > dynamic.length) {
      dynamic = Arrays.copyOf(dynamic, dynamic.length * 2);
    }
    dynamic[i] = addr;
    dynamic[i + 1] = len;
    dynamic[i + 2] = writable ? 1 : 0;
    dynamicCount++;
  }

  @Override
  public int regionMark() {
    return dynamicCount;
  }

  @Override
  public void releaseRegions(int mark) {
    if (mark >= 0 && mark < dynamicCount) {
      dynamicCount = mark;
    }
  }

  @Override
  public boolean probeReadable(long addr, long len) {
    if (super.probeReadable(addr, len)) {
      return true;
    }
    for (Region r : fixed) {
      if (r.contains(addr, len)) {
        return true;
      }
    }
    for (int i = 0; i < dynamicCount * 3; i += 3) {
      if (Region.contains(dynamic[i], dynamic[i + 1], addr, len)) {
        return true;
      }
    }
    return false;
  }

  /** Throws unless {@code [addr, addr + len)} is memory the run may access this way. */
  void check(int pc, long addr, long len, boolean write, int depth) {
    long frames = (long) (depth + 1) * STACK_SIZE;
    if (Region.contains(stackTop - frames, frames, addr, len)) {
      return;
    }
    if (Region.contains(ctx, ctxLen, addr, len)) {
      return;
    }
    for (Region r : fixed) {
      if (r.contains(addr, len) && (r.writable() || !write)) {
        return;
      }
    }
    for (int i = 0; i < dynamicCount * 3; i += 3) {
      if (Region.contains(dynamic[i], dynamic[i + 1], addr, len) && (dynamic[i + 2] != 0 || !write)) {
        return;
      }
    }
    if (!write && ProbeLoads.readable(addr, len)) {
      return; // a kernel struct block a helper handed out (a walked BTF pointer's)
    }
    throw new ExecutionException(pc, describe(addr, len, write, depth));
  }

  private String describe(long addr, long len, boolean write, int depth) {
    long frames = (long) (depth + 1) * STACK_SIZE;
    StringBuilder sb = new StringBuilder();
    sb.append(write ? "store of " : "load of ").append(len).append(len == 1 ? " byte" : " bytes")
        .append(String.format(" at 0x%x", addr))
        .append(" is outside the program's memory: stack ")
        .append(String.format("[0x%x, 0x%x)", stackTop - frames, stackTop))
        .append(", context ");
    if (ctxLen == 0) {
      sb.append("(none)");
    } else {
      sb.append(String.format("[0x%x, 0x%x)", ctx, ctx + ctxLen));
    }
    int regions = fixed.length + dynamicCount;
    if (regions > 0) {
      sb.append(", ").append(regions).append(regions == 1 ? " other region" : " other regions");
    }
    return sb.toString();
  }
}
