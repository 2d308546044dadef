package io.bpf4j.verifier;

/**
 * Stores to and loads from a fixed stack offset ({@code check_stack_write_fixed_off},
 * {@code check_stack_read_fixed_off}): register spills and fills, per-byte types, and the
 * privileged-only reading of stack never written.
 */
final class StackAccess {
  private StackAccess() {}

  static void write(Checker env, StackFrame f, int o, int size, Reg val, boolean isStImm, int pc)
      throws Reject {
    int k = StackFrame.SIZE + o;
    int spi = k / 8;
    boolean aligned = k % 8 == 0;
    Reg old = f.spills[spi];
    if (!env.privileged && old != null && old.type != RegType.SCALAR && size != 8) {
      throw new Reject(pc, Problem.POINTER_LEAK, -1, "attempt to corrupt spilled pointer on stack");
    }
    if (val.type != RegType.SCALAR) {
      if (size != 8) {
        throw new Reject(pc, Problem.BAD_REG, -1, "invalid size of register spill");
      }
      spill(f, spi, k, 8, val);
      return;
    }
    if (aligned && env.privileged) {
      if (size == 8) {
        spill(f, spi, k, 8, val);
      } else {
        partialSpill(f, spi, k, size, val);
      }
      return;
    }
    f.scrubSpill(spi);
    byte t = val.isNullConst() || (isStImm && val.isConst() && val.constValue() == 0)
        ? StackFrame.ZERO : StackFrame.MISC;
    for (int i = k; i < k + size; i++) {
      f.bytes[i] = t;
    }
  }

  private static void spill(StackFrame f, int spi, int k, int size, Reg val) {
    f.spills[spi] = val.copy();
    for (int i = k; i < k + size; i++) {
      f.bytes[i] = StackFrame.SPILL;
    }
  }

  private static void partialSpill(StackFrame f, int spi, int k, int size, Reg val) {
    for (int i = k; i < k + 8; i++) {
      if (f.bytes[i] == StackFrame.SPILL) {
        f.bytes[i] = StackFrame.MISC;
      }
    }
    Reg v = val.copy();
    ScalarAlu.truncate(v, size);
    if (v.umax != val.umax) {
      v.id = 0;
    }
    f.spills[spi] = v;
    for (int i = k; i < k + size; i++) {
      f.bytes[i] = StackFrame.SPILL;
    }
  }

  static Reg read(Checker env, StackFrame f, int o, int size, int pc) throws Reject {
    int k = StackFrame.SIZE + o;
    int spi = k / 8;
    int base = spi * 8;
    Reg sp = f.spills[spi];
    if (sp != null && f.bytes[k] == StackFrame.SPILL) {
      int spillSize = 0;
      while (spillSize < 8 && f.bytes[base + spillSize] == StackFrame.SPILL) {
        spillSize++;
      }
      if (size == 8 && spillSize == 8) {
        return sp.copy();
      }
      if (sp.type != RegType.SCALAR) {
        throw new Reject(pc, Problem.BAD_REG, -1, "invalid size of register fill");
      }
      if (k == base && size <= spillSize) {
        Reg r = sp.copy();
        if (size < 8 && Long.compareUnsigned(r.umax, (1L << (size * 8)) - 1) > 0) {
          r.id = 0;
        }
        return r;
      }
    }
    int zeros = 0;
    for (int i = k; i < k + size; i++) {
      byte t = f.bytes[i];
      if (t == StackFrame.ZERO) {
        zeros++;
      } else if (t == StackFrame.SPILL) {
        Reg r = f.spills[i / 8];
        if (r != null && r.isNullConst()) {
          zeros++;
        } else if (r != null && r.type != RegType.SCALAR && !env.privileged) {
          throw new Reject(pc, Problem.POINTER_LEAK, -1, "leaking pointer from stack off " + o);
        }
      } else if (t == StackFrame.DYNPTR || (t == StackFrame.INVALID && !env.privileged)) {
        // a dynptr's bytes are not data, privileged or not
        throw new Reject(pc, t == StackFrame.DYNPTR ? Problem.DYNPTR : Problem.UNINIT_STACK, -1,
            "invalid read from stack off " + o + "+" + (i - k) + " size " + size);
      }
    }
    return zeros == size ? Reg.constant(0) : Reg.unknownScalar();
  }

  /**
   * A helper's access to {@code [o, o + size)}: reads need written bytes (unless privileged),
   * writes leave plain data.
   */
  static void helperRange(Checker env, StackFrame f, long lo, long hi, boolean write, int regno,
      int pc) throws Reject {
    for (long o = lo; o < hi; o++) {
      int k = (int) (StackFrame.SIZE + o);
      if (f.bytes[k] == StackFrame.DYNPTR) {
        // check_stack_range_initialized: a helper neither writes nor reads a dynptr's bytes
        throw new Reject(pc, Problem.DYNPTR, regno, write ? "potential write to dynptr at off="
            + o + " disallowed" : "invalid read from stack R" + regno + " off " + lo + "+"
            + (o - lo) + " size " + (hi - lo));
      }
      if (write) {
        f.scrubSpill(k / 8);
        f.bytes[k] = StackFrame.MISC;
        continue;
      }
      byte t = f.bytes[k];
      if (t == StackFrame.INVALID && !env.privileged) {
        throw new Reject(pc, Problem.UNINIT_STACK, regno, "invalid indirect read from stack R"
            + regno + " off " + lo + "+" + (o - lo) + " size " + (hi - lo));
      }
      if (t == StackFrame.SPILL && !env.privileged) {
        Reg r = f.spills[k / 8];
        if (r != null && r.type != RegType.SCALAR) {
          throw new Reject(pc, Problem.POINTER_LEAK, regno, "leaking pointer from stack off " + o);
        }
      }
    }
  }
}
