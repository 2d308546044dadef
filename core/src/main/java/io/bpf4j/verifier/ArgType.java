package io.bpf4j.verifier;

/** The kind of value a helper argument must be ({@code enum bpf_arg_type} of the kernel). */
enum ArgType {
  /** {@code ARG_DONTCARE}: not used. */
  NONE,
  /** {@code ARG_ANYTHING}: any initialised value. */
  ANYTHING,
  /** {@code ARG_CONST_MAP_PTR}: a map from {@code lddw}. */
  CONST_MAP_PTR,
  /** {@code ARG_PTR_TO_MAP_KEY}: key_size readable bytes. */
  PTR_TO_MAP_KEY,
  /** {@code ARG_PTR_TO_MAP_VALUE}: value_size readable bytes. */
  PTR_TO_MAP_VALUE,
  /** {@code ARG_PTR_TO_MAP_VALUE | MEM_UNINIT}: value_size writable bytes. */
  PTR_TO_UNINIT_MAP_VALUE,
  /** {@code ARG_PTR_TO_MEM | MEM_RDONLY}: readable memory, its size in the next argument. */
  PTR_TO_MEM,
  /** {@code ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY}: as PTR_TO_MEM, or NULL. */
  PTR_TO_MEM_OR_NULL,
  /** {@code ARG_PTR_TO_UNINIT_MEM}: memory the helper writes, its size in the next argument. */
  PTR_TO_UNINIT_MEM,
  /** {@code ARG_PTR_TO_UNINIT_MEM | PTR_MAYBE_NULL}. */
  PTR_TO_UNINIT_MEM_OR_NULL,
  /** {@code ARG_CONST_SIZE}: size of the previous argument, &gt; 0 and bounded. */
  CONST_SIZE,
  /** {@code ARG_CONST_SIZE_OR_ZERO}: size of the previous argument, may be 0. */
  CONST_SIZE_OR_ZERO,
  /** {@code ARG_CONST_ALLOC_SIZE_OR_ZERO}: size of the memory returned (ringbuf reserve). */
  CONST_ALLOC_SIZE_OR_ZERO,
  /** {@code ARG_PTR_TO_CTX}: the context, unmodified. */
  PTR_TO_CTX,
  /** {@code ARG_PTR_TO_STACK | PTR_MAYBE_NULL}: a stack pointer or NULL (callback context). */
  PTR_TO_STACK_OR_NULL,
  /** {@code ARG_PTR_TO_FUNC}: a subprogram (callback). */
  PTR_TO_FUNC,
  /** {@code ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE}: a ring buffer reservation, released. */
  PTR_TO_ALLOC_MEM,
  /** {@code ARG_PTR_TO_SPIN_LOCK}: the {@code bpf_spin_lock} in a map value. */
  PTR_TO_SPIN_LOCK,
  /** {@code ARG_PTR_TO_TIMER}: the {@code bpf_timer} in a map value. */
  PTR_TO_TIMER,
  /**
   * {@code ARG_PTR_TO_DYNPTR | MEM_RDONLY}: an initialised dynptr, which the helper reads but
   * does not change.
   */
  PTR_TO_DYNPTR,
  /**
   * {@code ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_LOCAL | MEM_UNINIT}: 16 bytes of stack where the
   * helper makes a local dynptr ({@code bpf_dynptr_from_mem}).
   */
  DYNPTR_UNINIT_LOCAL,
  /**
   * {@code ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | MEM_UNINIT}: 16 bytes of stack where the
   * helper makes a ring buffer dynptr, a reference ({@code bpf_ringbuf_reserve_dynptr}).
   */
  DYNPTR_UNINIT_RINGBUF,
  /**
   * {@code ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE}: a ring buffer dynptr the
   * helper releases ({@code bpf_ringbuf_submit_dynptr}, {@code bpf_ringbuf_discard_dynptr}).
   */
  DYNPTR_RELEASE_RINGBUF,
  /** {@code ARG_PTR_TO_BTF_ID} of {@code struct task_struct}, trusted ({@code bpf_find_vma}). */
  PTR_TO_BTF_TASK,
  /** {@code ARG_PTR_TO_CONST_STR}: a NUL-terminated string in a read-only map. */
  PTR_TO_CONST_STR
}
