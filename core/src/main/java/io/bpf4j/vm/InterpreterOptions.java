package io.bpf4j.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * How an {@link Interpreter} runs a program.
 *
 * <p>Fast mode is for verified programs: every access goes straight to native memory. Checked
 * mode tests every load, store and atomic against the memory the program was given (its stack
 * frames, its context and the {@link #regions() regions} listed here or added by helpers during
 * the run) and stops after {@link #budget()} instructions.
 *
 * @param checked whether to check every memory access
 * @param budget the most instructions a run may execute (checked mode; fast mode ignores it)
 * @param regions extra memory a checked program may access
 */
public record InterpreterOptions(boolean checked, long budget, List<Region> regions) {
  /** Default instruction budget of checked mode: 100 million. */
  public static final long DEFAULT_BUDGET = 100_000_000L;

  /** Checks the budget and copies the regions. */
  public InterpreterOptions {
    if (budget <= 0) {
      throw new IllegalArgumentException("instruction budget " + budget + " (must be > 0)");
    }
    regions = List.copyOf(regions);
  }

  /** Fast mode, for verified programs. */
  public static InterpreterOptions fast() {
    return new InterpreterOptions(false, Long.MAX_VALUE, List.of());
  }

  /** Checked mode with the default budget and no extra regions. */
  public static InterpreterOptions checkedMode() {
    return new InterpreterOptions(true, DEFAULT_BUDGET, List.of());
  }

  /** A copy with another instruction budget. */
  public InterpreterOptions withBudget(long newBudget) {
    return new InterpreterOptions(checked, newBudget, regions);
  }

  /** A copy that also allows {@code region}. */
  public InterpreterOptions withRegion(Region region) {
    List<Region> r = new ArrayList<>(regions);
    r.add(region);
    return new InterpreterOptions(checked, budget, r);
  }
}
