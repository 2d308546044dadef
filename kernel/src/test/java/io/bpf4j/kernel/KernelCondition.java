package io.bpf4j.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables kernel tests only where {@code bpf()} works, and counts the ones that ran; the count
 * is printed when the test JVM exits ("bpf4j kernel tests: 42 ran").
 */
public final class KernelCondition implements ExecutionCondition, AfterTestExecutionCallback {
  static final AtomicInteger RAN = new AtomicInteger();
  static final AtomicInteger SKIPPED = new AtomicInteger();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(KernelCondition::report));
  }

  /** Prints the count and leaves it in target/kernel-tests.txt for scripts/TestSummary. */
  private static void report() {
    String line = "kernel tests: " + RAN.get() + " ran in the kernel, " + SKIPPED.get() + " skipped"
        + (KernelAvailable.available() ? "" : " (" + KernelAvailable.reason() + ")");
    System.out.println(line);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "kernel-tests.txt"), line + "\n");
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("cannot write target/kernel-tests.txt: " + e);
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (KernelAvailable.available()) {
      return ConditionEvaluationResult.enabled("bpf() is available");
    }
    if (context.getTestMethod().isPresent()) {
      SKIPPED.incrementAndGet();
    }
    return ConditionEvaluationResult.disabled("needs the kernel: " + KernelAvailable.reason());
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    RAN.incrementAndGet();
  }
}
