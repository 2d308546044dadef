package io.bpf4j.jvm;

import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.helpers.PacketHelpers;
import io.bpf4j.helpers.StandardHelpers;
import io.bpf4j.helpers.TestRunSocket;
import io.bpf4j.helpers.TracePipe;
import io.bpf4j.helpers.XdpFrame;
import io.bpf4j.isa.Insn;
import io.bpf4j.maps.Rcu;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.RangeFacts;
import io.bpf4j.vm.Engine;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.ProbeLoads;
import io.bpf4j.vm.Region;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One program of a {@link JvmObject}, on the object's {@link JvmEngine} (the JIT by default;
 * the checked interpreter keeps the region bookkeeping that lets it check every access), with
 * the test-run contexts
 * the kernel builds ({@code BPF_PROG_TEST_RUN}): {@code xdp_md} for XDP; {@code __sk_buff}
 * for socket filters, cgroup skb and tc programs (socket filters and cgroup skb see the data
 * from the network header, as in the kernel); the u64 arguments for raw tracepoints and for
 * BTF-typed tracing programs ({@code tp_btf/}, {@code fentry/}: a pointer argument is an
 * address their probe loads read, 0 outside the blocks bpf4j knows; the kernel test-runs
 * only fentry/fexit/fmod_ret, on its own test functions); the context bytes as given for
 * syscall programs.
 */
public final class JvmProgram {
  /** Largest packet a test run takes (the kernel's limit is a page minus headroom and tail). */
  public static final int MAX_PACKET = 65536;
  private static final int HEADROOM = XdpFrame.HEADROOM; // the kernel's XDP_PACKET_HEADROOM
  private static final int ETH_HLEN = 14;
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * The outcome of a test run.
   *
   * @param retval r0 as the kernel reports it (32 bits, unsigned)
   * @param durationNs average nanoseconds per run
   * @param dataOut the packet after the last run (null for programs without packet)
   * @param ctxOut the context after the last run
   */
  public record TestRun(long retval, long durationNs, byte[] dataOut, byte[] ctxOut) {}

  private final JvmObject object;
  private final ProgramSpec spec;
  private final Engine vm;
  private final JvmEngine engine;
  private final long compileNanos;
  private final ProgType type;
  private final MemorySegment packet;
  private final boolean packetProgram;

  JvmProgram(JvmObject object, ProgramSpec spec, List<Insn> insns, RangeFacts facts)
      throws JvmLoadException {
    this.object = object;
    this.spec = spec;
    ProgType given = Verification.typeOf(spec, object.options());
    ProgType t = given != null ? given : spec.type();
    type = t;
    packetProgram = switch (t) {
      case XDP, SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB -> true;
      case RAW_TRACEPOINT, SYSCALL, TRACEPOINT, TRACING -> false;
      default -> throw new JvmLoadException("program '" + spec.name() + "': test runs of "
          + (given != null ? t.name().toLowerCase(java.util.Locale.ROOT) : spec.section().typeName())
          + " programs are not supported on the JVM backend");
    };
    packet = packetProgram ? LowMemory.take(this, HEADROOM + MAX_PACKET) : null;
    if (packet != null) {
      ProbeLoads.register(packet); // probe reads may read the packet, as in the kernel
    }
    engine = object.options().engine();
    long t0 = System.nanoTime();
    try {
      vm = switch (engine) {
        case JIT ->
            JitCompiler.compile(insns, StandardHelpers.table(t, TracePipe.global()), facts);
        case INTERPRETER -> Interpreter.load(insns, StandardHelpers.table(t, TracePipe.global()),
            InterpreterOptions.fast(), facts.probeLoads());
        case CHECKED -> checked(insns, t, facts);
      };
    } catch (InvalidProgramException | IllegalArgumentException e) {
      throw new JvmLoadException("program '" + spec.name() + "': " + e.getMessage());
    }
    compileNanos = vm instanceof JitProgram j ? j.compileNanos() : System.nanoTime() - t0;
  }

  /** The checked interpreter, with the regions the program may touch besides stack and ctx. */
  private Interpreter checked(List<Insn> insns, ProgType t, RangeFacts facts)
      throws InvalidProgramException {
    InterpreterOptions opts = InterpreterOptions.checkedMode();
    for (Region r : object.dataRegions()) {
      opts = opts.withRegion(r);
    }
    if (packet != null) {
      opts = opts.withRegion(new Region(packet.address(), packet.byteSize(), true));
    }
    // checked mode: StandardHelpers check pointer arguments and make a looked-up value
    // memory the run may use
    HelperTable helpers = StandardHelpers.table(t, TracePipe.global());
    return Interpreter.load(insns, helpers, opts, facts.probeLoads());
  }

