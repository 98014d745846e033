/**
 * Replication of {@code @Stateful} and session-scoped CDI beans through an interceptor binding. It sees only
 * the resource adapter's public API ({@code dev.understudy.api}). The interceptor arrives with issue 4; this
 * module already carries the build rule that keeps it on the API.
 */
package dev.understudy.ejb;
