package io.bpf4j.cli;

import io.bpf4j.elf.MapSpec;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.elf.ProgramSpec;
import io.bpf4j.elf.SectionName;
import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.sys.SysException;
import io.bpf4j.uapi.ProgType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bpf4j prog load OBJ PINDIR [--type TYPE]}: loads every program of an object into the
 * kernel and pins each as PINDIR/NAME, as {@code bpftool prog loadall} does; maps with
 * {@code LIBBPF_PIN_BY_NAME} are pinned under /sys/fs/bpf. A failure leaves nothing loaded or
 * pinned.
 */
final class ProgLoadCommand implements Command {
  static final Path PIN_ROOT = Path.of("/sys/fs/bpf");

  @Override
  public String name() {
    return "prog load";
  }

  @Override
  public String summary() {
    return "load every program of an object into the kernel and pin them (bpftool prog loadall)";
  }

  @Override
  public String usage() {
    return "bpf4j prog load OBJ PINDIR [--type TYPE]";
  }

  @Override
  public int run(List<String> raw, Out out) throws CliException {
    Args a = Args.parse(name(), raw, Set.of("--type"), Set.of());
    a.atMost(2);
    String file = a.positional(0, "an object file OBJ");
    Path dir = Path.of(a.positional(1, "a directory PINDIR on bpffs"));
    ObjectSpec spec = withType(ObjectFiles.read(file), a.value("--type"));
    if (spec.programs().isEmpty()) {
      throw CliException.failure(file + ": no programs");
    }
    String fs = fsType(dir);
    if (!fs.equals("bpf")) {
      throw CliException.failure(dir + ": not on a bpf filesystem (it is on " + fs + "; try under /sys/fs/bpf)");
    }
    KernelProgRun.requireKernel();
    List<String> newMapPins = new ArrayList<>();
    for (MapSpec m : spec.maps()) {
      if (m.pinning() == 1 && !Files.exists(PIN_ROOT.resolve(m.name()))) {
        newMapPins.add(PIN_ROOT.resolve(m.name()).toString());
      }
    }
    for (ProgramSpec p : spec.programs()) {
      if (Files.exists(dir.resolve(p.name()))) {
        throw CliException.failure(dir.resolve(p.name()) + ": already exists");
      }
    }
    Path created = createDirs(dir);
    List<String> pinned = new ArrayList<>();
    boolean done = false;
    try (KernelObject obj = KernelProgRun.load(spec, file)) {
      for (Map.Entry<String, KernelProgram> e : obj.programs().entrySet()) {
        String path = dir.resolve(e.getKey()).toString();
        try {
          e.getValue().pin(path);
        } catch (SysException x) {
          throw CliException.failure(path + ": cannot pin: " + x.getMessage());
        }
        pinned.add(path);
      }
      done = true;
    } finally {
      if (!done) {
        pinned.forEach(ProgLoadCommand::unpinQuietly);
        newMapPins.forEach(ProgLoadCommand::unpinQuietly);
        removeCreated(created, dir);
      }
    }
    if (out.json()) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < pinned.size(); i++) {
        sb.append(i > 0 ? "," : "").append("{\"pinned\":").append(Json.quote(pinned.get(i))).append('}');
      }
      out.println(sb.append(']').toString());
    } else {
      pinned.forEach(p -> out.println("pinned " + p));
    }
    return 0;
  }

  /** The object with every program's type replaced by what {@code type} (a section name) says. */
  static ObjectSpec withType(ObjectSpec spec, String type) throws CliException {
    if (type == null) {
      return spec;
    }
    SectionName t = SectionName.parse(type);
    if (t.type() == null || t.type() == ProgType.UNSPEC) {
      throw CliException.usage("--type " + type + ": not a program type (say xdp, socket, tc, kprobe, ...)");
    }
    List<ProgramSpec> progs = new ArrayList<>();
    for (ProgramSpec p : spec.programs()) {
      SectionName s = p.section();
      SectionName n = new SectionName(s.section(), t.type(), t.attach(), s.target(), t.sleepable(), s.optional(), true);
      progs.add(new ProgramSpec(p.name(), n, p.insns(), p.relocations(), p.functions(), p.funcInfos(),
          p.lineInfos(), p.coreRelos(), p.license()));
    }
    return new ObjectSpec(spec.name(), progs, spec.maps(), spec.variables(), spec.externs(), spec.license(),
        spec.kernelVersion(), spec.btf(), spec.order());
  }

  /** The type of the filesystem {@code p} (or its nearest existing ancestor) is on, from mountinfo. */
  static String fsType(Path p) throws CliException {
    Path at = p.toAbsolutePath().normalize();
    while (at != null && !Files.exists(at)) {
      at = at.getParent();
    }
    try {
      at = at == null ? Path.of("/") : at.toRealPath();
      String best = "";
      String type = "?";
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (dash < 0 || f.length < dash + 2 || f.length < 5) {
          continue;
        }
        String mount = f[4].replace("\\040", " ");
        if (at.startsWith(mount) && mount.length() >= best.length()) {
          best = mount;
          type = f[dash + 1];
        }
      }
      return type;
    } catch (IOException e) {
      throw CliException.failure(p + ": cannot tell its filesystem: " + e.getMessage());
    }
  }

  /** Creates {@code dir} and missing parents; returns the topmost one it made, or null. */
  private static Path createDirs(Path dir) throws CliException {
    Path top = null;
    for (Path at = dir.toAbsolutePath().normalize(); at != null && !Files.exists(at); at = at.getParent()) {
      top = at;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CliException.failure(dir + ": cannot create: " + e);
    }
    return top;
  }

  private static void removeCreated(Path top, Path dir) {
    if (top == null) {
      return;
    }
    for (Path at = dir.toAbsolutePath().normalize(); at != null && at.startsWith(top); at = at.getParent()) {
      try {
        Files.deleteIfExists(at);
      } catch (IOException e) {
        return; // not empty: something else is in it
      }
    }
  }

  private static void unpinQuietly(String path) {
    try {
      KernelMap.unpin(path);
    } catch (RuntimeException e) {
      // already gone
    }
  }
}
