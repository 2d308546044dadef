package io.bpf4j.maps;

/**
 * {@code BPF_MAP_TYPE_STACK_TRACE}: where {@code bpf_get_stackid} stores stacks by id. The
 * JVM backend has no kernel or user stack to walk for a program ({@code bpf_get_stackid}
 * returns -EFAULT, as the kernel's does without a stack), so the map exists, with the
 * kernel's shape checks (key_size 4, value_size a positive multiple of 8), and stays empty:
 * lookups and deletes give ENOENT, get_next_key ENOENT, updates EINVAL (user space cannot
 * write stacks).
 */
final class StackTraceMap extends BaseMap {
  StackTraceMap(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() != 4 || spec.valueSize() < 8 || spec.valueSize() % 8 != 0
        || spec.maxEntries() == 0) {
      throw new IllegalArgumentException("map '" + spec.name() + "': stack_trace needs"
          + " key_size 4 (is " + spec.keySize() + "), value_size a multiple of 8 (is "
          + spec.valueSize() + ") and max_entries > 0");
    }
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    return flags != 0 ? -Errno.EINVAL : -Errno.ENOENT;
  }

  @Override
  int sysDelete(long key) {
    return -Errno.ENOENT;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    return -Errno.ENOENT;
  }
}
