/** The bpftrace-style script language of bpf4j. */
package io.bpf4j.script;
