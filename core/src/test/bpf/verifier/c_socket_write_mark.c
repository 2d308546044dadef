#include "corpus.h"

SEC("socket") int c_socket_write_mark(struct __sk_buff *skb)
{
  skb->mark = 1;
  return 0;
}
