package dev.understudy.web;

import dev.understudy.api.CurrentSession;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.SessionKind;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EventListener;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;

/**
 * Replicated HTTP sessions for the application, by adding this jar to {@code WEB-INF/lib}: the filter is declared
 * by the jar's {@code META-INF/web-fragment.xml} (named {@code UnderstudySessionFilter}, ordered before the
 * other fragments, {@code /*}, dispatchers REQUEST, ASYNC and ERROR, async supported).
 *
 * <p>Per request it builds a {@link RequestContext} and wraps the request ({@link ReplicatedRequest}: the session
 * methods) and the response ({@link CommittingResponse}: replication before commit). Dispatchers:
 * <ul>
 * <li>REQUEST starts a context; it ends in {@code finally} — or, if the request went async, when the async cycle
 *     completes ({@link AsyncListener#onComplete}).</li>
 * <li>ASYNC (and ERROR during an async cycle) reuse the open context of the request.</li>
 * <li>ERROR after the filter returned (the container renders an error page for an exception or
 *     {@code sendError}, often with the unwrapped request) gets a new context that continues from the first
 *     one ({@link RequestContext.Carry}): same session, same cookie state.</li>
 * <li>FORWARD and INCLUDE need no mapping: the dispatched request still wraps ours; {@code include} from our
 *     request is a commit point.</li>
 * </ul>
 * While the chain runs, the request's session is bound as {@link CurrentSession} ({@link SessionEntriesView}),
 * for the bean interceptors. Requests whose path matches the {@code exclude} pattern (static resources by
 * default) pass through untouched.
 */
public class ReplicatedSessionFilter implements Filter {

    static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    private static final Logger LOGGER = Logger.getLogger(ReplicatedSessionFilter.class.getPackageName());
    private static final int EXPIRY_QUEUE = 10_000;
    /** How long {@code destroy} lets queued expiry events finish. */
    private static final long EXPIRY_DRAIN_SECONDS = 5;

    private final ConnectionSource.Lookup lookup;
    private final LongSupplier clock;
    private final LongSupplier nanoClock;
    private SessionRuntime runtime;
    private ConnectionSource connections;
    private ExpiryRelay expiry;
    private ThreadPoolExecutor expiryExecutor;
    private String scope;

    public ReplicatedSessionFilter() {
        this(name -> new InitialContext().lookup(name), System::currentTimeMillis, System::nanoTime);
    }

    /** For tests: the JNDI lookup, the wall clock (session times) and the monotonic clock (lookup retries). */
    ReplicatedSessionFilter(ConnectionSource.Lookup lookup, LongSupplier clock, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        FilterSettings settings;
        try {
            settings = FilterSettings.read(config::getInitParameter, context::getInitParameter,
                    containerDefaults(context));
        } catch (IllegalArgumentException e) {
            throw new ServletException("Understudy filter " + config.getFilterName() + ": " + e.getMessage(), e);
        }
        scope = context.getContextPath();
        WebStats stats = new WebStats();
        List<EventListener> found = ListenerDiscovery.discover(context, settings.listeners(),
                settings.discoverListeners(), LOGGER);
        context.removeAttribute(ListenerDiscovery.HANDLES_TYPES_ATTRIBUTE);
        SessionListeners listeners = new SessionListeners(found, stats, LOGGER);

        connections = new ConnectionSource(settings.factoryNames(), lookup, this::registerExpiry, LOGGER,
                nanoClock);
        runtime = new SessionRuntime(settings, context, scope, connections, listeners, stats, LOGGER, clock);
        expiryExecutor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(EXPIRY_QUEUE),
                threadFactory());
        expiryExecutor.allowCoreThreadTimeOut(true);
        expiry = new ExpiryRelay(runtime, expiryExecutor, context.getClassLoader());
        context.setAttribute(WebStats.ATTRIBUTE, stats);

