package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The verifier corpus (core/src/test/bpf/verifier): for every program, bpf4j's verdict equals
 * the verdict the kernel gave on this machine (recorded by {@code scripts/verifier-corpus
 * record} in kernel-verdicts.tsv). When bpftool and bpffs are here, a sample is loaded again
 * into the running kernel to check that the recorded verdicts still hold (all of them with
 * {@code -Dbpf4j.verifier.live=all}).
 */
class VerifierCorpusTest {
  static final Path DIR = Path.of("src/test/bpf/verifier");
  static final Path VERDICTS = Path.of("src/test/resources/verifier/kernel-verdicts.tsv");

  record Expected(String name, boolean accept, String kernelLine) {}

  static List<Expected> expected() throws IOException {
    List<Expected> out = new ArrayList<>();
    for (String line : Files.readAllLines(VERDICTS)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add(new Expected(f[0], f[1].equals("accept"), f.length > 2 ? f[2] : ""));
    }
    return out;
  }

  @Test
  void corpusIsLargeAndBalanced() throws IOException {
    List<Expected> all = expected();
    long accepted = all.stream().filter(Expected::accept).count();
    assertTrue(all.size() >= 200, "corpus has " + all.size() + " programs");
    assertTrue(accepted >= all.size() * 0.35 && accepted <= all.size() * 0.65,
        accepted + " of " + all.size() + " accepted: the corpus must be about half and half");
    for (Expected e : all) {
      assertTrue(Files.exists(DIR.resolve(e.name() + ".o")), e.name() + ".o is missing");
      assertTrue(Files.exists(DIR.resolve(e.name() + ".c")), e.name() + ".c is missing");
    }
  }

  @TestFactory
  Stream<DynamicTest> agreesWithTheKernel() throws IOException {
    return expected().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
      TestElf.Program p = TestElf.read(DIR.resolve(e.name() + ".o"));
      VerifierResult r = Verifier.verify(p.input());
      String ours = r.accepted() ? "accepted" : "rejected: " + r.rejection().message();
      assertEquals(e.accept(), r.accepted(), () -> e.name() + ": kernel "
          + (e.accept() ? "accepted" : "rejected: " + e.kernelLine()) + "; bpf4j " + ours
          + "\n" + r.format());
    }));
  }

  @TestFactory
  Stream<DynamicTest> recordedVerdictsStillHoldInTheKernel() throws IOException {
    boolean bpftool = Files.isExecutable(Path.of("/usr/sbin/bpftool"))
        || Files.isExecutable(Path.of("/usr/bin/bpftool"));
    boolean bpffs = Files.isDirectory(Path.of("/sys/fs/bpf"));
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(bpftool && bpffs && root,
        "live kernel check skipped: needs bpftool, /sys/fs/bpf and root (bpftool=" + bpftool
            + ", bpffs=" + bpffs + ", root=" + root + ")");
    List<Expected> all = expected();
    boolean everything = "all".equals(System.getProperty("bpf4j.verifier.live"));
    List<Expected> sample = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (everything || i % 12 == 0) {
        sample.add(all.get(i));
      }
    }
    return sample.stream().map(e -> DynamicTest.dynamicTest("live " + e.name(), () -> {
      Path pin = Path.of("/sys/fs/bpf/bpf4j_vt_" + ProcessHandle.current().pid() + "_"
          + e.name());
      Process pr = new ProcessBuilder("bpftool", "prog", "load",
          DIR.resolve(e.name() + ".o").toString(), pin.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(pr.waitFor(60, TimeUnit.SECONDS), "bpftool timed out");
      Files.deleteIfExists(pin);
      assertEquals(e.accept(), pr.exitValue() == 0, e.name()
          + ": the kernel's verdict changed since it was recorded; run scripts/verifier-corpus"
          + " record");
    }));
  }
}
