package io.bpf4j.maps;

import io.bpf4j.vm.Engine;

/**
 * The program side of the maps, as static methods over native addresses: what the helpers
 * of {@code io.bpf4j.helpers} (and a JIT's direct calls) use. {@code map} is a map pointer
 * ({@link BpfMap#address()}), keys and values are addresses; results are the kernel's: an
 * address or 0, 0 or a negative errno. None of them allocates.
 */
public final class MapHelpers {
  private MapHelpers() {}

  private static BaseMap of(long map) {
    BaseMap m = BpfMaps.map(map);
    if (m == null) {
      throw new IllegalArgumentException("0x" + Long.toHexString(map) + " is not a map pointer");
    }
    return m;
  }

  /** What {@link #userRingbufDrain} calls per sample: its address and size; 1 stops. */
  @FunctionalInterface
  public interface SampleVisitor {
    /** Returns the callback's r0: 0 to go on, 1 to stop. */
    long visit(long sample, int size);
  }

  /**
   * {@code bpf_user_ringbuf_drain}'s loop over the user ring buffer {@code map} (see {@link
   * UserRingBuf#drain}); -EINVAL when {@code map} is not a user ring buffer.
   */
  public static long userRingbufDrain(long map, SampleVisitor fn) {
    return of(map) instanceof UserRingBuf u ? u.drain(fn) : -Errno.EINVAL;
  }

  /**
   * {@code bpf_redirect_map(map, key, flags)} of an XDP program: {@code XDP_REDIRECT} (4), the
   * fallback action in the flags' low bits, or {@code XDP_ABORTED} for a map that is not a
   * DEVMAP, DEVMAP_HASH, CPUMAP or XSKMAP or for unknown flags: in the low 32 bits of the
   * result. The high 32 bits hold the DEVMAP entry's ifindex (0 otherwise).
   */
  public static long redirectMap(long map, long key, long flags) {
    return of(map) instanceof RedirectMap r ? r.redirect(key, flags) : RedirectMap.XDP_ABORTED;
  }

  /** {@code bpf_map_lookup_elem}: the value address or 0. */
  public static long lookup(long map, long key) {
    return of(map).lookupElem(key);
  }

  /** {@code bpf_map_update_elem}. */
  public static long update(long map, long key, long value, long flags) {
    return of(map).updateValue(key, value, flags);
  }

  /** {@code bpf_map_delete_elem}. */
  public static long delete(long map, long key) {
    return of(map).deleteElem(key);
  }

  /** {@code bpf_map_push_elem}. */
  public static long push(long map, long value, long flags) {
    return of(map).pushElem(value, flags);
  }

  /** {@code bpf_map_pop_elem}. */
  public static long pop(long map, long value) {
    return of(map).popElem(value);
  }

  /** {@code bpf_map_peek_elem}. */
  public static long peek(long map, long value) {
    return of(map).peekElem(value);
  }

  /** What {@link #forEach} calls: {@code (map, key, value)} → 0 continue, 1 stop. */
  @FunctionalInterface
  public interface ElementCallback {
    /** One element. */
    long call(long map, long key, long value);
  }

  /** {@code bpf_for_each_map_elem}: the number of elements visited, or -EINVAL. */
  public static long forEach(long map, ElementCallback fn) {
    BaseMap m = of(map);
    return m.forEach((k, v) -> fn.call(map, k, v));
  }

  /** {@code bpf_ringbuf_output}. */
  public static long ringbufOutput(long map, long data, long size, long flags) {
    return of(map) instanceof RingBuf r ? r.output(data, size, flags) : -Errno.EINVAL;
  }

  /** {@code bpf_ringbuf_reserve}: the record's data address or 0. */
  public static long ringbufReserve(long map, long size, long flags) {
    return of(map) instanceof RingBuf r ? r.reserve(size, flags) : 0;
  }

  /** {@code bpf_ringbuf_submit} ({@code discard} false) or {@code bpf_ringbuf_discard}. */
  public static void ringbufCommit(long sample, long flags, boolean discard) {
    RingBuf r = RingBuf.ofSample(sample);
    if (r == null) {
      throw new IllegalArgumentException(
          "0x" + Long.toHexString(sample) + " is not a reserved ring buffer record");
    }
    r.commit(sample, flags, discard);
  }

  /**
   * True when {@code sample} is a record reserved with {@code bpf_ringbuf_reserve} and not yet
   * submitted or discarded (checked engines test an untrusted argument with it).
   */
  public static boolean isReservedSample(long sample) {
    return RingBuf.reservedSample(sample);
  }

  /** {@code bpf_ringbuf_query}. */
  public static long ringbufQuery(long map, long flags) {
    return of(map) instanceof RingBuf r ? r.query(flags) : 0;
  }

  /** {@code bpf_perf_event_output}'s map part. */
  public static long perfEventOutput(long map, long flags, long data, long size) {
    return of(map) instanceof PerfEventArray p ? p.output(flags, data, size) : -Errno.EINVAL;
  }

  /** The program at {@code index} of prog_array {@code map}, or null. */
  public static Engine tailCallTarget(long map, long index) {
    return of(map) instanceof ProgArray p ? p.target(index) : null;
  }
}
