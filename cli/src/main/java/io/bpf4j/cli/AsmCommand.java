package io.bpf4j.cli;

import io.bpf4j.isa.AsmException;
import io.bpf4j.isa.DataFile;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j asm FILE}: assembles ubpf-style assembly ({@code .asm}, or the {@code asm}
 * section of a {@code .data} file) to little-endian code.
 */
final class AsmCommand implements Command {
  @Override
  public String name() {
    return "asm";
  }

  @Override
  public String summary() {
    return "assemble ubpf-style assembly (.asm or a .data file's asm section) to code";
  }

  @Override
  public String usage() {
    return "bpf4j asm FILE [-o OUT] [--hex]   (without -o: hex text on standard output;"
        + " with -o: binary code, or hex text with --hex)";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("-o", "--output"), Set.of("--hex"));
    args.atMost(1);
    String file = args.positional(0, "a FILE");
    String text = new String(ProgramFiles.bytes(file), StandardCharsets.UTF_8);
    List<Insn> insns;
    if (file.endsWith(".data")) {
      try {
        DataFile d = DataFile.parse(text);
        if (d.asm() == null) {
          throw CliException.failure(file + ": no '-- asm' section");
        }
        insns = io.bpf4j.isa.Assembler.assemble(d.asm(), d.asmLine());
      } catch (AsmException e) {
        throw ProgramFiles.failure(file, e);
      }
    } else {
      insns = ProgramFiles.assemble(file, text);
    }
    byte[] code = InsnCodec.encode(insns);
    String target = args.value("-o", args.value("--output"));
    if (target == null) {
      if (out.json()) {
        out.println("{\"file\":" + Json.quote(file) + ",\"slots\":" + code.length / 8
            + ",\"code\":\"" + HexFormat.of().formatHex(code) + "\"}");
      } else {
        out.out().print(hexLines(code));
      }
      return 0;
    }
    try {
      Path p = Path.of(target);
      if (args.has("--hex")) {
        Files.writeString(p, hexLines(code));
      } else {
        Files.write(p, code);
      }
    } catch (IOException e) {
      throw CliException.unwritable(target, e);
    }
    if (out.json()) {
      out.println("{\"file\":" + Json.quote(file)
          + ",\"output\":" + Json.quote(target)
          + ",\"slots\":" + code.length / 8 + "}");
    }
    return 0;
  }

  /** One 8-byte slot per line, bytes separated by spaces. */
  static String hexLines(byte[] code) {
    StringBuilder sb = new StringBuilder();
    HexFormat h = HexFormat.ofDelimiter(" ");
    for (int i = 0; i < code.length; i += 8) {
      sb.append(h.formatHex(code, i, i + 8)).append('\n');
    }
    return sb.toString();
  }
}
