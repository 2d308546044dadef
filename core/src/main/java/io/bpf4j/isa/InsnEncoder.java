package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Assembler.Line;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The second pass of the {@link Assembler}: one parsed line to one instruction. */
final class InsnEncoder {
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final Map<String, Integer> labels;
  private final List<Line> lines;
  private final List<Integer> slots;
  private Line line;
  private int slot;

  InsnEncoder(Map<String, Integer> labels, List<Line> lines, List<Integer> slots) {
    this.labels = labels;
    this.lines = lines;
    this.slots = slots;
  }

  Insn encode(int index) throws AsmException {
    line = lines.get(index);
    slot = slots.get(index);
    String m = line.mnemonic();
    List<String> ops = line.operands();
    switch (m) {
      case "exit" -> {
        count(0);
        return Insn.of(JMP | EXIT, 0, 0, 0, 0);
      }
      case "lock" -> {
        return lock();
      }
      case "lddw" -> {
        count(2);
        return lddw(reg(ops.get(0)), ops.get(1));
      }
      case "call" -> {
        return call();
      }
      case "callx" -> {
        count(1);
        return Insn.of(JMP | CALL | X, reg(ops.get(0)), 0, 0, 0);
      }
      case "ja", "jmp" -> {
        count(1);
        return Insn.of(JMP | JA, 0, 0, offset16(target(ops.get(0))), 0);
      }
      case "ja32", "gotol" -> {
        count(1);
        return Insn.of(JMP32 | JA, 0, 0, 0, target(ops.get(0)));
      }
      default -> {
        // families below
      }
    }
    if (m.startsWith("movsx")) {
      return movsx(m);
    }
    if (m.matches("(le|be|bswap|swap)(16|32|64)")) {
      count(1);
      int width = Integer.parseInt(m.replaceAll("[a-z]", ""));
      int op = m.startsWith("le") ? ALU | END | TO_LE
          : m.startsWith("be") ? ALU | END | TO_BE : ALU64 | END | K;
      return Insn.of(op, reg(ops.get(0)), 0, 0, width);
    }
    if (m.startsWith("ldxs") && Assembler.SIZES.containsKey(m.substring(4))
        && !m.equals("ldxsdw")) {
      count(2);
      Mem mem = mem(ops.get(1));
      return Insn.of(LDX | MEMSX | Assembler.SIZES.get(m.substring(4)), reg(ops.get(0)),
          mem.reg, mem.off, 0);
    }
    if (m.startsWith("ldx") && Assembler.SIZES.containsKey(m.substring(3))) {
      count(2);
      Mem mem = mem(ops.get(1));
      return Insn.of(LDX | MEM | Assembler.SIZES.get(m.substring(3)), reg(ops.get(0)),
          mem.reg, mem.off, 0);
    }
    if (m.startsWith("stx") && Assembler.SIZES.containsKey(m.substring(3))) {
      count(2);
      Mem mem = mem(ops.get(0));
      return Insn.of(STX | MEM | Assembler.SIZES.get(m.substring(3)), mem.reg,
          reg(ops.get(1)), mem.off, 0);
    }
    if (m.startsWith("st") && Assembler.SIZES.containsKey(m.substring(2))) {
      count(2);
      Mem mem = mem(ops.get(0));
      return Insn.of(ST | MEM | Assembler.SIZES.get(m.substring(2)), mem.reg, 0, mem.off,
          imm32(ops.get(1)));
    }
    if (m.startsWith("ldabs") && Assembler.SIZES.containsKey(m.substring(5))) {
      count(1);
      return Insn.of(LD | ABS | Assembler.SIZES.get(m.substring(5)), 0, 0, 0, imm32(ops.get(0)));
    }
    if (m.startsWith("ldind") && Assembler.SIZES.containsKey(m.substring(5))) {
      count(2);
      return Insn.of(LD | IND | Assembler.SIZES.get(m.substring(5)), 0, reg(ops.get(0)), 0,
          imm32(ops.get(1)));
    }
    boolean is32 = m.endsWith("32");
    String base = is32 || m.endsWith("64") ? m.substring(0, m.length() - 2) : m;
    Integer alu = Assembler.ALU_OPS.get(base);
    if (alu != null) {
      int cls = is32 ? ALU : ALU64;
      int off = base.startsWith("s") && !base.equals("sub") ? 1 : 0;
      if (alu == NEG) {
        count(1);
        return Insn.of(cls | NEG, reg(ops.get(0)), 0, 0, 0);
      }
      count(2);
      int dst = reg(ops.get(0));
      String o = ops.get(1);
      if (isReg(o)) {
        return Insn.of(cls | alu | X, dst, reg(o), off, 0);
      }
      return Insn.of(cls | alu | K, dst, 0, off, imm32(o));
    }
    Integer jmp = Assembler.JUMP_OPS.get(is32 ? base : m);
    if (jmp != null) {
      count(3);
      int cls = is32 ? JMP32 : JMP;
      int dst = reg(ops.get(0));
      int off = offset16(target(ops.get(2)));
      String o = ops.get(1);
      if (isReg(o)) {
        return Insn.of(cls | jmp | X, dst, reg(o), off, 0);
      }
      return Insn.of(cls | jmp | K, dst, 0, off, imm32(o));
    }
    throw error("invalid mnemonic '" + m + "'");
  }