        if (settings.cookie().sameSite().equals("None") && settings.cookie().secure() == SessionCookie.Secure.NEVER) {
            WebLog.W007.log(LOGGER, settings.cookie().name());
        }
        WebLog.W001.log(LOGGER, scope.isEmpty() ? "/" : scope, settings.cookie().name(),
                String.join(", ", settings.factoryNames()), listeners.size(),
                found.stream().map(l -> l.getClass().getName()).collect(Collectors.toList()));
        connections.tryResolve(true);
    }

    @Override
    @SuppressWarnings("try") // the CurrentSession scopes are only held, for their close()
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)
                || runtime.settings().excluded(pathWithinApplication((HttpServletRequest) req))) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Object attribute = request.getAttribute(RequestContext.ATTRIBUTE);
        RequestContext earlier = attribute instanceof RequestContext ? (RequestContext) attribute : null;
        if (earlier != null && earlier.isOpen()) {
            try (CurrentSession.Scope bound = CurrentSession.bind(SessionEntriesView.source(earlier))) {
                if (wrapsOurs(request)) {
                    chain.doFilter(request, response);
                } else {
                    CommittingResponse wrappedResponse = wrap(response, earlier);
                    chain.doFilter(new ReplicatedRequest(request, earlier, wrappedResponse), wrappedResponse);
                }
            }
            return;
        }
        RequestContext context = new RequestContext(runtime, request, response,
                earlier == null ? null : earlier.carry());
        request.setAttribute(RequestContext.ATTRIBUTE, context);
        CommittingResponse wrappedResponse = wrap(response, context);
        Throwable failure = null;
        try (CurrentSession.Scope bound = CurrentSession.bind(SessionEntriesView.source(context))) {
            chain.doFilter(new ReplicatedRequest(request, context, wrappedResponse), wrappedResponse);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncCompletion(context));
            } else {
                context.finish(failure);
            }
        }
    }

    @Override
    public void destroy() {
        ReplicationConnectionFactory factory = connections == null ? null : connections.current();
        if (factory != null) {
            try {
                factory.removeSessionEventListener(SessionKind.WEB, scope);
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "removing the expiry listener failed", e);
            }
        }
        if (expiryExecutor != null) {
            expiryExecutor.shutdown();
            try {
                if (!expiryExecutor.awaitTermination(EXPIRY_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                    expiryExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                expiryExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (runtime != null) {
            runtime.servletContext().removeAttribute(WebStats.ATTRIBUTE);
            WebLog.W006.log(LOGGER, scope.isEmpty() ? "/" : scope);
        }
    }

    /** The expiry relay, for tests that drive expiry directly. */
    ExpiryRelay expiryRelay() {
        return expiry;
    }

    private void registerExpiry(ReplicationConnectionFactory factory) {
        try {
            factory.setSessionEventListener(SessionKind.WEB, scope, expiry);
        } catch (RuntimeException e) {
            WebLog.W005.log(LOGGER, e, scope.isEmpty() ? "/" : scope, e.toString());
        }
    }

    private static CommittingResponse wrap(HttpServletResponse response, RequestContext context) {
        return new CommittingResponse(response, new CommittingResponse.Hooks() {
            @Override
            public void beforeCommit() {
                context.commitPoint();
            }

            @Override
            public void afterReset() {
                context.responseReset();
            }
        });
    }

    private static boolean wrapsOurs(ServletRequest request) {
        return request instanceof ReplicatedRequest || (request instanceof ServletRequestWrapper
                && ((ServletRequestWrapper) request).isWrapperFor(ReplicatedRequest.class));
    }

    static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (uri == null) {
            return "";
        }
        return contextPath != null && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    /** The container's managed thread factory (application context on the thread), else a daemon thread. */
    private ThreadFactory threadFactory() {
        try {
            Object managed = lookup.lookup(MANAGED_THREAD_FACTORY);
            if (managed instanceof ThreadFactory) {
                return (ThreadFactory) managed;
            }
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "no managed thread factory; using a plain daemon thread", e);
        }
        String name = "understudy-expiry" + (scope.isEmpty() ? "-root" : scope.replace('/', '-'));
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static FilterSettings.ContainerDefaults containerDefaults(ServletContext context) {
        Integer timeout = null;
        try {
            timeout = context.getSessionTimeout();
        } catch (RuntimeException e) {
            // the container cannot tell: the documented fallback applies
        }
        String path = null;
        String domain = null;
        boolean secure = false;
        String sameSite = null;
        try {
            SessionCookieConfig config = context.getSessionCookieConfig();
            if (config != null) {
                path = config.getPath();
                domain = config.getDomain();
                secure = config.isSecure();
                sameSite = config.getAttribute("SameSite");
            }
        } catch (RuntimeException | LinkageError e) {
            // no session-config cookie settings: the filter's own defaults apply
        }
        return new FilterSettings.ContainerDefaults(context.getContextPath(), timeout, path, domain, secure, sameSite);
    }

    /** Ends the request's context when its async cycle completes; follows the cycle when it is restarted. */
    private static final class AsyncCompletion implements AsyncListener {
        private final RequestContext context;

        AsyncCompletion(RequestContext context) {
            this.context = context;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            context.finish(event.getThrowable());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
