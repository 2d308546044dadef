package io.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bpf4j} launcher on a machine without a JDK 25: a private mount namespace
 * ({@code unshare -m}, root only) hides {@code /usr/lib/jvm} behind an empty folder, PATH has
 * no JDK 25 and JAVA_HOME points nowhere. Nothing is uninstalled.
 */
class LauncherTest {
  @Test
  void withoutAJdk25ItSaysWhatToInstall(@TempDir Path empty) throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path unshare = Path.of("/usr/bin/unshare");
    Assumptions.assumeTrue(Files.isExecutable(unshare) && Files.isDirectory(Path.of("/usr/lib/jvm"))
        && "root".equals(System.getProperty("user.name")), "needs root, unshare and /usr/lib/jvm");
    ProcessBuilder pb = new ProcessBuilder(unshare.toString(), "-m", "/bin/bash", "-c",
        "mount --bind \"$1\" /usr/lib/jvm && exec \"$2\"/bpf4j version", "bash",
        empty.toString(), root.toString()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", empty.toString());
    env.put("JAVA_HOME", "/nonexistent");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    Assumptions.assumeFalse(out.contains("mount:") || out.contains("unshare:"),
        "no mount namespace here: " + out);
    Assumptions.assumeFalse(code == 0, "a JDK 25 outside /usr/lib/jvm: " + out);
    assertEquals(1, code, out);
    assertTrue(out.startsWith("bpf4j: no JDK 25 or newer found.\n"), out);
    assertTrue(out.contains("apt-get install temurin-25-jdk"), out);
    assertTrue(out.contains("JAVA_HOME=/nonexistent is not a JDK"), out);
    assertTrue(out.lines().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")), out);
  }
}
