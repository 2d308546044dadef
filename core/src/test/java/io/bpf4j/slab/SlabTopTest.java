package io.bpf4j.slab;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlabTopTest {
  private final List<SlabInfo> rows = List.of(
      new SlabInfo("b", 10, 100, 64, 64, 1, 2, 2),
      new SlabInfo("a", 90, 100, 32, 128, 1, 1, 1),
      new SlabInfo("c", 1, 8, 4096, 8, 8, 1, 1));

  @Test
  void sortsByAnyColumnLargestFirst() {
    assertEquals("a", SlabTop.sort(rows, SlabTop.Column.ACTIVE).getFirst().name());
    assertEquals("c", SlabTop.sort(rows, SlabTop.Column.OBJSIZE).getFirst().name());
    assertEquals("c", SlabTop.sort(rows, SlabTop.Column.SIZE).getFirst().name());
    assertEquals("b", SlabTop.sort(rows, SlabTop.Column.SLABS).getFirst().name());
    assertEquals("a", SlabTop.sort(rows, SlabTop.Column.NAME).getFirst().name());
    assertEquals("a", SlabTop.sort(rows, SlabTop.Column.USE).getFirst().name());
  }

  @Test
  void parsesKeysAndLetters() {
    assertEquals(SlabTop.Column.OBJSIZE, SlabTop.Column.parse("objsize"));
    assertEquals(SlabTop.Column.SIZE, SlabTop.Column.parse("c"));
    var e = assertThrows(IllegalArgumentException.class, () -> SlabTop.Column.parse("x1"));
    assertTrue(e.getMessage().startsWith("unknown column 'x1' (one of active, objs"));
  }

  @Test
  void rendersSummaryAndRows() {
    String s = SlabTop.render(rows, SlabTop.Column.ACTIVE, 10);
    assertTrue(s.startsWith(" Active / Total Objects (% used)    : 101 / 208 (48.6%)\n"), s);
    assertTrue(s.contains(" Active / Total Slabs (% used)      : 4 / 4 (100.0%)"), s);
    List<String> lines = s.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.contains("NAME")).findFirst()
        .orElseThrow());
    assertTrue(lines.get(header + 1).endsWith(" a"));
    assertTrue(lines.get(header + 1).contains("90"));
    assertEquals(header + 4, lines.size());
  }
}
