package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.AttachTarget;
import io.bpf4j.btf.AttachTargets;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.KernelTypes;
import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.SectionName;
import io.bpf4j.isa.Assembler;
import io.bpf4j.uapi.ProgType;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The context of BTF-typed tracing programs, as the kernel's {@code btf_ctx_access}: the
 * programs of {@code src/test/bpf/tp_btf/} get the kernel's verdicts and messages (recorded
 * from Linux 6.18 with {@code bpftool -d prog loadall}; {@code TpBtfAgreementTest} in the
 * kernel module loads them live), and fentry, fexit, fmod_ret and iterator programs, which
 * this machine's kernel cannot load (no trampolines), follow the same function's rules for
 * their attach types.
 */
class TracingContextTest {
  static Btf btf;

  @BeforeAll
  static void kernelBtf() {
    btf = KernelTypes.vmlinux().orElse(null);
    Assumptions.assumeTrue(btf != null && btf.find(BtfKind.TYPEDEF, "btf_trace_sched_switch") > 0
        && btf.find(BtfKind.FUNC, "tcp_v4_connect") > 0 && KernelTypes.task().fromKernel(),
        "no kernel BTF with sched_switch and tcp_v4_connect here");
  }

  static VerifierResult fixture(String name) throws Exception {
    ObjectSpec spec = ObjectReader.read(Path.of("src/test/bpf/tp_btf/" + name + ".o"));
    return Verifier.verify(ObjectInputs.of(spec, spec.programs().getFirst(), null, true)
        .withLog(true));
  }

