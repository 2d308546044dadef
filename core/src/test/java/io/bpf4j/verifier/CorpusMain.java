package io.bpf4j.verifier;

import java.nio.file.Path;

/** Runs the corpus outside JUnit, one line per disagreement (a development aid). */
final class CorpusMain {
  private CorpusMain() {}

  public static void main(String[] a) throws Exception {
    int agree = 0;
    int n = 0;
    for (VerifierCorpusTest.Expected e : VerifierCorpusTest.expected()) {
      if (a.length > 0 && !e.name().matches(a[0])) {
        continue;
      }
      n++;
      long t0 = System.nanoTime();
      TestElf.Program p = TestElf.read(VerifierCorpusTest.DIR.resolve(e.name() + ".o"));
      VerifierResult r = Verifier.verify(p.input().withLog(a.length > 1));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (r.accepted() == e.accept()) {
        agree++;
      } else {
        System.out.printf("DIFF %-36s kernel=%s | bpf4j=%s (%d ms)%n", e.name(),
            e.accept() ? "accept" : "reject: " + e.kernelLine(),
            r.accepted() ? "accept" : "reject: " + r.rejection().message() + " @"
                + r.rejection().slot(), ms);
      }
      if (ms > 2000) {
        System.out.println("SLOW " + e.name() + " " + ms + " ms");
      }
      if (a.length > 1) {
        r.log().forEach(System.out::println);
        System.out.print(r.format());
      }
    }
    System.out.println(agree + "/" + n + " agree");
  }
}
