package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.kernel.link.RawTracepoint;
import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BTF-typed tracepoint programs ({@code tp_btf/}, core/src/test/bpf/tp_btf/) in the kernel and
 * in bpf4j's verifier: the kernel backend loads them with the tracepoint's {@code
 * btf_trace_NAME} as {@code attach_btf_id}; both verifiers give each the same verdict, and a
 * rejection the same message (bpf4j's starts with the kernel's last line and names, in
 * parentheses, the line the kernel logs before it). A loaded one, attached with {@code
 * BPF_RAW_TRACEPOINT_OPEN} and no name, runs on the tracepoint.
 */
@RequiresKernel
class TpBtfAgreementTest {
  static ObjectSpec spec(String name) throws Exception {
    return ObjectReader.read(CallbackAgreementTest.fixture("core/src/test/bpf/tp_btf/" + name
        + ".o"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sw_ok", "sw_all_args", "sys_enter_ok", "page_alloc_checked",
      "sw_arg_out_of_range", "sw_arg_far", "sw_ctx_past_max", "sw_ctx_write",
      "sw_ctx_store_reg", "sw_ptr_narrow", "sw_misaligned", "sw_unaligned_size",
      "sw_beyond_struct", "sw_scalar_as_ptr", "sw_write_task", "page_alloc_no_check",
      "iter_s_find_vma"})
  void sameVerdictAndMessage(String name) throws Exception {
    ObjectSpec spec = spec(name);
    VerifierResult r = Verifier.verify(ObjectInputs.of(spec, spec.programs().getFirst(), null,
        true));
    ObjectLoadException refused = null;
    try (KernelObject k = KernelObject.load(spec)) {
      assertTrue(k.program(name).fd() >= 0);
    } catch (ObjectLoadException e) {
      refused = e;
    }
    if (refused == null) {
      assertTrue(r.accepted(), name + ": the kernel accepts it, bpf4j: " + r.format());
      return;
    }
    String log = refused.log();
    String reason = TaskWalkAgreementTest.reason(log);
    assertFalse(r.accepted(), name + ": the kernel rejects it (" + reason + "), bpf4j accepts");
    String msg = r.rejection().message();
    assertTrue(msg.startsWith(reason), name + ": kernel: " + reason + "\nbpf4j: " + msg);
    String before = lineBefore(log, reason);
    if (before != null && before.startsWith("func '")) {
      assertTrue(msg.equals(reason + " (" + before + ")"), name + ": kernel: " + before + "\n"
          + reason + "\nbpf4j: " + msg);
    }
  }

  /** The log line before the last occurrence of {@code line}, or null. */
  static String lineBefore(String log, String line) {
    List<String> lines = new ArrayList<>();
    for (String l : log.split("\n")) {
      if (!l.isBlank()) {
        lines.add(l.strip());
      }
    }
    int i = lines.lastIndexOf(line);
    return i > 0 ? lines.get(i - 1) : null;
  }

  @Test
  void anUnknownTracepointIsNamedBeforeTheKernelIsAsked() throws Exception {
    ObjectSpec spec = spec("sw_nosuch");
    ObjectLoadException e = assertThrows(ObjectLoadException.class,
        () -> KernelObject.load(spec).close());
    assertTrue(e.getMessage().endsWith("program 'sw_nosuch' (tp_btf/nosuch): no tracepoint"
        + " 'nosuch' in the kernel's BTF (no typedef btf_trace_nosuch)"), e.getMessage());
  }

  /**
   * fentry needs BPF trampolines, which this machine's kernel refuses (EPERM, no log); the
   * message says so. Where the kernel has them, the program loads.
   */
  @Test
  void fentryIsRefusedWithoutTrampolines() throws Exception {
    ObjectSpec spec = spec("fentry_connect");
    VerifierResult r = Verifier.verify(ObjectInputs.of(spec, spec.programs().getFirst(), null,
        true));
    assertTrue(r.accepted(), r::format);
    try (KernelObject k = KernelObject.load(spec)) {
      assertTrue(k.program("fentry_connect").fd() >= 0);
    } catch (ObjectLoadException e) {
      assertTrue(e.getMessage().endsWith("program 'fentry_connect' (section"
          + " fentry/tcp_v4_connect): the kernel refused it (bpf(BPF_PROG_LOAD): EPERM, with no"
          + " verifier log): fentry programs attach through BPF trampolines, which this kernel"
          + " does not offer (tp_btf/ programs need none)"), e.getMessage());
    }
  }

  @Test
  void attachedToSysEnterItCountsSyscalls() throws Exception {
    try (KernelObject k = KernelObject.load(spec("sys_enter_ok"))) {
      KernelMap bss = k.maps().entrySet().stream().filter(m -> m.getKey().endsWith(".bss"))
          .findFirst().orElseThrow().getValue();
      Sys sys = Sys.system();
      try (Link l = RawTracepoint.attachBtf(k.program("sys_enter_ok"), "sys_enter")) {
        for (int i = 0; i < 50; i++) {
          sys.syscall(sys.numbers().getpid());
        }
        long calls = calls(bss);
        assertTrue(calls >= 50, "calls " + calls);
        LinkInfo info = l.info().orElseThrow();
        assertEquals("raw_tracepoint", info.typeName());
        assertEquals("tp_name sys_enter", info.detail());
      }
      long after = calls(bss);
      for (int i = 0; i < 50; i++) {
        sys.syscall(sys.numbers().getpid());
      }
      assertTrue(calls(bss) - after < 50, "still counting after close");
    }
  }

  @Test
  void theKernelHasNoTestRunForTpBtf() throws Exception {
    try (KernelObject k = KernelObject.load(spec("sw_ok"))) {
      BpfException e = assertThrows(BpfException.class,
          () -> k.program("sw_ok").testRun(TestRun.ofContext(new byte[32])));
      assertEquals(io.bpf4j.kernel.sys.Errno.EFAULT, e.errno());
      assertTrue(e.getMessage().contains("a tp_btf program runs on the JVM backend"),
          e.getMessage());
    }
  }

  /** {@code calls}, the first u64 of .bss. */
  static long calls(KernelMap bss) {
    byte[] v = bss.lookup(new byte[4]).orElseThrow();
    return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
  }
}
