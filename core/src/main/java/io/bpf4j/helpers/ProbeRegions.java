package io.bpf4j.helpers;

/**
 * Implemented by an engine's {@code RunState} subclass in checked mode: the regions the
 * program was given (stack, context, packet, map values). {@code bpf_probe_read*} reads only
 * inside them (or inside the run's context and {@link ProbeMemory#allow registered}
 * regions), and fails with EFAULT elsewhere, where the kernel's would fault.
 */
public interface ProbeRegions {
  /** True when {@code len} bytes at {@code addr} may be read. */
  boolean readable(long addr, long len);
}
