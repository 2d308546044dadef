package io.bpf4j.btf;

import io.bpf4j.uapi.AttachType;
import java.util.List;

/**
 * The kernel function or tracepoint a BTF-typed program attaches to, found in the kernel's
 * BTF as libbpf finds it ({@link AttachTargets#resolve}): its BTF id, which the kernel takes
 * as {@code attach_btf_id}, and the prototype whose arguments make the program's context.
 *
 * @param btf the BTF the ids refer to (the running kernel's)
 * @param btfId the {@code attach_btf_id}: the typedef {@code btf_trace_NAME} of a {@code
 *     tp_btf} program, else the {@code FUNC}
 * @param name the name the kernel's messages use ({@code attach_func_name}): the tracepoint's
 *     name for {@code tp_btf} ({@code sched_switch}), else the function's ({@code
 *     bpf_lsm_file_open}, {@code bpf_iter_task}, {@code do_unlinkat})
 * @param attach the expected attach type ({@code BPF_TRACE_RAW_TP}, {@code BPF_TRACE_FENTRY},
 *     ...)
 * @param proto the {@code FUNC_PROTO}'s id
 * @param traceTypedef true for a tracepoint ({@code tp_btf}): the prototype's first parameter
 *     is the tracepoint's {@code void *__data}, which the program does not see
 */
public record AttachTarget(Btf btf, int btfId, String name, AttachType attach, int proto,
    boolean traceTypedef) {

  /** The prototype. */
  public BtfType.FuncProto funcProto() {
    return (BtfType.FuncProto) btf.type(proto);
  }

  /** The arguments the program sees, in order ({@code __data} of a tracepoint left out). */
  public List<BtfType.Param> args() {
    List<BtfType.Param> p = funcProto().params();
    return traceTypedef && !p.isEmpty() ? p.subList(1, p.size()) : p;
  }

  /** The return type's id (0 for void). */
  public int returnType() {
    return funcProto().returnType();
  }
}
