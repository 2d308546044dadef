package io.bpf4j.slab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kmem tracepoints of the slab allocator: {@code kmem:kmem_cache_alloc} and {@code
 * kmem:kmem_cache_free}, fired by every {@link KmemCache} of every allocator. With no
 * listener attached they cost one read of a volatile flag per call; the JVM backend attaches
 * eBPF programs here through {@link #attach} and {@link KmemEvent#writeTo}.
 *
 * {@snippet :
 * try (KmemTrace.Attachment a = KmemTrace.attach(KmemTrace.Tracepoint.KMEM_CACHE_ALLOC,
 *     e -> System.out.println(e))) {
 *   cache.alloc(); // prints kmem_cache_alloc: call_site=... ptr=0x... name=...
 * }
 * }
 */
public final class KmemTrace {
  private KmemTrace() {}

  /** The two tracepoints. */
  public enum Tracepoint {
    /** {@code kmem:kmem_cache_alloc}. */
    KMEM_CACHE_ALLOC("kmem:kmem_cache_alloc", 1),
    /** {@code kmem:kmem_cache_free}. */
    KMEM_CACHE_FREE("kmem:kmem_cache_free", 2);

    private final String fullName;
    private final int type;

    Tracepoint(String fullName, int type) {
      this.fullName = fullName;
      this.type = type;
    }

    /** {@code category:name}, as tracefs and bpftrace name it. */
    public String fullName() {
      return fullName;
    }

    /**
     * The {@code common_type} bpf4j writes in records. The kernel numbers its events at boot
     * (659 and 656 on the development machine); bpf4j's numbers are fixed.
     */
    public int type() {
      return type;
    }

    /**
     * The record's fields with the kernel's names, offsets and sizes (Linux 6.18), common
     * fields first; {@link KmemEvent#writeTo} writes this layout.
     */
    public List<TraceField> fields() {
      List<TraceField> f = new ArrayList<>(List.of(
          new TraceField("unsigned short", "common_type", 0, 2, false),
          new TraceField("unsigned char", "common_flags", 2, 1, false),
          new TraceField("unsigned char", "common_preempt_count", 3, 1, false),
          new TraceField("int", "common_pid", 4, 4, true),
          new TraceField("unsigned long", "call_site", 8, 8, false),
          new TraceField("const void *", "ptr", 16, 8, false),
          new TraceField("__data_loc char[]", "name", 24, 4, false)));
      if (this == KMEM_CACHE_ALLOC) {
        f.add(new TraceField("size_t", "bytes_req", 32, 8, false));
        f.add(new TraceField("size_t", "bytes_alloc", 40, 8, false));
        f.add(new TraceField("unsigned long", "gfp_flags", 48, 8, false));
        f.add(new TraceField("int", "node", 56, 4, true));
        f.add(new TraceField("bool", "accounted", 60, 1, false));
      }
      return List.copyOf(f);
    }

    /** The tracepoint named {@code category:name} or {@code name}, or null. */
    public static Tracepoint byName(String name) {
      for (Tracepoint t : values()) {
        if (t.fullName.equals(name) || t.fullName.endsWith(":" + name)) {
          return t;
        }
      }
      return null;
    }
  }

  /** A listener's attachment; closing it detaches the listener. */
  public static final class Attachment implements AutoCloseable {
    private final Tracepoint tracepoint;
    private final KmemListener listener;

    private Attachment(Tracepoint tracepoint, KmemListener listener) {
      this.tracepoint = tracepoint;
      this.listener = listener;
    }

    /** Detaches the listener; closing twice does nothing. */
    @Override
    public void close() {
      synchronized (KmemTrace.class) {
        (tracepoint == Tracepoint.KMEM_CACHE_ALLOC ? ALLOC : FREE).remove(this);
        enabled = !ALLOC.isEmpty() || !FREE.isEmpty();
      }
    }
  }

  /** True while any listener is attached: the allocator's only cost when nobody listens. */
  static volatile boolean enabled;
  private static final CopyOnWriteArrayList<Attachment> ALLOC = new CopyOnWriteArrayList<>();
  private static final CopyOnWriteArrayList<Attachment> FREE = new CopyOnWriteArrayList<>();
  private static final AtomicLong DROPPED = new AtomicLong();
  private static final Map<String, Long> SITE_IDS = new ConcurrentHashMap<>();
  private static final Map<Long, String> SITE_NAMES = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_SITE = new AtomicLong(0x1000);
  private static final StackWalker WALKER = StackWalker.getInstance();

  /** Attaches {@code listener} to {@code tracepoint} until the attachment is closed. */
  public static Attachment attach(Tracepoint tracepoint, KmemListener listener) {
    Attachment a = new Attachment(tracepoint, listener);
    synchronized (KmemTrace.class) {
      (tracepoint == Tracepoint.KMEM_CACHE_ALLOC ? ALLOC : FREE).add(a);
      enabled = true;
    }
    return a;
  }

  /** Events whose listener threw. */
  public static long dropped() {
    return DROPPED.get();
  }

  /** {@code class.method(file:line)} of a call site id, or its hexadecimal value. */
  public static String callSiteName(long id) {
    String s = SITE_NAMES.get(id);
    return s != null ? s : "0x" + Long.toHexString(id);
  }

  static void alloc(KmemCache c, long ptr, long gfp) {
    if (!ALLOC.isEmpty()) {
      deliver(ALLOC, new KmemEvent(Tracepoint.KMEM_CACHE_ALLOC, callSite(), ptr, c.name(),
          c.objectSize(), c.pool.layout.stride(), gfp, pid()));
    }
  }

  static void free(KmemCache c, long ptr) {
    if (!FREE.isEmpty()) {
      deliver(FREE, new KmemEvent(Tracepoint.KMEM_CACHE_FREE, callSite(), ptr, c.name(), 0, 0,
          0, pid()));
    }
  }

  private static int pid() {
    return (int) Thread.currentThread().threadId();
  }

  private static void deliver(CopyOnWriteArrayList<Attachment> list, KmemEvent e) {
    for (Attachment a : list) {
      try {
        a.listener.onEvent(e);
      } catch (RuntimeException ex) {
        DROPPED.incrementAndGet();
      }
    }
  }

  /** The first frame outside the allocator: whoever called alloc or free. */
  private static long callSite() {
    String site = WALKER.walk(frames -> frames
        .filter(f -> !f.getClassName().equals(KmemTrace.class.getName())
            && !f.getClassName().equals(KmemCache.class.getName()))
        .findFirst()
        .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
            + f.getLineNumber() + ")")
        .orElse("?"));
    return SITE_IDS.computeIfAbsent(site, s -> {
      long id = NEXT_SITE.getAndAdd(0x10);
      SITE_NAMES.put(id, s);
      return id;
    });
  }
}
