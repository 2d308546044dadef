/** Attaching programs to hooks: one class per mechanism, each attachment a {@code Link}. */
package io.bpf4j.kernel.link;
