package io.bpf4j.vm.jit;

import static java.lang.constant.ConstantDescs.*;

import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;

/** Symbolic descriptors of the types and methods the generated code refers to. */
final class Descs {
  private Descs() {}

  static final ClassDesc CD_PROGRAM = ClassDesc.of("io.bpf4j.vm.jit.JitProgram");
  static final ClassDesc CD_STATE = ClassDesc.of("io.bpf4j.vm.jit.JitState");
  static final ClassDesc CD_RUNTIME = ClassDesc.of("io.bpf4j.vm.jit.JitRuntime");
  static final ClassDesc CD_ATOMIC = ClassDesc.of("io.bpf4j.vm.jit.AtomicAccess");
  static final ClassDesc CD_RUN_STATE = ClassDesc.of("io.bpf4j.vm.RunState");
  static final ClassDesc CD_HELPER = ClassDesc.of("io.bpf4j.vm.Helper");
  static final ClassDesc CD_HELPER_TABLE = ClassDesc.of("io.bpf4j.vm.HelperTable");
  static final ClassDesc CD_MEMORY = ClassDesc.of("io.bpf4j.vm.Memory");
  static final ClassDesc CD_EXEC_EXCEPTION = ClassDesc.of("io.bpf4j.vm.ExecutionException");
  static final ClassDesc CD_SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
  static final ClassDesc CD_OF_BYTE = ClassDesc.of("java.lang.foreign.ValueLayout$OfByte");
  static final ClassDesc CD_OF_SHORT = ClassDesc.of("java.lang.foreign.ValueLayout$OfShort");
  static final ClassDesc CD_OF_INT = ClassDesc.of("java.lang.foreign.ValueLayout$OfInt");
  static final ClassDesc CD_OF_LONG = ClassDesc.of("java.lang.foreign.ValueLayout$OfLong");
  static final ClassDesc CD_IllegalStateException = ClassDesc.of("java.lang.IllegalStateException");
  static final ClassDesc CD_LONG_ARRAY = CD_long.arrayType();

  /** A bpf-to-bpf function: {@code (state, r1..r5, r10) -> r0}. */
  static final MethodTypeDesc MT_FUNCTION =
      MethodTypeDesc.of(CD_long, CD_STATE, CD_long, CD_long, CD_long, CD_long, CD_long, CD_long);
  /** A region of a split function: {@code (state, entry instruction) -> next or -1}. */
  static final MethodTypeDesc MT_REGION = MethodTypeDesc.of(CD_long, CD_STATE, CD_int);
  /** A dispatcher of a group of regions: {@code (state, next) -> next or -1}. */
  static final MethodTypeDesc MT_DISPATCH = MethodTypeDesc.of(CD_long, CD_STATE, CD_long);
  static final MethodTypeDesc MT_HELPER_CALL =
      MethodTypeDesc.of(CD_long, CD_RUN_STATE, CD_long, CD_long, CD_long, CD_long, CD_long);

  /** Element {@code index} of the hidden class's class data, a {@code List}. */
  static DynamicConstantDesc<Object> classData(int index, ClassDesc type) {
    return DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, type, index);
  }
}
