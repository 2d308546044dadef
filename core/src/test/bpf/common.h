/* Shared by the loader fixtures. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#define LICENSE_GPL char LICENSE[] SEC("license") = "GPL"
