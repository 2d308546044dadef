package io.bpf4j.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * {@code bpf_dynptr_read}, {@code bpf_dynptr_write} and {@code bpf_dynptr_data} on a dynptr to
 * 16 bytes, and {@code bpf_dynptr_from_mem}'s errors.
 */
class DynptrsTest {
  @Test
  void boundsAreThoseOfTheDynptr() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment bytes = a.allocate(16, 8);
      for (int i = 0; i < 16; i++) {
        bytes.set(ValueLayout.JAVA_BYTE, i, (byte) (i + 1));
      }
      MemorySegment ptr = a.allocate(16, 8);
      ptr.set(ValueLayout.JAVA_LONG, 0, bytes.address());
      // a view of 12 bytes from byte 4 (size is the view's, as in bpf_dynptr_kern)
      ptr.set(ValueLayout.JAVA_INT, 8, 12 | (Dynptrs.TYPE_LOCAL << Dynptrs.TYPE_SHIFT));
      ptr.set(ValueLayout.JAVA_INT, 12, 4);
      MemorySegment dst = a.allocate(16, 8);
      RunState s = new RunState();
      long p = ptr.address();
      assertEquals(0, Dynptrs.read(s, dst.address(), 4, p, 8, 0));
      assertEquals(13, dst.get(ValueLayout.JAVA_BYTE, 0), "offset 4 + 8 + 1");
      assertEquals(-7, Dynptrs.read(s, dst.address(), 8, p, 12, 0), "past the view's end: E2BIG");
      assertEquals(-7, Dynptrs.read(s, dst.address(), -1L, p, 0, 0), "len is a u32");
      assertEquals(-22, Dynptrs.read(s, dst.address(), 4, p, 0, 1), "flags");
      assertEquals(bytes.address() + 6, Dynptrs.dataOf(s, p, 2, 4));
      assertEquals(0, Dynptrs.dataOf(s, p, 0, 13), "more than it holds");
      assertEquals(0, Dynptrs.dataOf(s, p, 0, -1L), "len is a u32");
      ptr.set(ValueLayout.JAVA_LONG, 0, 0);
      assertEquals(-22, Dynptrs.read(s, dst.address(), 4, p, 0, 0), "a dead dynptr");
      assertEquals(0, Dynptrs.dataOf(s, p, 0, 4));
    }
  }

  @Test
  void writeKeepsToTheDynptrAndItsRules() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment bytes = a.allocate(16, 8);
      MemorySegment ptr = a.allocate(16, 8);
      MemorySegment src = a.allocate(16, 8);
      src.set(ValueLayout.JAVA_LONG, 0, 0x0807060504030201L);
      RunState s = new RunState();
      long p = ptr.address();
      assertEquals(0, Dynptrs.fromMem(s, bytes.address(), 16, 0, p));
      assertEquals(0, Dynptrs.write(s, p, 8, src.address(), 8, 0));
      assertEquals(0x0807060504030201L, bytes.get(ValueLayout.JAVA_LONG, 8));
      assertEquals(-7, Dynptrs.write(s, p, 9, src.address(), 8, 0), "past the end: E2BIG");
      assertEquals(-7, Dynptrs.write(s, p, 9, src.address(), 8, 1), "bounds before flags");
      assertEquals(-22, Dynptrs.write(s, p, 0, src.address(), 8, 1), "flags");
      // overlapping source and destination: a memmove (bytes 0..7 to 1..8)
      bytes.set(ValueLayout.JAVA_LONG, 0, 0x1122334455667788L);
      assertEquals(0, Dynptrs.write(s, p, 1, bytes.address(), 8, 0));
      assertEquals(0x2233445566778888L, bytes.get(ValueLayout.JAVA_LONG, 0));
      assertEquals(0x0807060504030211L, bytes.get(ValueLayout.JAVA_LONG, 8));
      ptr.set(ValueLayout.JAVA_INT, 8, ptr.get(ValueLayout.JAVA_INT, 8) | Dynptrs.RDONLY);
      assertEquals(-22, Dynptrs.write(s, p, 0, src.address(), 8, 0), "a read-only dynptr");
      assertEquals(0, Dynptrs.dataOf(s, p, 0, 8), "no writable slice of a read-only one");
      assertEquals(-22, Dynptrs.fromMem(s, bytes.address(), 16, 4, p), "flags");
      assertEquals(0, ptr.get(ValueLayout.JAVA_LONG, 0), "a failed helper leaves it NULL");
      assertEquals(0, ptr.get(ValueLayout.JAVA_LONG, 8));
      assertEquals(-7, Dynptrs.fromMem(s, bytes.address(), 1 << 24, 0, p), "over 16 MiB - 1");
      assertEquals(-22, Dynptrs.write(s, p, 0, src.address(), 0, 0), "a NULL dynptr");
      assertEquals(0, Dynptrs.commit(s, "ringbuf_submit_dynptr", p, 0, false),
          "releasing a NULL dynptr does nothing");
    }
  }

  /**
   * A checked run (the checked interpreter without the verifier) with a forged dynptr: the
   * helpers test the memory it names before touching it, and refuse to release what is not a
   * ring buffer record.
   */
  @Test
  void checkedRunsTestTheMemoryAForgedDynptrNames() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment mine = a.allocate(64, 8);
      RunState checked = new RunState() {
        @Override
        public boolean checked() {
          return true;
        }

        @Override
        public void checkAccess(long addr, long len, boolean write) {
          if (addr < mine.address() || addr + len > mine.address() + mine.byteSize()) {
            throw new io.bpf4j.vm.ExecutionException(-1, String.format("0x%x is not mine", addr));
          }
        }
      };
      long ptr = mine.address();
      long buf = mine.address() + 32;
      mine.set(ValueLayout.JAVA_LONG, 0, 0x1000); // data far away from anything allowed
      mine.set(ValueLayout.JAVA_INT, 8, 8 | (Dynptrs.TYPE_LOCAL << Dynptrs.TYPE_SHIFT));
      var e = org.junit.jupiter.api.Assertions.assertThrows(io.bpf4j.vm.ExecutionException.class,
          () -> Dynptrs.read(checked, buf, 8, ptr, 0, 0));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("bpf_dynptr_read"),
          e.getMessage());
      org.junit.jupiter.api.Assertions.assertThrows(io.bpf4j.vm.ExecutionException.class,
          () -> Dynptrs.write(checked, ptr, 0, buf, 8, 0));
      mine.set(ValueLayout.JAVA_INT, 8, 8 | (Dynptrs.TYPE_RINGBUF << Dynptrs.TYPE_SHIFT));
      org.junit.jupiter.api.Assertions.assertThrows(io.bpf4j.vm.ExecutionException.class,
          () -> Dynptrs.commit(checked, "ringbuf_submit_dynptr", ptr, 0, false),
          "not a reserved record");
      mine.set(ValueLayout.JAVA_LONG, 0, buf); // now inside: read works
      assertEquals(0, Dynptrs.read(checked, buf + 8, 8, ptr, 0, 0));
    }
  }
}
