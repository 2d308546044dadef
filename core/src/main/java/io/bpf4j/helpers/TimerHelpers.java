package io.bpf4j.helpers;

import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.maps.Timers;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.Region;
import io.bpf4j.vm.RunState;

/**
 * {@code bpf_timer_init}, {@code bpf_timer_set_callback}, {@code bpf_timer_start} and
 * {@code bpf_timer_cancel}: the argument checks of checked runs, then {@link Timers}, which
 * keeps the timers and fires them on its thread. The callback is the engine's {@link
 * AsyncCallback}: it runs as a run of its own with (map, key, value), after the run that
 * armed it has ended; in a checked run the element's key (read-only) and value are the
 * memory it may use besides the program's fixed regions.
 */
final class TimerHelpers {
  private TimerHelpers() {}

  private static final Region[] NONE = new Region[0];

  /** The timer argument r1: 16 writable bytes, 8-aligned (checked runs). */
  private static void timerArg(RunState s, String helper, long timer) {
    ArgChecks.mem(s, helper, 1, timer, Timers.SIZE, true);
    ArgChecks.aligned(s, helper, 1, timer, 8);
  }

  /** {@code bpf_timer_init(timer, map, flags)}. */
  static long init(RunState s, long timer, long map, long flags) {
    timerArg(s, "timer_init", timer);
    if (ArgChecks.map(s, "timer_init", 2, map) != null) {
      String why = Timers.checkTimer(map, timer);
      if (why != null) {
        throw new ExecutionException(-1, "bpf_timer_init: argument r1: " + why);
      }
    }
    return Timers.init(timer, map, flags);
  }

  /** {@code bpf_timer_set_callback(timer, callback_fn)}. */
  static long setCallback(RunState s, long timer, long fn) {
    timerArg(s, "timer_set_callback", timer);
    AsyncCallback cb = asyncCallback(s, fn);
    boolean checked = s.checked();
    return Timers.setCallback(timer, (map, key, value) -> {
      Region[] lent = NONE;
      if (checked) {
        BpfMap m = BpfMaps.byAddress(map);
        lent = new Region[] {new Region(key, m.keySize(), false),
            new Region(value, m.valueSize(), true)};
      }
      cb.call(lent, map, key, value, 0, 0);
    });
  }

  /** {@code bpf_timer_start(timer, nsecs, flags)}. */
  static long start(RunState s, long timer, long nsecs, long flags) {
    timerArg(s, "timer_start", timer);
    return Timers.start(timer, nsecs, flags);
  }

  /** {@code bpf_timer_cancel(timer)}. */
  static long cancel(RunState s, long timer) {
    timerArg(s, "timer_cancel", timer);
    return Timers.cancel(timer);
  }

  private static AsyncCallback asyncCallback(RunState state, long fn) {
    if (!(state instanceof Subprograms s)) {
      throw new ExecutionException(-1,
          "bpf_timer_set_callback: the engine does not provide callbacks");
    }
    try {
      return s.asyncCallback(fn);
    } catch (ExecutionException e) {
      String m = e.getMessage();
      String at = "instruction " + e.pc() + ": ";
      throw new ExecutionException(e.pc(), "bpf_timer_set_callback: "
          + (e.pc() >= 0 && m.startsWith(at) ? m.substring(at.length()) : m));
    }
  }
}
