package io.bpf4j.verifier;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.KernelTypes;

/**
 * What a load of {@code size} bytes at offset {@code off} of a kernel struct reads, by the
 * running kernel's BTF: the kernel's {@code btf_struct_access} and {@code btf_struct_walk}
 * (kernel/bpf/btf.c). The offset is looked up member by member, into nested structs, unions
 * and arrays; it must fall on a member and stay inside it ({@code access beyond the end of
 * member pid (mend:1268) in struct task_struct with off 1264 size 8}); a pointer member must
 * be read whole, as 8 bytes at its offset. A pointer to a struct gives a pointer to that struct
 * ({@code PTR_TO_BTF_ID}), a pointer to anything else read-only untrusted memory, everything
 * else a number.
 */
final class BtfWalk {
  private BtfWalk() {}

  /** What the load gives. */
  enum Kind { SCALAR, STRUCT_PTR, UNTRUSTED_MEM }

  /**
   * The outcome of a walk.
   *
   * @param kind what the loaded register holds
   * @param target for {@link Kind#STRUCT_PTR}: the struct pointed to
   * @param field the pointer member's name (for the kernel's lists of trusted members)
   * @param viaUnion the walk went through a union of more than one member or into a flexible
   *     array past the struct's end (the kernel then marks the pointer untrusted)
   */
  record Result(Kind kind, KernelTypes.StructLayout target, String field, boolean viaUnion) {}

  /** A refused access: the kernel's message. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The load of {@code size} bytes at {@code off} (>= 0) of the struct with BTF id {@code id}
   * of {@code btf}.
   */
  static Result access(Btf btf, int id, int off, int size) throws Refused {
    boolean viaUnion = false;
    BtfType t = btf.type(btf.resolve(id));
    for (int depth = 0; depth < 64; depth++) {
      String tname = name(t);
      if (!(t instanceof BtfType.Composite c)) {
        throw new Refused("Type '" + tname + "' is not a struct");
      }
      if (c instanceof BtfType.Union && c.members().size() != 1) {
        viaUnion = true;
      }
      if ((long) off + size > c.size()) {
        // a flexible array at the end may be read past the struct's size
        BtfType.Member last = c.members().isEmpty() ? null : c.members().getLast();
        BtfType lt = last == null ? null : btf.type(btf.resolve(last.type()));
        if (lt instanceof BtfType.Array a && a.nelems() == 0 && off >= last.bitOffset() / 8) {
          BtfType elem = btf.type(btf.resolve(a.type()));
          if (elem instanceof BtfType.Int) {
            return new Result(Kind.SCALAR, null, null, viaUnion);
          }
          if (elem instanceof BtfType.Struct es && es.size() > 0) {
            off = (off - last.bitOffset() / 8) % es.size();
            t = es;
            // Linux 6.18 walks the elements as untrusted, as through a union: a read may
            // overrun a member (xlog_in_core's ic_bvec[]: 8 bytes at a bio_vec's bv_len),
            // pointer members give untrusted pointers (TracingContextAgreementTest)
            viaUnion = true;
            continue;
          }
        }
        throw new Refused("access beyond struct " + tname + " at off " + off + " size " + size);
      }
      BtfType next = null;
      int nextOff = 0;
      Result found = null;
      for (BtfType.Member m : c.members()) {
        int moff = m.bitOffset() / 8;
        if (off + size <= moff) {
          break;
        }
        if (m.bitfieldSize() != 0) {
          int endBit = m.bitOffset() + m.bitfieldSize();
          if (off <= moff && (endBit + 7) / 8 <= off + size) {
            return new Result(Kind.SCALAR, null, null, viaUnion);
          }
          continue;
        }
        if (off < moff) {
          break; // a hole
        }
        int mid = m.type();
        // the member's size, arrays flattened to their element
        int elemId = mid;
        long total = 1;
        for (int k = 0; k < 16; k++) {
          BtfType et = btf.type(btf.resolve(elemId));
          if (!(et instanceof BtfType.Array a)) {
            break;
          }
          total *= a.nelems();
          elemId = a.type();
        }
        long elemSize = btf.sizeOf(elemId);
        long msize = elemSize * total;
        BtfType mtype = btf.type(btf.resolve(mid));
        if (!(mtype instanceof BtfType.Array) && msize == 0 && !(mtype instanceof BtfType.Composite)) {
          throw new Refused("field " + m.name() + " doesn't have size");
        }
        long mtrueEnd = moff + msize;
        if (off >= mtrueEnd) {
          continue;
        }
        long moffE = moff;
        if (mtype instanceof BtfType.Array) {
          if (msize == 0) {
            continue;
          }
          long idx = (off - moff) / elemSize;
          moffE = moff + idx * elemSize;
          mid = elemId;
          mtype = btf.type(btf.resolve(elemId));
          msize = elemSize;
        }
        if (mtype instanceof BtfType.Composite) {
          if (off == moffE) {
            // the member's start: the walk goes on inside it at offset 0
            next = mtype;
            nextOff = 0;
          } else {
            next = mtype;
            nextOff = (int) (off - moffE);
          }
          break;
        }
        if (mtype instanceof BtfType.Ptr p) {
          if (msize != size || off != moffE) {
            throw new Refused("cannot access ptr member " + m.name() + " with moff " + moffE
                + " in struct " + tname + " with off " + off + " size " + size);
          }
          int sid = btf.resolve(p.type());
          BtfType st = btf.type(sid);
          if (st instanceof BtfType.Composite) {
            KernelTypes.StructLayout target = KernelTypes.byId(sid);
            if (target == null) {
              throw new Refused("struct " + name(st) + " is not in the kernel's BTF here");
            }
            found = new Result(Kind.STRUCT_PTR, target, m.name(), viaUnion);
          } else {
            found = new Result(Kind.UNTRUSTED_MEM, null, m.name(), viaUnion);
          }
          break;
        }
        if (off + size > mtrueEnd && !viaUnion) {
          throw new Refused("access beyond the end of member " + m.name() + " (mend:" + mtrueEnd
              + ") in struct " + tname + " with off " + off + " size " + size);
        }
        return new Result(Kind.SCALAR, null, null, viaUnion);
      }
      if (found != null) {
        return found;
      }
      if (next == null) {
        throw new Refused("struct " + tname + " doesn't have field at offset " + off);
      }
      t = next;
      off = nextOff;
    }
    throw new Refused("struct " + name(t) + " is nested too deeply");
  }