  /** The loaded program itself, for a program array slot. */
  Engine engine0() {
    return vm;
  }

  /** The engine this program runs on. */
  public JvmEngine engine() {
    return engine;
  }

  /**
   * Nanoseconds spent making the program runnable: the JIT's compilation to a loaded class,
   * or the interpreter's decoding (verification not included).
   */
  public long compileNanos() {
    return compileNanos;
  }

  /** The generated JVM bytecode per eBPF instruction (JIT engine only, else null). */
  public String jitDump() {
    return vm instanceof JitProgram j ? j.dump() : null;
  }

  /** The program type it runs as. */
  public ProgType type() {
    return type;
  }

  /** The program's spec. */
  public ProgramSpec spec() {
    return spec;
  }

  /**
   * Runs the program {@code repeat} times on {@code dataIn} (packet programs) with the
   * optional {@code ctxIn}, as {@code bpftool prog run} does.
   *
   * @throws JvmLoadException for input the program type does not take
   * @throws ExecutionException when a run fails (a bad memory access, the instruction budget)
   */
  public TestRun testRun(byte[] dataIn, byte[] ctxIn, int repeat) throws JvmLoadException {
    repeat = Math.max(1, repeat);
    // one read-side section for all the repeats, as the kernel's test run holds
    // rcu_read_lock around its loop: the section's cost stays out of the measured time
    Rcu.enter();
    try (Arena arena = Arena.ofConfined()) {
      return switch (type) {
        case XDP -> xdp(arena, dataIn, ctxIn, repeat);
        case SOCKET_FILTER, CGROUP_SKB -> skb(arena, dataIn, ctxIn, repeat, true);
        case SCHED_CLS, SCHED_ACT -> skb(arena, dataIn, ctxIn, repeat, false);
        default -> plain(arena, ctxIn, repeat);
      };
    } finally {
      Rcu.exit();
    }
  }

  /**
   * Runs the program once with r1 = {@code ctx} and r2 = {@code ctxLen} (the context the
   * checked interpreter lets it read) and returns r0; for hooks that build the context
   * themselves, such as {@code io.bpf4j.hooks.KmemHooks}. Safe to call from several threads.
   *
   * @throws ExecutionException when the run fails
   */
  public long run(long ctx, long ctxLen) {
    return runUnderRcu(vm, ctx, ctxLen);
  }

  private void putPacket(byte[] data) throws JvmLoadException {
    if (data == null || data.length > MAX_PACKET) {
      throw new JvmLoadException("program '" + spec.name() + "' needs data in of at most " + MAX_PACKET + " bytes");
    }
    packet.fill((byte) 0);
    MemorySegment.copy(data, 0, packet, ValueLayout.JAVA_BYTE, HEADROOM, data.length);
  }

  private TestRun xdp(Arena arena, byte[] data, byte[] ctxIn, int repeat) throws JvmLoadException {
    if (data == null || data.length < ETH_HLEN) {
      throw new JvmLoadException("xdp test runs need at least " + ETH_HLEN + " bytes of data (an Ethernet header)");
    }
    MemorySegment ctx = arena.allocate(PacketHelpers.XDP_MD_SIZE, 8);
    long start = packet.address() + HEADROOM;
    long[] r = new long[2];
    // the frame the adjust helpers move data, data_end and data_meta in, as the kernel's page
    try (XdpFrame _ = XdpFrame.open(ctx.address(), packet.address(), start + data.length)) {
      for (int i = 0; i < repeat; i++) {
        putPacket(data);
        ctx.fill((byte) 0);
        if (ctxIn != null) {
          MemorySegment.copy(ctxIn, 0, ctx, ValueLayout.JAVA_BYTE, 0, Math.min(24, ctxIn.length));
        }
        ctx.set(U32, PacketHelpers.XDP_DATA, (int) start);
        ctx.set(U32, PacketHelpers.XDP_DATA_END, (int) (start + data.length));
        ctx.set(U32, PacketHelpers.XDP_DATA_META, (int) start);
        timed(ctx, r);
      }
    }
    // the kernel hands back the packet from data_meta to data_end, as the helpers left them
    long from = ctx.get(U32, PacketHelpers.XDP_DATA_META) & 0xffffffffL;
    long to = ctx.get(U32, PacketHelpers.XDP_DATA_END) & 0xffffffffL;
    byte[] out = new byte[(int) (to - from)];
    MemorySegment.copy(packet, ValueLayout.JAVA_BYTE, from - packet.address(), out, 0, out.length);
    return new TestRun(r[0] & 0xffffffffL, r[1] / repeat, out, ctx.toArray(ValueLayout.JAVA_BYTE));
  }

