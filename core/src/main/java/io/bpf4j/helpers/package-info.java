/** Helper functions callable from programs, by the kernel's helper ids. */
package io.bpf4j.helpers;
