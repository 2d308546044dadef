package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.Descs.*;
import static java.lang.constant.ConstantDescs.*;

import io.bpf4j.isa.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Loads, stores and atomics. A plain access is one {@code MemorySegment.get/set} on {@link
 * io.bpf4j.vm.Memory#ALL} with an unaligned little-endian layout (a constant that HotSpot folds
 * into a single move). Atomics go through {@link AtomicAccess}'s aligned var handles: the
 * fetching forms, {@code xchg} and {@code cmpxchg} are fully ordered (volatile mode, like the
 * kernel's {@code atomic_fetch_*}, {@code xchg} and {@code cmpxchg}); the non-fetching {@code
 * add/or/and/xor} only need atomicity and use the release mode.
 */
final class MemEmitter {
  private MemEmitter() {}

  private static final ClassDesc CD_VAR_HANDLE = ClassDesc.of("java.lang.invoke.VarHandle");

  static void emit(MethodEmitter m, Insn in) {
    int op = in.opcode();
    switch (in.cls()) {
      case LDX -> load(m, in, mode(op) == MEMSX);
      case ST -> {
        int size = size(op);
        prepare(m, size, in.dst(), in.offset());
        if (size == DW) {
          m.lconst(in.imm());
        } else {
          m.iconst(in.imm32());
        }
        store(m.cob, size);
      }
      default -> {
        if (mode(op) == ATOMIC) {
          atomic(m, in);
        } else {
          int size = size(op);
          prepare(m, size, in.dst(), in.offset());
          m.load(in.src());
          if (size != DW) {
            m.cob.l2i();
          }
          store(m.cob, size);
        }
      }
    }
  }

  private static ClassDesc layout(int size) {
    return switch (size) {
      case B -> CD_OF_BYTE;
      case H -> CD_OF_SHORT;
      case W -> CD_OF_INT;
      default -> CD_OF_LONG;
    };
  }

  private static ClassDesc value(int size) {
    return switch (size) {
      case B -> CD_byte;
      case H -> CD_short;
      case W -> CD_int;
      default -> CD_long;
    };
  }

  private static String layoutField(int size) {
    return switch (size) {
      case B -> "U8";
      case H -> "U16";
      case W -> "U32";
      default -> "U64";
    };
  }

  /** Pushes the segment, the layout and the address {@code base + off}. */
  private static void prepare(MethodEmitter m, int size, int base, int off) {
    CodeBuilder cob = m.cob;
    cob.getstatic(CD_MEMORY, "ALL", CD_SEGMENT);
    cob.getstatic(CD_MEMORY, layoutField(size), layout(size));
    address(m, base, off);
  }

  private static void address(MethodEmitter m, int base, int off) {
    m.load(base);
    if (off != 0) {
      m.lconst(off);
      m.cob.ladd();
    }
    if (!"false".equals(System.getProperty("bpf4j.jit.addressMask"))) {
      // see ADDRESS_MASK
      m.lconst(ADDRESS_MASK);
      m.cob.land();
    }
  }

  /**
   * Every address is and-ed with this before the access. No address a verified program can
   * use changes (user space on 64-bit Linux lies below 2^57, and the bits cleared here are
   * above the top-byte tags of arm64 too), but C2 then knows the address lies in [0, 2^62)
   * and drops the bounds check of {@link io.bpf4j.vm.Memory#ALL} (size {@code
   * Long.MAX_VALUE}) with its trap path: one {@code and} instead of a compare and a branch,
   * and about half the machine code for memory-heavy loops (docs/jit.md). The system
   * property {@code bpf4j.jit.addressMask=false} (read at compile time) turns it off, for
   * A/B measurements.
   */
  static final long ADDRESS_MASK = 0x3fff_ffff_ffff_ffffL;

  private static final ClassDesc CD_PROBE = ClassDesc.of("io.bpf4j.vm.ProbeLoads");

  private static void load(MethodEmitter m, Insn in, boolean signed) {
    CodeBuilder cob = m.cob;
    int size = size(in.opcode());
    if (m.layout.facts.probeLoad(m.layout.slotOf[m.pc])) {
      // a load through a BTF-typed pointer: reads 0 outside the helpers' blocks (ProbeLoads)
      m.load(in.src());
      if (in.offset() != 0) {
        m.lconst(in.offset());
        cob.ladd();
      }
      cob.loadConstant(switch (size) {
        case B -> 1;
        case H -> 2;
        case W -> 4;
        default -> 8;
      });
      cob.invokestatic(CD_PROBE, signed ? "loadSigned" : "load",
          MethodTypeDesc.of(CD_long, CD_long, CD_int));
      m.store(in.dst());
      return;
    }
    prepare(m, size, in.src(), in.offset());
    cob.invokeinterface(CD_SEGMENT, "get", MethodTypeDesc.of(value(size), layout(size), CD_long));
    switch (size) {
      case B -> {
        if (!signed) {
          cob.loadConstant(0xff);
          cob.iand();
        }
        cob.i2l();
      }
      case H -> {
        if (!signed) {
          cob.loadConstant(0xffff);
          cob.iand();
        }
        cob.i2l();
      }
      case W -> {
        if (signed) {
          cob.i2l();
        } else {
          AluEmitter.zext(cob);
        }
      }
      default -> {}
    }
    m.store(in.dst());
  }

  private static void store(CodeBuilder cob, int size) {
    cob.invokeinterface(CD_SEGMENT, "set",
        MethodTypeDesc.of(CD_void, layout(size), CD_long, value(size)));
  }

  private static void atomic(MethodEmitter m, Insn in) {
    CodeBuilder cob = m.cob;
    boolean wide = size(in.opcode()) == DW;
    ClassDesc v = wide ? CD_long : CD_int;
    int a = in.imm32();
    cob.getstatic(CD_ATOMIC, wide ? "I64" : "I32", CD_VAR_HANDLE);
    cob.getstatic(CD_MEMORY, "ALL", CD_SEGMENT);
    address(m, in.dst(), in.offset());
    if (a == CMPXCHG) {
      m.load(0);
      if (!wide) {
        cob.l2i();
      }
    }
    m.load(in.src());
    if (!wide) {
      cob.l2i();
    }
    boolean fetch = (a & FETCH) != 0;
    String name =
        switch (a & ~FETCH) {
          case ADD -> fetch ? "getAndAdd" : "getAndAddRelease";
          case OR -> fetch ? "getAndBitwiseOr" : "getAndBitwiseOrRelease";
          case AND -> fetch ? "getAndBitwiseAnd" : "getAndBitwiseAndRelease";
          case XOR -> fetch ? "getAndBitwiseXor" : "getAndBitwiseXorRelease";
          case XCHG & ~FETCH -> "getAndSet";
          case CMPXCHG & ~FETCH -> "compareAndExchange";
          default -> throw new IllegalStateException("atomic op " + a);
        };
    MethodTypeDesc mt =
        a == CMPXCHG
            ? MethodTypeDesc.of(v, CD_SEGMENT, CD_long, v, v)
            : MethodTypeDesc.of(v, CD_SEGMENT, CD_long, v);
    cob.invokevirtual(CD_VAR_HANDLE, name, mt);
    if (!fetch) {
      if (wide) {
        cob.pop2();
      } else {
        cob.pop();
      }
      return;
    }
    if (!wide) {
      AluEmitter.zext(cob);
    }
    m.store(a == CMPXCHG ? 0 : in.src());
  }
}
