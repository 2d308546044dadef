package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same corpus programs checked without privileges (no CAP_BPF/CAP_PERFMON). The kernel
 * here refuses every unprivileged load ({@code kernel.unprivileged_bpf_disabled=2}), so these
 * verdicts follow the kernel's documented unprivileged rules rather than a recorded run: no
 * loops, no reading stack never written, no pointer leaks (stores into maps, returns,
 * comparisons, partial copies, pointer subtraction), no helpers that need CAP_PERFMON, no
 * direct packet access for cgroup_skb.
 */
class UnprivilegedTest {
  /** Program, and whether an unprivileged load passes. */
  static final Map<String, Boolean> EXPECTED = new TreeMap<>(Map.ofEntries(
      Map.entry("cfg_min", true),
      Map.entry("cfg_loop_bounded_10", false),
      Map.entry("cfg_dead_branch_ok", true),
      Map.entry("map_null_check", true),
      Map.entry("map_update_ok", true),
      Map.entry("map_key_uninit_priv", false),
      Map.entry("map_store_ptr_priv", false),
      Map.entry("stack_read_written", true),
      Map.entry("stack_read_uninit", false),
      Map.entry("stack_read_partial_write", false),
      Map.entry("stack_spill_ctx_fill", true),
      Map.entry("ptr_return_priv", false),
      Map.entry("ptr_compare_priv", false),
      Map.entry("ptr_minus_ptr", false),
      Map.entry("ptr_mov32", false),
      Map.entry("ptr_neg", false),
      Map.entry("ptr_stack_var_offset", false),
      Map.entry("ctx_write_ptr_priv", false),
      Map.entry("ctx_socket_read4_0", true),
      Map.entry("ctx_socket_write_cb0", true),
      Map.entry("helper_trace_printk", false),
      Map.entry("helper_probe_read_kernel_socket", false),
      Map.entry("helper_ktime", true),
      Map.entry("helper_arg_ptr_leak_priv", false),
      Map.entry("pkt_read_cgroup_skb", false),
      Map.entry("ret_cgroup_skb_1", true),
      Map.entry("map_value_var_index_masked", true),
      Map.entry("map_null_check_copy", true)));

  @TestFactory
  Stream<DynamicTest> unprivilegedRules() {
    return EXPECTED.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      TestElf.Program p = TestElf.read(VerifierCorpusTest.DIR.resolve(e.getKey() + ".o"));
      VerifierResult priv = Verifier.verify(p.input());
      VerifierResult unpriv = Verifier.verify(p.input().withPrivileged(false));
      assertEquals(e.getValue(), unpriv.accepted(), () -> e.getKey() + " unprivileged:\n"
          + unpriv.format());
      if (!e.getValue()) {
        assertTrue(priv.accepted(), () -> e.getKey() + " should pass as root:\n" + priv.format());
      }
    }));
  }
}
