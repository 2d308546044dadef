package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.maps.Rcu;
import org.junit.jupiter.api.Test;

/** Program runs of the JVM backend happen inside an RCU read-side section, as in the kernel. */
class RcuRunTest {
  @Test
  void aRunIsAnRcuReadSection() {
    assertFalse(Rcu.inSection());
    long r = JvmProgram.runUnderRcu((ctx, len) -> Rcu.inSection() ? 1 : 0, 0, 0);
    assertEquals(1, r, "the engine ran outside an RCU section");
    assertFalse(Rcu.inSection(), "the section ends with the run");
    assertThrows(IllegalStateException.class,
        () -> JvmProgram.runUnderRcu((ctx, len) -> { throw new IllegalStateException(); }, 0, 0));
    assertFalse(Rcu.inSection(), "the section ends when the run fails");
  }
}
