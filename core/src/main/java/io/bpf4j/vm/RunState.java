package io.bpf4j.vm;

/**
 * The mutable state of one thread's program runs: the stop flag that helpers set, the tail
 * call count, and whatever a helper needs to know about the current run (its context
 * pointer). One instance per thread and program engine, reused across runs so that a run
 * allocates nothing.
 */
public class RunState {
  private boolean stopped;
  private long stopValue;
  private boolean functionOnly;
  /** Tail calls made in the current run. */
  public int tailCalls;
  /** The context pointer (r1 at entry) of the current run. */
  public long ctx;
  /** The length of the context or input buffer of the current run. */
  public long ctxLen;

  /** A fresh state, not stopped. */
  public RunState() {}

  /** Asks the engine to end the run now, with r0 = {@code value}. */
  public void stop(long value) {
    stopped = true;
    stopValue = value;
  }

  /**
   * Asks the engine to end the current function now with r0 = {@code value}, as a successful
   * {@code bpf_tail_call} does: in the main function that ends the run; in a bpf-to-bpf
   * subprogram the target replaced only the subprogram's frame, so its caller goes on with
   * r0 = {@code value} (the kernel's semantics). Engines end the function as for {@link
   * #stop} and, where the subprogram returns to its caller, call {@link #resumeInCaller()}.
   */
  public void stopFunction(long value) {
    stop(value);
    functionOnly = true;
  }

  /**
   * Called by an engine when a stopped function returns to its bpf-to-bpf caller: true (and
   * the stop cleared) when the stop was {@link #stopFunction}'s, so the caller goes on; false
   * when the whole run ends.
   */
  public boolean resumeInCaller() {
    if (!functionOnly) {
      return false;
    }
    functionOnly = false;
    stopped = false;
    return true;
  }

  /** True once a helper asked to stop. */
  public boolean stopped() {
    return stopped;
  }

  /** The r0 a helper asked to stop with. */
  public long stopValue() {
    return stopValue;
  }

  private long stackLow;
  private long stackHigh;

  /** Tells the state where its thread's native stack is; engines call it once. */
  protected final void stack(long low, long high) {
    this.stackLow = low;
    this.stackHigh = high;
  }

  /**
   * True when a probe read ({@code bpf_probe_read_kernel}, a {@code %s} of {@code
   * bpf_snprintf}) of the current run may read {@code [addr, addr + len)}: the thread's stack
   * and the run's context; the checked interpreter adds the regions it checks against. Other
   * memory (global data, the packet) is registered with {@code io.bpf4j.helpers.ProbeMemory}.
   */
  public boolean probeReadable(long addr, long len) {
    return Region.contains(stackLow, stackHigh - stackLow, addr, len)
        || Region.contains(ctx, ctxLen, addr, len);
  }

  /** Resets the per-run fields; engines call it at the start of each run. */
  public void reset(long ctx, long ctxLen) {
    this.stopped = false;
    this.functionOnly = false;
    this.stopValue = 0;
    this.tailCalls = 0;
    this.ctx = ctx;
    this.ctxLen = ctxLen;
  }

  /**
   * Checks that the current run may access {@code [addr, addr + len)} (a helper that reads or
   * writes memory the program passed it calls this first). Fast engines run verified programs
   * and do nothing; the checked interpreter throws an {@link ExecutionException} naming the
   * address when the range is not the program's.
   */
  public void checkAccess(long addr, long len, boolean write) {}

  /**
   * True when this run checks its memory accesses ({@link #checkAccess} is not a no-op):
   * helpers then also validate arguments whose check costs more than a call, such as map
   * pointers.
   */
  public boolean checked() {
    return false;
  }

  /**
   * Lets the current run access {@code [addr, addr + len)} from now on (a helper that returns
   * a pointer, such as a map lookup, calls this). Only the checked interpreter keeps track.
   */
  public void allowRegion(long addr, long len, boolean writable) {}

  /**
   * A mark of the regions allowed so far, for {@link #releaseRegions}: a helper that lends
   * memory to a callback only while it runs ({@code bpf_for_each_map_elem}'s key and value)
   * takes a mark, allows the memory, and releases back to the mark afterwards.
   */
  public int regionMark() {
    return 0;
  }

  /** Forgets the regions allowed since {@code mark} was taken ({@link #regionMark}). */
  public void releaseRegions(int mark) {}
}
