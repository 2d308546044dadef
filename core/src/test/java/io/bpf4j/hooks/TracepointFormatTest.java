package io.bpf4j.hooks;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.slab.KmemTrace;
import io.bpf4j.slab.TraceField;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TracepointFormatTest {
  @ParameterizedTest
  @CsvSource({
      "sys_enter_openat, 782, 9, __syscall_nr, int, 8, 4, true",
      "sys_enter_openat, 782, 9, filename, const char *, 24, 8, false",
      "sched_switch, 372, 11, prev_comm, char[16], 8, 16, false",
      "sched_switch, 372, 11, prev_state, long, 32, 8, true",
      "kmem_cache_alloc, 659, 12, name, __data_loc char[], 24, 4, false",
      "kmem_cache_alloc, 659, 12, ptr, const void *, 16, 8, false",
      "kmem_cache_free, 656, 7, call_site, unsigned long, 8, 8, false"})
  void readsRealFormatFiles(String event, int id, int count, String field, String type, int offset,
      int size, boolean signed) throws Exception {
    TracepointFormat f = Formats.load(event);
    assertEquals(event, f.name());
    assertEquals(id, f.id());
    assertEquals(count, f.fields().size());
    assertEquals(new TracepointField(type, field, offset, size, signed), f.field(field));
    assertEquals(new TracepointField("int", "common_pid", 4, 4, true), f.fields().get(3));
    assertTrue(f.fields().subList(0, 4).stream().allMatch(TracepointField::isCommon));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sys_enter_openat", "sched_switch", "kmem_cache_alloc", "kmem_cache_free"})
  void formatTextReproducesTheFieldLines(String event) throws Exception {
    String text = Files.readString(Formats.dir().resolve(event + ".format"));
    TracepointFormat f = Formats.load(event);
    String head = text.substring(0, text.indexOf("\nprint fmt:")).stripTrailing();
    assertEquals(head, f.formatText().stripTrailing());
    assertEquals(f, TracepointFormat.parse(f.formatText(), "again"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kmem_cache_alloc", "kmem_cache_free"})
  void bpf4jsKmemLayoutIsTheKernels(String event) throws Exception {
    TracepointFormat f = Formats.load(event);
    List<TraceField> ours = KmemTrace.Tracepoint.byName(event).fields();
    assertEquals(f.fields().size(), ours.size());
    for (TraceField t : ours) {
      TracepointField k = f.field(t.name());
      assertEquals(List.of(k.type(), k.offset(), k.size(), k.signed()),
          List.of(t.type(), t.offset(), t.size(), t.signed()), t.name());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "name: x\\nID: 1\\nformat:\\n\\tfield:int a;\\toffset:0;\\tsize:4;\\tsigned:1;\\n\\tfield:int a;\\toffset:4;\\tsize:4;\\tsigned:1;\\n"
          + "| t:5: field 'a' appears twice",
      "name: x\\nID: one\\n| t:2: ID is not a number: 'one'",
      "name: x\\nID: 1\\nformat:\\n\\tfield:int a;\\toffset:0;\\tsize:4;\\n| t:4: expected 'field:TYPE NAME",
      "name: x\\nID: 1\\n\\tfield:int a;\\toffset:0;\\tsize:4;\\tsigned:1;\\n| t:3: field before 'format:'",
      "name: x\\nID: 1\\nformat:\\nbogus\\n| t:4: unexpected line: 'bogus'",
      "ID: 1\\nformat:\\n\\tfield:int a;\\toffset:0;\\tsize:4;\\tsigned:1;\\n| no 'name:' line",
      "name: x\\nID: 1\\nformat:\\n\\tfield:__data_loc char[] s;\\toffset:0;\\tsize:8;\\tsigned:0;\\n| t:4: dynamic field 's' must have size 4"})
  void errorsNameTheLine(String text, String message) {
    var e = assertThrows(TracepointFormatException.class,
        () -> TracepointFormat.parse(text.replace("\\n", "\n").replace("\\t", "\t"), "t"));
    assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
  }

  @Test
  void fixedSizeIsTheEndOfTheLastField() throws Exception {
    assertEquals(61, Formats.load("kmem_cache_alloc").fixedSize());
    assertEquals(28, Formats.load("kmem_cache_free").fixedSize());
    assertEquals(64, Formats.load("sched_switch").fixedSize());
  }
}
