package io.bpf4j.kernel.agree;

import static io.bpf4j.isa.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.uapi.HelperId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code bpf_csum_diff} gives the kernel's value, all 64 bits of it, on the JVM engines: sizes
 * from 0 to 64 bytes on each side, seeds 0, small, and with high bits set. (The random
 * programs found that the JVM helper returned the sum folded to 32 bits where the kernel folds
 * it to 16.)
 */
class CsumDiffAgreementTest {
  private static final int SIZE = 136;

  /** {@code *(u64 *)(buf + 128) = bpf_csum_diff(buf, from, buf + 64, to, seed)}. */
  static List<Insn> program(int fromSize, int toSize, long seed) {
    List<Insn> p = new ArrayList<>();
    p.add(Insn.of(ALU64 | MOV | X, 9, 1, 0, 0));
    p.add(Insn.of(LDDW, 5, 0, 0, seed));
    p.add(Insn.of(ALU64 | MOV | X, 1, 9, 0, 0));
    p.add(Insn.of(ALU64 | MOV | K, 2, 0, 0, fromSize));
    p.add(Insn.of(ALU64 | MOV | X, 3, 9, 0, 0));
    p.add(Insn.of(ALU64 | ADD | K, 3, 0, 0, 64));
    p.add(Insn.of(ALU64 | MOV | K, 4, 0, 0, toSize));
    p.add(Insn.of(JMP | CALL, 0, CALL_HELPER, 0, HelperId.CSUM_DIFF));
    p.add(Insn.of(STX | MEM | DW, 9, 0, 128, 0));
    p.add(Insn.of(JMP | EXIT, 0, 0, 0, 0));
    return p;
  }

