package io.bpf4j.vm.jit;

import io.bpf4j.isa.Insn;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.List;

/**
 * Renders a compiled program's class file as text: each generated method, and inside it the
 * JVM instructions under the eBPF instruction they implement (the emitters mark each eBPF
 * instruction with a line number relative to the method's first instruction, which the method
 * name carries: {@code f<start>} for a function, {@code r<start>} for a region).
 */
final class BytecodeDump {
  private BytecodeDump() {}

  static String render(byte[] classBytes, List<Insn> insns) {
    ClassModel cm = ClassFile.of().parse(classBytes);
    int[] slotOf = new int[insns.size()];
    for (int i = 0, s = 0; i < insns.size(); i++) {
      slotOf[i] = s;
      s += insns.get(i).slots();
    }
    StringBuilder sb = new StringBuilder();
    for (MethodModel mm : cm.methods()) {
      var code = mm.findAttribute(Attributes.code());
      if (code.isEmpty()) {
        continue;
      }
      CodeAttribute ca = code.get();
      String name = mm.methodName().stringValue();
      sb.append(String.format("%s%s  (%d bytes)%n", name, mm.methodType().stringValue(),
          ca.codeLength()));
      int base = baseOf(name);
      int bci = 0;
      for (CodeElement e : ca) {
        if (e instanceof LineNumber ln && base >= 0) {
          int i = base + ln.line() - 1;
          if (i >= 0 && i < insns.size()) {
            sb.append(String.format("  ; %d: %s%n", slotOf[i], text(insns.get(i))));
          }
        } else if (e instanceof Instruction in) {
          sb.append(String.format("    %5d: %s%n", bci, render(in, ca)));
          bci += in.sizeInBytes();
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static int baseOf(String method) {
    if ((method.startsWith("f") || method.startsWith("r")) && method.length() > 1) {
      try {
        return Integer.parseInt(method.substring(1));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /** The instruction's fields, in the layout of RFC 9669. */
  static String text(Insn in) {
    return String.format("op 0x%02x dst r%d src %d off %d imm %d", in.opcode(), in.dst(),
        in.src(), in.offset(), in.imm());
  }

  private static String render(Instruction in, CodeAttribute ca) {
    String op = in.opcode().name().toLowerCase(java.util.Locale.ROOT);
    return switch (in) {
      case LoadInstruction l -> op + (op.contains("_") ? "" : " " + l.slot());
      case StoreInstruction s -> op + (op.contains("_") ? "" : " " + s.slot());
      case ConstantInstruction c -> op + (op.contains("_") ? "" : " " + c.constantValue());
      case InvokeInstruction i -> op + " " + i.owner().asInternalName() + "." + i.name()
          .stringValue() + i.type().stringValue();
      case FieldInstruction f -> op + " " + f.owner().asInternalName() + "." + f.name()
          .stringValue();
      case BranchInstruction b -> op + " " + ca.labelToBci(b.target());
      case LookupSwitchInstruction s -> op + " " + s.cases().size() + " cases";
      case TableSwitchInstruction t -> op + " " + t.lowValue() + ".." + t.highValue();
      default -> op;
    };
  }
}
