/** The kernel's UAPI numbering (linux/bpf.h): program, map and attach types, helper ids. */
package io.bpf4j.uapi;