  @Test
  void sameSumAsTheKernel() {
    Assumptions.assumeTrue(KernelAvailable.available(),
        () -> "needs the kernel: " + KernelAvailable.reason());
    SplittableRandom rnd = new SplittableRandom(42);
    List<String> wrong = new ArrayList<>();
    int runs = 0;
    for (int from = 0; from <= 64; from += 4) {
      for (int to : new int[] {0, 4, 8, 20, 64}) {
        for (long seed : new long[] {0, 1, 0xffff, 0xffffffffL, 0x123456789abcdefL, -1L}) {
          byte[] in = new byte[SIZE];
          for (int i = 0; i < 128; i++) {
            in[i] = (byte) rnd.nextInt(256);
          }
          List<Insn> p = program(from, to, seed);
          Engines.Outcome jvm = Engines.interpreter(p, Agreement.HELPERS, in, false);
          Engines.Outcome k = Engines.kernel(p, in);
          runs++;
          if (!k.ok() || !jvm.ok() || !java.util.Arrays.equals(jvm.memory(), k.memory())) {
            wrong.add("csum_diff(from " + from + " bytes, to " + to + " bytes, seed 0x"
                + Long.toHexString(seed) + "): kernel 0x" + Long.toHexString(result(k))
                + ", JVM 0x" + Long.toHexString(result(jvm)) + (k.ok() ? "" : " " + k.error()));
          }
        }
      }
    }
    // sums of one's complement zero: the kernel's answer (0 or 0xffff) depends on the path
    for (long[] c : new long[][] {{8, 0, 0x80000000L}, {0, 8, 0x80000000L}, {8, 8, 0},
        {4, 4, 0}, {0, 4, 0}, {4, 0, 0}, {4, 0, 0xffffffffL}, {0, 0, 0}}) {
      byte[] in = new byte[SIZE];
      in[3] = (byte) 0x80; // from: 0x80000000 (little-endian)
      for (int i = 4; i < 8; i++) {
        in[i] = (byte) 0xff; // then 0xffffffff
      }
      System.arraycopy(in, 0, in, 64, 8); // to: the same words
      List<Insn> p = program((int) c[0], (int) c[1], c[2]);
      Engines.Outcome jvm = Engines.interpreter(p, Agreement.HELPERS, in, false);
      Engines.Outcome k = Engines.kernel(p, in);
      runs++;
      if (!k.ok() || !jvm.ok() || !java.util.Arrays.equals(jvm.memory(), k.memory())) {
        wrong.add("zero sum: csum_diff(from " + c[0] + " bytes, to " + c[1] + " bytes, seed 0x"
            + Long.toHexString(c[2]) + "): kernel 0x" + Long.toHexString(result(k)) + ", JVM 0x"
            + Long.toHexString(result(jvm)));
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())),
        wrong.size() + " of " + runs + " differ; the first ones");
  }

  /** Sizes that are not a multiple of 4 (the kernel sums the trailing bytes too). */
  @Test
  void oddSizesAsTheKernel() {
    Assumptions.assumeTrue(KernelAvailable.available(),
        () -> "needs the kernel: " + KernelAvailable.reason());
    byte[] in = new byte[SIZE];
    for (int i = 0; i < 128; i++) {
      in[i] = (byte) (i * 37 + 11);
    }
    List<String> wrong = new ArrayList<>();
    int[][] sizes = {{3, 0}, {0, 3}, {5, 6}, {0, 1}, {2, 2}, {1, 7}, {63, 61}, {7, 0}};
    for (int[] c : sizes) {
      List<Insn> p = program(c[0], c[1], 0x1234);
      Engines.Outcome jvm = Engines.interpreter(p, Agreement.HELPERS, in, false);
      Engines.Outcome k = Engines.kernel(p, in);
      if (!k.ok() || !jvm.ok() || !java.util.Arrays.equals(jvm.memory(), k.memory())) {
        wrong.add("csum_diff(from " + c[0] + ", to " + c[1] + "): kernel 0x"
            + Long.toHexString(result(k)) + ", JVM 0x" + Long.toHexString(result(jvm)));
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** Pointers at any byte alignment (the random programs pass {@code buf + 0x11}). */
  @Test
  void unalignedPointersAsTheKernel() {
    Assumptions.assumeTrue(KernelAvailable.available(),
        () -> "needs the kernel: " + KernelAvailable.reason());
    byte[] in = new byte[SIZE];
    for (int i = 0; i < 128; i++) {
      in[i] = (byte) (i * 91 + 7);
    }
    List<String> wrong = new ArrayList<>();
    for (int fromOff = 0; fromOff < 4; fromOff++) {
      for (int toOff = 0; toOff < 4; toOff++) {
        for (int[] c : new int[][] {{8, 0}, {0, 8}, {8, 8}, {40, 0}, {0, 20}, {5, 3}, {48, 8},
            {20, 12}}) {
          List<Insn> p = new ArrayList<>(program(c[0], c[1], toOff == 3 ? 0x7fffffffL : 0x5a5a));
          p.set(2, Insn.of(ALU64 | ADD | K, 1, 0, 0, 0)); // r1 = buf + fromOff, below
          p.add(2, Insn.of(ALU64 | MOV | X, 1, 9, 0, 0));
          p.set(3, Insn.of(ALU64 | ADD | K, 1, 0, 0, fromOff));
          p.set(6, Insn.of(ALU64 | ADD | K, 3, 0, 0, 60 + toOff)); // to = buf + 60 + toOff
          Engines.Outcome jvm = Engines.interpreter(p, Agreement.HELPERS, in, false);
          Engines.Outcome k = Engines.kernel(p, in);
          if (!k.ok() || !jvm.ok() || !java.util.Arrays.equals(jvm.memory(), k.memory())) {
            wrong.add("csum_diff(buf+" + fromOff + ", " + c[0] + ", buf+" + (60 + toOff) + ", "
                + c[1] + "): kernel 0x" + Long.toHexString(result(k)) + ", JVM 0x"
                + Long.toHexString(result(jvm)));
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** {@code from} on the stack (a copy of the buffer's first 24 bytes), {@code to} in it. */
  @Test
  void fromTheStackAsTheKernel() {
    Assumptions.assumeTrue(KernelAvailable.available(),
        () -> "needs the kernel: " + KernelAvailable.reason());
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> wrong = new ArrayList<>();
    for (int run = 0; run < 64; run++) {
      byte[] in = new byte[SIZE];
      for (int i = 0; i < 128; i++) {
        in[i] = (byte) rnd.nextInt(256);
      }
      int from = 4 * rnd.nextInt(6);
      int to = 4 * rnd.nextInt(6);
      long seed = run % 2 == 0 ? 0x7fffffffL : rnd.nextLong();
      List<Insn> p = new ArrayList<>();
      p.add(Insn.of(ALU64 | MOV | X, 9, 1, 0, 0));
      for (int i = 0; i < 24; i += 8) {
        p.add(Insn.of(LDX | MEM | DW, 2, 9, i, 0));
        p.add(Insn.of(STX | MEM | DW, 10, 2, -0x38 + i, 0));
      }
      p.add(Insn.of(LDDW, 5, 0, 0, seed));
      p.add(Insn.of(ALU64 | MOV | X, 1, 10, 0, 0));
      p.add(Insn.of(ALU64 | ADD | K, 1, 0, 0, -0x38));
      p.add(Insn.of(ALU64 | MOV | K, 2, 0, 0, from));
      p.add(Insn.of(ALU64 | MOV | X, 3, 9, 0, 0));
      p.add(Insn.of(ALU64 | ADD | K, 3, 0, 0, 0x28));
      p.add(Insn.of(ALU64 | MOV | K, 4, 0, 0, to));
      p.add(Insn.of(JMP | CALL, 0, CALL_HELPER, 0, HelperId.CSUM_DIFF));
      p.add(Insn.of(STX | MEM | DW, 9, 0, 128, 0));
      p.add(Insn.of(JMP | EXIT, 0, 0, 0, 0));
      Engines.Outcome jvm = Engines.interpreter(p, Agreement.HELPERS, in, false);
      Engines.Outcome k = Engines.kernel(p, in);
      if (!k.ok() || !jvm.ok() || !java.util.Arrays.equals(jvm.memory(), k.memory())) {
        wrong.add("csum_diff(stack, " + from + ", buf+0x28, " + to + ", 0x" + Long.toHexString(seed)
            + "): kernel 0x" + Long.toHexString(result(k)) + ", JVM 0x"
            + Long.toHexString(result(jvm)));
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static long result(Engines.Outcome o) {
    if (!o.ok()) {
      return 0;
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (o.memory()[128 + i] & 0xff);
    }
    return v;
  }
}
