package io.bpf4j.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (or class) that needs {@code bpf()}: skipped with the reason when the kernel refuses
 * it, and counted when it runs ({@link KernelCondition}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelCondition.class)
public @interface RequiresKernel {}
