package io.bpf4j.cli;

import static io.bpf4j.cli.ObjectCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.cli.ObjectCommandsTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code prog run} of programs with callbacks (callback_runs.o) on each JVM engine. */
class ProgRunCallbacksTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"jit", "interpreter", "checked"})
  void nestedCallbacksRunAndLeaveTheirResultsInTheMap(String engine) throws Exception {
    Path data = tmp.resolve("frame.bin");
    Files.write(data, new byte[64]);
    String obj = DisasmElfTest.bpf().resolve("callback_runs.o").toString();
    Run r = run("-j", "prog", "run", obj, "--prog", "loop_nested", "--data-in", data.toString(),
        "--engine", engine, "--dump-maps");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"retval\":10,"), r.out());
    // out[13] = 1234: the inner loop ran 1, 2, 3, 4 times for the outer calls 0..3
    assertTrue(r.out().contains("{\"key\":\"0d000000\",\"value\":\"d204000000000000\"}"), r.out());
  }
}
