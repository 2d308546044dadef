package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.Descs.*;
import static java.lang.constant.ConstantDescs.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.HelperId;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.MethodTypeDesc;

/**
 * Calls. A helper call is {@code invokeinterface Helper.call} on the helper itself, loaded as a
 * class-data constant, so HotSpot sees one constant receiver per call site and inlines it.
 * After it, {@link io.bpf4j.vm.RunState#stopped()} is tested and a stop ends the function with
 * the helper's value. A bpf-to-bpf call is {@code invokestatic} of the callee's method with
 * r10 one frame (512 bytes) higher; the callee checks the depth. {@code callx} looks the helper
 * id up at run time. {@code bpf_tail_call} is a helper like the others: it runs the target
 * and stops the run ({@code io.bpf4j.helpers}), so the stop check ends the function. Before a
 * helper that takes a callback (and before {@code callx}, which may be one) the program and r10
 * are recorded in the state, where {@link JitState#callback} finds them.
 */
final class CallEmitter {
  private CallEmitter() {}

  /** True for {@code callx} and for calls of helpers that take a callback. */
  static boolean mayCallBack(Insn in) {
    if (in.opcode() == (JMP | CALL | X)) {
      return true;
    }
    if (!in.isHelperCall()) {
      return false;
    }
    return switch ((int) in.imm()) {
      case HelperId.LOOP, HelperId.FOR_EACH_MAP_ELEM, HelperId.TIMER_SET_CALLBACK,
          HelperId.FIND_VMA, HelperId.USER_RINGBUF_DRAIN -> true;
      default -> false;
    };
  }

  /** Records the running program and frame in the state for a helper's callback. */
  private static void recordCaller(MethodEmitter m) {
    CodeBuilder cob = m.cob;
    cob.aload(MethodEmitter.STATE);
    cob.getstatic(ClassEmitter.CD_THIS, ClassEmitter.SELF, CD_PROGRAM);
    cob.putfield(CD_STATE, "cbProgram", CD_PROGRAM);
    cob.aload(MethodEmitter.STATE);
    m.load(FP);
    cob.putfield(CD_STATE, "cbFp", CD_long);
  }

  static void emit(MethodEmitter m, Insn in, int i) {
    CodeBuilder cob = m.cob;
    if (mayCallBack(in)) {
      recordCaller(m);
    }
    if (in.opcode() == (JMP | CALL | X)) {
      cob.loadConstant(classData(0, CD_HELPER_TABLE));
      cob.loadConstant(i);
      m.load(in.dst());
      cob.aload(MethodEmitter.STATE);
      args(m);
      cob.invokestatic(CD_RUNTIME, "callx", MethodTypeDesc.of(CD_long, CD_HELPER_TABLE, CD_int,
          CD_long, CD_STATE, CD_long, CD_long, CD_long, CD_long, CD_long));
      m.store(0);
      stopCheck(m, false);
    } else if (in.isLocalCall()) {
      cob.aload(MethodEmitter.STATE);
      args(m);
      m.load(FP);
      m.lconst(STACK_SIZE);
      cob.ladd();
      Layout.Fn callee = m.layout.fns[m.layout.callee[i]];
      cob.invokestatic(ClassEmitter.CD_THIS, ClassEmitter.fnName(callee), MT_FUNCTION);
      m.store(0);
      stopCheck(m, true);
    } else {
      cob.loadConstant(classData(m.cls.helperSlot((int) in.imm()), CD_HELPER));
      cob.aload(MethodEmitter.STATE);
      args(m);
      cob.invokeinterface(CD_HELPER, "call", MT_HELPER_CALL);
      m.store(0);
      stopCheck(m, false);
    }
  }

  private static void args(MethodEmitter m) {
    for (int r = 1; r <= 5; r++) {
      m.load(r);
    }
  }

  /**
   * After a call: when a helper asked to stop, the function returns the stop value. After a
   * bpf-to-bpf call ({@code callee}) a stop that ended only the callee (a tail call there,
   * {@link io.bpf4j.vm.RunState#resumeInCaller()}) lets this function go on with the callee's
   * r0.
   */
  private static void stopCheck(MethodEmitter m, boolean callee) {
    CodeBuilder cob = m.cob;
    Label cont = cob.newLabel();
    cob.aload(MethodEmitter.STATE);
    cob.invokevirtual(CD_RUN_STATE, "stopped", MethodTypeDesc.of(CD_boolean));
    cob.ifeq(cont);
    if (callee) {
      cob.aload(MethodEmitter.STATE);
      cob.invokevirtual(CD_RUN_STATE, "resumeInCaller", MethodTypeDesc.of(CD_boolean));
      cob.ifne(cont);
    }
    cob.aload(MethodEmitter.STATE);
    cob.invokevirtual(CD_RUN_STATE, "stopValue", MethodTypeDesc.of(CD_long));
    m.returnTop();
    cob.labelBinding(cont);
  }
}
