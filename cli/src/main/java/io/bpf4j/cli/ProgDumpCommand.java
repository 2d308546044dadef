package io.bpf4j.cli;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreException;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.isa.Disassembler;
import io.bpf4j.isa.Insn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bpf4j prog dump OBJ [--prog NAME] [--linum] [--btf FILE]}: each program of an object
 * after linking and CO-RE relocation, its instructions interleaved with the C source lines
 * from BTF line info, like {@code bpftool prog dump xlated [linum]}.
 */
final class ProgDumpCommand implements Command {
  @Override
  public String name() {
    return "prog dump";
  }

  @Override
  public String summary() {
    return "disassemble an object's linked programs with their source lines";
  }

  @Override
  public String usage() {
    return "bpf4j prog dump OBJ [--prog NAME] [--linum] [--btf FILE]   (--btf: CO-RE target,"
        + " default /sys/kernel/btf/vmlinux)\n"
        + "bpf4j prog dump OBJ --jited [--prog NAME] [--type TYPE]   (the JIT's JVM bytecode per"
        + " eBPF instruction, after verification)";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args args = Args.parse(name(), raw, Set.of("--prog", "--btf", "--type"),
        Set.of("--linum", "--jited"));
    args.atMost(1);
    String file = args.positional(0, "an object file OBJ");
    ObjectSpec o = ObjectFiles.read(file);
    if (args.has("--jited")) {
      out.out().print(JitedDump.dump(file, o, args.value("--prog"), args.value("--type")));
      return 0;
    }
    boolean core = o.programs().stream().anyMatch(p -> !p.coreRelos().isEmpty());
    if (core) {
      Btf target = ObjectFiles.target(args.value("--btf"));
      if (target == null) {
        throw CliException.failure(file + ": has CO-RE relocations and there is no kernel BTF; name one with --btf");
      }
      try {
        o = o.relocateCore(target, true);
      } catch (CoreException e) {
        throw CliException.failure(file + ": " + e.getMessage());
      }
    }
    String only = args.value("--prog");
    boolean found = false;
    StringBuilder sb = new StringBuilder();
    for (ProgramSpec p : o.programs()) {
      if (only != null && !only.equals(p.name())) {
        continue;
      }
      found = true;
      sb.append(sb.isEmpty() ? "" : "\n").append(dump(o, p, args.has("--linum")));
    }
    if (!found) {
      throw CliException.failure(file + ": no program '" + only + "'");
    }
    out.out().print(sb);
    return 0;
  }

  static String dump(ObjectSpec o, ProgramSpec p, boolean linum) {
    Map<Integer, String> funcs = new HashMap<>();
    Btf btf = o.btf();
    for (FuncInfo fi : p.funcInfos()) {
      funcs.put(fi.slot(), btf == null ? null : signature(btf, fi.typeId()));
    }
    for (ProgramSpec.Function f : p.functions()) {
      funcs.putIfAbsent(f.slot(), f.name() + "()");
      if (funcs.get(f.slot()) == null) {
        funcs.put(f.slot(), f.name() + "()");
      }
    }
    Map<Integer, LineInfo> lines = new HashMap<>();
    for (LineInfo li : p.lineInfos()) {
      lines.put(li.slot(), li);
    }
    Disassembler d = Disassembler.llvm();
    StringBuilder sb = new StringBuilder();
    int slot = 0;
    LineInfo last = null;
    for (Insn in : p.insns()) {
      String f = funcs.get(slot);
      if (f != null) {
        sb.append(f).append(":\n");
        last = null;
      }
      LineInfo li = lines.get(slot);
      // like bpftool: a source line once, where its instructions start
      if (li != null && !li.text().isBlank()
          && (last == null || last.line() != li.line() || !last.file().equals(li.file()))) {
        last = li;
        sb.append("; ").append(li.text().strip());
        if (linum) {
          sb.append(" [file:").append(li.file()).append(" line_num:").append(li.line()).append(" line_col:")
              .append(li.column()).append(']');
        }
        sb.append('\n');
      }
      sb.append(String.format("%4d: (%02x) %s%n", slot, in.opcode(), d.format(in)));
      slot += in.slots();
    }
    return sb.toString();
  }

  /** {@code int name(struct xdp_md * ctx)} from a FUNC type. */
  static String signature(Btf btf, int funcId) {
    if (funcId <= 0 || funcId >= btf.count() || !(btf.type(funcId) instanceof BtfType.Func f)) {
      return null;
    }
    if (!(btf.type(f.type()) instanceof BtfType.FuncProto fp)) {
      return f.name() + "()";
    }
    StringBuilder sb = new StringBuilder(btf.describe(fp.returnType())).append(' ').append(f.name()).append('(');
    for (int i = 0; i < fp.params().size(); i++) {
      var pa = fp.params().get(i);
      sb.append(i == 0 ? "" : ", ").append(pa.type() == 0 ? "..." : btf.describe(pa.type()) + " " + pa.name());
    }
    return sb.append(')').toString();
  }
}
