package io.bpf4j.slab;

/**
 * A misuse of the allocator that it caught: what went wrong, where, and why it matters. Debug
 * mode ({@link SlabConfig#debug()}) catches every kind at the moment it happens; without
 * debug mode, invalid frees are caught later, when a magazine returns its objects to the
 * slabs. Errors never crash the JVM: a pointer is checked to lie in one of the allocator's
 * own chunks before any byte behind it is read or written.
 *
 * @param kind what kind of misuse
 * @param cache the cache the operation was called on
 * @param address the pointer involved
 * @param detail the facts of this occurrence (offsets, bytes found, the owning cache)
 */
public record SlabError(Kind kind, String cache, long address, String detail) {

  /** The kinds of misuse, each with a plain explanation of why it matters. */
  public enum Kind {
    /** The same object freed twice. */
    DOUBLE_FREE("double free",
        "after the first free the object may already belong to someone else; a second free"
            + " would put it on the free list twice, and two owners would later be handed the"
            + " same memory and overwrite each other's data"),
    /** A pointer the allocator never handed out. */
    FOREIGN_POINTER("pointer not from this allocator",
        "the memory does not belong to any slab; putting it on a free list would hand it out"
            + " later and overwrite whatever really owns it (a wild free corrupts memory"
            + " elsewhere)"),
    /** An object freed to another cache than the one it came from. */
    WRONG_CACHE("object freed to the wrong cache",
        "the other cache would hand the object out with its own object size, so it could"
            + " overlap its neighbours (corruption), and the cache it came from would count it"
            + " as in use forever (a leak)"),
    /** A pointer into a slab but not to the start of an object. */
    NOT_OBJECT_START("pointer to the middle of an object",
        "freeing an interior pointer would hand out memory that straddles two objects; the"
            + " pointer was usually advanced or computed wrongly before the free"),
    /** A freed object written after its free (its poison changed). */
    USE_AFTER_FREE("use after free",
        "someone kept a pointer to the object after freeing it and wrote through it; had the"
            + " object been reused, that write would have changed another owner's data"),
    /** A write past the end (or before the start) of an object. */
    REDZONE_OVERWRITTEN("buffer overflow into a red zone",
        "a write ran past the bounds of the object; without the red zone it would have"
            + " silently corrupted the neighbouring object");

    private final String title;
    private final String why;

    Kind(String title, String why) {
      this.title = title;
      this.why = why;
    }

    /** A short name, e.g. {@code "double free"}. */
    public String title() {
      return title;
    }

    /** Why this misuse matters, in a sentence. */
    public String whyItMatters() {
      return why;
    }
  }

  /** One line: the kind, the pointer and cache, and the details. */
  public String message() {
    return kind.title() + ": 0x" + Long.toHexString(address) + " in cache '" + cache + "': "
        + detail;
  }

  /** The message followed by why it matters. */
  public String explanation() {
    return message() + ".\nWhy it matters: " + kind.whyItMatters() + ".";
  }

  @Override
  public String toString() {
    return message();
  }
}
