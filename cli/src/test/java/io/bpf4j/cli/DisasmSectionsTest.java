package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Disassembler;
import io.bpf4j.isa.InsnCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The disasm command's rendering of sections and functions (what the ELF branch will feed)
 * reproduces llvm-objdump-16's whole output: the sections, functions, symbols and bytes are
 * taken from its listing of a clang object, the text and jump targets are bpf4j's.
 */
class DisasmSectionsTest {
  private static final Pattern SECTION = Pattern.compile("^Disassembly of section (.+):$");
  private static final Pattern SYMBOL = Pattern.compile("^([0-9a-f]{16}) <(.+)>:$");
  private static final Pattern LINE = Pattern.compile("^ *(\\d+):\\t([0-9a-f ]+)\\t.*$");

  private static Path fixtures() {
    String r = System.getProperty("bpf4j.root");
    Path root = r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    return root.resolve("core/src/test/bpf/isa");
  }

  @ParameterizedTest
  @CsvSource({"alu.objdump, 1, 3", "calls.objdump, 2, 3"})
  void rendersSectionsAndFunctionsAsLlvmObjdumpDoes(String file, int nsections, int nfunctions)
      throws Exception {
    // the one line of calls.o that LLVM 16 decodes wrongly (a 32-bit fetch-add as an add)
    String want = Files.readString(fixtures().resolve(file)).replace(
        "c3 31 04 00 01 00 00 00\tlock *(u32 *)(r1 + 0x4) += r3",
        "c3 31 04 00 01 00 00 00\tw3 = atomic_fetch_add((u32 *)(r1 + 0x4), w3)");
    List<ProgramFiles.Section> sections = new ArrayList<>();
    String section = null;
    List<ProgramFiles.Function> functions = new ArrayList<>();
    Map<Long, String> symbols = new HashMap<>();
    String function = null;
    long base = 0;
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    for (String l : (want + "Disassembly of section end:\n").split("\n")) {
      Matcher s = SECTION.matcher(l);
      Matcher y = SYMBOL.matcher(l);
      Matcher i = LINE.matcher(l);
      if (s.matches() || (y.matches() && !y.group(2).startsWith("LBB"))) {
        if (function != null) {
          functions.add(new ProgramFiles.Function(function, base,
              InsnCodec.decode(code.toByteArray(), ByteOrder.LITTLE_ENDIAN, false), symbols));
        }
        function = null;
        code.reset();
      }
      if (s.matches()) {
        if (section != null) {
          sections.add(new ProgramFiles.Section(section, functions));
        }
        section = s.group(1);
        functions = new ArrayList<>();
        symbols = new HashMap<>();
      } else if (y.matches()) {
        long slot = Long.parseLong(y.group(1), 16) / 8;
        symbols.put(slot, y.group(2));
        if (!y.group(2).startsWith("LBB")) {
          function = y.group(2);
          base = slot;
        }
      } else if (i.matches()) {
        code.write(HexFormat.ofDelimiter(" ").parseHex(i.group(2)));
      }
    }
    assertEquals(nsections, sections.size());
    assertEquals(nfunctions, sections.stream().mapToInt(x -> x.functions().size()).sum());
    assertEquals(want, DisasmCommand.text(sections, Disassembler.llvm()));
  }
}
