/** Hooks of the JVM backend that programs attach to. */
package io.bpf4j.hooks;
