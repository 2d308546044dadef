package io.bpf4j.kernel.link;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;

/**
 * A raw tracepoint attachment ({@code BPF_RAW_TRACEPOINT_OPEN}): a
 * {@code BPF_PROG_TYPE_RAW_TRACEPOINT} program sees the tracepoint's arguments as an array
 * of u64 ({@code struct bpf_raw_tracepoint_args}).
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
}
