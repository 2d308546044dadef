package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tracepoint record, and prog run of a tracepoint program with that record as context. */
class TracepointRecordCommandTest {
  static String format(String event) {
    return DisasmElfTest.bpf().resolveSibling("resources/tracepoint/" + event + ".format").toString();
  }

  @Test
  void recordFeedsATracepointProgram(@TempDir Path tmp) throws Exception {
    Path rec = tmp.resolve("rec.bin");
    var r = ObjectCommandsTest.run("tracepoint", "record", "--format", format("kmem_cache_alloc"),
        "bytes_alloc=96", "bytes_req=90", "ptr=0xffff888001234560", "name=kmalloc-96", "-o", rec.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("wrote 72 bytes"), r.out());
    assertEquals(72, Files.size(rec));
    var run = ObjectCommandsTest.run("prog", "run", ObjectCommandsTest.fx("kmem_count"), "--prog", "count_alloc",
        "--ctx-in", rec.toString(), "--dump-maps");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("key 6000000000000000  value 0100000000000000"), run.out()); // allocs[96] = 1
    assertTrue(run.out().contains("key 00000000  value 604523018088ffff"), run.out()); // last ptr
  }

  @Test
  void jsonAndHex() {
    var j = ObjectCommandsTest.run("-j", "tracepoint", "record", "--format", format("kmem_cache_free"), "name=x");
    assertEquals(0, j.code(), j.err());
    assertTrue(j.out().contains("\"name\":\"kmem_cache_free\",\"id\":656,\"size\":30,\"record\":\"9002"), j.out());
    var h = ObjectCommandsTest.run("tracepoint", "record", "--format", format("kmem_cache_free"), "name=x");
    assertTrue(h.out().startsWith("90 02 00 00"), h.out());
  }

  @Test
  void badInputGivesOneLine() {
    var big = ObjectCommandsTest.run("tracepoint", "record", "--format", format("sched_switch"), "prev_pid=0x1ffffffff");
    assertEquals(2, big.code());
    assertTrue(big.err().contains("field 'prev_pid' (pid_t, 4 bytes): 0x1ffffffff does not fit"), big.err());
    var unknown = ObjectCommandsTest.run("tracepoint", "record", "--format", format("sched_switch"), "nope=1");
    assertTrue(unknown.err().contains("no field 'nope'"), unknown.err());
    var notFormat = ObjectCommandsTest.run("tracepoint", "record", "--format", format("sched_switch") + ".missing");
    assertEquals(1, notFormat.code());
    assertTrue(notFormat.err().contains("no such file"), notFormat.err());
  }
}
