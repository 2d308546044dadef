package io.bpf4j.verifier;

/** What a helper returns ({@code enum bpf_return_type} of the kernel). */
enum RetType {
  /** {@code RET_INTEGER}. */
  INTEGER,
  /** {@code RET_VOID}: r0 is not readable after the call. */
  VOID,
  /** {@code RET_PTR_TO_MAP_VALUE_OR_NULL}. */
  MAP_VALUE_OR_NULL,
  /** {@code RET_PTR_TO_RINGBUF_MEM_OR_NULL}: memory of the size in the size argument. */
  RINGBUF_MEM_OR_NULL,
  /**
   * {@code RET_PTR_TO_DYNPTR_MEM_OR_NULL}: memory inside a dynptr's data, of the size in the
   * size argument, or NULL.
   */
  DYNPTR_MEM_OR_NULL,
  /** {@code RET_PTR_TO_BTF_ID_TRUSTED} of {@code struct task_struct}. */
  BTF_TASK
}
