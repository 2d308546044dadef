package io.bpf4j.btf;

import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;

/**
 * Finds the attach target of a BTF-typed program in the kernel's BTF, as libbpf's {@code
 * libbpf_find_attach_btf_id} does before the load, and checks its shape as the kernel's
 * {@code bpf_check_attach_target} does:
 *
 * <ul>
 *   <li>{@code tp_btf/NAME}: the typedef {@code btf_trace_NAME}, a pointer to a {@code
 *       FUNC_PROTO} whose first parameter is the tracepoint's {@code void *__data};
 *   <li>{@code fentry/NAME}, {@code fexit/NAME}, {@code fmod_ret/NAME} (and their {@code .s}
 *       forms): the {@code FUNC} {@code NAME};
 *   <li>{@code lsm/NAME}, {@code lsm.s/NAME}, {@code lsm_cgroup/NAME}: the {@code FUNC} {@code
 *       bpf_lsm_NAME};
 *   <li>{@code iter/NAME}, {@code iter.s/NAME}: the {@code FUNC} {@code bpf_iter_NAME}.
 * </ul>
 *
 * Only the kernel's own BTF ({@code vmlinux}) is searched, not modules'.
 */
public final class AttachTargets {
  private AttachTargets() {}

  /** True when a program of this type and attach type needs a target in the kernel's BTF. */
  public static boolean needsTarget(ProgType type, AttachType attach) {
    if (attach == null) {
      return false;
    }
    return switch (type) {
      case TRACING -> attach == AttachType.TRACE_RAW_TP || attach == AttachType.TRACE_FENTRY
          || attach == AttachType.TRACE_FEXIT || attach == AttachType.MODIFY_RETURN
          || attach == AttachType.TRACE_ITER;
      case LSM -> attach == AttachType.LSM_MAC || attach == AttachType.LSM_CGROUP;
      default -> false;
    };
  }

  /**
   * The target of program {@code program} of section {@code section} (type {@code type},
   * expected attach type {@code attach}, the section's part after the prefix {@code target}),
   * or null when its kind of program has none.
   *
   * @throws AttachTargetException when the target is missing from {@code btf} or not of the
   *     shape the kernel wants
   */
  public static AttachTarget resolve(Btf btf, String program, String section, ProgType type,
      AttachType attach, String target) throws AttachTargetException {
    if (!needsTarget(type, attach)) {
      return null;
    }
    String where = "program '" + program + "' (" + section + "): ";
    String what = switch (attach) {
      case TRACE_RAW_TP -> "tracepoint";
      case TRACE_ITER -> "iterator";
      case LSM_MAC, LSM_CGROUP -> "LSM hook";
      default -> "function";
    };
    if (target == null || target.isEmpty()) {
      throw new AttachTargetException(where + "no " + what + " named: the section must be "
          + section + "/NAME");
    }
    if (btf == null) {
      throw new AttachTargetException(where + "no kernel BTF here (/sys/kernel/btf/vmlinux) to"
          + " find " + what + " '" + target + "' in");
    }
    if (attach == AttachType.TRACE_RAW_TP) {
      String typedef = "btf_trace_" + target;
      int id = btf.find(BtfKind.TYPEDEF, typedef);
      if (id < 0) {
        throw new AttachTargetException(where + "no tracepoint '" + target
            + "' in the kernel's BTF (no typedef " + typedef + ")");
      }
      int ptr = ((BtfType.Typedef) btf.type(id)).type();
      int proto = btf.type(ptr) instanceof BtfType.Ptr p ? p.type() : -1;
      if (proto < 0 || !(btf.type(proto) instanceof BtfType.FuncProto fp)
          || fp.params().isEmpty()) {
        throw new AttachTargetException(where + typedef
            + " is not a pointer to a function prototype with a 'void *__data' first argument");
      }
      return new AttachTarget(btf, id, target, attach, proto, true);
    }
    String func = switch (attach) {
      case TRACE_ITER -> "bpf_iter_" + target;
      case LSM_MAC, LSM_CGROUP -> "bpf_lsm_" + target;
      default -> target;
    };
    int id = btf.find(BtfKind.FUNC, func);
    if (id < 0) {
      throw new AttachTargetException(where + "no " + what + " '" + target
          + "' in the kernel's BTF" + (func.equals(target) ? "" : " (no function " + func + ")"));
    }
    int proto = ((BtfType.Func) btf.type(id)).type();
    if (!(btf.type(proto) instanceof BtfType.FuncProto)) {
      throw new AttachTargetException(where + func + " has no function prototype");
    }
    return new AttachTarget(btf, id, func, attach, proto, false);
  }

  /** {@link #resolve} against the running kernel's BTF ({@link KernelTypes#vmlinux()}). */
  public static AttachTarget resolve(String program, String section, ProgType type,
      AttachType attach, String target) throws AttachTargetException {
    return resolve(KernelTypes.vmlinux().orElse(null), program, section, type, attach, target);
  }
}
