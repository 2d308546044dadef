/** Running programs: the reference interpreter (fast and checked modes), the JIT to JVM bytecode, and their runtime. */
package io.bpf4j.vm;