  private static final int SKB_SIZE = PacketHelpers.SKB_SIZE;

  /**
   * The byte ranges of {@code __sk_buff} a caller's context may set, as the kernel's test run
   * takes them ({@code convert___skb_to_skb}): mark, priority to ifindex, cb, tstamp to
   * gso_segs, gso_size, hwtstamp. The rest must be zero: the pointers among it would reach
   * the fast engines unchecked.
   */
  private static final int[][] SKB_SETTABLE = {{8, 12}, {32, 44}, {48, 68}, {152, 168},
      {176, 180}, {184, 192}};

  /** {@code __sk_buff}'s fields by first byte, for the message. */
  private static final int[] SKB_FIELD_STARTS = {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48,
      68, 72, 76, 80, 84, 88, 92, 96, 100, 116, 132, 136, 140, 144, 152, 160, 164, 168, 176, 180,
      184};
  private static final String[] SKB_FIELD_NAMES = {"len", "pkt_type", "mark", "queue_mapping",
      "protocol", "vlan_present", "vlan_tci", "vlan_proto", "priority", "ingress_ifindex",
      "ifindex", "tc_index", "cb", "hash", "tc_classid", "data", "data_end", "napi_id", "family",
      "remote_ip4", "local_ip4", "remote_ip6", "local_ip6", "remote_port", "local_port",
      "data_meta", "flow_keys", "tstamp", "wire_len", "gso_segs", "sk", "gso_size",
      "tstamp_type", "hwtstamp"};

  /** Refuses a caller's {@code __sk_buff} that sets a field the kernel's test run refuses. */
  private void checkSkbContext(byte[] ctxIn) throws JvmLoadException {
    if (ctxIn == null) {
      return;
    }
    for (int i = 0; i < ctxIn.length; i++) {
      if (ctxIn[i] == 0) {
        continue;
      }
      boolean settable = false;
      for (int[] r : SKB_SETTABLE) {
        settable |= i >= r[0] && i < r[1];
      }
      if (!settable) {
        String field = "past the end";
        for (int k = 0; k < SKB_FIELD_STARTS.length && i < SKB_SIZE; k++) {
          if (SKB_FIELD_STARTS[k] <= i) {
            field = SKB_FIELD_NAMES[k];
          }
        }
        throw new JvmLoadException("program '" + spec.name() + "': ctx_in byte " + i + " ("
            + "__sk_buff." + field + ") is not 0; a test run takes only mark, priority,"
            + " ingress_ifindex, ifindex, cb, tstamp, wire_len, gso_segs, gso_size and hwtstamp"
            + " (the kernel answers EINVAL)");
      }
    }
  }

