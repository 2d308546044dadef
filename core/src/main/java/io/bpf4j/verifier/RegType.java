package io.bpf4j.verifier;

/** What a register holds, as the kernel's {@code enum bpf_reg_type} names it. */
enum RegType {
  /** {@code NOT_INIT}: never written on this path. */
  NOT_INIT("!"),
  /** {@code SCALAR_VALUE}: a number, with tnum and bounds. */
  SCALAR("scalar"),
  /** {@code PTR_TO_CTX}: the program's context. */
  PTR_TO_CTX("ctx"),
  /** {@code CONST_PTR_TO_MAP}: a map, as {@code lddw rX, map} gives it. */
  CONST_PTR_TO_MAP("map_ptr"),
  /** {@code PTR_TO_MAP_VALUE}: inside one map value. */
  PTR_TO_MAP_VALUE("map_value"),
  /** {@code PTR_TO_MAP_VALUE | PTR_MAYBE_NULL}: a lookup's result before its NULL check. */
  PTR_TO_MAP_VALUE_OR_NULL("map_value_or_null"),
  /** {@code PTR_TO_MAP_KEY}: a key given to a callback. */
  PTR_TO_MAP_KEY("map_key"),
  /** {@code PTR_TO_STACK}: into a stack frame. */
  PTR_TO_STACK("fp"),
  /** {@code PTR_TO_PACKET}: packet data from {@code data}. */
  PTR_TO_PACKET("pkt"),
  /** {@code PTR_TO_PACKET_META}: packet metadata from {@code data_meta}. */
  PTR_TO_PACKET_META("pkt_meta"),
  /** {@code PTR_TO_PACKET_END}: one past the packet's last byte; only for comparisons. */
  PTR_TO_PACKET_END("pkt_end"),
  /** {@code PTR_TO_MEM}: memory of a known size (a ring buffer reservation). */
  PTR_TO_MEM("mem"),
  /** {@code PTR_TO_MEM | PTR_MAYBE_NULL}: {@code bpf_ringbuf_reserve}'s result. */
  PTR_TO_MEM_OR_NULL("mem_or_null"),
  /** {@code PTR_TO_FUNC}: a subprogram, for callbacks. */
  PTR_TO_FUNC("func"),
  /**
   * {@code PTR_TO_DYNPTR | CONST_PTR_TO_DYNPTR}: a dynptr a helper hands to a callback
   * ({@code bpf_user_ringbuf_drain}'s sample); only dynptr helpers may use it.
   */
  CONST_PTR_TO_DYNPTR("dynptr_ptr"),
  /**
   * {@code PTR_TO_BTF_ID}: a kernel struct the JVM backend lays out
   * ({@link io.bpf4j.btf.KernelTypes}): {@code bpf_get_current_task_btf}'s task (trusted),
   * {@code bpf_find_vma}'s VMA. Read only, at constant offsets inside the struct.
   */
  PTR_TO_BTF_ID("ptr_"),
  /**
   * {@code PTR_TO_BTF_ID | PTR_MAYBE_NULL}: a tracing program's argument the kernel marks as
   * possibly NULL (its {@code raw_tp_null_args}, an iterator's object); usable after a NULL
   * check.
   */
  PTR_TO_BTF_ID_OR_NULL("ptr_or_null_"),
  /**
   * {@code PTR_TO_MEM | MEM_RDONLY | PTR_UNTRUSTED}: a kernel struct's pointer member to
   * something that is not a struct ({@code task->stack}); read at any offset, as probe loads.
   */
  PTR_TO_UNTRUSTED_MEM("rdonly_untrusted_mem"),
  /** {@code PTR_TO_FLOW_KEYS} and other typed context-derived pointers read only as a whole. */
  PTR_TO_SOCK_COMMON("sock_common"),
  /** {@code PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL}: {@code __sk_buff}'s {@code sk}. */
  PTR_TO_SOCK_COMMON_OR_NULL("sock_common_or_null"),
  /** {@code PTR_TO_SOCKET}. */
  PTR_TO_SOCKET("sock"),
  /** {@code PTR_TO_SOCKET | PTR_MAYBE_NULL}. */
  PTR_TO_SOCKET_OR_NULL("sock_or_null");

  final String kernelName;

  RegType(String kernelName) {
    this.kernelName = kernelName;
  }

  boolean isPointer() {
    return this != NOT_INIT && this != SCALAR;
  }

  boolean isPacket() {
    return this == PTR_TO_PACKET || this == PTR_TO_PACKET_META;
  }

  boolean maybeNull() {
    return this == PTR_TO_MAP_VALUE_OR_NULL || this == PTR_TO_MEM_OR_NULL
        || this == PTR_TO_SOCKET_OR_NULL || this == PTR_TO_SOCK_COMMON_OR_NULL
        || this == PTR_TO_BTF_ID_OR_NULL;
  }

  /** The type after a successful NULL check. */
  RegType nonNull() {
    return switch (this) {
      case PTR_TO_MAP_VALUE_OR_NULL -> PTR_TO_MAP_VALUE;
      case PTR_TO_MEM_OR_NULL -> PTR_TO_MEM;
      case PTR_TO_SOCKET_OR_NULL -> PTR_TO_SOCKET;
      case PTR_TO_SOCK_COMMON_OR_NULL -> PTR_TO_SOCK_COMMON;
      case PTR_TO_BTF_ID_OR_NULL -> PTR_TO_BTF_ID;
      default -> this;
    };
  }
}
