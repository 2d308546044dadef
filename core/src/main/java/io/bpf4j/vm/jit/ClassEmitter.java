package io.bpf4j.vm.jit;

import static io.bpf4j.vm.jit.Descs.*;
import static java.lang.constant.ConstantDescs.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the class file of one program: a final subclass of {@link JitProgram} with {@code
 * run}, {@code callSubprogram} (a switch on the callbacks' slots), a static
 * field {@code SELF} with the instance, one static method per function ({@code f<start>}), and for split
 * functions one per region ({@code r<start>}) and the dispatchers between them ({@code d<n>}).
 *
 * <p>Class data (a {@code List}): 0 the helper table, then one entry per helper the program
 * calls (a constant for {@code invokeinterface}), then constant tables.
 */
final class ClassEmitter {
  static final ClassDesc CD_THIS = ClassDesc.of("io.bpf4j.vm.jit.BpfProgram");
  /** The static field that holds the one instance (for callbacks, see {@link CallEmitter}). */
  static final String SELF = "SELF";
  /** Regions a trampoline dispatches to directly; more go through dispatcher methods. */
  private static final int GROUP = 256;

  final Layout layout;
  final HelperTable helpers;
  final Consts consts;
  private final Map<Integer, Integer> helperSlots = new LinkedHashMap<>();
  private int dispatchers;

  ClassEmitter(Layout layout, HelperTable helpers, int poolLimit) {
    this.layout = layout;
    this.helpers = helpers;
    for (int i = 0; i < layout.insns.size(); i++) {
      Insn in = layout.insns.get(i);
      if (in.isHelperCall()) {
        int id = (int) in.imm();
        if (!helpers.has(id)) {
          throw layout.error(i, HelperTable.missing(id));
        }
        helperSlots.computeIfAbsent(id, k -> 1 + helperSlots.size());
      }
    }
    this.consts = new Consts(1 + helperSlots.size(), poolLimit);
  }

  /** The class data index of helper {@code id}. */
  int helperSlot(int id) {
    return helperSlots.get(id);
  }

  /** The class data, after {@link #build}. */
  List<Object> classData() {
    List<Object> data = new ArrayList<>();
    data.add(helpers);
    for (int id : helperSlots.keySet()) {
      data.add(helpers.get(id));
    }
    data.addAll(consts.tables());
    return data;
  }

  byte[] build() {
    ClassHierarchyResolver resolver =
        ClassHierarchyResolver.defaultResolver()
            .orElse(ClassHierarchyResolver.ofClassLoading(JitProgram.class.getClassLoader()));
    ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
    return cf.build(CD_THIS, clb -> {
      clb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SUPER);
      clb.withSuperclass(CD_PROGRAM);
      clb.withField(SELF, CD_PROGRAM, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC);
      clb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC, cob -> {
        cob.aload(0);
        cob.invokespecial(CD_PROGRAM, INIT_NAME, MTD_void);
        cob.aload(0);
        cob.putstatic(CD_THIS, SELF, CD_PROGRAM);
        cob.return_();
      });
      emitRun(clb);
      emitCallSubprogram(clb);
      for (Layout.Fn fn : layout.fns) {
        emitFunction(clb, fn);
      }
    });
  }

  static String fnName(Layout.Fn fn) {
    return "f" + fn.start;
  }

  static String regionName(Layout.Region r) {
    return "r" + r.start;
  }

  private void emitRun(ClassBuilder clb) {
    MethodTypeDesc mt = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    String f0 = fnName(layout.fns[0]);
    clb.withMethodBody("run", mt, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, cob -> {
      if (!layout.needsState) {
        cob.aconst_null();
        cob.lload(1);
        cob.lload(3);
        cob.lconst_0();
        cob.lconst_0();
        cob.lconst_0();
        cob.lconst_0();
        cob.invokestatic(CD_THIS, f0, MT_FUNCTION);
        cob.lreturn();
        return;
      }
      cob.aload(0);
      cob.lload(1);
      cob.lload(3);
      cob.invokevirtual(CD_PROGRAM, "acquire", MethodTypeDesc.of(CD_STATE, CD_long, CD_long));
      cob.astore(5);
      MethodTypeDesc release = MethodTypeDesc.of(CD_void, CD_STATE);
      cob.trying(
          b -> {
            b.aload(5);
            b.lload(1);
            b.lload(3);
            b.lconst_0();
            b.lconst_0();
            b.lconst_0();
            b.aload(5);
            b.getfield(CD_STATE, "frameTop0", CD_long);
            b.invokestatic(CD_THIS, f0, MT_FUNCTION);
            b.lstore(6);
          },
          c -> c.catchingAll(h -> {
            h.aload(5);
            h.invokestatic(CD_PROGRAM, "release", release);
            h.athrow();
          }));
      cob.aload(5);
      cob.invokestatic(CD_PROGRAM, "release", release);
      cob.lload(6);
      cob.lreturn();
    });
  }

  /** {@code callSubprogram(slot, state, r1..r5, r10)}: the function at that slot, or throws. */
  private void emitCallSubprogram(ClassBuilder clb) {
    MethodTypeDesc mt = MethodTypeDesc.of(CD_long, CD_int, CD_STATE, CD_long, CD_long, CD_long,
        CD_long, CD_long, CD_long);
    clb.withMethodBody("callSubprogram", mt, ClassFile.ACC_FINAL, cob -> {
      List<SwitchCase> cases = new ArrayList<>();
      List<Layout.Fn> targets = new ArrayList<>();
      for (int slot : layout.callbackSlots) {
        Layout.Fn fn = layout.fnAtSlot(slot);
        cases.add(SwitchCase.of(slot, cob.newLabel()));
        targets.add(fn);
      }
      Label bad = cob.newLabel();
      cob.iload(1);
      cob.lookupswitch(bad, cases);
      for (int i = 0; i < cases.size(); i++) {
        cob.labelBinding(cases.get(i).target());
        cob.aload(2);
        for (int r = 0; r < 6; r++) {
          cob.lload(3 + 2 * r);
        }
        cob.invokestatic(CD_THIS, fnName(targets.get(i)), MT_FUNCTION);
        cob.lreturn();
      }
      cob.labelBinding(bad);
      cob.iload(1);
      cob.invokestatic(CD_RUNTIME, "notCallback", MethodTypeDesc.of(CD_EXEC_EXCEPTION, CD_int));
      cob.athrow();
    });
  }

  private void emitFunction(ClassBuilder clb, Layout.Fn fn) {
    int flags = ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC;
    if (!fn.split()) {
      clb.withMethodBody(fnName(fn), MT_FUNCTION, flags,
          cob -> new MethodEmitter(this, cob, fn, null).emit());
      return;
    }
    for (Layout.Region r : fn.regions) {
      clb.withMethodBody(regionName(r), MT_REGION, flags,
          cob -> new MethodEmitter(this, cob, fn, r).emit());
    }
    List<Layout.Region> regions = fn.regions;
    List<List<Layout.Region>> groups = new ArrayList<>();
    for (int i = 0; i < regions.size(); i += GROUP) {
      groups.add(regions.subList(i, Math.min(regions.size(), i + GROUP)));
    }
    List<String> groupNames = new ArrayList<>();
    if (groups.size() > 1) {
      for (List<Layout.Region> g : groups) {
        String name = "d" + dispatchers++;
        groupNames.add(name);
        clb.withMethodBody(name, MT_DISPATCH, flags, cob -> {
          cob.lload(1);
          dispatch(cob, g, 1);
          cob.lreturn();
        });
      }
    }
    clb.withMethodBody(fnName(fn), MT_FUNCTION, flags, cob -> {
      // trampoline: registers go to the transfer area, then region after region
      if (fn.id != 0) {
        MethodEmitter.depthCheck(cob, 11, fn.start);
      }
      cob.aload(0);
      cob.getfield(CD_STATE, "regs", CD_LONG_ARRAY);
      cob.astore(13);
      int[] params = {1, 3, 5, 7, 9};
      for (int r = 0; r <= 10; r++) {
        cob.aload(13);
        cob.loadConstant(r);
        if (r >= 1 && r <= 5) {
          cob.lload(params[r - 1]);
        } else if (r == 10) {
          cob.lload(11);
        } else {
          cob.lconst_0();
        }
        cob.lastore();
      }
      Layout.Region first = regions.getFirst();
      cob.loadConstant(((long) first.id << 32) | first.start);
      cob.lstore(14);
      Label loop = cob.newLabel();
      Label done = cob.newLabel();
      cob.labelBinding(loop);
      if (groups.size() == 1) {
        cob.lload(14);
        dispatch(cob, regions, 14);
      } else {
        int firstId = regions.getFirst().id;
        List<SwitchCase> cases = new ArrayList<>();
        List<Label> targets = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
          Label l = cob.newLabel();
          targets.add(l);
          cases.add(SwitchCase.of(g, l));
        }
        Label bad = cob.newLabel();
        cob.lload(14);
        cob.loadConstant(32);
        cob.lushr();
        cob.l2i();
        cob.loadConstant(firstId);
        cob.isub();
        cob.loadConstant(GROUP);
        cob.idiv();
        cob.tableswitch(0, groups.size() - 1, bad, cases);
        Label after = cob.newLabel();
        for (int g = 0; g < groups.size(); g++) {
          cob.labelBinding(targets.get(g));
          cob.aload(0);
          cob.lload(14);
          cob.invokestatic(CD_THIS, groupNames.get(g), MT_DISPATCH);
          cob.goto_(after);
        }
        cob.labelBinding(bad);
        cob.new_(CD_IllegalStateException);
        cob.dup();
        cob.invokespecial(CD_IllegalStateException, INIT_NAME, MTD_void);
        cob.athrow();
        cob.labelBinding(after);
      }
      cob.lstore(14);
      cob.lload(14);
      cob.lconst_0();
      cob.lcmp();
      cob.iflt(done);
      cob.goto_(loop);
      cob.labelBinding(done);
      cob.aload(13);
      cob.iconst_0();
      cob.laload();
      cob.lreturn();
    });
  }

  /** With the next value in local {@code nextSlot} (also on the stack): calls its region. */
  private static void dispatch(CodeBuilder cob, List<Layout.Region> regions, int nextSlot) {
    cob.loadConstant(32);
    cob.lushr();
    cob.l2i();
    List<SwitchCase> cases = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (Layout.Region r : regions) {
      Label l = cob.newLabel();
      labels.add(l);
      cases.add(SwitchCase.of(r.id, l));
    }
    Label bad = cob.newLabel();
    Label after = cob.newLabel();
    cob.tableswitch(regions.getFirst().id, regions.getLast().id, bad, cases);
    for (int i = 0; i < regions.size(); i++) {
      cob.labelBinding(labels.get(i));
      cob.aload(0);
      cob.lload(nextSlot);
      cob.l2i();
      cob.invokestatic(CD_THIS, regionName(regions.get(i)), MT_REGION);
      cob.goto_(after);
    }
    cob.labelBinding(bad);
    cob.new_(CD_IllegalStateException);
    cob.dup();
    cob.invokespecial(CD_IllegalStateException, INIT_NAME, MTD_void);
    cob.athrow();
    cob.labelBinding(after);
  }
}
