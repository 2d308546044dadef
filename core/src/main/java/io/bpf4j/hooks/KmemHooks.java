package io.bpf4j.hooks;

import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.slab.KmemEvent;
import io.bpf4j.slab.KmemTrace;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.ExecutionException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attaches JVM-backend tracepoint programs ({@code BPF_PROG_TYPE_TRACEPOINT}, section {@code
 * tracepoint/kmem/kmem_cache_alloc} or {@code tracepoint/kmem/kmem_cache_free}, also {@code
 * tp/…}) to the slab allocator's kmem tracepoints ({@link KmemTrace}). On each event the
 * record is written in the kernel's layout ({@link KmemEvent#writeTo}) into a per-thread
 * native buffer and the program runs with it as its context, on the thread that allocated or
 * freed.
 *
 * <p>As in the kernel, a program never runs inside itself: an event fired while a hook
 * program runs on the same thread (a {@code bpf_map_update_elem} that allocates a hash map
 * element, for instance) is not delivered and counts as {@link Hook#missed()}.
 *
 * {@snippet :
 * JvmObject obj = JvmObject.load(ObjectReader.read(Path.of("kmem_count.o")));
 * try (KmemHooks.Hook h = KmemHooks.attach(obj.program("count_alloc"))) {
 *   cache.alloc(); // count_alloc runs with a kmem_cache_alloc record as ctx
 * }
 * }
 */
public final class KmemHooks {
  private KmemHooks() {}

  private static final int BUFFER = 512;
  private static final ThreadLocal<MemorySegment> BUFFERS =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(BUFFER, 8));
  /** Depth of hook programs running on this thread (the kernel's per-program recursion guard). */
  private static final ThreadLocal<int[]> ACTIVE = ThreadLocal.withInitial(() -> new int[1]);

  /** An attached program; closing it detaches the program. */
  public static final class Hook implements AutoCloseable {
    private final JvmProgram program;
    private final KmemTrace.Tracepoint tracepoint;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;
    private KmemTrace.Attachment attachment;

    private Hook(JvmProgram program, KmemTrace.Tracepoint tracepoint) {
      this.program = program;
      this.tracepoint = tracepoint;
    }

    /** The tracepoint the program is attached to. */
    public KmemTrace.Tracepoint tracepoint() {
      return tracepoint;
    }

    /** The attached program. */
    public JvmProgram program() {
      return program;
    }

    /** Events the program ran on. */
    public long runs() {
      return runs.get();
    }

    /** Events not delivered because a hook program was already running on that thread. */
    public long missed() {
      return missed.get();
    }

    /** Runs that failed (a bad memory access, the instruction budget). */
    public long errors() {
      return errors.get();
    }

    /** The message of the last failed run, or null. */
    public String lastError() {
      return lastError;
    }

    /** Detaches the program; closing twice does nothing. */
    @Override
    public void close() {
      attachment.close();
    }

    private void onEvent(KmemEvent e) {
      int[] active = ACTIVE.get();
      if (active[0] > 0) {
        missed.incrementAndGet();
        return;
      }
      MemorySegment buf = BUFFERS.get();
      int size = e.recordSize();
      if (size > buf.byteSize()) {
        buf = Arena.ofAuto().allocate(size, 8);
        BUFFERS.set(buf);
      }
      e.writeTo(buf);
      active[0]++;
      try {
        program.run(buf.address(), size);
        runs.incrementAndGet();
      } catch (ExecutionException ex) {
        errors.incrementAndGet();
        lastError = ex.getMessage();
      } finally {
        active[0]--;
      }
    }
  }

  /**
   * Attaches {@code program} to the tracepoint its section names.
   *
   * @throws IllegalArgumentException when the program is not a tracepoint program or its
   *     section names no kmem tracepoint of the slab allocator
   */
  public static Hook attach(JvmProgram program) {
    KmemTrace.Tracepoint t = tracepointOf(program);
    return attach(program, t);
  }

  /** Attaches {@code program} to {@code tracepoint}, whatever its section says. */
  public static Hook attach(JvmProgram program, KmemTrace.Tracepoint tracepoint) {
    if (program.spec().type() != ProgType.TRACEPOINT) {
      throw new IllegalArgumentException("program '" + program.spec().name() + "' is a "
          + program.spec().section().typeName() + " program, not a tracepoint program");
    }
    Hook h = new Hook(program, tracepoint);
    h.attachment = KmemTrace.attach(tracepoint, h::onEvent);
    return h;
  }

  /** The kmem tracepoint a program's section names ({@code tracepoint/kmem/NAME} or {@code tp/kmem/NAME}). */
  static KmemTrace.Tracepoint tracepointOf(JvmProgram program) {
    String sec = program.spec().section().section();
    String target = sec.startsWith("tracepoint/") ? sec.substring("tracepoint/".length())
        : sec.startsWith("tp/") ? sec.substring(3) : null;
    KmemTrace.Tracepoint t = target != null && target.startsWith("kmem/")
        ? KmemTrace.Tracepoint.byName("kmem:" + target.substring(5)) : null;
    if (t == null) {
      throw new IllegalArgumentException("program '" + program.spec().name() + "' (section '" + sec
          + "') is not for kmem/kmem_cache_alloc or kmem/kmem_cache_free, the slab allocator's"
          + " tracepoints");
    }
    return t;
  }
}
