package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to instructions and back, with the validity rules of RFC 9669: unknown opcodes,
 * reserved fields that are not zero, bad registers and an {@code lddw} cut in half are
 * rejected with the slot index and the reason.
 */
public final class InsnCodec {
  private InsnCodec() {}

  /** Size of one slot in bytes. */
  public static final int SLOT = 8;

  /** Decodes little-endian code, validating every instruction. */
  public static List<Insn> decode(byte[] code) throws InvalidInsnException {
    return decode(code, ByteOrder.LITTLE_ENDIAN, true);
  }

  /**
   * Decodes code in the given byte order.
   *
   * @param validate when false, only structural errors (length, a cut {@code lddw}) are
   *     reported; reserved fields and unknown opcodes are kept as they are
   */
  public static List<Insn> decode(byte[] code, ByteOrder order, boolean validate)
      throws InvalidInsnException {
    if (code.length % SLOT != 0) {
      throw new InvalidInsnException(
          code.length / SLOT,
          "code is " + code.length + " bytes, not a multiple of " + SLOT + " (truncated?)");
    }
    ByteBuffer buf = ByteBuffer.wrap(code).order(order);
    int n = code.length / SLOT;
    List<Insn> out = new ArrayList<>(n);
    boolean little = order == ByteOrder.LITTLE_ENDIAN;
    for (int i = 0; i < n; i++) {
      int base = i * SLOT;
      int op = buf.get(base) & 0xff;
      int regs = buf.get(base + 1) & 0xff;
      int dst = little ? regs & 0x0f : regs >>> 4;
      int src = little ? regs >>> 4 : regs & 0x0f;
      int off = buf.getShort(base + 2);
      int imm = buf.getInt(base + 4);
      if (op == LDDW) {
        if (i + 1 >= n) {
          throw new InvalidInsnException(i, "lddw needs two slots but is the last instruction");
        }
        int b2 = base + SLOT;
        int op2 = buf.get(b2) & 0xff;
        int regs2 = buf.get(b2 + 1) & 0xff;
        int off2 = buf.getShort(b2 + 2);
        long hi = buf.getInt(b2 + 4);
        if (validate && (op2 != 0 || regs2 != 0 || off2 != 0)) {
          throw new InvalidInsnException(
              i + 1, "second slot of lddw must have opcode, registers and offset 0");
        }
        Insn insn = new Insn(op, dst, src, off, (hi << 32) | (imm & 0xffffffffL));
        if (validate) {
          check(insn, i);
        }
        out.add(insn);
        i++;
        continue;
      }
      Insn insn = new Insn(op, dst, src, off, imm);
      if (validate) {
        check(insn, i);
      }
      out.add(insn);
    }
    return out;
  }

  /** Encodes instructions as little-endian bytes. */
  public static byte[] encode(List<Insn> insns) {
    return encode(insns, ByteOrder.LITTLE_ENDIAN);
  }

  /** Encodes instructions in the given byte order. */
  public static byte[] encode(List<Insn> insns, ByteOrder order) {
    int slots = slotCount(insns);
    ByteBuffer buf = ByteBuffer.allocate(slots * SLOT).order(order);
    boolean little = order == ByteOrder.LITTLE_ENDIAN;
    for (Insn in : insns) {
      buf.put((byte) in.opcode());
      buf.put((byte) (little ? (in.src() << 4) | in.dst() : (in.dst() << 4) | in.src()));
      buf.putShort((short) in.offset());
      buf.putInt((int) in.imm());
      if (in.isLddw()) {
        buf.putInt(0);
        buf.putInt((int) (in.imm() >>> 32));
      }
    }
    return buf.array();
  }

  /** Number of slots a program occupies. */
  public static int slotCount(List<Insn> insns) {
    int n = 0;
    for (Insn in : insns) {
      n += in.slots();
    }
    return n;
  }

