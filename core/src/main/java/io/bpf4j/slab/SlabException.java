package io.bpf4j.slab;

/**
 * Thrown by {@link KmemCache#free} when it refuses a pointer (double free, foreign pointer,
 * wrong cache, interior pointer); nothing was changed. The error is also recorded in {@link
 * SlabAllocator#errors()}.
 */
public final class SlabException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The error, not serialized (a record of this package). */
  private final transient SlabError error;

  SlabException(SlabError error) {
    super(error.message());
    this.error = error;
  }

  /** What went wrong. */
  public SlabError error() {
    return error;
  }
}
