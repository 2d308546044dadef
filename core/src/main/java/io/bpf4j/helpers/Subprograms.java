package io.bpf4j.helpers;

/**
 * Implemented by an engine's {@code RunState} subclass so that helpers taking a callback
 * ({@code bpf_loop}, {@code bpf_for_each_map_elem}) can call into the program. The value a
 * program passes as the callback argument is whatever its {@code ld_imm64} with source
 * {@code BPF_PSEUDO_FUNC} loaded; the engine decides the encoding (for example the
 * subprogram's first instruction slot) and turns it back into a {@link Callback} here.
 */
public interface Subprograms {
  /**
   * The subprogram named by {@code fn}.
   *
   * @throws io.bpf4j.vm.ExecutionException when {@code fn} names no subprogram
   */
  Callback callback(long fn);

  /**
   * The subprogram named by {@code fn}, as a callback that may run after the current run has
   * ended, on another thread ({@code bpf_timer_set_callback}).
   *
   * @throws io.bpf4j.vm.ExecutionException when {@code fn} names no subprogram, or (this
   *     default) when the engine cannot run a subprogram on its own
   */
  default AsyncCallback asyncCallback(long fn) {
    throw new io.bpf4j.vm.ExecutionException(-1, "callback " + fn
        + ": this engine cannot run a callback after the run (no asynchronous callbacks)");
  }
}
