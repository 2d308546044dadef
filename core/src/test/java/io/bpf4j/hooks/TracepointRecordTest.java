package io.bpf4j.hooks;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.slab.KmemCache;
import io.bpf4j.slab.KmemEvent;
import io.bpf4j.slab.KmemTrace;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracepointRecordTest {
  @Test
  void kmemRecordFromTheFormatIsWhatKmemEventWrites() throws Exception {
    KmemEvent e = new KmemEvent(KmemTrace.Tracepoint.KMEM_CACHE_ALLOC, 0x1230, 0x7f0012345678L,
        "kmalloc-64", 50, 64, KmemCache.GFP_KERNEL, 42);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("common_type", e.tracepoint().type());
    v.put("common_pid", 42);
    v.put("call_site", "0x1230");
    v.put("ptr", 0x7f0012345678L);
    v.put("name", "kmalloc-64");
    v.put("bytes_req", 50);
    v.put("bytes_alloc", "64");
    v.put("gfp_flags", KmemCache.GFP_KERNEL);
    byte[] ours = TracepointRecord.build(Formats.load("kmem_cache_alloc"), v);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(256);
      int n = e.writeTo(s);
      assertArrayEquals(Arrays.copyOf(s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), n), ours);
    }
  }

  @Test
  void charArraysAndDefaults() throws Exception {
    TracepointFormat f = Formats.load("sched_switch");
    byte[] r = TracepointRecord.build(f, Map.of("prev_comm", "java", "next_pid", "-1", "prev_state", 1));
    ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.nativeOrder());
    assertEquals(64, r.length);
    assertEquals(372, b.getShort(0)); // common_type defaults to the ID
    assertEquals("java", new String(r, 8, 4, StandardCharsets.US_ASCII));
    assertEquals(0, r[12]);
    assertEquals(-1, b.getInt(56));
    assertEquals(1, b.getLong(32));
  }

  @Test
  void dataLocStringsFollowTheFixedFields() throws Exception {
    byte[] r = TracepointRecord.build(Formats.load("kmem_cache_free"), Map.of("name", "abc", "ptr", 16));
    ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.nativeOrder());
    assertEquals(28 + 4, r.length);
    assertEquals((4 << 16) | 28, b.getInt(24));
    assertEquals("abc", new String(r, 28, 3, StandardCharsets.US_ASCII));
    assertEquals(0, r[31]);
    assertEquals(16, b.getLong(16));
  }

  @Test
  void relLocOffsetsCountFromTheFieldsEnd() throws Exception {
    TracepointFormat f = TracepointFormat.parse("name: r\nID: 9\nformat:\n"
        + "\tfield:__rel_loc char[] s;\toffset:8;\tsize:4;\tsigned:0;\n", "r");
    ByteBuffer b = ByteBuffer.wrap(TracepointRecord.build(f, Map.of("s", "hi"))).order(ByteOrder.nativeOrder());
    assertEquals((3 << 16), b.getInt(8)); // the string starts right after the field
  }

  @Test
  void badValuesNameTheField() throws Exception {
    TracepointFormat f = Formats.load("sched_switch");
    List<Map<String, Object>> bad = List.of(
        Map.of("nope", 1), Map.of("prev_pid", "0x1ffffffff"), Map.of("prev_comm", "0123456789abcdef"),
        Map.of("prev_prio", "ten"), Map.of("common_flags", 256));
    List<String> names = List.of("'nope'", "'prev_pid'", "'prev_comm'", "'prev_prio'", "'common_flags'");
    for (int i = 0; i < bad.size(); i++) {
      int k = i;
      var e2 = assertThrows(IllegalArgumentException.class, () -> TracepointRecord.build(f, bad.get(k)));
      assertTrue(e2.getMessage().contains(names.get(k)), e2.getMessage());
    }
    assertEquals(Map.of("a", "1", "b", "x=y"), TracepointRecord.parseAssignments(List.of("a=1", "b=x=y")));
    assertThrows(IllegalArgumentException.class, () -> TracepointRecord.parseAssignments(List.of("=1")));
  }
}
