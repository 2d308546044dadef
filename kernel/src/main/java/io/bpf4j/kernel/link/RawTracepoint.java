package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;

/**
 * A raw tracepoint attachment ({@code BPF_RAW_TRACEPOINT_OPEN}): a
 * {@code BPF_PROG_TYPE_RAW_TRACEPOINT} program sees the tracepoint's arguments as an array
 * of u64 ({@code struct bpf_raw_tracepoint_args}); a BTF-typed one ({@code tp_btf/}, a
 * {@code BPF_PROG_TYPE_TRACING} program loaded with {@code BPF_TRACE_RAW_TP} and the
 * tracepoint's {@code btf_trace_NAME} as {@code attach_btf_id}) sees them typed, and is
 * attached without a name: the kernel knows its tracepoint from the load ({@link
 * #attachBtf}).
 */
public final class RawTracepoint {
  private RawTracepoint() {}

  /** Attaches {@code prog} to raw tracepoint {@code name} (e.g. {@code "sys_enter"}). */
  public static Link attach(KernelProgram prog, String name) {
    return attach(Bpf.system(), prog, name);
  }

  /** Same, through {@code bpf}. */
  public static Link attach(Bpf bpf, KernelProgram prog, String name) {
    return new FdLink(bpf.rawTracepointOpen(name, prog.fd()), "raw_tracepoint " + name);
  }

  /**
   * Attaches a {@code tp_btf} program to the tracepoint it was loaded for ({@code
   * BPF_RAW_TRACEPOINT_OPEN} with a NULL name, as libbpf's {@code bpf_program__attach_trace});
   * {@code name} only labels the link.
   */
  public static Link attachBtf(KernelProgram prog, String name) {
    return attachBtf(Bpf.system(), prog, name);
  }

  /** Same, through {@code bpf}. */
  public static Link attachBtf(Bpf bpf, KernelProgram prog, String name) {
    return new FdLink(bpf.rawTracepointOpen(null, prog.fd()), "tp_btf " + name);
  }
}