  /**
   * Why an instruction is not valid, or {@code null} when it is. The rules are RFC 9669's:
   * each opcode names which fields it uses, and the others must be zero.
   */
  public static String problem(Insn in) {
    int op = in.opcode();
    int cls = op & 0x07;
    int dst = in.dst();
    int src = in.src();
    int off = in.offset();
    long imm = in.imm();
    if (dst > 10) {
      return "invalid destination register r" + dst;
    }
    switch (cls) {
      case ALU, ALU64 -> {
        int code = op & 0xf0;
        boolean x = (op & X) != 0;
        if (code > END) {
          return unknown(op);
        }
        if (code == NEG) {
          if (x) {
            return unknown(op);
          }
          return zero(src, off, imm, true, true, true);
        }
        if (code == END) {
          if (cls == ALU64 && x) {
            return unknown(op);
          }
          if (imm != 16 && imm != 32 && imm != 64) {
            return "byte swap width " + imm + " (must be 16, 32 or 64)";
          }
          return zero(src, off, 0, true, true, false);
        }
        if (x) {
          if (src > 10) {
            return "invalid source register r" + src;
          }
          if (imm != 0) {
            return "immediate " + imm + " must be 0 with a register source";
          }
        } else if (src != 0) {
          return "source register field " + src + " must be 0 with an immediate source";
        }
        if (code == DIV || code == MOD) {
          if (off != 0 && off != 1) {
            return "offset " + off + " of a division must be 0 (unsigned) or 1 (signed)";
          }
        } else if (code == MOV && x) {
          boolean ok = off == 0 || off == 8 || off == 16 || (off == 32 && cls == ALU64);
          if (!ok) {
            return "offset " + off + " of mov must be 0 or a sign-extension width "
                + (cls == ALU64 ? "(8, 16, 32)" : "(8, 16)");
          }
        } else if (off != 0) {
          return "offset " + off + " must be 0 for this arithmetic instruction";
        }
        return null;
      }
      case JMP, JMP32 -> {
        int code = op & 0xf0;
        boolean x = (op & X) != 0;
        if (code > JSLE) {
          return unknown(op);
        }
        switch (code) {
          case JA -> {
            if (x) {
              return unknown(op);
            }
            if (cls == JMP) {
              return zeroRegs(dst, src) != null ? zeroRegs(dst, src) : zero(0, 0, imm, false, false, true);
            }
            return zeroRegs(dst, src) != null ? zeroRegs(dst, src) : zero(0, off, 0, false, true, false);
          }
          case CALL -> {
            if (cls == JMP32) {
              return unknown(op);
            }
            if (x) {
              // callx: target in dst
              return zero(src, off, imm, true, true, true);
            }
            if (dst != 0) {
              return "destination register field " + dst + " must be 0 in a call";
            }
            if (off != 0) {
              return "offset " + off + " must be 0 in a call";
            }
            if (src != CALL_HELPER && src != CALL_LOCAL && src != CALL_KFUNC) {
              return "call source " + src + " (must be 0 helper, 1 local or 2 kfunc)";
            }
            return null;
          }
          case EXIT -> {
            if (cls == JMP32 || x) {
              return unknown(op);
            }
            if (dst != 0) {
              return "destination register field " + dst + " must be 0 in exit";
            }
            return zero(src, off, imm, true, true, true);
          }
          default -> {
            if (x) {
              if (src > 10) {
                return "invalid source register r" + src;
              }
              if (imm != 0) {
                return "immediate " + imm + " must be 0 in a jump on registers";
              }
            } else if (src != 0) {
              return "source register field " + src + " must be 0 in a jump on an immediate";
            }
            return null;
          }
        }
      }
      case LD -> {
        if (op == LDDW) {
          if (off != 0) {
            return "offset " + off + " of lddw must be 0";
          }
          if (src > PSEUDO_MAP_IDX_VALUE) {
            return "lddw source " + src + " (must be 0..6)";
          }
          return null;
        }
        int mode = op & 0xe0;
        if ((mode == ABS || mode == IND) && (op & 0x18) != DW) {
          if (dst != 0) {
            return "destination register field must be 0 in a legacy packet load";
          }
          if (mode == ABS && src != 0) {
            return "source register field must be 0 in an absolute packet load";
          }
          if (src > 10) {
            return "invalid source register r" + src;
          }
          return off != 0 ? "offset must be 0 in a legacy packet load" : null;
        }
        return unknown(op);
      }
      case LDX -> {
        int mode = op & 0xe0;
        int size = op & 0x18;
        if (!(mode == MEM || (mode == MEMSX && size != DW))) {
          return unknown(op);
        }
        if (src > 10) {
          return "invalid source register r" + src;
        }
        return imm != 0 ? "immediate " + imm + " must be 0 in a load" : null;
      }
      case ST -> {
        if ((op & 0xe0) != MEM) {
          return unknown(op);
        }
        return src != 0 ? "source register field " + src + " must be 0 in a store of an immediate" : null;
      }
      case STX -> {
        int mode = op & 0xe0;
        int size = op & 0x18;
        if (src > 10) {
          return "invalid source register r" + src;
        }
        if (mode == MEM) {
          return imm != 0 ? "immediate " + imm + " must be 0 in a store of a register" : null;
        }
        if (mode == ATOMIC && (size == W || size == DW)) {
          int a = (int) imm;
          boolean ok =
              switch (a) {
                case ADD, ADD | FETCH, OR, OR | FETCH, AND, AND | FETCH, XOR, XOR | FETCH, XCHG,
                    CMPXCHG ->
                    true;
                default -> false;
              };
          return ok ? null : String.format("unknown atomic operation 0x%x", a);
        }
        return unknown(op);
      }
      default -> {
        return unknown(op);
      }
    }
  }

  private static void check(Insn in, int slot) throws InvalidInsnException {
    String p = problem(in);
    if (p != null) {
      throw new InvalidInsnException(slot, p);
    }
  }

  private static String unknown(int op) {
    return String.format("unknown opcode 0x%02x", op);
  }

  private static String zeroRegs(int dst, int src) {
    if (dst != 0) {
      return "destination register field " + dst + " must be 0";
    }
    return src != 0 ? "source register field " + src + " must be 0" : null;
  }

  private static String zero(
      int src, int off, long imm, boolean checkSrc, boolean checkOff, boolean checkImm) {
    if (checkSrc && src != 0) {
      return "source register field " + src + " must be 0";
    }
    if (checkOff && off != 0) {
      return "offset " + off + " must be 0";
    }
    if (checkImm && imm != 0) {
      return "immediate " + imm + " must be 0";
    }
    return null;
  }
}
