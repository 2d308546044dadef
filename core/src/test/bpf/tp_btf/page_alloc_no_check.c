#include "tp_btf.h"

/* rejected: mm_page_alloc's page may be NULL (the kernel's raw_tp_null_args), so it is
 * trusted_ptr_or_null_page until checked */
struct page;

__u64 flags;

SEC("tp_btf/mm_page_alloc")
int BPF_PROG(page_alloc_no_check, struct page *page)
{
  flags = *(volatile unsigned long *)page;
  return 0;
}
