package io.bpf4j.verifier;

/**
 * The C source line an instruction came from ({@code struct bpf_line_info} of BTF.ext, with
 * its file and text resolved), to quote in a verdict.
 *
 * @param file the source file name
 * @param line 1-based line number
 * @param text the line's text, trimmed (may be empty)
 */
public record SourceLine(String file, int line, String text) {
  @Override
  public String toString() {
    return file + ":" + line + (text.isEmpty() ? "" : ": " + text);
  }
}
