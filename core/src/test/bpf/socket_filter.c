/* A socket filter keeping the first 64 bytes of IPv4 packets. */
#include "common.h"
SEC("socket") int keep_ipv4(struct __sk_buff *skb) {
  if (skb->protocol != __builtin_bswap16(0x0800)) return 0;
  return skb->len < 64 ? skb->len : 64;
}
LICENSE_GPL;
