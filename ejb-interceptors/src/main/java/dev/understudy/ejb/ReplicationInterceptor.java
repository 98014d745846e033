package dev.understudy.ejb;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.PostActivate;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/**
 * Replicates {@link Replicated} beans: after each business method, the fields whose bytes changed travel to the
 * bean's secondary (after the commit of the caller's JTA transaction, if there is one; dropped on rollback).
 *
 * <p>Not enabled by itself: enable it in the {@code beans.xml} of the archive holding the beans —
 * <pre>{@code <interceptors><class>dev.understudy.ejb.ReplicationInterceptor</class></interceptors>}</pre>
 * — or, to enable it for the whole application, declare a subclass with {@code @Priority}:
 * <pre>{@code @Replicated @Interceptor @Priority(Interceptor.Priority.LIBRARY_AFTER)
 * public class AppReplication extends ReplicationInterceptor { }}</pre>
 *
 * <p>The container makes one interceptor instance per bean instance; this one keeps that instance's
 * {@link BeanReplicator}, and is passivated with it.
 */
@Replicated
@Interceptor
public class ReplicationInterceptor implements Serializable {
    private static final long serialVersionUID = 1L;

    private BeanReplicator replicator;

    @AroundInvoke
    public Object replicate(InvocationContext ctx) throws Exception {
        BeanReplicator r = replicator();
        r.before(ctx.getTarget());
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception | Error e) {
            r.after(ctx.getMethod(), e);
            throw e;
        }
        r.after(ctx.getMethod(), null);
        return result;
    }

    @PostActivate
    public void activated(InvocationContext ctx) throws Exception {
        replicator().activated();
        ctx.proceed();
    }

    @PreDestroy
    public void destroyed(InvocationContext ctx) throws Exception {
        if (replicator != null) {
            ReplicatedBeans.forget(replicator);
        }
        ctx.proceed();
    }

    private BeanReplicator replicator() {
        if (replicator == null) {
            replicator = new BeanReplicator(ReplicatedBeans.scope());
        }
        return replicator;
    }
}
