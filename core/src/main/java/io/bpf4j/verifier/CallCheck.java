package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.MapType;
import io.bpf4j.uapi.ProgType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Calls and returns ({@code check_helper_call}, {@code check_func_call},
 * {@code prepare_func_exit}, {@code check_return_code}): helper availability and arguments,
 * typed return values, acquired references, spin locks, bpf-to-bpf frames and callbacks.
 */
final class CallCheck {
  private CallCheck() {}

  static int call(Checker env, VState s, Insn in, int pc) throws Reject {
    if (in.isLocalCall()) {
      return localCall(env, s, in, pc);
    }
    if (in.src() == CALL_KFUNC) {
      throw new Reject(pc, Problem.HELPER_NOT_ALLOWED, -1,
          "calling kernel functions is not supported (no kernel BTF here)");
    }
    int id = in.imm32();
    HelperProto p = HelperProtos.of(id, env.type);
    String name = HelperId.name(id);
    if (p == null || !p.progs().allows(env.type) || (p.privileged() && !env.privileged)) {
      if (name == null) {
        throw new Reject(pc, Problem.HELPER_NOT_ALLOWED, -1, "invalid func unknown#" + id);
      }
      throw new Reject(pc, Problem.HELPER_NOT_ALLOWED, -1, (p == null ? "helper bpf_" + name
          + "#" + id + " is not known to bpf4j's verifier" : "program of this type cannot use"
          + " helper bpf_" + name + "#" + id));
    }
    if (s.lockId != 0 && !name.equals("spin_unlock")) {
      throw new Reject(pc, Problem.LOCK, -1, "function calls are not allowed while holding a lock");
    }
    if (name.equals("tail_call") && !s.refs.isEmpty()) {
      throw new Reject(pc, Problem.REFERENCE_LEAK, -1, "tail_call would lead to reference leak");
    }
    HelperArgs.Meta meta = HelperArgs.check(env, s, p, pc);
    StackFrame f = s.cur();
    if (name.equals("snprintf")) {
      HelperArgs.snprintfFormat(f, pc);
    }
    if (name.equals("dynptr_from_mem") && f.regs[1].type != RegType.PTR_TO_MAP_VALUE) {
      throw new Reject(pc, Problem.HELPER_ARG, 1, "Unsupported reg type "
          + f.regs[1].type.kernelName + " for bpf_dynptr_from_mem data");
    }
    int callbackTarget = meta.callback;
    // the callback runs in its own frame, walked as a path of its own
    if (callbackTarget >= 0) {
      // a timer's callback runs later, on its own: the kernel walks it as frame 0 of a fresh
      // state (push_async_cb), without the caller's frames, references or lock
      boolean async = name.equals("timer_set_callback");
      Reg ctxArg = f.regs[name.equals("find_vma") ? 4 : 3].copy();
      if (!async && ctxArg.type == RegType.PTR_TO_STACK) {
        // the callback runs many times and may change its context between calls: neither its
        // own walk nor the caller after the helper may trust what the frame held before
        forgetContents(s.frames.get(ctxArg.frameNo));
      }
      VState cb = async ? new VState() : s.copy();
      int frameNo = async ? 0 : s.frames.size();
      StackFrame cf = new StackFrame(frameNo, callbackTarget, pc);
      if (name.equals("find_vma")) {
        // set_find_vma_callback_state: the task, the VMA that holds the address, the context
        cf.regs[1] = f.regs[1].copy();
        cf.regs[2] = Reg.kernelStruct(io.bpf4j.btf.KernelTypes.vma(), Reg.BTF_PLAIN);
        cf.regs[3] = ctxArg;
      } else if (name.equals("user_ringbuf_drain")) {
        // set_user_ringbuf_callback_state: the sample as a read-only dynptr, then the context
        cf.regs[1] = Reg.pointer(RegType.CONST_PTR_TO_DYNPTR, 0);
        cf.regs[2] = ctxArg;
      } else if (name.equals("loop")) {
        // the index: an unknown scalar, as the kernel's set_loop_callback_state leaves it
        cf.regs[1] = Reg.unknownScalar();
        cf.regs[2] = ctxArg;
      } else if (name.equals("timer_set_callback")) {
        // set_timer_callback_state: (map, key, value) of the timer's map, run later
        MapInfo m = meta.timerMap;
        cf.regs[1] = Reg.pointer(RegType.CONST_PTR_TO_MAP, 0);
        cf.regs[1].map = m;
        cf.regs[2] = Reg.pointer(RegType.PTR_TO_MAP_KEY, 0);
        cf.regs[2].map = m;
        cf.regs[3] = Reg.pointer(RegType.PTR_TO_MAP_VALUE, 0);
        cf.regs[3].map = m;
      } else {
        MapInfo m = f.regs[1].map;
        cf.regs[1] = f.regs[1].copy();
        cf.regs[2] = Reg.pointer(RegType.PTR_TO_MAP_KEY, 0);
        cf.regs[2].map = m;
        cf.regs[3] = Reg.pointer(RegType.PTR_TO_MAP_VALUE, 0);
        cf.regs[3].map = m;
        cf.regs[4] = ctxArg;
      }
      cf.regs[FP] = Reg.pointer(RegType.PTR_TO_STACK, 0);
      cf.regs[FP].frameNo = frameNo;
      if (!async && s.frames.size() >= MAX_CALL_DEPTH) {
        throw new Reject(pc, Problem.CALL_DEPTH, -1, "the call stack of " + (s.frames.size() + 1)
            + " frames is too deep !");
      }
      cb.frames.add(cf);
      cb.insn = callbackTarget;
      cb.lastInsn = pc;
      env.push(cb);
    }
    for (int r = 1; r <= 5; r++) {
      f.regs[r].becomeNotInit();
    }
    Reg r0 = f.regs[0];
    switch (p.ret()) {
      case INTEGER -> r0.becomeUnknown();
      case VOID -> r0.becomeNotInit();
      case MAP_VALUE_OR_NULL -> {
        MapInfo m = meta.map;
        boolean nonNull = (m.type() == MapType.ARRAY || m.type() == MapType.PERCPU_ARRAY)
            && meta.constKey >= 0 && meta.constKey < m.maxEntries();
        r0.set(Reg.pointer(nonNull ? RegType.PTR_TO_MAP_VALUE : RegType.PTR_TO_MAP_VALUE_OR_NULL,
            0));
        r0.map = m;
        r0.id = env.newId();
      }
      case RINGBUF_MEM_OR_NULL -> {
        r0.set(Reg.pointer(RegType.PTR_TO_MEM_OR_NULL, 0));
        r0.memSize = (int) meta.allocSize;
        r0.id = env.newId();
        r0.refId = r0.id;
        s.refs.add(new int[] {r0.refId, pc});
      }
      case BTF_TASK -> r0.set(Reg.kernelStruct(io.bpf4j.btf.KernelTypes.task(), Reg.BTF_TRUSTED));
      case DYNPTR_MEM_OR_NULL -> {
        // NULL at run time when the range is outside the dynptr's data or the dynptr is
        // read-only
        r0.set(Reg.pointer(RegType.PTR_TO_MEM_OR_NULL, 0));
        r0.memSize = (int) meta.allocSize;
        r0.id = env.newId();
        if (meta.dynptr != null) {
          // a slice: invalid once its dynptr is destroyed or released
          r0.dynptrId = meta.dynptr.id();
          r0.refId = meta.dynptr.refId();
        }
      }
      default -> throw new IllegalStateException();
    }
    r0.origin = pc;
    if (p.changesPacket()) {
      s.forEachReg(r -> {
        if (r.type.isPacket() || r.type == RegType.PTR_TO_PACKET_END) {
          r.becomeUnknown();
        }
      });
    }
    return pc + 1;
  }

