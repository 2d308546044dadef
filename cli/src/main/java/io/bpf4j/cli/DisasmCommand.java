package io.bpf4j.cli;

import io.bpf4j.isa.Disassembler;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j disasm FILE}: prints a program's instructions, in the syntax of {@code
 * llvm-objdump -d} (the default, with slots and bytes) or in the assembler's ubpf syntax.
 */
final class DisasmCommand implements Command {
  @Override
  public String name() {
    return "disasm";
  }

  @Override
  public String summary() {
    return "disassemble a program (raw code, hex text, .asm or .data) in llvm or ubpf syntax";
  }

  @Override
  public String usage() {
    return "bpf4j disasm FILE [--format llvm|ubpf] [--raw]   (FILE '-' reads standard input;"
        + " .bin or --raw: binary code, .asm/.s: assembly, .data: conformance test,"
        + " else hex text)";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("--format"), Set.of("--raw"));
    args.atMost(1);
    String file = args.positional(0, "a FILE");
    String format = args.value("--format", "llvm");
    Disassembler d = switch (format) {
      case "llvm" -> Disassembler.llvm();
      case "ubpf" -> Disassembler.ubpf();
      default -> throw CliException.usage("--format " + format + " (must be llvm or ubpf)");
    };
    List<ProgramFiles.Section> sections = ProgramFiles.sections(file, args.has("--raw"));
    if (out.json()) {
      out.println(json(sections, d));
      return 0;
    }
    out.out().print(text(sections, d));
    return 0;
  }

  /** The listing of sections as llvm-objdump prints them (llvm) or assembly text (ubpf). */
  static String text(List<ProgramFiles.Section> sections, Disassembler d) {
    boolean llvm = d == Disassembler.llvm();
    StringBuilder sb = new StringBuilder();
    for (ProgramFiles.Section s : sections) {
      if (s.name() != null) {
        sb.append(sb.isEmpty() ? "" : "\n").append("Disassembly of section ").append(s.name())
            .append(":\n\n");
      }
      boolean first = true;
      for (ProgramFiles.Function f : s.functions()) {
        sb.append(first ? "" : "\n");
        first = false;
        if (llvm) {
          sb.append(d.listing(f.insns(), f.name(), f.slotBase(), f.symbols(), s.order()));
        } else {
          sb.append(s.name() == null ? "" : f.name() + ":\n").append(d.program(f.insns()));
        }
      }
    }
    return sb.toString();
  }

  private static String json(List<ProgramFiles.Section> sections, Disassembler d) {
    StringBuilder sb = new StringBuilder("{\"functions\":[");
    boolean firstFunction = true;
    for (ProgramFiles.Section s : sections) {
      for (ProgramFiles.Function f : s.functions()) {
        sb.append(firstFunction ? "" : ",").append("{\"section\":")
            .append(s.name() == null ? "null" : Json.quote(s.name()))
            .append(",\"name\":").append(Json.quote(f.name()))
            .append(",\"insns\":[");
        firstFunction = false;
        long slot = f.slotBase();
        for (int i = 0; i < f.insns().size(); i++) {
          Insn in = f.insns().get(i);
          sb.append(i == 0 ? "" : ",").append("{\"slot\":").append(slot)
              .append(",\"bytes\":\"")
              .append(HexFormat.of().formatHex(InsnCodec.encode(List.of(in), s.order())))
              .append("\",\"text\":").append(Json.quote(d.format(in))).append('}');
          slot += in.slots();
        }
        sb.append("]}");
      }
    }
    return sb.append("]}").toString();
  }
}
