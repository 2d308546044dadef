package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.AttachTarget;
import io.bpf4j.btf.AttachTargetException;
import io.bpf4j.btf.AttachTargets;
import io.bpf4j.btf.KernelTypes;
import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The context of tp_btf programs in the kernel and in bpf4j's verifier, exhaustively: for
 * tracepoints with every kind of argument (struct pointers trusted or, by the kernel's {@code
 * raw_tp_null_args}, possibly NULL; integers, enums, a union passed by value; {@code void *},
 * {@code char *}, a function pointer), a load and a store of every size at every offset
 * 0..103, and through each argument read as a pointer, a load with and without a NULL check
 * and after moving it by 8:
 * the same verdict, and for a rejection the kernel's message (bpf4j's starts with the kernel's
 * last line and carries the line before it, {@code func '...' ...}, in parentheses).
 */
@RequiresKernel
class TracingContextAgreementTest {
  static final List<String> TRACEPOINTS = List.of("sched_switch", "sys_enter", "mm_page_alloc",
      "kfree_skb", "tcp_send_reset", "console", "initcall_start", "initcall_finish",
      "tmigr_group_set_cpu_inactive", "sched_process_exec");

  static int sizeCode(int size) {
    return switch (size) {
      case 1 -> 0x10;
      case 2 -> 0x08;
      case 4 -> 0x00;
      default -> 0x18;
    };
  }

  /** The kernel's reason (last line) and the line before it, or null when it accepts. */
  static String[] kernel(AttachTarget t, List<Insn> p) {
    try {
      KernelProgram.load(ProgramOptions.builder(ProgType.TRACING, p).license("GPL")
          .expectedAttachType(AttachType.TRACE_RAW_TP).attachBtf(t.btfId(), 0).logLevel(1)
          .build()).close();
      return null;
    } catch (BpfException e) {
      String reason = TaskWalkAgreementTest.reason(e.log());
      return new String[] {reason, TpBtfAgreementTest.lineBefore(e.log(), reason)};
    }
  }

