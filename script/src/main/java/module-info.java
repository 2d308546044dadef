/** The bpftrace-style script language: lexer, parser, checker, code generator. */
module io.bpf4j.script {
  requires transitive io.bpf4j.core;

}
