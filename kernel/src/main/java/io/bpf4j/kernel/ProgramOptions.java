package io.bpf4j.kernel;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.util.List;
import java.util.Objects;

/**
 * What {@code BPF_PROG_LOAD} needs: type, instructions, licence, and the optional parts
 * (expected attach type, name, verifier log level, program BTF with func and line info,
 * attach target). Built with {@link #builder}.
 */
public final class ProgramOptions {
  /** {@code BPF_F_STRICT_ALIGNMENT}. */
  public static final int F_STRICT_ALIGNMENT = 1;
  /** {@code BPF_F_SLEEPABLE}: the program may sleep (syscall programs must be). */
  public static final int F_SLEEPABLE = 1 << 4;

  final ProgType type;
  final List<Insn> insns;
  final String license;
  final String name;
  final AttachType expectedAttachType;
  final int logLevel;
  final int initialLogSize;
  final int progFlags;
  final int btfFd;
  final byte[] funcInfo;
  final int funcInfoRecSize;
  final byte[] lineInfo;
  final int lineInfoRecSize;
  final int attachBtfId;
  final int attachProgFd;
  final int kernVersion;

  private ProgramOptions(Builder b) {
    this.type = b.type;
    this.insns = List.copyOf(b.insns);
    this.license = b.license;
    this.name = b.name;
    this.expectedAttachType = b.expectedAttachType;
    this.logLevel = b.logLevel;
    this.initialLogSize = b.initialLogSize;
    this.progFlags = b.progFlags;
    this.btfFd = b.btfFd;
    this.funcInfo = b.funcInfo;
    this.funcInfoRecSize = b.funcInfoRecSize;
    this.lineInfo = b.lineInfo;
    this.lineInfoRecSize = b.lineInfoRecSize;
    this.attachBtfId = b.attachBtfId;
    this.attachProgFd = b.attachProgFd;
    this.kernVersion = b.kernVersion;
  }

  /** Options for a program of {@code type} made of {@code insns}; licence "GPL" by default. */
  public static Builder builder(ProgType type, List<Insn> insns) {
    return new Builder(type, insns);
  }

  /** The program type. */
  public ProgType type() {
    return type;
  }

  /** The instructions (map references already hold fds, see {@link KernelProgram#ldMapFd}). */
  public List<Insn> insns() {
    return insns;
  }

  /** The program's name. */
  public String name() {
    return name;
  }

  /** Builds {@link ProgramOptions}. */
  public static final class Builder {
    private final ProgType type;
    private final List<Insn> insns;
    private String license = "GPL";
    private String name = "";
    private AttachType expectedAttachType;
    private int logLevel;
    private int initialLogSize = 64 * 1024;
    private int progFlags;
    private int btfFd;
    private byte[] funcInfo;
    private int funcInfoRecSize;
    private byte[] lineInfo;
    private int lineInfoRecSize;
    private int attachBtfId;
    private int attachProgFd;
    private int kernVersion;

    private Builder(ProgType type, List<Insn> insns) {
      this.type = Objects.requireNonNull(type, "type");
      this.insns = Objects.requireNonNull(insns, "insns");
      if (insns.isEmpty()) {
        throw new IllegalArgumentException("a program needs at least one instruction");
      }
    }

    /** The licence string ("GPL", "Dual BSD/GPL", "MIT"...); GPL-only helpers need GPL. */
    public Builder license(String l) {
      this.license = Objects.requireNonNull(l);
      return this;
    }

    /** The name the kernel shows (up to 15 bytes). */
    public Builder name(String n) {
      this.name = n == null ? "" : n;
      return this;
    }

    /** {@code expected_attach_type}. */
    public Builder expectedAttachType(AttachType t) {
      this.expectedAttachType = t;
      return this;
    }

    /**
     * The verifier log level: 0 none (a log is still fetched at level 1 when the load
     * fails), 1 the verdict and failing path, 2 every instruction's state; 4 adds stats.
     */
    public Builder logLevel(int level) {
      if (level < 0 || level > 7) {
        throw new IllegalArgumentException("log level " + level + " (must be 0..7)");
      }
      this.logLevel = level;
      return this;
    }

    /** The first log buffer size; it grows (x4) while the kernel answers ENOSPC. */
    public Builder initialLogSize(int bytes) {
      if (bytes < 128) {
        throw new IllegalArgumentException("log size " + bytes + " (must be >= 128)");
      }
      this.initialLogSize = bytes;
      return this;
    }

    /** {@code prog_flags} ({@code BPF_F_STRICT_ALIGNMENT}, {@code BPF_F_SLEEPABLE}...). */
    public Builder progFlags(int flags) {
      this.progFlags = flags;
      return this;
    }

    /** The program's BTF ({@link Btf#fd()}), with its {@code bpf_func_info} records. */
    public Builder btf(int fd, byte[] funcInfo, int funcInfoRecSize) {
      this.btfFd = fd;
      this.funcInfo = funcInfo;
      this.funcInfoRecSize = funcInfoRecSize;
      return this;
    }

    /** The {@code bpf_line_info} records (with {@link #btf}). */
    public Builder lineInfo(byte[] lineInfo, int recSize) {
      this.lineInfo = lineInfo;
      this.lineInfoRecSize = recSize;
      return this;
    }

    /** {@code attach_btf_id} (and {@code attach_prog_fd}) for BTF-typed hooks. */
    public Builder attachBtf(int btfId, int progFd) {
      this.attachBtfId = btfId;
      this.attachProgFd = progFd;
      return this;
    }

    /** {@code kern_version} (only old kprobe loaders need it). */
    public Builder kernVersion(int v) {
      this.kernVersion = v;
      return this;
    }

    /** The options. */
    public ProgramOptions build() {
      return new ProgramOptions(this);
    }
  }
}
