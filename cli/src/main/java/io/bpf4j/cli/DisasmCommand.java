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
    ProgramFiles.Program p = ProgramFiles.read(file, args.has("--raw"));
    if (out.json()) {
      out.println(json(p, d));
    } else if (format.equals("llvm")) {
      out.out().print(d.listing(p.insns(), p.name(), 0));
    } else {
      out.out().print(d.program(p.insns()));
    }
    return 0;
  }

  private static String json(ProgramFiles.Program p, Disassembler d) {
    StringBuilder sb = new StringBuilder("{\"name\":").append(ProgramFiles.jsonString(p.name()))
        .append(",\"insns\":[");
    int slot = 0;
    for (int i = 0; i < p.insns().size(); i++) {
      Insn in = p.insns().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"slot\":").append(slot)
          .append(",\"bytes\":\"")
          .append(HexFormat.of().formatHex(InsnCodec.encode(List.of(in))))
          .append("\",\"text\":").append(ProgramFiles.jsonString(d.format(in))).append('}');
      slot += in.slots();
    }
    return sb.append("]}").toString();
  }
}
