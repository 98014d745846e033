/**
 * Replication of {@code @Stateful} beans and session-scoped CDI beans through an interceptor binding
 * ({@link dev.understudy.ejb.Replicated}, {@link dev.understudy.ejb.ReplicationInterceptor}). It sees only the
 * resource adapter's public API ({@code dev.understudy.api}; an enforcer rule keeps it so).
 *
 * <ul>
 * <li>{@link dev.understudy.ejb.BeanModel}, {@link dev.understudy.ejb.BeanState} — which fields, as bytes.</li>
 * <li>{@link dev.understudy.ejb.BeanReplicator} — one bean instance's replication: restore, capture, write;
 *     {@link dev.understudy.ejb.Transactions} — after commit, dropped on rollback.</li>
 * <li>{@link dev.understudy.ejb.SessionEntriesStore} — a session-scoped bean's state in its HTTP session;
 *     {@link dev.understudy.ejb.OwnSessionStore} — any other bean's own bean session, reached through
 *     {@link dev.understudy.ejb.ReplicatedBeans} and, on the client, {@link dev.understudy.ejb.client}.</li>
 * <li>{@link dev.understudy.ejb.BeanLog} ({@code US-B0nn}), {@link dev.understudy.ejb.BeanStats} (JMX).</li>
 * </ul>
 */
package dev.understudy.ejb;
