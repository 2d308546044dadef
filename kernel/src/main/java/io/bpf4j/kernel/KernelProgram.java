package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.Opcodes;
import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.uapi.ProgType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A program loaded into the kernel ({@code BPF_PROG_LOAD}), checked by the kernel's verifier
 * and JIT-compiled; owns its file descriptor.
 *
 * {@snippet :
 * List<Insn> code = List.of(Insn.of(0xb7, 0, 0, 0, 2), Insn.of(0x95, 0, 0, 0, 0)); // r0 = XDP_PASS
 * try (KernelProgram p = KernelProgram.load(ProgramOptions.builder(ProgType.XDP, code).build())) {
 *   TestRunResult r = p.testRun(TestRun.of(new byte[64]));
 * }
 * }
 */
public final class KernelProgram implements AutoCloseable {
  /** {@code BPF_PSEUDO_MAP_FD}: an {@code lddw} whose constant is a map fd. */
  public static final int PSEUDO_MAP_FD = 1;
  /** {@code BPF_PSEUDO_MAP_VALUE}: an {@code lddw} of a map fd and an offset into its value. */
  public static final int PSEUDO_MAP_VALUE = 2;
  /** Largest log buffer asked for when the kernel keeps answering ENOSPC. */
  static final int MAX_LOG = 256 << 20;

  private final Bpf bpf;
  private final Fd fd;
  private final ProgType type;
  private final String name;
  private final String log;

  private KernelProgram(Bpf bpf, Fd fd, ProgType type, String name, String log) {
    this.bpf = bpf;
    this.fd = fd;
    this.type = type;
    this.name = name;
    this.log = log;
  }

  /** Loads into the real kernel. */
  public static KernelProgram load(ProgramOptions o) {
    return load(Bpf.system(), o);
  }

