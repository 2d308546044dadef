package io.bpf4j.verifier;

/** Register states in the kernel log's notation: {@code scalar(smin=0,smax=255)}, {@code fp-8}. */
final class RegFormat {
  private RegFormat() {}

  static String format(Reg r) {
    StringBuilder sb = new StringBuilder();
    switch (r.type) {
      case NOT_INIT -> {
        return "!";
      }
      case SCALAR -> {
        if (r.isConst()) {
          return Long.toString(r.constValue());
        }
        sb.append("scalar(");
        scalarBody(r, sb);
        return sb.append(')').toString();
      }
      case PTR_TO_STACK -> {
        sb.append("fp").append(r.off >= 0 ? "+" : "").append(r.off);
        if (!r.var.isConst() || r.var.value() != 0) {
          sb.append("(var_off=").append(r.var).append(')');
        }
        return sb.toString();
      }
      default -> {
        if (r.type == RegType.PTR_TO_BTF_ID || r.type == RegType.PTR_TO_BTF_ID_OR_NULL) {
          sb.append(r.btfTypeName()).append(r.btf.name()).append('(');
        } else {
          sb.append(r.type.kernelName).append('(');
        }
        String sep = "";
        if (r.id != 0) {
          sb.append("id=").append(r.id);
          sep = ",";
        }
        if (r.refId != 0) {
          sb.append(sep).append("ref_obj_id=").append(r.refId);
          sep = ",";
        }
        if (r.map != null) {
          sb.append(sep).append("map=").append(r.map.name()).append(",ks=")
              .append(r.map.keySize()).append(",vs=").append(r.map.valueSize());
          sep = ",";
        }
        if (r.off != 0) {
          sb.append(sep).append("off=").append(r.off);
          sep = ",";
        }
        if (r.type.isPacket()) {
          sb.append(sep).append("r=").append(r.range);
          sep = ",";
        }
        if (r.type == RegType.PTR_TO_MEM || r.type == RegType.PTR_TO_MEM_OR_NULL
            || r.type == RegType.PTR_TO_UNTRUSTED_MEM) {
          sb.append(sep).append("sz=").append(r.memSize);
          sep = ",";
        }
        if (!r.var.isConst() || r.var.value() != 0) {
          sb.append(sep);
          scalarBody(r, sb);
        }
        return sb.append(')').toString();
      }
    }
  }

  private static void scalarBody(Reg r, StringBuilder sb) {
    String sep = "";
    if (r.smin != Long.MIN_VALUE) {
      sb.append("smin=").append(r.smin);
      sep = ",";
    }
    if (r.smax != Long.MAX_VALUE) {
      sb.append(sep).append("smax=").append(r.smax);
      sep = ",";
    }
    if (r.umin != 0) {
      sb.append(sep).append("umin=").append(Long.toUnsignedString(r.umin));
      sep = ",";
    }
    if (r.umax != -1L && r.umax != r.smax) {
      sb.append(sep).append("umax=").append(Long.toUnsignedString(r.umax));
      sep = ",";
    }
    if (r.s32min != Integer.MIN_VALUE && r.s32min != r.smin) {
      sb.append(sep).append("smin32=").append(r.s32min);
      sep = ",";
    }
    if (r.s32max != Integer.MAX_VALUE && r.s32max != r.smax) {
      sb.append(sep).append("smax32=").append(r.s32max);
      sep = ",";
    }
    if (r.u32max != Reg.U32_MAX && r.u32max != r.umax && r.u32max != r.smax) {
      sb.append(sep).append("umax32=").append(r.u32max);
      sep = ",";
    }
    if (!r.var.isUnknown()) {
      sb.append(sep).append("var_off=").append(r.var);
    }
  }
}
