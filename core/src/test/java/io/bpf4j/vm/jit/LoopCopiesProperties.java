package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Assembler;
import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Loops emitted several times ({@link LoopCopies}) run as the interpreter runs them, whatever
 * their shape: nested loops, jumps to the header from the middle of the body ({@code continue}),
 * jumps out of it ({@code break}), a jump from before the loop into the middle of its body, back
 * edges that are a {@code goto} or a conditional jump, with one to four copies.
 */
class LoopCopiesProperties {
  static final int BUFFER = 64;
  private static final String[] ALU = {"add", "sub", "mul", "xor", "or", "and", "lsh", "rsh",
      "arsh", "add32", "xor32", "mul32", "mov", "mov32"};
  private static final String[] JUMPS = {"jeq", "jne", "jgt", "jge", "jlt", "jle", "jsgt",
      "jsge", "jslt", "jsle", "jset"};
  private static final String[] DATA = {"%r0", "%r2", "%r3", "%r4", "%r5"};

  @Property(tries = 200)
  void everyNumberOfCopiesRunsAsTheInterpreter(@ForAll long seed) throws Exception {
    List<Insn> prog = Assembler.assemble(generate(new Random(seed)));
    byte[] init = new byte[BUFFER];
    new Random(seed ^ 0xc0ffee).nextBytes(init);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ref = arena.allocate(BUFFER, 8).copyFrom(MemorySegment.ofArray(init));
      long expected = Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.fast())
          .run(ref.address(), BUFFER);
      for (int copies = 1; copies <= 4; copies++) {
        MemorySegment buf = arena.allocate(BUFFER, 8).copyFrom(MemorySegment.ofArray(init));
        JitProgram p = compile(prog, copies);
        String where = "seed " + seed + ", " + copies + " copies";
        assertEquals(expected, p.run(buf.address(), BUFFER), where);
        assertArrayEquals(ref.toArray(ValueLayout.JAVA_BYTE), buf.toArray(ValueLayout.JAVA_BYTE),
            where);
      }
    }
  }

  /** The generator gives the property programs whose loops are copied, not only the rest. */
  @Test
  void mostGeneratedProgramsHaveCopiedLoops() throws Exception {
    Random rnd = new Random(7);
    int copied = 0;
    for (int k = 0; k < 100; k++) {
      List<Insn> prog = Assembler.assemble(generate(rnd));
      if (copiedLoops(compile(prog, 4).dump()) > 0) {
        copied++;
      }
      assertEquals(0, copiedLoops(compile(prog, 1).dump()));
    }
    org.junit.jupiter.api.Assertions.assertTrue(copied >= 80, copied + " of 100");
  }

  /**
   * clang's loop shape: by default its body is emitted four times and only the last copy jumps
   * back (one backward {@code goto}, so one safepoint poll per four iterations).
   */
  @Test
  void aSmallLoopIsEmittedFourTimesWithOneBackwardJump() throws Exception {
    List<Insn> prog = Assembler.assemble(JitRangeFactsTest.LOOP);
    String four = JitCompiler.compile(prog, HelperTable.empty()).dump();
    String one = compile(prog, 1).dump();
    assertEquals(4, occurrences(four, "  ; 4: "), four);
    assertEquals(1, occurrences(one, "  ; 4: "), one);
    assertEquals(1, backwardJumps(four), four);
    assertEquals(1, backwardJumps(one), one);
    System.setProperty("bpf4j.jit.countedLoops", "true");
    try {
      assertEquals(1, occurrences(JitCompiler.compile(prog, HelperTable.empty()).dump(), "  ; 4: "));
    } finally {
      System.clearProperty("bpf4j.jit.countedLoops");
    }
  }

  /**
   * clang's rotated loop, entered in the middle (the primes benchmark's shape): the body's first
   * part is emitted after the second, and it closes the loop by falling through to the header,
   * which the JIT emits as a {@code goto}. It is copied too.
   */
  @Test
  void aLoopClosedByAFallThroughIsCopied() throws Exception {
    List<Insn> prog = Assembler.assemble("""
        mov %r0, 0
        mov %r2, 0
        mov %r3, 50
        ja head
        body:
        add %r0, %r2
        xor %r0, 0x55
        mul %r0, 3
        head:
        add %r2, 1
        jlt %r2, %r3, body
        exit
        """);
    JitProgram p = JitCompiler.compile(prog, HelperTable.empty());
    String dump = p.dump();
    assertEquals(4, occurrences(dump, "  ; 5: "), dump);
    assertEquals(1, backwardJumps(dump), dump);
    long expected = Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.fast()).run(0, 0);
    assertEquals(expected, p.run(0, 0));
  }

  private static int occurrences(String dump, String line) {
    return (int) dump.lines().filter(l -> l.startsWith(line)).count();
  }

  private static int backwardJumps(String dump) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^\\s*(\\d+): (?:goto|if\\w*) (\\d+)$").matcher(dump);
    int n = 0;
    while (m.find()) {
      if (Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1))) {
        n++;
      }
    }
    return n;
  }

  static JitProgram compile(List<Insn> prog, int copies) {
    System.setProperty("bpf4j.jit.loopCopies", Integer.toString(copies));
    try {
      return JitCompiler.compile(prog, HelperTable.empty());
    } finally {
      System.clearProperty("bpf4j.jit.loopCopies");
    }
  }

  /** How many eBPF instructions the dump shows more than once. */
  static int copiedLoops(String dump) {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (String line : dump.split("\n")) {
      if (line.startsWith("  ; ")) {
        seen.merge(line, 1, Integer::sum);
      }
    }
    return (int) seen.values().stream().filter(n -> n > 1).count();
  }

  /** A random program of one to three loops nested in a counted outer loop. */
  static String generate(Random rnd) {
    StringBuilder s = new StringBuilder();
    for (int k = 1; k <= 8; k++) {
      s.append("stdw [%r10-").append(8 * k).append("], 0\n");
    }
    for (String r : DATA) {
      s.append("mov ").append(r).append(", ").append(rnd.nextInt(2000) - 1000).append('\n');
    }
    s.append("mov %r6, ").append(1 + rnd.nextInt(4)).append('\n');
    s.append("mov %r7, ").append(1 + rnd.nextInt(5)).append('\n');
    int loops = 1 + rnd.nextInt(3);
    boolean enterMiddle = rnd.nextInt(3) == 0;
    if (enterMiddle) {
      s.append("jeq %r2, ").append(rnd.nextInt(4) - 1000).append(", mid\n");
      s.append("jgt %r3, 0, mid\n");
    }
    s.append("outer:\n");
    for (int l = 0; l < loops; l++) {
      String h = "h" + l;
      String x = "x" + l;
      s.append("mov %r7, ").append(1 + rnd.nextInt(12)).append('\n');
      s.append(h).append(":\n");
      s.append("sub %r7, 1\n");
      s.append("jslt %r7, 0, ").append(x).append('\n');
      int n = 2 + rnd.nextInt(14);
      int mid = enterMiddle && l == 0 ? rnd.nextInt(n) : -1;
      List<String> labels = new ArrayList<>();
      for (int i = 0; i <= n; i++) {
        labels.add(h + "_" + i); // the last one labels the back edge
      }
      for (int i = 0; i < n; i++) {
        s.append(labels.get(i)).append(":\n");
        if (i == mid) {
          s.append("mid:\n");
        }
        int kind = rnd.nextInt(16);
        if (kind < 7) {
          s.append(pick(rnd, ALU)).append(' ').append(pick(rnd, DATA)).append(", ")
              .append(rnd.nextBoolean() ? pick(rnd, DATA) : Integer.toString(rnd.nextInt(64)))
              .append('\n');
        } else if (kind < 9) {
          s.append("stxdw [%r10-").append(8 * (1 + rnd.nextInt(8))).append("], ")
              .append(pick(rnd, DATA)).append('\n');
        } else if (kind < 11) {
          s.append("ldxdw ").append(pick(rnd, DATA)).append(", [%r10-")
              .append(8 * (1 + rnd.nextInt(8))).append("]\n");
        } else if (kind == 11) {
          s.append("ldxb ").append(pick(rnd, DATA)).append(", [%r1+").append(rnd.nextInt(BUFFER))
              .append("]\n");
        } else if (kind == 12) {
          s.append("stxw [%r1+").append(4 * rnd.nextInt(BUFFER / 4)).append("], ")
              .append(pick(rnd, DATA)).append('\n');
        } else {
          // forward within the body, break, or continue
          int where = rnd.nextInt(4);
          String target = where == 0 ? x : where == 1 ? h
              : labels.get(i + 1 + rnd.nextInt(n - i));
          s.append(pick(rnd, JUMPS)).append(' ').append(pick(rnd, DATA)).append(", ")
              .append(rnd.nextBoolean() ? pick(rnd, DATA) : Integer.toString(rnd.nextInt(64)))
              .append(", ").append(target).append('\n');
        }
      }
      s.append(labels.get(n)).append(":\n");
      if (rnd.nextBoolean()) {
        s.append("ja ").append(h).append('\n');
      } else {
        s.append(pick(rnd, JUMPS)).append(' ').append(pick(rnd, DATA)).append(", ")
            .append(rnd.nextInt(64)).append(", ").append(h).append('\n');
      }
      s.append(x).append(":\n");
    }
    s.append("sub %r6, 1\n");
    s.append("jsgt %r6, 0, outer\n");
    for (String r : DATA) {
      s.append("xor %r0, ").append(r).append("\nmul %r0, 31\n");
    }
    s.append("exit\n");
    return s.toString();
  }

  private static String pick(Random rnd, String[] a) {
    return a[rnd.nextInt(a.length)];
  }
}
