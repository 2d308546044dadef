package io.bpf4j.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The formats {@code bpf_snprintf} takes, as Linux 6.18 answered for the same strings
 * ({@code PrintfFormatAgreementTest} in the kernel module loads them there).
 */
class PrintfFormatTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'%d %i %u %x %X'             | 5 | true",
      "'%5d|%-5d|%05d|%+d|% d'      | 5 | true",
      "'%ld %lld %lu %llu %lx %llX' | 6 | true",
      "'%c %-3c %s %10s'            | 4 | true",
      "'100%% %d'                   | 1 | true",
      "'%p %pK %px %ps %pB'         | 5 | true",
      "'%pI4 %pi4 %pI6 %pi6'        | 4 | true",
      "'%pks %pus'                  | 2 | true",
      "'%p%d'                       | 1 | false",
      "'%hd'                        | 1 | false",
      "'%hhx'                       | 1 | false",
      "'%#x'                        | 1 | false",
      "'%o'                         | 1 | false",
      "'%.2d'                       | 1 | false",
      "'%*d'                        | 2 | false",
      "'%zu'                        | 1 | false",
      "'%lc'                        | 1 | false",
      "'%ls'                        | 1 | false",
      "'%pz'                        | 1 | false",
      "'%pI5'                       | 1 | false",
      "'%d %d %d'                   | 2 | false",
      "'%d'                         | 3 | true",
      "'plain text'                 | 0 | true",
      "'%d%d%d%d%d%d%d%d%d%d%d%d'   | 12 | true",
      "'%d'                         | 13 | true",
  })
  void asTheKernel(String fmt, long args, boolean valid) {
    byte[] d = (fmt + "\0").getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(valid, PrintfFormat.valid(d, 0, args), fmt);
  }

  @ParameterizedTest
  @CsvSource({"1, false", "9, true", "10, true", "127, false", "129, true", "233, true"})
  void controlCharactersAreRefused(int c, boolean valid) {
    assertEquals(valid, PrintfFormat.valid(new byte[] {'a', (byte) c, 'b', 0}, 0, 0), "0x"
        + Integer.toHexString(c));
  }
}
