package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlabTopCommandTest {
  private String run(int expect, String... argv) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(expect, code, err.toString());
    return expect == 0 ? out.toString(StandardCharsets.UTF_8) : err.toString();
  }

  @Test
  void showsScreensSortedByTheColumn() {
    String o = run(0, "slab", "top", "--iterations", "2", "--interval", "50", "--sort", "objsize");
    assertTrue(o.startsWith("--- 1 ---\n Active / Total Objects (% used)    : "), o);
    assertTrue(o.contains("--- 2 ---"), o);
    assertTrue(o.contains("NAME  (sorted by objsize)\n"), o);
    String first = o.lines().dropWhile(l -> !l.contains("NAME")).skip(1).findFirst().orElseThrow();
    assertTrue(first.endsWith("bpf_array_4k"), first);
  }

  @Test
  void jsonRows() {
    String o = run(0, "-j", "slab", "top", "--iterations", "1", "--interval", "50", "--sort", "n");
    assertTrue(o.startsWith("{\"iteration\":1,\"caches\":[{\"name\":\"bpf_array_4k\",\"active_objs\":"), o);
  }

  @Test
  void badOptions() {
    assertTrue(run(2, "slab", "top", "--sort", "x").contains("unknown column 'x'"));
    assertTrue(run(2, "slab", "top", "--interval", "abc").contains("'abc' is not a number"));
    assertTrue(run(2, "slab", "top", "--iterations", "0").contains("must be >= 1"));
  }
}
