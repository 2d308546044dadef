package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.SectionName;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attach targets found in the running kernel's BTF as libbpf finds them: {@code tp_btf/NAME}
 * is the typedef {@code btf_trace_NAME} (its prototype's first parameter the tracepoint's
 * {@code __data}), {@code fentry/}, {@code fexit/}, {@code fmod_ret/} the function, {@code
 * lsm/NAME} {@code bpf_lsm_NAME}, {@code iter/NAME} {@code bpf_iter_NAME}.
 */
class AttachTargetsTest {
  static Btf btf;

  @BeforeAll
  static void kernelBtf() {
    btf = KernelTypes.vmlinux().orElse(null);
    Assumptions.assumeTrue(btf != null && btf.find(BtfKind.TYPEDEF, "btf_trace_sched_switch") > 0,
        "no kernel BTF with sched_switch here");
  }

  static AttachTarget resolve(String program, String section) throws AttachTargetException {
    SectionName s = SectionName.parse(section);
    return AttachTargets.resolve(btf, program, section, s.type(), s.attach(), s.target());
  }

  @Test
  void aTracepointIsItsTypedef() throws Exception {
    AttachTarget t = resolve("sw", "tp_btf/sched_switch");
    assertEquals(btf.find(BtfKind.TYPEDEF, "btf_trace_sched_switch"), t.btfId());
    assertEquals("sched_switch", t.name());
    assertEquals(AttachType.TRACE_RAW_TP, t.attach());
    assertTrue(t.traceTypedef());
    // __data, then preempt, prev, next, prev_state
    assertEquals(5, t.funcProto().params().size());
    assertEquals(4, t.args().size());
    assertInstanceOf(BtfType.Ptr.class, btf.type(btf.resolve(t.args().get(1).type())));
  }

  @Test
  void fentryFexitAndFmodRetAreTheFunction() throws Exception {
    int id = btf.find(BtfKind.FUNC, "tcp_v4_connect");
    Assumptions.assumeTrue(id > 0);
    for (String s : new String[] {"fentry/tcp_v4_connect", "fexit/tcp_v4_connect",
        "fmod_ret/tcp_v4_connect", "fentry.s/tcp_v4_connect"}) {
      AttachTarget t = resolve("p", s);
      assertEquals(id, t.btfId(), s);
      assertEquals("tcp_v4_connect", t.name(), s);
      assertEquals(3, t.args().size(), s);
    }
    assertEquals(AttachType.TRACE_FEXIT, resolve("p", "fexit/tcp_v4_connect").attach());
  }

  @Test
  void lsmAndIteratorsHaveTheirPrefixes() throws Exception {
    Assumptions.assumeTrue(btf.find(BtfKind.FUNC, "bpf_lsm_file_open") > 0);
    AttachTarget lsm = resolve("p", "lsm/file_open");
    assertEquals(btf.find(BtfKind.FUNC, "bpf_lsm_file_open"), lsm.btfId());
    assertEquals("bpf_lsm_file_open", lsm.name());
    AttachTarget iter = resolve("p", "iter/task");
    assertEquals(btf.find(BtfKind.FUNC, "bpf_iter_task"), iter.btfId());
    assertEquals(2, iter.args().size());
  }

  @Test
  void otherProgramsHaveNone() throws Exception {
    assertNull(resolve("p", "raw_tp/sched_switch"));
    assertNull(resolve("p", "kprobe/do_unlinkat"));
    assertNull(resolve("p", "xdp"));
    assertNull(AttachTargets.resolve(btf, "p", "tp_btf/x", ProgType.KPROBE,
        AttachType.TRACE_RAW_TP, "x"));
  }

  @Test
  void anUnknownTargetIsNamed() {
    assertEquals("program 'sw' (tp_btf/nosuch): no tracepoint 'nosuch' in the kernel's BTF"
        + " (no typedef btf_trace_nosuch)",
        assertThrows(AttachTargetException.class, () -> resolve("sw", "tp_btf/nosuch"))
            .getMessage());
    assertEquals("program 'f' (fentry/no_such_function): no function 'no_such_function' in the"
        + " kernel's BTF", assertThrows(AttachTargetException.class,
            () -> resolve("f", "fentry/no_such_function")).getMessage());
    assertEquals("program 'l' (lsm/nosuch): no LSM hook 'nosuch' in the kernel's BTF (no"
        + " function bpf_lsm_nosuch)", assertThrows(AttachTargetException.class,
            () -> resolve("l", "lsm/nosuch")).getMessage());
    assertEquals("program 'i' (iter/nosuch): no iterator 'nosuch' in the kernel's BTF (no"
        + " function bpf_iter_nosuch)", assertThrows(AttachTargetException.class,
            () -> resolve("i", "iter/nosuch")).getMessage());
    assertEquals("program 't' (tp_btf): no tracepoint named: the section must be tp_btf/NAME",
        assertThrows(AttachTargetException.class, () -> resolve("t", "tp_btf")).getMessage());
    // a typedef that is there but is not a tracepoint's
    assertThrows(AttachTargetException.class, () -> resolve("t", "fentry/btf_trace_sched_switch"));
  }
}
