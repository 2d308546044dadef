package io.bpf4j.cli;

import io.bpf4j.isa.AsmException;
import io.bpf4j.isa.DataFile;
import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.isa.InvalidInsnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A program to run, read from a file: a bpf_conformance {@code .data} file (its {@code -- raw}
 * code, else its assembled {@code -- asm} section, with its input memory and expected result),
 * assembly ({@code .asm}, {@code .s}), raw little-endian bytecode ({@code .bin}) or hex text
 * (read by {@link ProgramFiles}).
 *
 * @param origin the file, for messages
 * @param insns the program
 * @param mem the input memory of a {@code .data} file, or null
 * @param expected the expected r0 of a {@code .data} file, or null
 * @param expectedError the expected error of a {@code .data} file, or null
 */
record ProgramInput(
    String origin, List<Insn> insns, byte[] mem, Long expected, String expectedError) {

  /** Reads {@code file}; a failure names the file (and the line) and what is wrong. */
  static ProgramInput read(Path file) throws CliException {
    String where = file.toString();
    if (Files.isDirectory(file)) {
      throw CliException.failure(where + ": is a directory");
    }
    if (!Files.exists(file)) {
      throw CliException.failure(where + ": no such file");
    }
    if (!where.endsWith(".data")) {
      return new ProgramInput(where, ProgramFiles.read(where, false).insns(), null, null, null);
    }
    DataFile d;
    try {
      d = DataFile.parse(Files.readString(file));
    } catch (IOException e) {
      throw CliException.unreadable(where, e);
    } catch (AsmException e) { // FILE:LINE: reason, as the assembler's errors
      throw ProgramFiles.failure(where, e);
    }
    List<Insn> insns;
    try {
      insns = d.program();
    } catch (AsmException e) {
      throw ProgramFiles.failure(where, e);
    } catch (InvalidInsnException e) {
      throw CliException.failure(where + ": raw code: " + e.getMessage());
    }
    byte[] mem = d.mem().length == 0 ? null : d.mem();
    return new ProgramInput(where, insns, mem, d.result(), d.error());
  }

  /** The program as little-endian bytecode. */
  byte[] code() {
    return InsnCodec.encode(insns);
  }
}