  private Insn movsx(String m) throws AsmException {
    int cls;
    int width;
    switch (m) {
      case "movsx832" -> { cls = ALU; width = 8; }
      case "movsx1632" -> { cls = ALU; width = 16; }
      case "movsx864" -> { cls = ALU64; width = 8; }
      case "movsx1664" -> { cls = ALU64; width = 16; }
      case "movsx3264" -> { cls = ALU64; width = 32; }
      default -> throw error("invalid mnemonic '" + m + "'");
    }
    count(2);
    return Insn.of(cls | MOV | X, reg(line.operands().get(0)), reg(line.operands().get(1)),
        width, 0);
  }

  private Insn lock() throws AsmException {
    List<String> ops = line.operands();
    String bad = "Invalid number of operands for lock";
    if (ops.size() != 2) {
      throw error(bad);
    }
    String[] words = ops.get(0).split("\\s+");
    boolean fetch = words.length > 0 && words[0].equalsIgnoreCase("fetch");
    int first = fetch ? 1 : 0;
    if (words.length != first + 2) {
      throw error(bad);
    }
    String name = words[first].toLowerCase(java.util.Locale.ROOT);
    boolean is32 = name.endsWith("32");
    if (is32) {
      name = name.substring(0, name.length() - 2);
    }
    Integer op = Assembler.ATOMIC_OPS.get(name);
    if (op == null) {
      throw error("invalid atomic operation '" + words[first] + "'");
    }
    if (fetch) {
      if (op == XCHG || op == CMPXCHG) {
        throw error("'" + name + "' always fetches; write it without 'fetch'");
      }
      op |= FETCH;
    }
    Mem mem = mem(words[first + 1]);
    return Insn.of(STX | ATOMIC | (is32 ? W : DW), mem.reg, reg(ops.get(1)), mem.off, op);
  }

  private Insn call() throws AsmException {
    List<String> ops = line.operands();
    count(1);
    String o = ops.get(0);
    if (o.startsWith("local ") || o.startsWith("local\t")) {
      String t = o.substring(6).strip();
      return Insn.of(JMP | CALL, 0, CALL_LOCAL, 0, target(t));
    }
    if (o.startsWith("kfunc ")) {
      return Insn.of(JMP | CALL, 0, CALL_KFUNC, 0, imm32(o.substring(6).strip()));
    }
    if (isReg(o)) {
      return Insn.of(JMP | CALL | X, reg(o), 0, 0, 0);
    }
    return Insn.of(JMP | CALL, 0, CALL_HELPER, 0, imm32(o));
  }

  private Insn lddw(int dst, String operand) throws AsmException {
    String o = operand;
    int kind = PSEUDO_NONE;
    int sp = o.indexOf(' ');
    if (sp > 0) {
      Integer k = Assembler.LDDW_KINDS.get(o.substring(0, sp));
      if (k == null) {
        throw error("invalid lddw source '" + o.substring(0, sp) + "'");
      }
      kind = k;
      o = o.substring(sp + 1).strip();
      if (kind == PSEUDO_FUNC && Assembler.isIdent(o)) {
        return Insn.of(LDDW, dst, kind, 0, target(o)); // the function at a label
      }
    }
    BigInteger v = number(o);
    if (v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0 || v.compareTo(U64_MAX) > 0) {
      throw error("immediate " + o + " out of range for 64 bits");
    }
    return Insn.of(LDDW, dst, kind, 0, v.longValue());
  }