  /**
   * Makes every spilled register and known zero of {@code frame} plain written data (an
   * unknown scalar when read), as a callback that gets a pointer into it may leave it.
   */
  private static void forgetContents(StackFrame frame) {
    for (int i = 0; i < frame.spills.length; i++) {
      frame.scrubSpill(i);
    }
    for (int i = 0; i < frame.bytes.length; i++) {
      if (frame.bytes[i] == StackFrame.ZERO) {
        frame.bytes[i] = StackFrame.MISC;
      }
    }
  }

  private static int localCall(Checker env, VState s, Insn in, int pc) throws Reject {
    if (s.lockId != 0) {
      throw new Reject(pc, Problem.LOCK, -1, "function calls are not allowed while holding a lock");
    }
    if (s.frames.size() >= MAX_CALL_DEPTH) {
      throw new Reject(pc, Problem.CALL_DEPTH, -1, "the call stack of " + (s.frames.size() + 1)
          + " frames is too deep !");
    }
    int target = pc + in.imm32() + 1;
    StackFrame caller = s.cur();
    StackFrame callee = new StackFrame(s.frames.size(), target, pc);
    for (int r = 1; r <= 5; r++) {
      callee.regs[r] = caller.regs[r].copy();
    }
    callee.regs[FP] = Reg.pointer(RegType.PTR_TO_STACK, 0);
    callee.regs[FP].frameNo = s.frames.size();
    s.frames.add(callee);
    checkCombinedStack(env, s, pc);
    return target;
  }