  /**
   * True when member {@code field} of {@code struct}, a pointer to the struct with id {@code
   * target}, is listed in the kernel's BTF as {@code <struct><suffix>} (the verifier's {@code
   * BTF_TYPE_SAFE_RCU(struct task_struct) { ... real_parent; ... }}, which vmlinux carries as
   * a struct named {@code task_struct__safe_rcu}): the kernel's {@code
   * btf_nested_type_is_trusted}.
   */
  static boolean listed(Btf btf, KernelTypes.StructLayout struct, String field, int target,
      String suffix) {
    if (struct.btfId() < 0 || field == null) {
      return false;
    }
    int safe = btf.find(BtfKind.STRUCT, struct.name() + suffix);
    if (safe < 0 || !(btf.type(safe) instanceof BtfType.Struct s)) {
      return false;
    }
    for (BtfType.Member m : s.members()) {
      if (btf.type(m.type()) instanceof BtfType.Ptr p && field.equals(m.name())
          && btf.resolve(p.type()) == target) {
        return true;
      }
    }
    return false;
  }

  private static String name(BtfType t) {
    String n = switch (t) {
      case BtfType.Struct s -> s.name();
      case BtfType.Union u -> u.name();
      case BtfType.Int i -> i.name();
      case BtfType.Typedef td -> td.name();
      default -> null;
    };
    return n == null || n.isEmpty() ? "(anon)" : n;
  }
}
