#include "tp_btf.h"

/* accepted: mm_page_alloc's page, read after its NULL check */
struct page;

__u64 flags;

SEC("tp_btf/mm_page_alloc")
int BPF_PROG(page_alloc_checked, struct page *page)
{
  if (!page)
    return 0;
  flags = *(volatile unsigned long *)page;
  return 0;
}
