package io.bpf4j.cli;

import io.bpf4j.isa.AsmException;
import io.bpf4j.isa.Assembler;
import io.bpf4j.isa.DataFile;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a program from a file for the commands that take one: raw code ({@code .bin} or with
 * {@code --raw}), hex text, assembly ({@code .asm}, {@code .s}) or a conformance test
 * ({@code .data}). Every error is a {@link CliException} naming the file (and the line).
 */
final class ProgramFiles {
  private ProgramFiles() {}

  /** A program read from a file: its instructions and a name for listings. */
  record Program(String name, List<Insn> insns) {}

  /**
   * One function of a code section: its symbol, its first slot in the section, its
   * instructions, and the section's other symbols by slot (labels, other functions).
   */
  record Function(String name, long slotBase, List<Insn> insns, Map<Long, String> symbols) {}

  /**
   * A code section; {@code name} is null for plain code that comes from no object file, and
   * {@code order} is the byte order its bytes are listed in (an object's own order).
   */
  record Section(String name, List<Function> functions, ByteOrder order) {
    Section(String name, List<Function> functions) {
      this(name, functions, ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * The code of a file for the disassembler: plain code is one unnamed section holding one
   * function named after the file. An ELF object (once the loader reads them) is one
   * {@link Section} per executable section with its functions: that is the only branch to add.
   */
  static List<Section> sections(String file, boolean raw) throws CliException {
    byte[] b = bytes(file);
    if (!raw && !file.toLowerCase().endsWith(".bin") && isElf(b)) {
      return ObjectFiles.disasmSections(file, b);
    }
    Program p = read(file, b, raw, false);
    return List.of(new Section(null, List.of(new Function(p.name(), 0, p.insns(), Map.of()))));
  }

  static byte[] bytes(String file) throws CliException {
    try {
      return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw CliException.failure(file + ": no such file");
    } catch (IOException e) {
      throw CliException.unreadable(file, e);
    }
  }

  /** Reads a program; raw code in a {@code .data} file is validated. */
  static Program read(String file, boolean raw) throws CliException {
    return read(file, bytes(file), raw, true);
  }

  private static Program read(String file, byte[] b, boolean raw, boolean validate)
      throws CliException {
    String name = baseName(file);
    String lower = file.toLowerCase();
    if (raw || lower.endsWith(".bin")) {
      return new Program(name, decode(file, b));
    }
    if (isElf(b)) {
      // an ELF object goes to the loader, once there is one: one branch here
      throw CliException.failure(file + ": an ELF object: 'bpf4j prog run' runs its programs,"
          + " 'bpf4j prog dump' shows their code; this command takes plain code");
    }
    String text = new String(b, StandardCharsets.UTF_8);
    if (lower.endsWith(".data")) {
      try {
        DataFile d = DataFile.parse(text);
        if (d.raw() != null && !validate) {
          return new Program(name, decode(file, d.raw()));
        }
        return new Program(name, d.program());
      } catch (AsmException e) {
        throw failure(file, e);
      } catch (InvalidInsnException e) {
        throw CliException.failure(file + ": raw code: " + e.getMessage());
      }
    }
    if (lower.endsWith(".asm") || lower.endsWith(".s")) {
      return new Program(name, assemble(file, text));
    }
    return new Program(name, decode(file, hex(file, text)));
  }

  static List<Insn> assemble(String file, String text) throws CliException {
    try {
      return Assembler.assemble(text);
    } catch (AsmException e) {
      throw failure(file, e);
    }
  }

  static CliException failure(String file, AsmException e) {
    return CliException.failure(
        file + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.reason());
  }

  /** Decodes without rejecting invalid opcodes (they print as unknown); a cut lddw fails. */
  static List<Insn> decode(String file, byte[] code) throws CliException {
    try {
      return InsnCodec.decode(code, ByteOrder.LITTLE_ENDIAN, false);
    } catch (InvalidInsnException e) {
      throw CliException.failure(file + ": " + e.getMessage());
    }
  }

  /** Hex text: bytes separated by white space or not, {@code #} comments, optional 0x. */
  static byte[] hex(String file, String text) throws CliException {
    StringBuilder digits = new StringBuilder();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      int h = l.indexOf('#');
      if (h >= 0) {
        l = l.substring(0, h);
      }
      for (String tok : l.strip().split("[\\s,]+")) {
        if (tok.isEmpty()) {
          continue;
        }
        String t = tok.startsWith("0x") || tok.startsWith("0X") ? tok.substring(2) : tok;
        if (!t.matches("[0-9a-fA-F]+") || t.length() % 2 != 0) {
          throw CliException.failure(file + ":" + (i + 1) + ": '" + tok
              + "' is not hex bytes (give assembly as .asm, raw code as .bin or --raw)");
        }
        digits.append(t);
      }
    }
    return HexFormat.of().parseHex(digits);
  }

  static boolean isElf(byte[] b) {
    return b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
  }

  private static String baseName(String file) {
    if (file.equals("-")) {
      return "stdin";
    }
    String n = Path.of(file).getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
