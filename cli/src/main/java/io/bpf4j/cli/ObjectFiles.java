package io.bpf4j.cli;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.CodeSection;
import io.bpf4j.elf.ObjectFormatException;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading ELF objects and BTF files for the commands, with one-line errors. */
final class ObjectFiles {
  private ObjectFiles() {}

  static ObjectSpec read(String file) throws CliException {
    try {
      return ObjectReader.read(Path.of(file));
    } catch (NoSuchFileException e) {
      throw CliException.failure(file + ": no such file");
    } catch (IOException e) {
      throw CliException.unreadable(file, e);
    } catch (ObjectFormatException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** BTF from a raw BTF file or an ELF object's .BTF section. */
  static Btf btf(String file) throws CliException {
    try {
      return ObjectReader.readBtf(Path.of(file));
    } catch (NoSuchFileException e) {
      throw CliException.failure(file + ": no such file");
    } catch (IOException e) {
      throw CliException.unreadable(file, e);
    } catch (ObjectFormatException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** The target BTF for CO-RE: the named file, else the running kernel's, else null. */
  static Btf target(String file) throws CliException {
    if (file != null) {
      return btf(file);
    }
    Path v = Path.of("/sys/kernel/btf/vmlinux");
    return Files.isReadable(v) ? btf(v.toString()) : null;
  }

  /** An ELF object's code sections for {@code disasm}, as llvm-objdump shows them. */
  static List<ProgramFiles.Section> disasmSections(String file, byte[] b) throws CliException {
    List<CodeSection> cs;
    try {
      cs = ObjectReader.codeSections(file, b);
    } catch (ObjectFormatException e) {
      throw CliException.failure(e.getMessage());
    }
    List<ProgramFiles.Section> out = new ArrayList<>();
    for (CodeSection s : cs) {
      List<ProgramFiles.Function> fs = new ArrayList<>();
      for (CodeSection.Function f : s.functions()) {
        Map<Long, String> labels = new HashMap<>(s.labels());
        fs.add(new ProgramFiles.Function(f.name(), f.slot(), f.insns(), labels));
      }
      out.add(new ProgramFiles.Section(s.name(), fs, s.order()));
    }
    return out;
  }
}
