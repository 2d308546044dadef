package io.bpf4j.cli;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code bpf4j jit dump FILE}: compiles a program with the JIT and prints the generated JVM
 * bytecode under each eBPF instruction, like {@code bpftool prog dump jited}. FILE holds raw
 * little-endian code ({@code .bin}) or hex text (bytes separated by spaces or not, {@code #}
 * comments).
 */
final class JitDumpCommand implements Command {
  @Override
  public String name() {
    return "jit dump";
  }

  @Override
  public String summary() {
    return "compile a program with the JIT and show the JVM bytecode per instruction";
  }

  @Override
  public String usage() {
    return "bpf4j jit dump FILE(.bin raw code | hex text) [-j]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of(), Set.of());
    String file = args.positional(0, "a program file (raw .bin code or hex text)");
    args.atMost(1);
    List<Insn> insns = read(Path.of(file));
    // helpers are not called by a dump: any id the program uses gets a placeholder
    HelperTable helpers = HelperTable.empty();
    for (Insn in : insns) {
      if (in.isHelperCall() && in.imm() >= 0 && in.imm() <= 0xffff) {
        helpers = helpers.with((int) in.imm(), "helper " + in.imm(),
            (s, r1, r2, r3, r4, r5) -> {
              throw new IllegalStateException("placeholder helper called");
            });
      }
    }
    JitProgram p;
    try {
      p = JitCompiler.compile(insns, helpers);
    } catch (IllegalArgumentException e) {
      throw CliException.failure(file + ": " + e.getMessage());
    }
    int slots = InsnCodec.slotCount(insns);
    if (out.json()) {
      out.println(String.format("{\"file\":\"%s\",\"instructions\":%d,\"functions\":%d,"
              + "\"regions\":%d,\"methods\":%d,\"largestMethodBytes\":%d,\"compileNanos\":%d,"
              + "\"dump\":\"%s\"}", esc(file), slots, p.functionCount(), p.regionCount(),
          p.methodCount(), p.largestMethodBytes(), p.compileNanos(), esc(p.dump())));
    } else {
      out.printf("; %s: %d instructions, %d functions, %d regions, %d JVM methods"
              + " (largest %d bytes), compiled in %.3f ms%n%n", file, slots, p.functionCount(),
          p.regionCount(), p.methodCount(), p.largestMethodBytes(), p.compileNanos() / 1e6);
      out.out().print(p.dump());
    }
    return 0;
  }

  private static List<Insn> read(Path path) throws CliException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw CliException.failure(path + ": no such file");
    } catch (IOException e) {
      throw CliException.unreadable(path, e);
    }
    if (!path.toString().endsWith(".bin")) {
      StringBuilder hex = new StringBuilder();
      int line = 0;
      for (String l : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        line++;
        String s = l.replaceFirst("#.*", "").replaceAll("\\s+", "");
        if (!s.matches("[0-9a-fA-F]*") || s.length() % 2 != 0) {
          throw CliException.failure(path + ":" + line
              + ": not hex bytes (use a .bin file for raw code)");
        }
        hex.append(s);
      }
      bytes = HexFormat.of().parseHex(hex);
    }
    try {
      return InsnCodec.decode(bytes);
    } catch (InvalidInsnException e) {
      throw CliException.failure(path + ": " + e.getMessage());
    }
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