  /** The frames of the current chain must fit in 512 bytes ({@code check_max_stack_depth}). */
  static void checkCombinedStack(Checker env, VState s, int pc) throws Reject {
    int total = 0;
    for (StackFrame f : s.frames) {
      int depth = env.maxStack[env.cfg.subprogOf(f.subprogStart)];
      total += Math.max(32, (depth + 31) / 32 * 32);
    }
    if (total > StackFrame.SIZE) {
      throw new Reject(pc, Problem.STACK_LIMIT, -1, "combined stack size of " + s.frames.size()
          + " calls is " + total + ". Too large");
    }
  }

  /** {@code check_return_code}: recvmsg, getpeername and getsockname hooks return 1. */
  private static final Set<io.bpf4j.uapi.AttachType> MUST_RETURN_1 = EnumSet.of(
      io.bpf4j.uapi.AttachType.CGROUP_UDP4_RECVMSG, io.bpf4j.uapi.AttachType.CGROUP_UDP6_RECVMSG,
      io.bpf4j.uapi.AttachType.CGROUP_UNIX_RECVMSG,
      io.bpf4j.uapi.AttachType.CGROUP_INET4_GETPEERNAME,
      io.bpf4j.uapi.AttachType.CGROUP_INET6_GETPEERNAME,
      io.bpf4j.uapi.AttachType.CGROUP_UNIX_GETPEERNAME,
      io.bpf4j.uapi.AttachType.CGROUP_INET4_GETSOCKNAME,
      io.bpf4j.uapi.AttachType.CGROUP_INET6_GETSOCKNAME,
      io.bpf4j.uapi.AttachType.CGROUP_UNIX_GETSOCKNAME);

  private static final Set<ProgType> RET_0_1 = EnumSet.of(ProgType.CGROUP_SKB,
      ProgType.CGROUP_SOCK, ProgType.CGROUP_DEVICE, ProgType.CGROUP_SOCK_ADDR,
      ProgType.CGROUP_SYSCTL, ProgType.CGROUP_SOCKOPT, ProgType.SOCK_OPS);

  /** At a program's exit: no spin lock held, no reference left unreleased. */
  private static void checkReleased(Checker env, VState s, int pc) throws Reject {
    if (s.lockId != 0) {
      throw new Reject(pc, Problem.LOCK, -1, "bpf_spin_unlock is missing");
    }
    if (!s.refs.isEmpty()) {
      int[] ref = s.refs.getFirst();
      boolean dynptr = env.cfg.at[ref[1]].isHelperCall()
          && env.cfg.at[ref[1]].imm32() == HelperId.RINGBUF_RESERVE_DYNPTR;
      throw new Reject(pc, dynptr ? Problem.DYNPTR : Problem.REFERENCE_LEAK, -1,
          "Unreleased reference id=" + ref[0]
          + " alloc_insn=" + ref[1]);
    }
  }

