package io.bpf4j.vm.jit;

import static io.bpf4j.vm.jit.Descs.CD_LONG_ARRAY;

import java.lang.classfile.CodeBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Large constants of one generated class. They go to the constant pool until it holds {@link
 * #POOL_LIMIT} of them (a class has at most 65535 pool entries and a program of a million
 * instructions can have more distinct constants); the rest are read from {@code long[]}
 * tables of 32768 entries that the class data holds ({@code ldc table; sipush i; laload}).
 */
final class Consts {
  static final int POOL_LIMIT = 40_000;
  private static final int TABLE = 32_768;

  private final Set<Object> pooled = new HashSet<>();
  private int poolSlots;
  private final Map<Long, Integer> spilled = new HashMap<>();
  private final List<Long> values = new ArrayList<>();
  private final int classDataBase;
  private final int poolLimit;

  /** Tables start at class data index {@code classDataBase}. */
  Consts(int classDataBase, int poolLimit) {
    this.classDataBase = classDataBase;
    this.poolLimit = poolLimit;
  }

  void pushLong(CodeBuilder cob, long v) {
    if (pooled.contains(v) || poolSlots + 2 <= poolLimit) {
      if (pooled.add(v)) {
        poolSlots += 2;
      }
      cob.loadConstant(v);
    } else {
      spill(cob, v);
    }
  }

  void pushInt(CodeBuilder cob, int v) {
    if (pooled.contains(v) || poolSlots + 1 <= poolLimit) {
      if (pooled.add(v)) {
        poolSlots += 1;
      }
      cob.loadConstant(v);
    } else {
      spill(cob, v);
      cob.l2i();
    }
  }

  private void spill(CodeBuilder cob, long v) {
    int i = spilled.computeIfAbsent(v, k -> {
      values.add(k);
      return values.size() - 1;
    });
    cob.loadConstant(Descs.classData(classDataBase + i / TABLE, CD_LONG_ARRAY));
    cob.loadConstant(i % TABLE);
    cob.laload();
  }

  /** The tables, in class data order. */
  List<long[]> tables() {
    List<long[]> out = new ArrayList<>();
    for (int base = 0; base < values.size(); base += TABLE) {
      int n = Math.min(TABLE, values.size() - base);
      long[] t = new long[n];
      for (int j = 0; j < n; j++) {
        t[j] = values.get(base + j);
      }
      out.add(t);
    }
    return out;
  }
}
