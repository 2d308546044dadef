/* The __sk_buff fields a test run gives tc, socket filter and cgroup skb programs, with and
 * without a ctx_in: each program copies the fields it may read into 'v' (in .bss);
 * SkbFieldsDifferentialTest compares them with the kernel's. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
/* 0 len, 1 pkt_type, 2 mark, 3 queue_mapping, 4 protocol, 5..7 vlan, 8 priority,
 * 9 ingress_ifindex, 10 ifindex, 11 tc_index, 12 cb[0], 13 hash, 14 tc_classid, 15 napi_id,
 * 16 wire_len, 17 gso_segs, 18 gso_size, 19 data_end - data, 20 data - data_meta, 21 tstamp,
 * 22 tstamp_type, 23 hwtstamp */
__u64 v[24];
SEC("tc")
int f_tc(struct __sk_buff *s)
{
  v[0] = s->len; v[1] = s->pkt_type; v[2] = s->mark; v[3] = s->queue_mapping; v[4] = s->protocol;
  v[5] = s->vlan_present; v[6] = s->vlan_tci; v[7] = s->vlan_proto; v[8] = s->priority;
  v[9] = s->ingress_ifindex; v[10] = s->ifindex; v[11] = s->tc_index; v[12] = s->cb[0];
  v[13] = s->hash; v[14] = s->tc_classid; v[15] = s->napi_id; v[16] = s->wire_len;
  v[17] = s->gso_segs; v[18] = s->gso_size; v[19] = s->data_end - s->data; v[20] = s->data - s->data_meta;
  v[21] = s->tstamp; v[22] = s->tstamp_type; v[23] = s->hwtstamp;
  return 0;
}
SEC("socket")
int f_sf(struct __sk_buff *s)
{
  v[0] = s->len; v[1] = s->pkt_type; v[2] = s->mark; v[3] = s->queue_mapping; v[4] = s->protocol;
  v[5] = s->vlan_present; v[6] = s->vlan_tci; v[7] = s->vlan_proto; v[8] = s->priority;
  v[9] = s->ingress_ifindex; v[10] = s->ifindex; v[12] = s->cb[0];
  v[13] = s->hash; v[15] = s->napi_id; v[16] = 0;
  return 0;
}
SEC("cgroup_skb/ingress")
int f_cg(struct __sk_buff *s)
{
  v[0] = s->len; v[1] = s->pkt_type; v[2] = s->mark; v[3] = s->queue_mapping; v[4] = s->protocol;
  v[5] = s->vlan_present; v[6] = s->vlan_tci; v[7] = s->vlan_proto; v[8] = s->priority;
  v[9] = s->ingress_ifindex; v[10] = s->ifindex; v[12] = s->cb[0];
  v[13] = s->hash; v[15] = s->napi_id; v[19] = s->data_end - s->data; v[21] = s->tstamp;
  return 1;
}
