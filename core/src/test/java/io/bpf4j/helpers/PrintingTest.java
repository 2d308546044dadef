package io.bpf4j.helpers;

import static io.bpf4j.helpers.HelperTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrintingTest {
  final TracePipe pipe = new TracePipe();
  final HelperTable t = StandardHelpers.table(ProgType.UNSPEC, pipe);

  @Test
  void tracePrintkWritesAKernelStyleLine() {
    MemorySegment ctx = cstr("hello");
    RunState s = state(ctx);
    MemorySegment fmt = cstr("pkt %d len %u from %s\n");
    long n = call(t, s, HelperId.TRACE_PRINTK, fmt.address(), fmt.byteSize(), -3, 0xffffffffL,
        ctx.address());
    assertEquals("pkt -3 len 4294967295 from hello\n".length(), n);
    String line = pipe.poll(Duration.ofSeconds(1));
    assertNotNull(line);
    assertTrue(line.endsWith("bpf_trace_printk: pkt -3 len 4294967295 from hello"), line);
    assertTrue(line.matches(".*-\\d+ +\\[\\d{3}\\] \\.\\.\\.\\.1 \\d+\\.\\d{6}: .*"), line);
    MemorySegment bad = cstr("%q");
    assertEquals(-22, call(t, s, HelperId.TRACE_PRINTK, bad.address(), bad.byteSize()));
    MemorySegment unterminated = mem(4);
    unterminated.fill((byte) 'a');
    assertEquals(-22, call(t, s, HelperId.TRACE_PRINTK, unterminated.address(), 4));
    // what the kernel's printf does not take: h, #, precision; more than 3 conversions
    for (String f : new String[] {"%hd", "%#x", "%.2d", "%d %d %d %d"}) {
      MemorySegment m = cstr(f);
      assertEquals(-22, call(t, s, HelperId.TRACE_PRINTK, m.address(), m.byteSize(), 1, 2, 3), f);
    }
    assertTrue(pipe.drain().isEmpty());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "%d|-1|-1", "%ld|-1|-1", "%u|-1|4294967295", "%lu|-1|18446744073709551615",
    "%x|255|ff", "%08X|48879|0000BEEF", "%-4d|7|'7   '", "%5d|-42|'  -42'",
    "%+d|5|+5", "%c|65|A", "%%|0|%", "%llx|-1|ffffffffffffffff"
  })
  void snprintfConversions(String fmt, long arg, String want) {
    RunState s = state(mem(8));
    MemorySegment f = cstr(fmt);
    MemorySegment data = mem(8);
    data.set(Memory.U64, 0, arg);
    MemorySegment out = mem(64);
    long n = call(t, s, HelperId.SNPRINTF, out.address(), 64, f.address(), data.address(), 8);
    assertEquals(want, readCstr(out));
    assertEquals(want.length() + 1, n);
  }

  @Test
  void snprintfTruncatesAndChecksArguments() {
    RunState s = state(mem(8));
    MemorySegment f = cstr("abc%d");
    MemorySegment data = mem(8);
    data.set(Memory.U64, 0, 12345);
    MemorySegment out = mem(8);
    assertEquals(9, call(t, s, HelperId.SNPRINTF, out.address(), 4, f.address(), data.address(), 8));
    assertEquals("abc", readCstr(out));
    assertEquals(-22, call(t, s, HelperId.SNPRINTF, out.address(), 4, f.address(), data.address(), 4));
    assertEquals(-22, call(t, s, HelperId.SNPRINTF, out.address(), 4, f.address(), data.address(), 0));
    for (String bad : new String[] {"%#x", "%hhu", "%.3d"}) { // the kernel's printf takes none
      MemorySegment b = cstr(bad);
      assertEquals(-22, call(t, s, HelperId.SNPRINTF, out.address(), 4, b.address(), data.address(), 8), bad);
    }
    MemorySegment ip = mem(4);
    ip.set(Memory.U32, 0, 0x0100a8c0); // 192.168.0.1 in network order
    MemorySegment f2 = cstr("%pI4");
    data.set(Memory.U64, 0, ip.address());
    MemorySegment o2 = mem(32);
    s = state(ip);
    call(t, s, HelperId.SNPRINTF, o2.address(), 32, f2.address(), data.address(), 8);
    assertEquals("192.168.0.1", readCstr(o2));
  }
}
