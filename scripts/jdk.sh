# Finds a JDK 25 or newer and exports JAVA_HOME for it; sourced by ./bpf4j and scripts/test.
# Looks at BPF4J_JAVA_HOME, JAVA_HOME, `java` on PATH, and the usual JDK folders.

bpf4j_jdk_major() { # $1 = JDK home; prints its feature version, or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

bpf4j_find_jdk() {
  local candidates=() d seen=""
  [ -n "${BPF4J_JAVA_HOME:-}" ] && candidates+=("$BPF4J_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    d=$(readlink -f "$(command -v java)"); candidates+=("$(dirname "$(dirname "$d")")")
  fi
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local done_dirs=" " real
  for d in "${candidates[@]}"; do
    real=$(readlink -f "$d" 2>/dev/null || echo "$d")
    case "$done_dirs" in *" $real "*) continue ;; esac # one JDK under several names
    done_dirs="$done_dirs$real "
    local m; m=$(bpf4j_jdk_major "$d")
    [ -n "$m" ] && seen="$seen ${d}(${m})"
    if [ -n "$m" ] && [ "$m" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$d"
      return 0
    fi
  done
  {
    echo "bpf4j: no JDK 25 or newer found."
    [ -n "$seen" ] && echo "  JDKs seen:$seen"
    local v
    for v in BPF4J_JAVA_HOME JAVA_HOME; do
      if [ -n "${!v:-}" ] && [ -z "$(bpf4j_jdk_major "${!v}")" ]; then
        echo "  $v=${!v} is not a JDK (no bin/java and bin/javac there)"
      fi
    done
    echo "  Install one, for example Temurin 25 (https://adoptium.net; on Debian/Ubuntu with the"
    echo "  Adoptium repository: apt-get install temurin-25-jdk), then run again, or point"
    echo "  JAVA_HOME (or BPF4J_JAVA_HOME) at it."
  } >&2
  return 1
}

bpf4j_find_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "bpf4j: Apache Maven (mvn) is needed to build bpf4j; install it (apt-get install maven)." >&2
    return 1
  fi
  # Maven's own libraries use sun.misc.Unsafe; keep newer JDKs quiet about it.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}
