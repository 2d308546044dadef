/** The Linux kernel backend: bpf() commands, program and map objects, attachment. */
package io.bpf4j.kernel;
