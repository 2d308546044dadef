package io.bpf4j.vm;

import java.util.Arrays;
import java.util.Objects;

/**
 * Helpers by id, as {@code call ID} finds them. Immutable once built; a program is bound to
 * one table when it is loaded (an unknown id is a load error, not a run-time one).
 */
public final class HelperTable {
  private final Helper[] byId;
  private final String[] names;

  private HelperTable(Helper[] byId, String[] names) {
    this.byId = byId;
    this.names = names;
  }

  /** An empty table. */
  public static HelperTable empty() {
    return new HelperTable(new Helper[0], new String[0]);
  }

  /** A copy of this table with {@code helper} at {@code id}, named {@code name}. */
  public HelperTable with(int id, String name, Helper helper) {
    if (id < 0 || id > 0xffff) {
      throw new IllegalArgumentException("helper id " + id + " (must be 0..65535)");
    }
    Objects.requireNonNull(helper, "helper");
    int n = Math.max(byId.length, id + 1);
    Helper[] h = Arrays.copyOf(byId, n);
    String[] s = Arrays.copyOf(names, n);
    h[id] = helper;
    s[id] = name;
    return new HelperTable(h, s);
  }

  /** The helper at {@code id}, or null. */
  public Helper get(int id) {
    return id >= 0 && id < byId.length ? byId[id] : null;
  }

  /** The helper's name, or null when there is none at {@code id}. */
  public String name(int id) {
    return id >= 0 && id < names.length ? names[id] : null;
  }

  /** True when a helper is registered at {@code id}. */
  public boolean has(int id) {
    return get(id) != null;
  }

  /**
   * Why a program's {@code call id} cannot be loaded when no table entry has it: "helper
   * bpf_skb_vlan_push (id 18) is not available on the JVM backend" for a kernel helper,
   * "unknown helper id 60000" otherwise.
   */
  public static String missing(int id) {
    String name = io.bpf4j.uapi.HelperId.name(id);
    return name == null
        ? "unknown helper id " + id
        : "helper bpf_" + name + " (id " + id + ") is not available on the JVM backend";
  }
}
