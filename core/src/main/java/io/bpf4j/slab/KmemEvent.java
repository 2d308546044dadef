package io.bpf4j.slab;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One event of the {@code kmem:kmem_cache_alloc} or {@code kmem:kmem_cache_free} tracepoint,
 * with the kernel's fields. {@link #writeTo} lays it out in native memory exactly as the
 * kernel's trace record (Linux 6.18, from {@code
 * /sys/kernel/tracing/events/kmem/kmem_cache_alloc/format}), so that an eBPF program written
 * for the kernel's tracepoint reads the same offsets here:
 *
 * <pre>
 * kmem_cache_alloc                          kmem_cache_free
 * off size field                            off size field
 *   0   2  unsigned short common_type         0   2  common_type
 *   2   1  unsigned char common_flags         2   1  common_flags
 *   3   1  unsigned char common_preempt_count 3   1  common_preempt_count
 *   4   4  int common_pid                     4   4  common_pid
 *   8   8  unsigned long call_site            8   8  call_site
 *  16   8  const void *ptr                   16   8  ptr
 *  24   4  __data_loc char[] name            24   4  __data_loc char[] name
 *  32   8  size_t bytes_req                  28   .  name's characters and NUL
 *  40   8  size_t bytes_alloc
 *  48   8  unsigned long gfp_flags
 *  56   4  int node
 *  60   1  bool accounted
 *  61   .  name's characters and NUL
 * </pre>
 *
 * A {@code __data_loc} field holds {@code (length << 16) | offset} of the string (length
 * counting the NUL) from the start of the record; the string follows the fixed fields.
 *
 * @param tracepoint which tracepoint
 * @param callSite who called, an id that {@link KmemTrace#callSiteName} turns into {@code
 *     class.method(file:line)} (in the kernel: the caller's return address)
 * @param ptr the object
 * @param name the cache's name
 * @param bytesReq the size asked for (alloc only; 0 for free)
 * @param bytesAlloc the size taken in the slab (alloc only; 0 for free)
 * @param gfpFlags {@link KmemCache#GFP_KERNEL}, with {@link KmemCache#GFP_ZERO} for zeroed
 *     allocations (alloc only; 0 for free)
 * @param pid the calling thread's id, truncated to 32 bits
 */
public record KmemEvent(
    KmemTrace.Tracepoint tracepoint,
    long callSite,
    long ptr,
    String name,
    long bytesReq,
    long bytesAlloc,
    long gfpFlags,
    int pid) {

  /** Offset of the fixed fields' end (where the name's characters start) in each record. */
  static final int ALLOC_FIXED = 61;
  static final int FREE_FIXED = 28;
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

  /** Bytes {@link #writeTo} writes: the fixed fields, the name and its NUL. */
  public int recordSize() {
    return fixedSize() + name.getBytes(StandardCharsets.UTF_8).length + 1;
  }

  private int fixedSize() {
    return tracepoint == KmemTrace.Tracepoint.KMEM_CACHE_ALLOC ? ALLOC_FIXED : FREE_FIXED;
  }

  /**
   * Writes the kernel's record layout at the start of {@code record}, which must hold {@link
   * #recordSize()} bytes. {@code common_type} is the tracepoint's {@link
   * KmemTrace.Tracepoint#type()}; flags and preempt count are 0; {@code node} is 0 and
   * {@code accounted} false.
   *
   * @return the bytes written
   */
  public int writeTo(MemorySegment record) {
    byte[] str = name.getBytes(StandardCharsets.UTF_8);
    int size = recordSize();
    MemorySegment r = record.asSlice(0, size);
    r.fill((byte) 0);
    r.set(U16, 0, (short) tracepoint.type());
    r.set(U32, 4, pid);
    r.set(U64, 8, callSite);
    r.set(U64, 16, ptr);
    int fixed = fixedSize();
    r.set(U32, 24, ((str.length + 1) << 16) | fixed);
    if (tracepoint == KmemTrace.Tracepoint.KMEM_CACHE_ALLOC) {
      r.set(U64, 32, bytesReq);
      r.set(U64, 40, bytesAlloc);
      r.set(U64, 48, gfpFlags);
    }
    MemorySegment.copy(str, 0, r, ValueLayout.JAVA_BYTE, fixed, str.length);
    return size;
  }

  /** The event as the kernel's trace output prints it. */
  @Override
  public String toString() {
    String site = KmemTrace.callSiteName(callSite);
    if (tracepoint == KmemTrace.Tracepoint.KMEM_CACHE_FREE) {
      return String.format("kmem_cache_free: call_site=%s ptr=0x%x name=%s", site, ptr, name);
    }
    return String.format("kmem_cache_alloc: call_site=%s ptr=0x%x name=%s bytes_req=%d"
        + " bytes_alloc=%d gfp_flags=%s node=0 accounted=false", site, ptr, name, bytesReq,
        bytesAlloc, (gfpFlags & KmemCache.GFP_ZERO) != 0 ? "GFP_KERNEL|__GFP_ZERO" : "GFP_KERNEL");
  }
}