  private record Mem(int reg, int off) {}

  private Mem mem(String o) throws AsmException {
    if (!o.startsWith("[") || !o.endsWith("]")) {
      throw error("invalid offset: expected a memory operand like [%r1+4], got '" + o + "'");
    }
    String in = o.substring(1, o.length() - 1).strip();
    int sign = Math.max(in.indexOf('+'), in.indexOf('-'));
    if (sign < 0) {
      return new Mem(reg(in), 0);
    }
    int r = reg(in.substring(0, sign).strip());
    String offText = in.substring(sign).replace(" ", "");
    BigInteger v = number(offText.startsWith("+") ? offText.substring(1) : offText);
    if (v.compareTo(BigInteger.valueOf(Short.MIN_VALUE)) < 0
        || v.compareTo(BigInteger.valueOf(Short.MAX_VALUE)) > 0) {
      throw error("offset " + offText + " out of range (must fit in 16 bits)");
    }
    return new Mem(r, v.intValue());
  }

  /** A jump or call target: a signed slot offset or a label, relative to the next slot. */
  private int target(String t) throws AsmException {
    if (t.isEmpty()) {
      throw error("missing jump target");
    }
    char c = t.charAt(0);
    if (c == '+' || c == '-' || Character.isDigit(c)) {
      BigInteger v = number(c == '+' ? t.substring(1) : t);
      if (v.bitLength() > 31) {
        throw error("offset " + t + " out of range");
      }
      return v.intValue();
    }
    if (!Assembler.isIdent(t)) {
      throw error("invalid jump target '" + t + "'");
    }
    Integer to = labels.get(t);
    if (to == null && t.equals("exit")) {
      to = firstExit();
    }
    if (to == null) {
      throw error("unknown label '" + t + "'");
    }
    return to - (slot + 1);
  }

  private Integer firstExit() {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).mnemonic().equals("exit")) {
        return slots.get(i);
      }
    }
    return null;
  }

  private int offset16(int off) throws AsmException {
    if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
      throw error("jump offset " + off + " out of range (must fit in 16 bits; use ja32)");
    }
    return off;
  }

  private static boolean isReg(String o) {
    return o.startsWith("%") || o.matches("r\\d+");
  }

  private int reg(String o) throws AsmException {
    String s = o.startsWith("%") ? o.substring(1) : o;
    if (s.matches("r\\d{1,3}")) {
      int n = Integer.parseInt(s.substring(1));
      if (n <= 10) {
        return n;
      }
    }
    throw error("Invalid register '" + o + "' (must be %r0..%r10)");
  }

  /** A 32-bit immediate: decimal -2^31..2^31-1, or hex up to 0xffffffff (taken as its bits). */
  private int imm32(String o) throws AsmException {
    BigInteger v = number(o);
    boolean hex = o.replace("-", "").replace("+", "").toLowerCase().startsWith("0x");
    long max = hex ? 0xffffffffL : Integer.MAX_VALUE;
    if (v.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0
        || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error("immediate " + o + " out of range for 32 bits");
    }
    return v.intValue();
  }

  private BigInteger number(String o) throws AsmException {
    String s = o.strip();
    boolean neg = s.startsWith("-");
    if (neg || s.startsWith("+")) {
      s = s.substring(1);
    }
    try {
      BigInteger v;
      if (s.startsWith("0x") || s.startsWith("0X")) {
        v = new BigInteger(s.substring(2), 16);
      } else if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
        v = new BigInteger(s, 10);
      } else {
        throw error("invalid number '" + o + "'");
      }
      return neg ? v.negate() : v;
    } catch (NumberFormatException e) {
      throw error("invalid number '" + o + "'");
    }
  }

  private void count(int n) throws AsmException {
    if (line.operands().size() != n) {
      throw error("Invalid number of operands for " + line.mnemonic() + ": "
          + line.operands().size() + " (expected " + n + ")");
    }
  }

  private AsmException error(String reason) {
    return new AsmException(line.no(), reason);
  }
}