  /** The kernel's verdict: "accepted", or its last line (and the one before, in parentheses). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      sw_ok               | accepted
      sw_all_args         | accepted
      sys_enter_ok        | accepted
      page_alloc_checked  | accepted
      sw_arg_out_of_range | invalid bpf_context access off=32 size=8 (func 'sched_switch' doesn't have 5-th argument)
      sw_arg_far          | invalid bpf_context access off=56 size=8 (func 'sched_switch' doesn't have 7-th argument)
      sw_ctx_past_max     | invalid bpf_context access off=96 size=8
      sw_ctx_write        | invalid bpf_context access off=24 size=8
      sw_ctx_store_reg    | invalid bpf_context access off=0 size=8
      sw_ptr_narrow       | invalid bpf_context access off=8 size=4 (func 'sched_switch' size 4 must be 8)
      sw_misaligned       | invalid bpf_context access off=28 size=4 (func 'sched_switch' offset 28 is not multiple of 8)
      sw_unaligned_size   | invalid bpf_context access off=12 size=8
      sw_beyond_struct    | access beyond struct task_struct at off 65536 size 4
      sw_scalar_as_ptr    | R1 invalid mem access 'scalar'
      sw_write_task       | only read is supported
      page_alloc_no_check | R1 invalid mem access 'trusted_ptr_or_null_'
      iter_s_find_vma     | R1 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_
      """)
  void theKernelsVerdicts(String name, String verdict) throws Exception {
    VerifierResult r = fixture(name);
    if (verdict.equals("accepted")) {
      assertTrue(r.accepted(), r::format);
    } else {
      assertFalse(r.accepted(), name + " accepted");
      assertTrue(r.rejection().message().startsWith(verdict), r::format);
    }
  }

  @Test
  void aPossiblyNullArgumentIsExplained() throws Exception {
    VerifierResult r = fixture("page_alloc_no_check");
    assertEquals("the kernel marks this argument of mm_page_alloc as possibly NULL: check it"
        + " (`if (!arg) return 0;`) before reading through it at line 12.",
        r.rejection().hint(), r::format);
    assertEquals("R1=trusted_ptr_or_null_page(id=1)", r.rejection().registers(), r::format);
  }

  @Test
  void argumentsAreTrustedTaskPointersInTheLog() throws Exception {
    VerifierResult r = fixture("sw_ok");
    assertTrue(r.log().contains("0: (79) r2 = *(u64 *)(r1 +8)"), () -> String.join("\n",
        r.log()));
    assertTrue(r.log().contains("1: R2=trusted_ptr_task_struct()"), () -> String.join("\n",
        r.log()));
    assertTrue(r.log().stream().anyMatch(l -> l.startsWith("func 'sched_switch' arg1 has btf_id ")
        && l.endsWith(" type STRUCT 'task_struct'")), () -> String.join("\n", r.log()));
  }

  @Test
  void anUnknownTracepointIsNamedWhenTheInputIsMade() throws Exception {
    ObjectSpec spec = ObjectReader.read(Path.of("src/test/bpf/tp_btf/sw_ok.o"));
    var p = spec.programs().getFirst();
    var renamed = new io.bpf4j.elf.ProgramSpec(p.name(), SectionName.parse("tp_btf/nosuch"),
        p.insns(), p.relocations(), p.functions(), p.funcInfos(), p.lineInfos(), p.coreRelos(),
        p.license());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ObjectInputs.target(renamed, ProgType.TRACING));
    assertEquals("program 'sw_ok' (tp_btf/nosuch): no tracepoint 'nosuch' in the kernel's BTF"
        + " (no typedef btf_trace_nosuch)", e.getMessage());
  }

  // --- fentry, fexit, fmod_ret on tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr,
  // int addr_len), which returns an int

  static VerifierResult run(String section, String asm) throws Exception {
    SectionName s = SectionName.parse(section);
    AttachTarget t = AttachTargets.resolve(btf, "p", section, s.type(), s.attach(), s.target());
    return Verifier.verify(VerifierInput.of("p", Assembler.assemble(asm), ProgType.TRACING)
        .withTarget(t).withLog(true));
  }

  static String rejection(VerifierResult r) {
    assertFalse(r.accepted(), () -> "accepted:\n" + String.join("\n", r.log()));
    return r.rejection().message();
  }

  @Test
  void fentryArgumentsAreUntaggedPointers() throws Exception {
    // sk->__sk_common.skc_family, a u16 at offset 16
    VerifierResult r = run("fentry/tcp_v4_connect", """
        ldxdw %r2, [%r1+0]
        ldxh %r0, [%r2+16]
        ldxdw %r3, [%r1+16]
        add %r0, %r3
        exit
        """);
    assertTrue(r.accepted(), r::format);
    assertTrue(r.log().contains("1: R2=ptr_sock()"), () -> String.join("\n", r.log()));
  }

  @Test
  void fentryMayNotReadTheReturnValue() throws Exception {
    assertEquals("invalid bpf_context access off=24 size=8 (func 'tcp_v4_connect' doesn't have"
        + " 4-th argument)", rejection(run("fentry/tcp_v4_connect", """
        ldxdw %r0, [%r1+24]
        exit
        """)));
  }

  @Test
  void fexitReadsTheReturnValueAfterTheArguments() throws Exception {
    VerifierResult r = run("fexit/tcp_v4_connect", """
        ldxw %r0, [%r1+24]
        exit
        """);
    assertTrue(r.accepted(), r::format);
    assertEquals("invalid bpf_context access off=32 size=8 (func 'tcp_v4_connect' doesn't have"
        + " 5-th argument)", rejection(run("fexit/tcp_v4_connect", """
        ldxdw %r0, [%r1+32]
        exit
        """)));
  }

  @Test
  void fmodRetReadsAnIntegerReturnValue() throws Exception {
    assertTrue(run("fmod_ret/tcp_v4_connect", """
        ldxdw %r0, [%r1+24]
        exit
        """).accepted());
  }

  @Test
  void fentryContextRules() throws Exception {
    assertEquals("invalid bpf_context access off=0 size=4 (func 'tcp_v4_connect' size 4 must"
        + " be 8)", rejection(run("fentry/tcp_v4_connect", """
        ldxw %r0, [%r1+0]
        exit
        """)));
    assertEquals("invalid bpf_context access off=8 size=8", rejection(run(
        "fentry/tcp_v4_connect", """
        mov %r2, 0
        stxdw [%r1+8], %r2
        mov %r0, 0
        exit
        """)));
    assertEquals("invalid bpf_context access off=20 size=4 (func 'tcp_v4_connect' offset 20 is"
        + " not multiple of 8)", rejection(run("fentry/tcp_v4_connect", """
        ldxw %r0, [%r1+20]
        exit
        """)));
    // addr_len, an int, read narrowly
    assertTrue(run("fentry/tcp_v4_connect", """
        ldxb %r0, [%r1+16]
        exit
        """).accepted());
  }

  @Test
  void fentryPointersAreNotKnownToBeNonNull() throws Exception {
    // a plain pointer may be NULL: both branches are walked, the NULL one reads nothing
    VerifierResult r = run("fentry/tcp_v4_connect", """
        ldxdw %r2, [%r1+0]
        mov %r0, 0
        jeq %r2, 0, +1
        ldxw %r0, [%r2+0]
        exit
        """);
    assertTrue(r.accepted(), r::format);
    assertTrue(r.log().stream().anyMatch(l -> l.startsWith("from 2 to 4")),
        () -> String.join("\n", r.log()));
  }

  @Test
  void membersOfAPlainPointerArePlain() throws Exception {
    // sk->sk_socket
    int off = io.bpf4j.btf.KernelTypes.memberOffset(btf, (io.bpf4j.btf.BtfType.Composite)
        btf.type(btf.find(BtfKind.STRUCT, "sock")), "sk_socket");
    VerifierResult r = run("fentry/tcp_v4_connect", "ldxdw %r2, [%r1+0]\nldxdw %r3, [%r2+"
        + off + "]\nmov %r0, 0\nexit\n");
    assertTrue(r.accepted(), r::format);
    assertTrue(r.log().stream().anyMatch(l -> l.startsWith("1: (79) r3 = ")
        && l.endsWith("; R3=ptr_socket()")), () -> String.join("\n", r.log()));
  }

  @Test
  void iteratorObjectsMayBeNull() throws Exception {
    // bpf_iter_task(struct bpf_iter_meta *meta, struct task_struct *task)
    VerifierResult ok = run("iter/task", """
        ldxdw %r2, [%r1+8]
        mov %r0, 0
        jeq %r2, 0, +1
        ldxw %r0, [%r2+0]
        exit
        """);
    assertTrue(ok.accepted(), ok::format);
    assertTrue(ok.log().contains("1: R2=trusted_ptr_or_null_task_struct(id=1)"),
        () -> String.join("\n", ok.log()));
    assertEquals("R2 invalid mem access 'trusted_ptr_or_null_'", rejection(run("iter/task", """
        ldxdw %r2, [%r1+8]
        ldxw %r0, [%r2+0]
        exit
        """)));
    // task_file's file is registered without PTR_TRUSTED
    assertEquals("R2 invalid mem access 'ptr_or_null_'", rejection(run("iter/task_file",
        "ldxdw %r2, [%r1+24]\nldxw %r0, [%r2+0]\nexit\n")));
    VerifierResult meta = run("iter/task", "ldxdw %r2, [%r1+0]\nldxdw %r0, [%r2+0]\nexit\n");
    assertTrue(meta.log().contains("1: R2=trusted_ptr_bpf_iter_meta()"),
        () -> String.join("\n", meta.log()));
  }

  @Test
  void aMemberTheKernelListsAsRcuOrNullMustBeChecked() throws Exception {
    // kfree_skb(struct sk_buff *skb, ...): skb->sk is in the kernel's BTF_TYPE_SAFE_RCU_OR_NULL
    Assumptions.assumeTrue(btf.find(BtfKind.TYPEDEF, "btf_trace_kfree_skb") > 0);
    int sk = KernelTypes.memberOffset(btf, (io.bpf4j.btf.BtfType.Composite) btf.type(
        btf.find(BtfKind.STRUCT, "sk_buff")), "sk");
    VerifierResult checked = run("tp_btf/kfree_skb", "ldxdw %r2, [%r1+0]\nldxdw %r3, [%r2+" + sk
        + "]\nmov %r0, 0\njeq %r3, 0, +1\nldxb %r0, [%r3+0]\nexit\n");
    assertTrue(checked.accepted(), checked::format);
    assertTrue(checked.log().stream().anyMatch(l -> l.endsWith("R3=rcu_ptr_or_null_sock(id=1)")),
        () -> String.join("\n", checked.log()));
    assertEquals("R3 invalid mem access 'rcu_ptr_or_null_'", rejection(run("tp_btf/kfree_skb",
        "ldxdw %r2, [%r1+0]\nldxdw %r3, [%r2+" + sk + "]\nldxb %r0, [%r3+0]\nexit\n")));
  }

  /**
   * Past the end of xlog_in_core (384 bytes), in its flexible array of bio_vec, Linux 6.18
   * walks as untrusted: 8 bytes at an element's 4-byte bv_len are a number, bv_page an
   * untrusted page pointer.
   */
  @Test
  void aFlexibleArrayPastTheStructIsWalkedUntrusted() throws Exception {
    Assumptions.assumeTrue(btf.find(BtfKind.TYPEDEF, "btf_trace_xlog_iclog_activate") > 0
        && btf.sizeOf(btf.find(BtfKind.STRUCT, "xlog_in_core")) == 384, "no XFS here");
    VerifierResult r = run("tp_btf/xlog_iclog_activate",
        "ldxdw %r2, [%r1+0]\nldxdw %r3, [%r2+384]\nldxdw %r4, [%r2+392]\nmov %r0, 0\nexit\n");
    assertTrue(r.accepted(), r::format);
    assertTrue(r.log().stream().anyMatch(l -> l.endsWith("; R3=scalar()")),
        () -> String.join("\n", r.log()));
    assertTrue(r.log().stream().anyMatch(l -> l.endsWith("; R4=untrusted_ptr_page()")),
        () -> String.join("\n", r.log()));
  }

