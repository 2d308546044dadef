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
}
