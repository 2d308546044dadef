/** BTF and BTF.ext: the type graph, function and line information, and CO-RE relocation. */
package io.bpf4j.btf;
