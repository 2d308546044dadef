package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code BPF_PROG_TEST_RUN} on the program types that allow it, with data and context in
 * and out, and the semantics KERNEL-NOTES.md describes.
 */
@RequiresKernel
class TestRunTypesTest {
  static final int SK_BUFF_SIZE = 192; // sizeof(struct __sk_buff)

  /** An Ethernet frame of {@code len} bytes carrying IPv4. */
  static byte[] frame(int len) {
    byte[] f = new byte[len];
    f[12] = 0x08; // ethertype 0x0800
    f[14] = 0x45; // IPv4, 20-byte header
    return f;
  }

  static KernelProgram load(ProgType t, List<Insn> code) {
    return KernelProgram.load(ProgramOptions.builder(t, code).build());
  }

  @Test
  void xdpRewritesThePacketAndSaysTx() {
    List<Insn> code = List.of(
        I.ldxw(2, 1, 0), // data
        I.ldxw(3, 1, 4), // data_end
        I.movReg(4, 2),
        I.add(4, 1),
        I.jgtReg(4, 3, 2),
        I.mov(5, 0xaa),
        Insn.of(0x73, 2, 5, 0, 0), // *(u8 *)(r2 + 0) = r5
        I.mov(0, 3), // XDP_TX
        I.exit());
    try (KernelProgram p = load(ProgType.XDP, code)) {
      TestRunResult r = p.testRun(TestRun.of(frame(64)));
      assertEquals(3, r.retval());
      assertEquals(64, r.dataOut().length);
      assertEquals((byte) 0xaa, r.dataOut()[0]);
      assertEquals(0x08, r.dataOut()[12]);
    }
  }

  @Test
  void socketFilterSeesTheSkbFromTheNetworkHeader() {
    // return skb->len: the frame without its Ethernet header
    try (KernelProgram p = load(ProgType.SOCKET_FILTER, List.of(I.ldxw(0, 1, 0), I.exit()))) {
      assertEquals(64 - 14, p.testRun(TestRun.of(frame(64))).retval());
    }
    // skb->protocol comes from the Ethernet type (network byte order)
    try (KernelProgram p = load(ProgType.SOCKET_FILTER, List.of(I.ldxw(0, 1, 16), I.exit()))) {
      assertEquals(0x0008, p.testRun(TestRun.of(frame(64))).retval());
    }
    // shorter than an Ethernet header: refused
    try (KernelProgram p = load(ProgType.SOCKET_FILTER, List.of(I.mov(0, 0), I.exit()))) {
      BpfException e = assertThrows(BpfException.class, () -> p.testRun(TestRun.of(new byte[10])));
      assertEquals("EINVAL", e.errnoName());
    }
  }

  @Test
  void tcSeesTheWholeFrameAndWritesTheContextBack() {
    // skb->mark = 42; return skb->len
    List<Insn> code = List.of(I.mov(2, 42), I.stxw(1, 2, 8), I.ldxw(0, 1, 0), I.exit());
    try (KernelProgram p = load(ProgType.SCHED_CLS, code)) {
      TestRunResult r = p.testRun(TestRun.of(frame(64)).withContext(new byte[SK_BUFF_SIZE]));
      assertEquals(64, r.retval());
      assertEquals(SK_BUFF_SIZE, r.ctxOut().length);
      ByteBuffer ctx = ByteBuffer.wrap(r.ctxOut()).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(42, ctx.getInt(8), "mark");
    }
  }

  @Test
  void rawTracepointGetsItsArguments() {
    // return args[0] + args[1]
    List<Insn> code = List.of(I.ldxdw(0, 1, 0), I.ldxdw(2, 1, 8), Insn.of(0x0f, 0, 2, 0, 0), I.exit());
    try (KernelProgram p = load(ProgType.RAW_TRACEPOINT, code)) {
      byte[] args = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(40).putLong(2).array();
      // a raw tracepoint run takes only a context: repeat must be 0, no data, no context out
      TestRunResult r = p.testRun(TestRun.ofContext(args));
      assertEquals(42, r.retval());
    }
  }

  @Test
  void syscallProgramWritesItsContext() {
    // ctx->b = ctx->a * 2; return ctx->a + 1
    List<Insn> code = List.of(
        I.ldxw(2, 1, 0), I.movReg(3, 2), Insn.of(0x27, 3, 0, 0, 2), I.stxw(1, 3, 4),
        I.movReg(0, 2), I.add(0, 1), I.exit());
    try (KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.SYSCALL, code)
        .progFlags(ProgramOptions.F_SLEEPABLE).build())) { // "Syscall programs can only be sleepable"
      byte[] ctx = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(21).putInt(0).array();
      TestRunResult r = p.testRun(TestRun.ofContext(ctx));
      assertEquals(22, r.retval());
      assertEquals(42, ByteBuffer.wrap(r.ctxOut()).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
    }
  }
}
