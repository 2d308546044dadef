package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bpf4j slab --script}: every menu action and every error explanation. */
class SlabCommandTest {
  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  private Result slab(String script, String... options) throws IOException {
    Path f = dir.resolve("s.txt");
    Files.writeString(f, script);
    String[] argv = new String[options.length + 3];
    argv[0] = "slab";
    argv[1] = "--script";
    argv[2] = f.toString();
    System.arraycopy(options, 0, argv, 3, options.length);
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyActionByCommand() throws IOException {
    Result r = slab("""
        # comments and blank lines are skipped

        create 64
        create 100 big 16
        alloc cache-64 2
        alloc 2
        free #1
        free #3
        status
        status big
        run 200
        slabinfo
        error
        write #2 0 255
        exit
        alloc 1
        """);
    assertEquals(0, r.code(), r.err() + r.out());
    String o = r.out();
    assertFalse(o.contains("\033["), "no colour when not a terminal");
    assertTrue(o.contains("created cache 1 cache-64: objects of 64 bytes take 80 bytes each,"
        + " 51 per slab of 1 page(s)"), o);
    assertTrue(o.contains("created cache 2 big: objects of 100 bytes take 128 bytes each"), o);
    assertTrue(o.matches("(?s).*#1 = 0x[0-9a-f]+ from cache-64\n#2 = 0x[0-9a-f]+ from cache-64\n.*"), o);
    assertTrue(o.matches("(?s).*freed #1 = 0x[0-9a-f]+ to cache-64\n.*"), o);
    assertTrue(o.contains("1. cache-64: objects of 64 bytes, 80 bytes each in the slab"), o);
    assertTrue(o.contains("   objects: 1 allocated, 50 free (51 in all)"), o);
    assertTrue(o.contains("   slabs:   1 = 0 full + 1 partial + 0 empty"), o);
    assertTrue(o.contains("   memory:  4096 B = 64 B used by objects + 3200 B free + 832 B wasted"), o);
    assertTrue(o.contains("all: 2 cache(s), 2 slab(s), 8192 B of slab memory"), o);
    assertTrue(o.contains("ran 200 operations: "), o);
    assertTrue(o.contains("slabinfo - version: 2.1\n"), o);
    assertTrue(o.contains("no error so far"), o);
    assertTrue(o.matches("(?s).*wrote 0xff at 0x[0-9a-f]+, inside object #2\n.*"), o);
    assertFalse(o.contains("> alloc 1"), "nothing runs after exit");
  }

  @Test
  void everyActionByMenuNumber() throws IOException {
    Result r = slab("1\n48\n\n1\n32\nsmall\n2\n1\n3\n3\n#2\n\n4\n\n7\n#1\n-1\n\n5\n50\n6\n8\n0\n");
    assertEquals(0, r.code(), r.out());
    String o = r.out();
    assertTrue(o.contains("created cache 1 cache-48"), o);
    assertTrue(o.contains("created cache 2 small"), o);
    assertTrue(o.contains("#3 = 0x"), o);
    assertTrue(o.matches("(?s).*freed #2 = 0x[0-9a-f]+ to cache-48.*"), o);
    assertTrue(o.contains("2. small: objects of 32 bytes"), o);
    assertTrue(o.contains("ran 50 operations"), o);
    assertTrue(o.contains("no error so far"), o);
    assertTrue(o.contains("before the start of object #1"), o);
    assertTrue(o.contains("# name "), o);
  }

  @Test
  void everyErrorIsExplained() throws IOException {
    Result r = slab("""
        create 64
        create 100 other
        alloc cache-64 3
        alloc other
        free #1
        free #1   # a comment after a command
        free #4 cache-64
        free 0x10
        write #2 64 1
        free #2
        write #3 0 0
        free #3
        write #3 5 0
        alloc cache-64
        error
        """);
    String o = r.out();
    assertEquals(0, r.code(), o);
    assertTrue(o.contains("error: double free: 0x"), o);
    assertTrue(o.contains("is already free"), o);
    assertTrue(o.contains("two owners would later be handed the same memory"), o);
    assertTrue(o.contains("error: object freed to the wrong cache: "), o);
    assertTrue(o.contains("it belongs to cache 'other' (objects of 100 bytes)"), o);
    assertTrue(o.contains("error: pointer not from this allocator: 0x10 in cache 'cache-64'"), o);
    assertTrue(o.contains("a wild free corrupts memory elsewhere"), o);
    assertTrue(o.contains("error: buffer overflow into a red zone: "), o);
    assertTrue(o.contains("1 byte(s) after the end of the object were overwritten"), o);
    assertTrue(o.contains("error: use after free: "), o);
    assertTrue(o.contains("byte 5 is 0x00 where the poison 0x6b was"), o);
    assertTrue(o.contains("last error: use after free\n  what happened:  use after free: 0x"), o);
    assertTrue(o.contains("  why it matters: someone kept a pointer to the object"), o);
    assertTrue(o.contains("  errors so far:  5"), o);
  }

  @Test
  void theSessionOfTheGuideMakesEveryMistakeOnce() throws IOException {
    String root = System.getProperty("bpf4j.root");
    org.junit.jupiter.api.Assumptions.assumeTrue(root != null, "bpf4j.root is not set");
    String guide = Files.readString(Path.of(root, "docs", "slab.md"));
    int start = guide.indexOf("\ncreate 64\ncreate 100 other\n");
    String session = guide.substring(start + 1, guide.indexOf("```", start));
    Result r = slab(session);
    assertEquals(0, r.code(), r.out());
    for (String title : List.of("double free", "object freed to the wrong cache",
        "pointer to the middle of an object", "pointer not from this allocator",
        "buffer overflow into a red zone", "use after free")) {
      assertEquals(1, r.out().lines().filter(l -> l.startsWith("error: " + title + ": ")).count(),
          title + " in:\n" + r.out());
    }
  }

  @Test
  void interiorPointerIsExplained() throws IOException {
    Result r = slab("create 64\nalloc 1 2\nfree #2+8\nfree #1-4\nwrite #1 0 0\nfree #1\n");
    String o = r.out();
    assertTrue(o.contains("error: pointer to the middle of an object: 0x"), o);
    assertTrue(o.contains("it points 8 bytes past the start of object #1 of the slab at 0x"), o);
    assertTrue(o.contains("the pointer was usually advanced or computed wrongly"), o);
    assertTrue(o.contains("it points into the slab's colour or tail padding"), o);
    assertTrue(o.matches("(?s).*freed #1 = 0x[0-9a-f]+ to cache-64\n$"), "a write inside is fine: " + o);
  }

  @Test
  void badInputGetsOneLineAndGoesOn() throws IOException {
    Result r = slab("""
        create abc
        create 0
        1
        x
        alloc nothing
        create 16
        alloc 1 many
        alloc 9
        free #99
        free banana
        write #1 4
        dance
        run -1
        status 1
        create 16
        """);
    assertEquals(1, r.code(), "bad lines make the script fail");
    String o = r.out();
    String f = dir.resolve("s.txt").toString();
    assertTrue(o.contains(f + ":1: object size: 'abc' is not a number"), o);
    assertTrue(o.contains(f + ":2: object size 0: an object needs at least 1 byte"), o);
    assertTrue(o.contains(f + ":4: object size: 'x' is not a number"), o);
    assertTrue(o.contains(f + ":5: no cache 'nothing'"), o);
    assertTrue(o.contains(f + ":7: count: 'many' is not a number"), o);
    assertTrue(o.contains(f + ":8: no cache number 9 (there is 1; 'status' lists them)"), o);
    assertTrue(o.contains(f + ":9: no object #99 (handles are printed by 'alloc')"), o);
    assertTrue(o.contains(f + ":10: 'banana' is neither a handle (#3) nor an address"), o);
    assertTrue(o.contains(f + ":11: no object #1"), o);
    assertTrue(o.contains(f + ":12: unknown action 'dance'"), o);
    assertTrue(o.contains(f + ":13: number of operations -1: between 1 and 10000000"), o);
    assertTrue(o.contains("1. cache-16"), "the session went on: " + o);
    assertTrue(o.contains(f + ":15: cache 'cache-16' exists already: give another name"), o);
    assertEquals(12, o.lines().filter(l -> l.startsWith(f + ":")).count(), o);
  }

  @Test
  void endOfInputInAQuestionEndsQuietly() throws IOException {
    Result r = slab("create 8\n2\n");
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void fastModeFindsADoubleFreeLate() throws IOException {
    Result r = slab("create 64\nalloc 1\nfree #1\nfree #1\nstatus\n", "--fast");
    assertFalse(r.out().contains("error:"), "no check at the free: " + r.out());
    assertTrue(r.out().contains("cached in magazines"), r.out());
  }

  @Test
  void outOfMemoryIsSaid() throws IOException {
    Result r = slab("create 65536\nalloc 1 100\n", "--limit", "1");
    assertTrue(r.out().contains("out of memory: the simulator's limit of 1 MiB is reached"
        + " (allocated 12)"), r.out());
  }

  @Test
  void missingScriptAndBadOptions() throws IOException {
    Result r = slab("");
    assertEquals(0, r.code());
    var err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"slab", "--script", dir.resolve("nope").toString()},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(1, code);
    assertTrue(err.toString().contains("nope: no such file"), err.toString());
    code = Main.run(new String[] {"slab", "--limit", "0"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(2, code);
  }
}