  /**
   * The {@code wire_len} of a test run given {@code ctxIn}: its own, or the packet's length
   * when it says 0; one below the length or above 64 KiB is refused, as the kernel does.
   */
  private int wireLen(byte[] ctxIn, int len) throws JvmLoadException {
    int w = ctxIn.length >= 164 ? java.nio.ByteBuffer.wrap(ctxIn, 160, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() : 0;
    if (w == 0) {
      return len;
    }
    if (Integer.compareUnsigned(w, len) < 0 || Integer.compareUnsigned(w, 65536) > 0) {
      throw new JvmLoadException("program '" + spec.name() + "': ctx_in's __sk_buff.wire_len "
          + Integer.toUnsignedString(w) + " is below the packet's " + len
          + " bytes or above 65536 (the kernel answers EINVAL)");
    }
    return w;
  }

  private TestRun skb(Arena arena, byte[] data, byte[] ctxIn, int repeat, boolean fromNetwork) throws JvmLoadException {
    if (data == null || data.length < ETH_HLEN) {
      throw new JvmLoadException(spec.section().typeName() + " test runs need at least " + ETH_HLEN + " bytes of data");
    }
    checkSkbContext(ctxIn);
    MemorySegment ctx = arena.allocate(SKB_SIZE, 8);
    long frame = packet.address() + HEADROOM;
    long begin = fromNetwork ? frame + ETH_HLEN : frame;
    long[] r = new long[2];
    // one socket for all the repeats, as the kernel's test run makes one (its cookie, its uid)
    try (TestRunSocket _ = TestRunSocket.open(ctx.address())) {
      for (int i = 0; i < repeat; i++) {
        putPacket(data);
        ctx.fill((byte) 0);
        if (ctxIn != null) {
          MemorySegment.copy(ctxIn, 0, ctx, ValueLayout.JAVA_BYTE, 0, Math.min(SKB_SIZE, ctxIn.length));
        }
        int len = (int) (frame + data.length - begin);
        ctx.set(U32, 0, len); // len
        ctx.set(U32, 16, Short.toUnsignedInt(packet.get(ValueLayout.JAVA_SHORT_UNALIGNED, HEADROOM + 12))); // protocol, network order
        ctx.set(U32, 40, 1); // ifindex: the kernel runs it on the loopback device
        ctx.set(U32, PacketHelpers.SKB_DATA, (int) begin);
        ctx.set(U32, PacketHelpers.SKB_DATA_END, (int) (frame + data.length));
        ctx.set(U32, 140, (int) begin); // data_meta: no metadata
        // wire_len: the kernel sets it only from a ctx_in, to the length when that says 0
        ctx.set(U32, 160, ctxIn == null ? 0 : wireLen(ctxIn, len));
        timed(ctx, r);
      }
    }
    byte[] out = new byte[data.length];
    MemorySegment.copy(packet, ValueLayout.JAVA_BYTE, HEADROOM, out, 0, out.length);
    if (fromNetwork) {
      // the kernel hands back these frames with a zeroed Ethernet header (observed on 6.18)
      java.util.Arrays.fill(out, 0, ETH_HLEN, (byte) 0);
    }
    return new TestRun(r[0] & 0xffffffffL, r[1] / repeat, out, ctx.toArray(ValueLayout.JAVA_BYTE));
  }

  /**
   * Raw tracepoints, tracepoints and syscall programs: the context is {@code ctxIn},
   * zero-padded to the largest context the verifier lets the program read (the kernel
   * instead refuses a {@code ctx_size_in} below the program's {@code max_ctx_offset}). A
   * missing or short {@code ctxIn} must not send a verified program's context loads, which
   * the fast engines do not check, to address 0 or past the buffer.
   */
  private TestRun plain(Arena arena, byte[] ctxIn, int repeat) {
    byte[] c = ctxIn == null ? new byte[0] : ctxIn;
    long size = Math.max(c.length, readableContext(type));
    MemorySegment ctx = size == 0 ? MemorySegment.NULL : arena.allocate(size, 8);
    long[] r = new long[2];
    if (size > 0) {
      ctx.fill((byte) 0); // once: the padding is not part of the input the repeats restore
    }
    for (int i = 0; i < repeat; i++) {
      if (size > 0) {
        MemorySegment.copy(c, 0, ctx, ValueLayout.JAVA_BYTE, 0, c.length);
      }
      timed(ctx, r);
    }
    byte[] out = c.length == 0 ? new byte[0] : ctx.asSlice(0, c.length).toArray(ValueLayout.JAVA_BYTE);
    return new TestRun(r[0] & 0xffffffffL, r[1] / repeat, null, out);
  }

  /** Bytes of context the verifier lets a program of this type read (its context layout). */
  private static int readableContext(ProgType t) {
    return switch (t) {
      case RAW_TRACEPOINT -> 96; // bpf_raw_tracepoint_args: 12 u64 arguments
      case TRACING -> 96; // tp_btf, fentry, ...: the target's arguments, at most 12 u64s
      case TRACEPOINT -> 8192; // a tracepoint record
      case SYSCALL -> 65536; // any offset below U16_MAX
      default -> 0;
    };
  }

  private void timed(MemorySegment ctx, long[] r) {
    long t0 = System.nanoTime();
    r[0] = vm.run(ctx.address(), ctx.byteSize()); // inside testRun's RCU section
    r[1] += System.nanoTime() - t0;
  }

  /**
   * Runs {@code engine} inside an RCU read-side section ({@link Rcu#enter()}), as the kernel
   * runs programs under {@code rcu_read_lock}: a map element the program looked up and that
   * is replaced during the run is not freed under it.
   */
  static long runUnderRcu(Engine engine, long ctx, long len) {
    Rcu.enter();
    try {
      return engine.run(ctx, len);
    } finally {
      Rcu.exit();
    }
  }

  @Override
  public String toString() {
    return "JvmProgram[" + spec.name() + " " + type + " " + engine + " of " + object.spec().name() + "]";
  }
}
