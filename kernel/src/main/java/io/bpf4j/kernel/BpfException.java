package io.bpf4j.kernel;

import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.kernel.sys.SysException;

/**
 * A {@code bpf()} command the kernel refused: the command, errno by name, and for a program
 * load the verifier's log. The message reads {@code bpf(BPF_PROG_LOAD): EACCES: <the
 * verifier's last words>}; {@link #log()} has the whole log.
 */
public final class BpfException extends SysException {
  private static final long serialVersionUID = 1L;

  private final BpfCmd command;
  private final String log;

  /** A refusal of {@code command} with {@code errno} and the verifier's {@code log} ("" if none). */
  public BpfException(BpfCmd command, int errno, String log) {
    this(command, errno, log, null);
  }

  /** Same, with a note of what was being done (e.g. {@code "map 'counts'"}). */
  public BpfException(BpfCmd command, int errno, String log, String context) {
    super(
        "bpf(" + command.kernelName() + ")",
        errno,
        (context == null ? "" : context + ": ")
            + "bpf(" + command.kernelName() + "): " + Errno.name(errno) + hint(errno)
            + lastWords(log));
    this.command = command;
    this.log = log == null ? "" : log;
  }

  private static String hint(int errno) {
    return errno == Errno.EPERM ? " (are you root, or do you have CAP_BPF?)" : "";
  }

  /** The verifier's last meaningful line, which is where it says why it refused. */
  private static String lastWords(String log) {
    if (log == null || log.isBlank()) {
      return "";
    }
    String[] lines = log.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")
          && !l.startsWith("stack depth") && !l.startsWith("-- END PROG LOAD LOG --")) {
        return ": " + l;
      }
    }
    return "";
  }

  /** The command, e.g. {@link BpfCmd#PROG_LOAD}. */
  public BpfCmd command() {
    return command;
  }

  /** The verifier's (or BTF checker's) log; empty when the command has none. */
  public String log() {
    return log;
  }
}