  /**
   * Through a trusted argument's struct: a load of every size at every offset from 0 to 8
   * bytes past the struct's end, and through what an 8-byte load there gives (a struct pointer
   * whose trust follows the kernel's lists, untrusted memory, or a number), a byte load:
   * {@code sys_enter}'s {@code pt_regs}, {@code kfree_skb}'s {@code sk_buff}, {@code
   * sched_switch}'s {@code task_struct} (8-byte loads only; BtfWalkAgreementTest has the rest)
   * and {@code xlog_iclog_activate}'s {@code xlog_in_core}, whose flexible array of {@code
   * bio_vec} the kernel walks as untrusted past the struct's end.
   */
  @Test
  void sameWalkThroughArgumentsAsTheKernel() throws AttachTargetException {
    Assumptions.assumeTrue(KernelTypes.vmlinux().isPresent(), "no kernel BTF");
    record Walk(String tp, int arg, int[] sizes) {}
    List<String> differ = new ArrayList<>();
    int compared = 0;
    int accepted = 0;
    for (Walk w : List.of(new Walk("sys_enter", 0, new int[] {1, 2, 4, 8}),
        new Walk("kfree_skb", 0, new int[] {1, 2, 4, 8}),
        new Walk("sched_switch", 1, new int[] {8}),
        new Walk("xlog_iclog_activate", 0, new int[] {1, 2, 4, 8}))) {
      AttachTarget t;
      try {
        t = AttachTargets.resolve("p", "tp_btf/" + w.tp(), ProgType.TRACING,
            AttachType.TRACE_RAW_TP, w.tp());
      } catch (AttachTargetException e) {
        continue; // xlog_iclog_activate: only with XFS built in
      }
      var btf = t.btf();
      int struct = btf.resolve(((io.bpf4j.btf.BtfType.Ptr) btf.type(btf.resolve(
          t.args().get(w.arg()).type()))).type());
      long end = btf.sizeOf(struct) + 8;
      for (int size : w.sizes()) {
        for (int off = 0; off < end; off++) {
          for (boolean deeper : new boolean[] {false, true}) {
            if (deeper && size != 8) {
              continue;
            }
            List<Insn> p = new ArrayList<>();
            p.add(new Insn(0x79, 2, 1, w.arg() * 8, 0));               // r2 = ctx[arg]
            p.add(new Insn(0x61 | sizeCode(size), 3, 2, off, 0));       // r3 = *(uN *)(r2 + off)
            if (deeper) {
              p.add(new Insn(0x71, 4, 3, 0, 0));                        // r4 = *(u8 *)(r3 + 0)
            }
            p.add(new Insn(0xb7, 0, 0, 0, 0));
            p.add(new Insn(0x95, 0, 0, 0, 0));
            String[] k = kernel(t, p);
            VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.TRACING)
                .withTarget(t));
            compared++;
            String what = w.tp() + " arg" + w.arg() + " u" + size * 8 + " at " + off
                + (deeper ? " and through it" : "") + ": ";
            if (k == null) {
              accepted++;
              if (!r.accepted()) {
                differ.add(what + "kernel accepts, bpf4j: " + r.rejection().message());
              }
            } else if (r.accepted()) {
              differ.add(what + "kernel: " + k[0] + ", bpf4j accepts");
            } else if (!r.rejection().message().startsWith(k[0])) {
              differ.add(what + "kernel: " + k[0] + ", bpf4j: " + r.rejection().message());
            }
          }
        }
      }
    }
    System.out.println("TracingContextAgreementTest walks: " + compared + " programs, "
        + accepted + " accepted by the kernel");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ.subList(0, Math.min(40, differ.size()))),
        differ.size() + " differences");
    if (Boolean.getBoolean("bpf4j.tracing.structs")) {
      everyArgumentStructAsTheKernel();
    }
  }

  /**
   * Every tracepoint of the kernel's BTF: each argument read as 8 bytes and a byte read through
   * it without a NULL check, which tells a trusted struct pointer (accepted) from one the
   * kernel's {@code raw_tp_null_args} marks possibly NULL ({@code trusted_ptr_or_null_}) or an
   * error pointer (a number), and from every other kind of argument: bpf4j's table against the
   * running kernel's.
   */
  @Test
  void everyTracepointsArgumentsAsTheKernel() throws AttachTargetException {
    Assumptions.assumeTrue(KernelTypes.vmlinux().isPresent(), "no kernel BTF");
    var btf = KernelTypes.vmlinux().get();
    List<String> differ = new ArrayList<>();
    int compared = 0;
    int accepted = 0;
    int tracepoints = 0;
    for (var e : everyTracepoint().entrySet()) {
      String tp = e.getKey();
      AttachTarget t = e.getValue();
      tracepoints++;
      for (int arg = 0; arg < Math.min(12, t.args().size()); arg++) {
        if (!(btf.type(btf.resolve(t.args().get(arg).type())) instanceof io.bpf4j.btf.BtfType.Ptr)) {
          continue;
        }
        List<Insn> p = List.of(new Insn(0x79, 2, 1, arg * 8, 0), new Insn(0x71, 0, 2, 0, 0),
            new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0));
        String[] k = kernel(t, p);
        VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.TRACING)
            .withTarget(t));
        compared++;
        if (compare(differ, tp + " arg" + arg + ": ", k, r)) {
          accepted++;
        }
      }
    }
    System.out.println("TracingContextAgreementTest all tracepoints: " + tracepoints
        + " tracepoints, " + compared + " pointer arguments, " + accepted
        + " dereferenced without a check by the kernel");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ.subList(0, Math.min(40, differ.size()))),
        differ.size() + " differences");
  }

  /**
   * For {@link #sameWalkThroughArgumentsAsTheKernel} with {@code -Dbpf4j.tracing.structs=true}
   * (about a minute): for each struct that some tracepoint takes a
   * trusted pointer to (the first such tracepoint), an 8-byte load at every 8th offset of its
   * first 512 bytes and a byte load through what it read, in both verifiers.
   */
  static void everyArgumentStructAsTheKernel() throws AttachTargetException {
    var btf = KernelTypes.vmlinux().orElseThrow();
    List<String> differ = new ArrayList<>();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int compared = 0;
    int accepted = 0;
    for (var e : everyTracepoint().entrySet()) {
      String tp = e.getKey();
      AttachTarget t = e.getValue();
      for (int arg = 0; arg < Math.min(12, t.args().size()); arg++) {
        if (!(btf.type(btf.resolve(t.args().get(arg).type()))
            instanceof io.bpf4j.btf.BtfType.Ptr ptr)) {
          continue;
        }
        int struct = btf.resolve(ptr.type());
        if (!(btf.type(struct) instanceof io.bpf4j.btf.BtfType.Composite c) || !seen.add(struct)) {
          continue;
        }
        // only arguments the kernel gives as trusted, never-NULL pointers
        List<Insn> probe = List.of(new Insn(0x79, 2, 1, arg * 8, 0), new Insn(0x71, 0, 2, 0, 0),
            new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0));
        if (kernel(t, probe) != null) {
          continue;
        }
        for (int off = 0; off < Math.min(c.size() + 8, 512); off += 8) {
          for (boolean deeper : new boolean[] {false, true}) {
            List<Insn> p = new ArrayList<>();
            p.add(new Insn(0x79, 2, 1, arg * 8, 0));
            p.add(new Insn(0x79, 3, 2, off, 0));
            if (deeper) {
              p.add(new Insn(0x71, 4, 3, 0, 0));
            }
            p.add(new Insn(0xb7, 0, 0, 0, 0));
            p.add(new Insn(0x95, 0, 0, 0, 0));
            String[] k = kernel(t, p);
            VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.TRACING)
                .withTarget(t));
            compared++;
            if (compare(differ, tp + " arg" + arg + " u64 at " + off
                + (deeper ? " and through it" : "") + ": ", k, r)) {
              accepted++;
            }
          }
        }
      }
    }
    System.out.println("TracingContextAgreementTest structs: " + seen.size() + " structs, "
        + compared + " programs, " + accepted + " accepted by the kernel");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ.subList(0, Math.min(40, differ.size()))),
        differ.size() + " differences");
  }

  /** The kernel's verdict for an iterator program (null: accepted). */
  static String[] kernelIter(AttachTarget t, List<Insn> p) {
    try {
      KernelProgram.load(ProgramOptions.builder(ProgType.TRACING, p).license("GPL")
          .expectedAttachType(AttachType.TRACE_ITER).attachBtf(t.btfId(), 0).logLevel(1)
          .build()).close();
      return null;
    } catch (BpfException e) {
      if (e.log().isEmpty()) {
        return new String[] {"", null}; // not an iterator the kernel registers
      }
      String reason = TaskWalkAgreementTest.reason(e.log());
      return new String[] {reason, TpBtfAgreementTest.lineBefore(e.log(), reason)};
    }
  }

  /**
   * The iterators the kernel registers ({@code iter/NAME}: the {@code bpf_iter_NAME} functions
   * it accepts a program for): every 8-byte and 4-byte read of the context up to two u64s past
   * the arguments, and a byte read through each argument with and without a NULL check.
   */
  @Test
  void iteratorsAsTheKernel() throws AttachTargetException {
    Assumptions.assumeTrue(KernelTypes.vmlinux().isPresent(), "no kernel BTF");
    var btf = KernelTypes.vmlinux().get();
    List<String> differ = new ArrayList<>();
    List<String> iterators = new ArrayList<>();
    int compared = 0;
    int accepted = 0;
    List<Insn> trivial = List.of(new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0));
    for (var type : btf.types()) {
      if (!(type instanceof io.bpf4j.btf.BtfType.Func f) || !f.name().startsWith("bpf_iter_")) {
        continue;
      }
      String name = f.name().substring("bpf_iter_".length());
      AttachTarget t = AttachTargets.resolve("p", "iter/" + name, ProgType.TRACING,
          AttachType.TRACE_ITER, name);
      if (kernelIter(t, trivial) != null) {
        continue;
      }
      iterators.add(name);
      List<List<Insn>> programs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      int n = t.args().size();
      for (int off = 0; off < (n + 2) * 8; off += 4) {
        for (int size : new int[] {4, 8}) {
          programs.add(List.of(new Insn(0x61 | sizeCode(size), 0, 1, off, 0),
              new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0)));
          names.add("LOAD u" + size * 8 + " at " + off);
        }
      }
      for (int arg = 0; arg < n; arg++) {
        programs.add(List.of(new Insn(0x79, 2, 1, arg * 8, 0), new Insn(0x71, 0, 2, 0, 0),
            new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0)));
        names.add("arg" + arg + " dereferenced");
        programs.add(List.of(new Insn(0x79, 2, 1, arg * 8, 0), new Insn(0x15, 2, 0, 1, 0),
            new Insn(0x71, 0, 2, 0, 0), new Insn(0xb7, 0, 0, 0, 0),
            new Insn(0x95, 0, 0, 0, 0)));
        names.add("arg" + arg + " dereferenced after a NULL check");
      }
      for (int i = 0; i < programs.size(); i++) {
        List<Insn> p = programs.get(i);
        String[] k = kernelIter(t, p);
        VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.TRACING)
            .withTarget(t));
        compared++;
        String what = "iter/" + name + " " + names.get(i) + ": ";
        if (k == null) {
          accepted++;
          if (!r.accepted()) {
            differ.add(what + "kernel accepts, bpf4j: " + r.rejection().message());
          }
        } else if (r.accepted()) {
          differ.add(what + "kernel: " + k[0] + ", bpf4j accepts");
        } else {
          String want = k[1] != null && k[1].startsWith("func '") ? k[0] + " (" + k[1] + ")"
              : k[0];
          if (!r.rejection().message().startsWith(want)) {
            differ.add(what + "kernel: " + want + ", bpf4j: " + r.rejection().message());
          }
        }
      }
    }
    System.out.println("TracingContextAgreementTest iterators: " + iterators.size() + " "
        + iterators + ", " + compared + " programs, " + accepted + " accepted by the kernel");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ.subList(0, Math.min(40, differ.size()))),
        differ.size() + " differences");
  }

  @Test
  void sameContextAsTheKernel() throws AttachTargetException {
    Assumptions.assumeTrue(KernelTypes.vmlinux().isPresent(), "no kernel BTF");
    List<String> differ = new ArrayList<>();
    int compared = 0;
    int accepted = 0;
    int tracepoints = 0;
    for (String tp : TRACEPOINTS) {
      AttachTarget t;
      try {
        t = AttachTargets.resolve("p", "tp_btf/" + tp, ProgType.TRACING,
            AttachType.TRACE_RAW_TP, tp);
      } catch (AttachTargetException e) {
        continue; // not in this kernel
      }
      tracepoints++;
      List<List<Insn>> programs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int size : new int[] {1, 2, 4, 8}) {
        for (int off = 0; off < 104; off++) {
          programs.add(List.of(new Insn(0x61 | sizeCode(size), 0, 1, off, 0),
              new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0)));
          names.add("LOAD u" + size * 8 + " at " + off);
          programs.add(List.of(new Insn(0xb7, 2, 0, 0, 0),
              new Insn(0x63 | sizeCode(size), 1, 2, off, 0), new Insn(0xb7, 0, 0, 0, 0),
              new Insn(0x95, 0, 0, 0, 0)));
          names.add("STORE u" + size * 8 + " at " + off);
        }
      }
      for (int arg = 0; arg < t.args().size(); arg++) {
        programs.add(List.of(new Insn(0x79, 2, 1, arg * 8, 0), // r2 = ctx[arg]
            new Insn(0x71, 0, 2, 0, 0),                         // r0 = *(u8 *)(r2 + 0)
            new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0)));
        names.add("arg" + arg + " dereferenced");
        programs.add(List.of(new Insn(0x79, 2, 1, arg * 8, 0),
            new Insn(0x15, 2, 0, 1, 0),                         // if r2 == 0 goto +1
            new Insn(0x71, 0, 2, 0, 0),
            new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0)));
        names.add("arg" + arg + " dereferenced after a NULL check");
        programs.add(List.of(new Insn(0x79, 2, 1, arg * 8, 0),
            new Insn(0x07, 2, 0, 0, 8),                         // r2 += 8
            new Insn(0x71, 0, 2, 0, 0),
            new Insn(0xb7, 0, 0, 0, 0), new Insn(0x95, 0, 0, 0, 0)));
        names.add("arg" + arg + " moved by 8 and dereferenced");
      }
      for (int i = 0; i < programs.size(); i++) {
        List<Insn> p = programs.get(i);
        String[] k = kernel(t, p);
        VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.TRACING)
            .withTarget(t));
        compared++;
        String what = tp + " " + names.get(i) + ": ";
        if (k == null) {
          accepted++;
          if (!r.accepted()) {
            differ.add(what + "kernel accepts, bpf4j: " + r.rejection().message());
          }
          continue;
        }
        if (r.accepted()) {
          differ.add(what + "kernel: " + k[0] + ", bpf4j accepts");
          continue;
        }
        String mine = r.rejection().message();
        String want = k[1] != null && k[1].startsWith("func '") ? k[0] + " (" + k[1] + ")"
            : k[0];
        if (!mine.startsWith(want) || (want != k[0] && !mine.equals(want))) {
          differ.add(what + "kernel: " + want + ", bpf4j: " + mine);
        }
      }
    }
    System.out.println("TracingContextAgreementTest: " + tracepoints + " tracepoints, "
        + compared + " programs, " + accepted + " accepted by the kernel");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertTrue(tracepoints >= 5, "tracepoints found: " + tracepoints);
    assertEquals("", String.join("\n", differ.subList(0, Math.min(40, differ.size()))),
        differ.size() + " differences");
  }

  /** Every tracepoint of the kernel's BTF ({@code btf_trace_NAME}) by name, resolved. */
  static java.util.Map<String, AttachTarget> everyTracepoint() throws AttachTargetException {
    var btf = KernelTypes.vmlinux().orElseThrow();
    java.util.Map<String, AttachTarget> out = new java.util.LinkedHashMap<>();
    for (var type : btf.types()) {
      if (type instanceof io.bpf4j.btf.BtfType.Typedef td && td.name().startsWith("btf_trace_")) {
        String tp = td.name().substring("btf_trace_".length());
        out.put(tp, AttachTargets.resolve("p", "tp_btf/" + tp, ProgType.TRACING,
            AttachType.TRACE_RAW_TP, tp));
      }
    }
    return out;
  }

  /**
   * Adds to {@code differ} where bpf4j's verdict {@code r} differs from the kernel's ({@code
   * k}: null when it accepts, else its reason first); true when the kernel accepts.
   */
  static boolean compare(List<String> differ, String what, String[] k, VerifierResult r) {
    if (k == null) {
      if (!r.accepted()) {
        differ.add(what + "kernel accepts, bpf4j: " + r.rejection().message());
      }
      return true;
    }
    if (r.accepted()) {
      differ.add(what + "kernel: " + k[0] + ", bpf4j accepts");
    } else if (!r.rejection().message().startsWith(k[0])) {
      differ.add(what + "kernel: " + k[0] + ", bpf4j: " + r.rejection().message());
    }
    return false;
  }
}