  /**
   * Loads through {@code bpf}. On refusal, throws a {@link BpfException} that holds the
   * verifier log (fetched at level 1 if no level was asked for).
   */
  public static KernelProgram load(Bpf bpf, ProgramOptions o) {
    byte[] code = InsnCodec.encode(o.insns);
    int slots = code.length / InsnCodec.SLOT;
    int level = o.logLevel;
    int size = level > 0 ? o.initialLogSize : 0;
    int eagain = 0;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment insns = a.allocateFrom(JAVA_BYTE, code);
      MemorySegment license = a.allocateFrom(o.license);
      MemorySegment funcInfo = o.funcInfo == null ? null : a.allocateFrom(JAVA_BYTE, o.funcInfo);
      MemorySegment lineInfo = o.lineInfo == null ? null : a.allocateFrom(JAVA_BYTE, o.lineInfo);
      while (true) {
        try (Arena logArena = Arena.ofConfined()) {
          MemorySegment logBuf = size > 0 ? logArena.allocate(size) : null;
          MemorySegment at = Bpf.attr(logArena);
          at.set(JAVA_INT, 0, o.type.value()); // prog_type
          at.set(JAVA_INT, 4, slots); // insn_cnt
          at.set(JAVA_LONG, 8, insns.address()); // insns
          at.set(JAVA_LONG, 16, license.address()); // license
          at.set(JAVA_INT, 24, logBuf == null ? 0 : level); // log_level
          at.set(JAVA_INT, 28, size); // log_size
          at.set(JAVA_LONG, 32, logBuf == null ? 0 : logBuf.address()); // log_buf
          at.set(JAVA_INT, 40, o.kernVersion); // kern_version
          at.set(JAVA_INT, 44, o.progFlags); // prog_flags
          Bpf.putName(at, 48, o.name); // prog_name
          at.set(JAVA_INT, 68, o.expectedAttachType == null ? 0 : o.expectedAttachType.value());
          at.set(JAVA_INT, 72, o.btfFd); // prog_btf_fd
          if (funcInfo != null) {
            at.set(JAVA_INT, 76, o.funcInfoRecSize); // func_info_rec_size
            at.set(JAVA_LONG, 80, funcInfo.address()); // func_info
            at.set(JAVA_INT, 88, o.funcInfo.length / o.funcInfoRecSize); // func_info_cnt
          }
          if (lineInfo != null) {
            at.set(JAVA_INT, 92, o.lineInfoRecSize); // line_info_rec_size
            at.set(JAVA_LONG, 96, lineInfo.address()); // line_info
            at.set(JAVA_INT, 104, o.lineInfo.length / o.lineInfoRecSize); // line_info_cnt
          }
          at.set(JAVA_INT, 108, o.attachBtfId); // attach_btf_id
          at.set(JAVA_INT, 112, o.attachProgFd); // attach_prog_fd
          long r = bpf.tryCall(BpfCmd.PROG_LOAD, at);
          String text = logBuf == null ? "" : Bpf.cString(logBuf, 0, size);
          if (r >= 0) {
            return new KernelProgram(bpf, bpf.fd(r), o.type, o.name, text);
          }
          int errno = (int) -r;
          if (errno == Errno.EAGAIN && ++eagain < 5) {
            continue;
          }
          if (errno == Errno.ENOSPC && logBuf != null && size < MAX_LOG) {
            size = (int) Math.min((long) size * 4, MAX_LOG); // the log did not fit: grow it
            continue;
          }
          if (logBuf == null && errno != Errno.EPERM && errno != Errno.E2BIG) {
            level = 1; // refused without a log: ask again with one, to say why
            size = o.initialLogSize;
            continue;
          }
          throw new BpfException(BpfCmd.PROG_LOAD, errno, text,
              "program '" + o.name + "' (" + o.type.kernelName() + ", " + slots + " insns)");
        }
      }
    }
  }

  /** Wraps an open program fd (takes ownership). */
  public static KernelProgram adopt(Bpf bpf, Fd fd) {
    try {
      ProgInfo i = ProgInfo.of(bpf, fd.get());
      return new KernelProgram(bpf, fd, i.type(), i.name(), "");
    } catch (RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** Opens the program with this id. */
  public static KernelProgram fromId(Bpf bpf, int id) {
    return adopt(bpf, bpf.fdById(ObjectKind.PROG, id));
  }

  /** Opens the program pinned at {@code path}. */
  public static KernelProgram fromPin(Bpf bpf, String path) {
    return adopt(bpf, bpf.objGet(path, 0));
  }

  /** {@code lddw dst, map} with {@code BPF_PSEUDO_MAP_FD}: the verifier turns it into the map. */
  public static Insn ldMapFd(int dst, KernelMap map) {
    return Insn.of(Opcodes.LDDW, dst, PSEUDO_MAP_FD, 0, map.fd());
  }

  /** {@code lddw dst, &map.value[offset]} with {@code BPF_PSEUDO_MAP_VALUE} (global data). */
  public static Insn ldMapValue(int dst, KernelMap map, int offset) {
    return Insn.of(Opcodes.LDDW, dst, PSEUDO_MAP_VALUE, 0, (map.fd() & 0xffffffffL) | ((long) offset << 32));
  }

  /** The file descriptor. */
  public int fd() {
    return fd.get();
  }

  /** The program type. */
  public ProgType type() {
    return type;
  }

  /** The name it was loaded with. */
  public String name() {
    return name;
  }

  /** The verifier's log of a successful load (empty unless a log level was asked for). */
  public String log() {
    return log;
  }

  /** What the kernel says about it now (id, tag, run stats...). */
  public ProgInfo info() {
    return ProgInfo.of(bpf, fd.get());
  }

  /** Pins it at {@code path}. */
  public void pin(String path) {
    bpf.objPin(fd.get(), path);
  }

  /** {@code BPF_PROG_TEST_RUN}: runs it in the kernel on {@code run}'s input. */
  public TestRunResult testRun(TestRun run) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment at = Bpf.attr(a);
      MemorySegment dataIn = run.dataIn().length == 0 ? null : a.allocateFrom(JAVA_BYTE, run.dataIn());
      MemorySegment dataOut = run.dataOutSize() == 0 ? null : a.allocate(run.dataOutSize());
      MemorySegment ctxIn = run.ctxIn() == null ? null : a.allocateFrom(JAVA_BYTE, run.ctxIn());
      MemorySegment ctxOut = run.ctxOutSize() == 0 ? null : a.allocate(run.ctxOutSize());
      at.set(JAVA_INT, 0, fd.get()); // prog_fd
      at.set(JAVA_INT, 8, run.dataIn().length); // data_size_in
      at.set(JAVA_INT, 12, run.dataOutSize()); // data_size_out
      at.set(JAVA_LONG, 16, dataIn == null ? 0 : dataIn.address()); // data_in
      at.set(JAVA_LONG, 24, dataOut == null ? 0 : dataOut.address()); // data_out
      at.set(JAVA_INT, 32, run.repeat()); // repeat
      at.set(JAVA_INT, 40, run.ctxIn() == null ? 0 : run.ctxIn().length); // ctx_size_in
      at.set(JAVA_INT, 44, run.ctxOutSize()); // ctx_size_out
      at.set(JAVA_LONG, 48, ctxIn == null ? 0 : ctxIn.address()); // ctx_in
      at.set(JAVA_LONG, 56, ctxOut == null ? 0 : ctxOut.address()); // ctx_out
      at.set(JAVA_INT, 64, run.flags()); // flags
      at.set(JAVA_INT, 68, run.cpu()); // cpu
      long r = bpf.tryCall(BpfCmd.PROG_TEST_RUN, at);
      if (r < 0) {
        // bpf_prog_test_run_tracing runs only fentry/fexit/fmod_ret (on bpf_fentry_test*),
        // and answers EFAULT for the other tracing programs
        String why = type == ProgType.TRACING && -r == io.bpf4j.kernel.sys.Errno.EFAULT
            ? " (the kernel test-runs only fentry, fexit and fmod_ret tracing programs; a"
                + " tp_btf program runs on the JVM backend)" : "";
        throw new BpfException(BpfCmd.PROG_TEST_RUN, (int) -r, "", "test run of '" + name + "'"
            + why);
      }
      int dataLen = Math.min(at.get(JAVA_INT, 12), run.dataOutSize());
      int ctxLen = Math.min(at.get(JAVA_INT, 44), run.ctxOutSize());
      byte[] data = dataOut == null ? new byte[0] : dataOut.asSlice(0, dataLen).toArray(JAVA_BYTE);
      byte[] ctx = ctxOut == null ? new byte[0] : ctxOut.asSlice(0, ctxLen).toArray(JAVA_BYTE);
      if (type == ProgType.SYSCALL && ctxIn != null && ctxOut == null) {
        ctx = ctxIn.toArray(JAVA_BYTE); // a syscall program's context is written back in place
      }
      return new TestRunResult(at.get(JAVA_INT, 4), at.get(JAVA_INT, 36), data, ctx);
    }
  }

  @Override
  public void close() {
    fd.close();
  }

  @Override
  public String toString() {
    return "program '" + name + "' (" + type + ")";
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** For the loader: the slot count of {@code insns} (lddw counts twice). */
  static int slots(List<Insn> insns) {
    return InsnCodec.slotCount(insns);
  }
}
