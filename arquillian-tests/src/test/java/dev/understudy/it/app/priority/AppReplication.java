package dev.understudy.it.app.priority;

import dev.understudy.ejb.Replicated;
import dev.understudy.ejb.ReplicationInterceptor;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;

/**
 * The {@code @Priority} way to enable bean replication for the whole application, instead of the {@code beans.xml}
 * line (README, bean interceptors). Only in the WAR of {@code BeanInterceptorPriorityIT}.
 */
@Replicated
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class AppReplication extends ReplicationInterceptor {
    private static final long serialVersionUID = 1L;
}
