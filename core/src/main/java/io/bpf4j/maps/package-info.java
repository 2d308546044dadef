/** Maps of the JVM backend, with the kernel's semantics and typed views for Java callers. */
package io.bpf4j.maps;
