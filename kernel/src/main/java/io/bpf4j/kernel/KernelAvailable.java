package io.bpf4j.kernel;

import io.bpf4j.kernel.sys.SysException;
import io.bpf4j.uapi.MapType;

/**
 * Whether this process can use {@code bpf()}: Linux, a supported architecture, and the
 * privilege to create a map. Asked once; tests and commands use the reason when it is not.
 */
public final class KernelAvailable {
  private static final String REASON = probe();

  private KernelAvailable() {}

  /** True when bpf() works here. */
  public static boolean available() {
    return REASON == null;
  }

  /** Why bpf() does not work here, or null when it does. */
  public static String reason() {
    return REASON;
  }

  private static String probe() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 4, 1))) {
      return m.fd() >= 0 ? null : "bpf() returned no map";
    } catch (BpfException e) {
      return "bpf() is refused here: " + e.errnoName()
          + (e.errnoName().equals("EPERM") ? " (not root, no CAP_BPF)" : "");
    } catch (SysException e) {
      return "bpf() failed: " + e.getMessage();
    } catch (UnsupportedOperationException | LinkageError e) {
      return "no bpf() system call: " + e.getMessage();
    }
  }
}
