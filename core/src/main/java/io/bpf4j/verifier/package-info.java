/** The static verifier: proves memory safety and termination before a program runs. */
package io.bpf4j.verifier;
