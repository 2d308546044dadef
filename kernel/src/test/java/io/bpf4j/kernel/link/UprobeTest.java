package io.bpf4j.kernel.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.kernel.Counter;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.RequiresKernel;
import io.bpf4j.uapi.ProgType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Uprobes and uretprobes on libc's getpid, called from this JVM through FFM. */
@RequiresKernel
class UprobeTest {
  static Path libc() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      int slash = line.indexOf('/');
      if (slash > 0 && line.contains("libc.so")) {
        return Path.of(line.substring(slash).strip());
      }
    }
    throw new IllegalStateException("libc is not mapped");
  }

  static final MethodHandle GETPID = Linker.nativeLinker().downcallHandle(
      Linker.nativeLinker().defaultLookup().find("getpid").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT));

  static void callGetpid(int times) throws Throwable {
    for (int i = 0; i < times; i++) {
      int pid = (int) GETPID.invokeExact();
      assertEquals(ProcessHandle.current().pid(), pid);
    }
  }

  @Test
  void uprobeAndUretprobeOnLibc() throws Throwable {
    Path libc = libc();
    assertTrue(ElfSymbols.offset(libc, "getpid") > 0);
    for (boolean ret : new boolean[] {false, true}) {
      int self = (int) ProcessHandle.current().pid();
      try (Counter c = new Counter(ProgType.KPROBE, 0)) {
        try (Link l = Uprobe.attach(c.prog, libc, "getpid", ret, self)) {
          callGetpid(25);
          assertTrue(c.count() >= 25, l.describe() + " counted " + c.count());
        }
        long after = c.count();
        callGetpid(25);
        assertEquals(after, c.count(), "still counting after close");
      }
    }
  }

  @Test
  void unknownSymbolIsNamed() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ElfSymbols.offset(libc(), "no_such_function_here"));
    assertTrue(e.getMessage().endsWith("no function 'no_such_function_here'"), e.getMessage());
  }
}
