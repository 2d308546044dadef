package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.maps.BpfMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code __sk_buff} a test run takes from the caller ({@code ctx_in}): as in the kernel
 * ({@code convert___skb_to_skb}), only mark, priority, ingress_ifindex, ifindex, cb, tstamp,
 * wire_len, gso_segs, gso_size and hwtstamp may be set; anything else is refused. Otherwise
 * a caller could hand a verified program a socket pointer ({@code sk}) or a metadata pointer
 * to any address, and the fast engines, which do not check accesses, would follow it.
 */
class JvmSkbContextTest {
  @ParameterizedTest(name = "byte {0}: {1}")
  @CsvSource({"168, sk", "140, data_meta", "76, data", "0, len", "144, flow_keys",
      "12, queue_mapping", "180, tstamp_type"})
  void fieldsTheKernelDoesNotTakeAreRefused(int offset, String field) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("tc.o"), JvmLoadOptions.defaults());
    try {
      byte[] ctx = new byte[192];
      ctx[offset] = 1;
      JvmLoadException e = assertThrows(JvmLoadException.class,
          () -> o.program("tc_plain").testRun(new byte[64], ctx, 1));
      assertTrue(e.getMessage().contains(field) && e.getMessage().contains("ctx_in"),
          e.getMessage());
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }

  @ParameterizedTest(name = "byte {0}")
  @CsvSource({"8", "32", "48", "67", "152", "184"})
  void fieldsTheKernelTakesAreTaken(int offset) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("tc.o"), JvmLoadOptions.defaults());
    try {
      byte[] ctx = new byte[192];
      ctx[offset] = 1;
      assertEquals(0, o.program("tc_plain").testRun(new byte[64], ctx, 1).retval());
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }
}
