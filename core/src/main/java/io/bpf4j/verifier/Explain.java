package io.bpf4j.verifier;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a rejection into what a learner needs: the failing instruction, its C line, the state
 * of the register that made it unsafe, and one sentence on what to change.
 */
final class Explain {
  private Explain() {}

  static VerifierResult.Rejection rejection(VerifierInput in, Checker env, Reject r) {
    String insn = insnAt(in, r.slot);
    SourceLine src = line(in.lines(), r.slot);
    String regs = "";
    Reg bad = null;
    if (env != null && env.failing != null && r.reg >= 0 && !env.failing.frames.isEmpty()) {
      bad = env.failing.reg(r.reg);
      regs = "R" + r.reg + "=" + bad;
    } else if (env != null && env.failing != null && !env.failing.frames.isEmpty()) {
      regs = regs(env.failing);
    }
    String hint = hint(in, r, bad, src);
    return new VerifierResult.Rejection(r.slot, insn, r.problem, r.getMessage(), regs, hint, src);
  }

  private static String insnAt(VerifierInput in, int slot) {
    int s = 0;
    for (Insn i : in.insns()) {
      if (s == slot) {
        return String.format("(%02x) %s", i.opcode(), Disasm.format(i, slot));
      }
      s += i.slots();
      if (s > slot) {
        break;
      }
    }
    return slot < InsnCodec.slotCount(in.insns()) ? "(second half of lddw)" : "";
  }

  static SourceLine line(Map<Integer, SourceLine> lines, int slot) {
    SourceLine best = null;
    int bestSlot = -1;
    for (Map.Entry<Integer, SourceLine> e : lines.entrySet()) {
      if (e.getKey() <= slot && e.getKey() > bestSlot) {
        best = e.getValue();
        bestSlot = e.getKey();
      }
    }
    return best;
  }

  /** Every written register of the current frame, as the kernel prints a state. */
  static String regs(VState s) {
    StringBuilder sb = new StringBuilder();
    StackFrame f = s.cur();
    for (int i = 0; i <= 10; i++) {
      if (f.regs[i].type != RegType.NOT_INIT) {
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append('R').append(i).append('=').append(f.regs[i]);
      }
    }
    // the dynptrs on the stack, nearest the frame pointer first, as the kernel prints them
    for (int k = f.dynptrs.length - 1; k >= 0; k--) {
      Dynptrs.Slot d = f.dynptrs[k];
      if (d != null && d.first()) {
        sb.append(sb.isEmpty() ? "" : " ").append("fp").append(k * 8 - StackFrame.SIZE)
            .append("=dynptr_").append(d.kind().kernelName).append("(id=").append(d.id())
            .append(d.refId() != 0 ? ",ref_id=" + d.refId() : "").append(",dynptr_id=")
            .append(d.id()).append(')');
      }
    }
    return sb.toString();
  }

  private static String at(VerifierInput in, int slot) {
    SourceLine l = line(in.lines(), slot);
    return l != null ? "line " + l.line() : "insn " + slot;
  }

  /** {@code NAME = ...call(} in a C line: the variable a helper's result is assigned to. */
  private static final Pattern ASSIGNED = Pattern.compile("(\\w+)\\s*=\\s*[^=;]*\\w+\\s*\\(");

