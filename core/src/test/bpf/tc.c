/* tc programs under each section name libbpf knows. */
#include "common.h"
#include <linux/pkt_cls.h>
SEC("tc") int tc_plain(struct __sk_buff *skb) { return TC_ACT_OK; }
SEC("classifier") int cls(struct __sk_buff *skb) { skb->mark = 7; return TC_ACT_OK; }
SEC("action") int act(struct __sk_buff *skb) { return TC_ACT_OK; }
LICENSE_GPL;
