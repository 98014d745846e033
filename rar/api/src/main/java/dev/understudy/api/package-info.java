/**
 * The public contract of the Understudy resource adapter: what the web filter and the interceptors compile
 * against (scope {@code provided}). Plain Java: no container and no broker types appear here.
 *
 * <p>An application gets a {@link dev.understudy.api.ReplicationConnectionFactory} from the container, takes a
 * {@link dev.understudy.api.ReplicationConnection} per request, and works with sessions as marshalled bytes:
 * {@code open} (which takes a session over if it lives elsewhere), {@code create}, {@code commit},
 * {@code touch}, {@code invalidate}, {@code changeId}. Routes travel in cookies, MAC-protected.
 *
 * <p>Operators (and the tools built for them) reach {@link dev.understudy.api.ReplicationAdmin} through
 * {@link dev.understudy.api.ReplicationConnectionFactory#admin()}: the settings in force, a
 * {@link dev.understudy.api.NodeStatus} snapshot with readiness and counters, and run-time changes of mode,
 * batching, admin pairing and log level.
 */
package dev.understudy.api;