  static String hint(VerifierInput in, Reject r, Reg bad, SourceLine src) {
    String where = src != null ? " at line " + src.line() : "";
    return switch (r.problem) {
      case NULL_DEREF -> {
        if (bad != null && bad.type == RegType.PTR_TO_BTF_ID_OR_NULL && in.target() != null) {
          yield "the kernel marks this argument of " + in.target().name() + " as possibly NULL:"
              + " check it (`if (!arg) return 0;`) before reading through it" + where + ".";
        }
        String from = "the value returned by the helper";
        String after = "";
        String var = "p";
        if (bad != null && bad.origin >= 0) {
          String callText = insnAt(in, bad.origin);
          int h = callText.indexOf("call bpf_");
          if (h >= 0) {
            from = "the value returned by " + callText.substring(h + 5, callText.indexOf('#', h));
          }
          after = " after the call at " + at(in, bad.origin);
          SourceLine call = line(in.lines(), bad.origin);
          if (call != null) {
            Matcher m = ASSIGNED.matcher(call.text());
            if (m.find()) {
              var = m.group(1);
            }
          }
        }
        yield "check that " + from + " is not NULL before using it: add `if (!" + var
            + ") return 0;`" + after + ".";
      }
      case UNINIT_REG -> r.reg == 0 && r.getMessage().startsWith("R0")
          ? "give the function a return value on every path: set r0 (in C, `return` a value)"
              + " before `exit`" + where + "."
          : "R" + r.reg + " is read" + where + " before anything was written to it on this path:"
              + " initialise the variable it holds first.";
      case UNINIT_STACK -> "initialise the whole stack buffer before it is read" + where
          + " (`= {}` or __builtin_memset): unprivileged programs may not read stack bytes"
          + " never written.";
      case NOT_A_POINTER -> "R" + r.reg + " is not a pointer to memory here" + where
          + ": load and store only through pointers the verifier knows (stack, map value after"
          + " its NULL check, checked packet, context).";
      case MAP_BOUNDS -> "keep the access" + where + " inside the object (offset + size <="
          + " its size): bound the index first, e.g. `if (i >= N) return 0;`.";
      case STACK_BOUNDS -> "keep stack accesses" + where + " inside the 512-byte frame"
          + " (r10-512 .. r10-1) and aligned to their size.";
      case PACKET_BOUNDS -> "compare with data_end before this access" + where
          + ": `if (data + OFFSET + SIZE > data_end) return XDP_PASS;` must cover every byte"
          + " read or written.";
      case CTX_ACCESS -> "read whole fields of the context (" + ctxName(in) + ") that this"
          + " program type may access, with their own size, through the unmodified ctx"
          + " pointer" + where + ".";
      case UNBOUNDED_INDEX -> "bound the value" + where + " on both sides before using it as"
          + " an offset or size: make it unsigned and add `if (i >= N) return 0;` (or"
          + " `i &= N - 1`).";
      case POINTER_ARITH -> "only add or subtract bounded numbers to a pointer (64-bit),"
          + " never combine two pointers or apply other operators" + where + ".";
      case POINTER_LEAK -> "do not store, compare or return a pointer" + where + ": programs"
          + " loaded without CAP_BPF/CAP_PERFMON may not leak kernel addresses (load as root"
          + " to allow it).";
      case HELPER_NOT_ALLOWED -> r.getMessage().contains("not known to bpf4j's verifier")
          || r.getMessage().startsWith("calling kernel functions")
          ? "bpf4j's verifier does not model this call yet, although the kernel may allow it:"
              + " run it in the kernel (`prog run --backend kernel`), or unverified in"
              + " the checked interpreter (`prog run --engine checked --no-verify`), which"
              + " tests every memory access."
          : "this helper is not available to " + in.type().kernelName()
          + " programs" + (in.privileged() ? "" : " loaded without privileges")
          + ": use a helper this program type allows, or another program type.";
      case PACKET_TO_HELPER -> "this helper may not read the packet in place" + where
          + ": copy the bytes to the stack first (bpf_xdp_load_bytes / bpf_skb_load_bytes, or"
          + " a bounds-checked __builtin_memcpy) and pass the stack copy.";
      case HELPER_ARG -> "pass the helper what its prototype asks" + where + ": "
          + r.getMessage() + ".";
      case REFERENCE_LEAK -> "submit or discard the ring buffer reservation on every path"
          + " (add `bpf_ringbuf_discard(p, 0);` before the early returns) and never use it"
          + " after releasing it.";
      case LOCK -> "take and release a bpf_spin_lock in the same function on every path, call"
          + " nothing while holding it, and unlock before returning" + where + ".";
      case RETURN_VALUE -> "return a value in the range this program type allows" + where
          + " (0 or 1 for cgroup programs and callbacks).";
      case TOO_COMPLEX -> "the verifier would walk more than 1,000,000 instructions: bound"
          + " loops with a small constant, or move long iterations into bpf_loop().";
      case INFINITE_LOOP -> "this loop" + where + " never changes its state, so it never ends:"
          + " make the loop variable move toward its bound on every iteration.";
      case BACK_EDGE -> "programs loaded without privileges may not loop: unroll the loop"
          + where + " (#pragma unroll) or load as root.";
      case UNREACHABLE -> "remove the dead code at insn " + r.slot + ": every instruction must"
          + " be reachable.";
      case FALLS_THROUGH -> "end every function with `exit` (or a jump): the last"
          + " instruction falls off the end.";
      case BAD_JUMP -> "every jump and call must land on an instruction of the same"
          + " function, never past the end or inside an lddw.";
      case BAD_INSN -> "this is not a valid instruction for the kernel: " + r.getMessage() + ".";
      case CALL_DEPTH -> "nest bpf-to-bpf calls at most 8 deep (mark small functions"
          + " __always_inline).";
      case STACK_LIMIT -> "the frames of this call chain use more than 512 bytes of stack: move"
          + " large buffers into a per-CPU array map.";
      case BAD_MAP -> "the lddw" + where + " names a map the program was not given.";
      case READ_ONLY -> "this program type may not write here" + where + ": copy the data to"
          + " the stack or a map and change it there.";
      case DYNPTR -> "treat the struct bpf_dynptr" + where + " as opaque: only"
          + " bpf_dynptr_from_mem or bpf_ringbuf_reserve_dynptr make one and only the dynptr"
          + " helpers use it; never read, copy or overwrite its 16 bytes, and submit or discard"
          + " a ring buffer dynptr exactly once on every path (even when the reserve failed).";
      case KERNEL_STRUCT -> "read a kernel struct" + where + " member by member, through the"
          + " pointer at a constant offset: each load inside one member (a part of a number or"
          + " of a char array is fine), a pointer member as a whole 8-byte load at its offset;"
          + " kernel structs may only be read.";
      case BAD_REG -> "r10 (the frame pointer) is read-only, and spills/fills of pointers must"
          + " be whole 8-byte slots" + where + ".";
    };
  }

  private static String ctxName(VerifierInput in) {
    return "struct " + ContextLayouts.of(in.type(), in.privileged()).structName();
  }
}
