/**
 * The web filter: replicated HTTP sessions by adding one jar to a WAR. It sees only the resource adapter's public
 * API ({@code dev.understudy.api}); an enforcer rule keeps it so.
 *
 * <p>Shape (one concern per class):
 * <ul>
 * <li>{@link dev.understudy.web.ReplicatedSessionFilter} — the filter (declared by {@code web-fragment.xml}):
 *     wraps each request and response, dispatch rules, lifecycle;</li>
 * <li>{@link dev.understudy.web.RequestContext} — one request's session: open, create, commit points, id change,
 *     invalidation, ownership retries; {@link dev.understudy.web.CookieExchange} — its cookie;</li>
 * <li>{@link dev.understudy.web.ReplicatedRequest} and {@link dev.understudy.web.CommittingResponse} (with
 *     {@link dev.understudy.web.CommitGuard}, {@link dev.understudy.web.CommittingOutputStream},
 *     {@link dev.understudy.web.CommittingWriter}) — the wrappers and the commit hooks;</li>
 * <li>{@link dev.understudy.web.ReplicatedSession} — the Servlet semantics of {@code HttpSession};
 *     {@link dev.understudy.web.SessionAttributes} — storage and dirty tracking;
 *     {@link dev.understudy.web.SessionEntriesView} — the bean interceptors' entries in it;
 *     {@link dev.understudy.web.AttributeMarshaller}, {@link dev.understudy.web.DeserializationFilters},
 *     {@link dev.understudy.web.Immutability} — marshalling;</li>
 * <li>{@link dev.understudy.web.SessionListeners}, {@link dev.understudy.web.ListenerDiscovery},
 *     {@link dev.understudy.web.ListenerDiscoveryInitializer}, {@link dev.understudy.web.ExpiryRelay} — events;</li>
 * <li>{@link dev.understudy.web.FilterSettings}, {@link dev.understudy.web.Setting},
 *     {@link dev.understudy.web.SessionCookie} — configuration; {@link dev.understudy.web.WebLog},
 *     {@link dev.understudy.web.WebStats} — coded logs ({@code US-W0nn}) and counters.</li>
 * </ul>
 */
package dev.understudy.web;
