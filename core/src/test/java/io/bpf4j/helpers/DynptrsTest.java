package io.bpf4j.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** {@code bpf_dynptr_read} and {@code bpf_dynptr_data} on a dynptr to 16 bytes. */
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
}