  /** Linux 6.18's raw_tp_null_args entries that later kernels dropped are bpf4j's too. */
  @Test
  void linux618sNullableAndErrorArguments() throws Exception {
    Assumptions.assumeTrue(btf.find(BtfKind.TYPEDEF, "btf_trace_sched_process_wait") > 0
        && btf.find(BtfKind.TYPEDEF, "btf_trace_signal_generate") > 0);
    assertEquals("R2 invalid mem access 'trusted_ptr_or_null_'", rejection(run(
        "tp_btf/sched_process_wait", "ldxdw %r2, [%r1+0]\nldxb %r0, [%r2+0]\nexit\n")));
    // signal_generate(int sig, struct kernel_siginfo *info, ...): info may hold an error code
    VerifierResult r = run("tp_btf/signal_generate",
        "ldxdw %r2, [%r1+8]\nldxb %r0, [%r2+0]\nexit\n");
    assertEquals("R2 invalid mem access 'scalar'", rejection(r));
    assertTrue(r.log().contains("marking pointer arg1 as scalar as it may encode error"),
        () -> String.join("\n", r.log()));
  }

  @Test
  void withoutATargetTheContextIsClosed() throws Exception {
    VerifierResult r = Verifier.verify(VerifierInput.of("p", Assembler.assemble("""
        ldxdw %r0, [%r1+0]
        exit
        """), ProgType.TRACING));
    assertEquals("invalid bpf_context access off=0 size=8", rejection(r));
  }
}
