package dev.understudy.ejb;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Replicates a {@code @Stateful} bean (or a CDI {@code @SessionScoped} bean) through Understudy: after each
 * business method the fields whose bytes changed travel to the bean's secondary server.
 *
 * <p>Active only where {@link ReplicationInterceptor} is enabled: one line in the bean archive's
 * {@code beans.xml} ({@code <interceptors><class>dev.understudy.ejb.ReplicationInterceptor</class></interceptors>})
 * or a subclass of it annotated {@code @Priority}. A bean that is {@code @SessionScoped} keeps its state in the
 * request's replicated HTTP session and follows it; any other bean gets a replicated session of its own, reached
 * through {@link ReplicatedBeans}.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Replicated {
    /**
     * The bean's name in the replicated state; default: its class name. Letters, digits, {@code . _ $ -} only.
     * Keep it stable across releases.
     */
    @Nonbinding
    String value() default "";

    /** What the bean's fields do when a call's transaction rolls back; the replica never sees rolled-back state. */
    @Nonbinding
    OnRollback onRollback() default OnRollback.RESTORE;
}