  static int exit(Checker env, VState s, int pc) throws Reject {
    StackFrame f = s.cur();
    Reg r0 = f.regs[0];
    if (r0.type == RegType.NOT_INIT && s.frames.size() == 1) {
      // a subprogram may return nothing (clang drops a static function's unused return
      // value); the caller's r0 is then uninitialised, as in the kernel's prepare_func_exit
      throw new Reject(pc, Problem.UNINIT_REG, 0, "R0 !read_ok");
    }
    checkCombinedStack(env, s, pc);
    if (s.frames.size() == 1 && f.callsite >= 0) {
      // an async callback (a timer's), walked as frame 0: it must return 0
      if (r0.type != RegType.SCALAR) {
        throw new Reject(pc, Problem.RETURN_VALUE, 0, "R0 not a scalar value: at async callback"
            + " return it is " + r0.type.kernelName);
      }
      if (r0.smin < 0 || r0.smax > 0) {
        throw new Reject(pc, Problem.RETURN_VALUE, 0, "At async callback return the register R0"
            + " has " + r0 + " should have been in [0, 0]");
      }
      checkReleased(env, s, pc);
      return -1;
    }
    if (s.frames.size() > 1) {
      StackFrame caller = s.frames.get(s.frames.size() - 2);
      boolean callback = env.cfg.at[f.callsite].isHelperCall();
      if (callback) {
        if (r0.type != RegType.SCALAR) {
          throw new Reject(pc, Problem.RETURN_VALUE, 0, "R0 not a scalar value: at callback"
              + " return it is " + (r0.type == RegType.NOT_INIT ? "never set" : r0.type.kernelName));
        }
        if (r0.smin < 0 || r0.smax > 1) {
          throw new Reject(pc, Problem.RETURN_VALUE, 0, "At callback return the register R0 has "
              + r0 + " should have been in [0, 1]");
        }
        return -1; // the caller goes on in its own path
      }
      if (r0.type == RegType.PTR_TO_STACK && r0.frameNo == f.frameNo) {
        throw new Reject(pc, Problem.POINTER_LEAK, 0, "cannot return stack pointer to the caller");
      }
      s.frames.removeLast();
      caller.regs[0].set(r0);
      for (int r = 1; r <= 5; r++) {
        caller.regs[r].becomeNotInit();
      }
      return f.callsite + 1;
    }
    checkReleased(env, s, pc);
    if (RET_0_1.contains(env.type)) {
      // the hooks that only rewrite an address must let it through: [1, 1]; the bind hooks
      // may also return 2 and 3 (BPF_RET_BIND_NO_CAP_NET_BIND_SERVICE)
      io.bpf4j.uapi.AttachType at = env.input.attach();
      boolean addr = env.type == ProgType.CGROUP_SOCK_ADDR;
      long lo = addr && MUST_RETURN_1.contains(at) ? 1 : 0;
      long hi = addr && (at == io.bpf4j.uapi.AttachType.CGROUP_INET4_BIND
          || at == io.bpf4j.uapi.AttachType.CGROUP_INET6_BIND) ? 3 : 1;
      if (r0.type != RegType.SCALAR) {
        throw new Reject(pc, Problem.RETURN_VALUE, 0, "At program exit the register R0 is not a"
            + " known value (" + r0.type.kernelName + ")");
      }
      if (r0.smin < lo || r0.smax > hi) {
        throw new Reject(pc, Problem.RETURN_VALUE, 0, "At program exit the register R0 has "
            + r0 + " should have been in [" + lo + ", " + hi + "]");
      }
    } else if (r0.type != RegType.SCALAR && !env.privileged) {
      throw new Reject(pc, Problem.POINTER_LEAK, 0, "R0 leaks addr as return value");
    }
    return -1;
  }
}
