package io.bpf4j.helpers;

/**
 * The format strings the kernel's {@code bpf_bprintf_prepare} takes: {@code bpf_snprintf} and
 * {@code bpf_trace_printk} return -EINVAL for any other, and the verifier refuses one for
 * {@code bpf_snprintf} when the format is a constant string of a read-only map ({@code
 * check_bpf_snprintf_call}): no ASCII control characters but white space; {@code %%}; at most as
 * many conversions as the data holds u64s (more than 12 u64s fail only when the helper runs:
 * -EINVAL); each conversion takes the flags
 * {@code 0 + - space}, a width of digits, and then one of {@code d i u x X} (with {@code l}
 * or {@code ll} before it), {@code c}, {@code s}, or {@code p} alone (or with {@code K x s S}
 * or before punctuation or space), {@code pB}, {@code pks}, {@code pus}, {@code pI4 pi4 pI6
 * pi6}. No precision, {@code h}, {@code hh}, {@code z}, {@code #}, {@code o} or {@code *}.
 */
public final class PrintfFormat {
  private PrintfFormat() {}

  /**
   * True when the NUL-terminated string at {@code off} of {@code data} is a format the kernel
   * takes with {@code numArgs} arguments.
   */
  public static boolean valid(byte[] data, int off, long numArgs) {
    int spec = 0;
    for (int i = off; i < data.length && data[i] != 0; i++) {
      int c = data[i] & 0xff;
      if (c == 0x7f || c < 0x20 && !(c >= 9 && c <= 13)) {
        return false; // an ASCII control character (bytes from 0x80 up pass, as on 6.18)
      }
      if (c != '%') {
        continue;
      }
      if (at(data, i + 1) == '%') {
        i++;
        continue;
      }
      if (spec >= numArgs) {
        return false;
      }
      i++;
      while (at(data, i) == '0' || at(data, i) == '+' || at(data, i) == '-' || at(data, i) == ' ') {
        i++;
      }
      if (at(data, i) >= '1' && at(data, i) <= '9') {
        i++;
        while (at(data, i) >= '0' && at(data, i) <= '9') {
          i++;
        }
      }
      int f = at(data, i);
      if (f == 'p') {
        int n = at(data, i + 1);
        if (n == 0 || n == ' ' || n >= 9 && n <= 13 || punct(n) || n == 'K' || n == 'x'
            || n == 's' || n == 'S') {
          // a pointer printed as a number; what follows is read as the format's own text
          // (so "%p%d" is two conversions)
        } else if (n == 'B') {
          i++;
        } else if ((n == 'k' || n == 'u') && at(data, i + 2) == 's') {
          i += 2;
        } else if ((n == 'i' || n == 'I') && (at(data, i + 2) == '4' || at(data, i + 2) == '6')) {
          i += 2;
        } else {
          return false;
        }
      } else if (f != 's' && f != 'c') {
        if (at(data, i) == 'l') {
          i++;
        }
        if (at(data, i) == 'l') {
          i++;
        }
        int t = at(data, i);
        if (t != 'i' && t != 'd' && t != 'u' && t != 'x' && t != 'X') {
          return false;
        }
      }
      spec++;
    }
    return true;
  }

  private static int at(byte[] d, int i) {
    return i < d.length ? d[i] & 0xff : 0;
  }

  private static boolean punct(int c) {
    return c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
  }
}
