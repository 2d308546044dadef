package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bpf4j.btf.CoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated fixture objects (truncated, bytes flipped, header and section header
 * fields set to huge or bad values) must each give an {@link ObjectFormatException} or a
 * valid spec: never another exception, an OutOfMemoryError or a hang. Deterministic seed;
 * bounded time.
 */
class ObjectFuzzTest {
  private static final int CASES = 4000;

  @Test
  void mutatedObjectsGiveCleanErrors() throws Exception {
    List<Path> objs = Fixtures.objects();
    byte[][] originals = new byte[objs.size()][];
    for (int i = 0; i < objs.size(); i++) {
      originals[i] = Files.readAllBytes(objs.get(i));
    }
    Random rnd = new Random(0xb9f4L);
    long deadline = System.nanoTime() + 12_000_000_000L;
    int errors = 0;
    int ok = 0;
    for (int n = 0; n < CASES && System.nanoTime() < deadline; n++) {
      int which = rnd.nextInt(originals.length);
      byte[] d = mutate(originals[which], rnd);
      String name = Fixtures.stem(objs.get(which)) + "#" + n + ".o";
      try {
        ObjectSpec spec = ObjectReader.read(name, d);
        // a spec that came out must be usable
        for (ProgramSpec p : spec.programs()) {
          p.slotCount();
        }
        ok++;
      } catch (ObjectFormatException e) {
        assertTrue(e.getMessage().startsWith(name + ": "), "message names the file: " + e.getMessage());
        errors++;
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        fail("case " + n + " (" + name + "): " + e, e);
      }
    }
    assertTrue(errors > CASES / 4, "most mutations are caught: " + errors + " errors, " + ok + " read");
  }

  @Test
  void mutatedBtfSurvivesCoreRelocation() throws Exception {
    byte[] orig = Files.readAllBytes(Fixtures.dir().resolve("core_task.o"));
    var target = ObjectReader.read(Fixtures.dir().resolve("core_task.o")).btf();
    Random rnd = new Random(7);
    for (int n = 0; n < 800; n++) {
      byte[] d = mutate(orig, rnd);
      try {
        ObjectReader.read("core#" + n + ".o", d).relocateCore(target, true);
      } catch (ObjectFormatException | CoreException e) {
        // clean
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        fail("case " + n + ": " + e, e);
      }
    }
  }

  static byte[] mutate(byte[] o, Random rnd) {
    byte[] d = o.clone();
    ByteBuffer b = ByteBuffer.wrap(d).order(d[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    switch (rnd.nextInt(7)) {
      case 0 -> {
        return java.util.Arrays.copyOf(d, rnd.nextInt(d.length));
      }
      case 1 -> {
        int flips = 1 + rnd.nextInt(8);
        for (int i = 0; i < flips; i++) {
          d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 2 -> {
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
        }
      }
      case 3 -> {
        // a section header field: offset, size, link, info, name
        long shoff = b.getLong(40);
        int shnum = b.getShort(60) & 0xffff;
        if (shnum > 0 && shoff >= 0 && shoff + 64L * shnum <= d.length) {
          int p = (int) (shoff + 64L * rnd.nextInt(shnum));
          int[] fields = {0, 4, 24, 32, 40, 44, 56};
          int f = fields[rnd.nextInt(fields.length)];
          if (f == 24 || f == 32 || f == 56) {
            b.putLong(p + f, big(rnd));
          } else {
            b.putInt(p + f, (int) big(rnd));
          }
        }
      }
      case 4 -> {
        int[] fields = {40, 58, 60, 62};
        int f = fields[rnd.nextInt(fields.length)];
        if (f == 40) {
          b.putLong(f, big(rnd));
        } else {
          b.putShort(f, (short) big(rnd));
        }
      }
      case 5 -> {
        // a 32-bit count or offset somewhere in the second half (BTF, symbols, relocations)
        int p = d.length / 2 + rnd.nextInt(Math.max(1, d.length / 2 - 4));
        b.putInt(p & ~3, (int) big(rnd));
      }
      default -> {
        int start = rnd.nextInt(d.length);
        int len = Math.min(d.length - start, 1 + rnd.nextInt(64));
        for (int i = 0; i < len; i++) {
          d[start + i] = (byte) 0xff;
        }
      }
    }
    return d;
  }

  private static long big(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> -1L;
      case 1 -> 0x7fffffffL;
      case 2 -> 0xffffffffL;
      case 3 -> 0;
      case 4 -> rnd.nextInt(4096);
      default -> rnd.nextLong();
    };
  }
}
