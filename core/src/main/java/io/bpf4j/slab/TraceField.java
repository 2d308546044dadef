package io.bpf4j.slab;

/**
 * One field of a kmem tracepoint's record, as tracefs's {@code format} file lists it: what a
 * backend needs to check a tracepoint program's context accesses.
 *
 * @param type the C type, e.g. {@code "unsigned long"} or {@code "__data_loc char[]"}
 * @param name the field's name, e.g. {@code "call_site"}
 * @param offset bytes from the start of the record
 * @param size bytes of the field
 * @param signed whether the value is signed
 */
public record TraceField(String type, String name, int offset, int size, boolean signed) {
  /** The line of tracefs's format file for this field. */
  public String formatLine() {
    return "\tfield:" + type + " " + name + ";\toffset:" + offset + ";\tsize:" + size
        + ";\tsigned:" + (signed ? 1 : 0) + ";";
  }
}
