import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads every Surefire report under the tree and prints the totals: tests run, passed, failed
 * and skipped, every skip with its reason, and every failure by name. Exits 1 when a report
 * shows a failure or when there are no reports at all.
 */
public class TestSummary {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().startsWith("TEST-")
              && p.getFileName().toString().endsWith(".xml")
              && p.toString().contains("surefire-reports"))
          .forEach(reports::add);
    }
    int run = 0, failed = 0, skipped = 0;
    var skips = new TreeMap<String, List<String>>();
    var failures = new ArrayList<String>();
    var perModule = new TreeMap<String, int[]>();
    var dbf = DocumentBuilderFactory.newInstance();
    for (Path p : reports) {
      var doc = dbf.newDocumentBuilder().parse(p.toFile());
      String module = root.relativize(p).getName(0).toString();
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        String name = c.getAttribute("classname").replaceAll(".*\\.", "") + "." + c.getAttribute("name");
        run++;
        int[] m = perModule.computeIfAbsent(module, k -> new int[3]);
        m[0]++;
        if (c.getElementsByTagName("skipped").getLength() > 0) {
          skipped++;
          m[2]++;
          Element sk = (Element) c.getElementsByTagName("skipped").item(0);
          String reason = sk.getAttribute("message");
          if (reason == null || reason.isBlank()) {
            // JUnit's aborted tests carry the reason in the body: "...Exception: Assumption failed: why"
            String body = sk.getTextContent().strip();
            reason = body.isEmpty() ? "(no reason given)" : body.lines().findFirst().orElse("");
          }
          reason = reason.replaceFirst("^[\\w.]*TestAbortedException: ", "")
              .replaceFirst("^Assumption failed: ", "");
          skips.computeIfAbsent(reason, k -> new ArrayList<>()).add(name);
        } else if (c.getElementsByTagName("failure").getLength() > 0
            || c.getElementsByTagName("error").getLength() > 0) {
          failed++;
          m[1]++;
          failures.add(name);
        }
      }
    }
    System.out.println();
    System.out.println("==== bpf4j test summary ====");
    perModule.forEach((k, v) -> System.out.printf("  %-8s %5d run, %5d passed, %3d failed, %3d skipped%n",
        k, v[0], v[0] - v[1] - v[2], v[1], v[2]));
    if (!skips.isEmpty()) {
      System.out.println("skipped, by reason:");
      skips.forEach((reason, names) -> {
        System.out.printf("  %d × %s%n", names.size(), reason);
        names.stream().limit(5).forEach(n -> System.out.println("      " + n));
        if (names.size() > 5) System.out.println("      … and " + (names.size() - 5) + " more");
      });
    }
    if (!failures.isEmpty()) {
      System.out.println("failed:");
      failures.forEach(f -> System.out.println("  " + f));
    }
    Path kernelCount = root.resolve("kernel/target/kernel-tests.txt"); // written by the kernel tests
    if (Files.exists(kernelCount)) {
      System.out.println(Files.readString(kernelCount).strip());
    }
    System.out.printf("tests: %d run%n", run);
    System.out.printf("%d passed, %d failed, %d skipped%n", run - failed - skipped, failed, skipped);
    System.exit(failed > 0 || run == 0 ? 1 : 0);
  }
}
