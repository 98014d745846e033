package dev.understudy.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The request the application sees: its session methods answer with the replicated session of
 * {@link RequestContext}, never the container's (which the container keeps for what it reaches through the
 * unwrapped request, e.g. CDI's {@code @SessionScoped} storage: ARCHITECTURE §7).
 *
 * <p>Also: {@code include} through a dispatcher from this request is a commit point (the included resource may
 * commit the response and cannot set headers), and {@code startAsync()} hands the async code these wrappers, so
 * a servlet completing asynchronously still gets the replicated session and the commit hooks.
 */
final class ReplicatedRequest extends HttpServletRequestWrapper {

    private final RequestContext context;
    private final CommittingResponse response;

    ReplicatedRequest(HttpServletRequest request, RequestContext context, CommittingResponse response) {
        super(request);
        this.context = context;
        this.response = response;
    }

    RequestContext context() {
        return context;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return context.getSession(create, true);
    }

    @Override
    public HttpSession getSession() {
        return context.getSession(true, true);
    }

    @Override
    public String changeSessionId() {
        return context.changeSessionId();
    }

    @Override
    public String getRequestedSessionId() {
        return context.requestedSessionId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return context.isRequestedSessionIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return context.requestedSessionId() != null;
    }

    /** URL rewriting is not supported: the route token travels in the cookie only. */
    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        RequestDispatcher dispatcher = super.getRequestDispatcher(path);
        return dispatcher == null ? null : new CommittingDispatcher(dispatcher, context);
    }

    @Override
    public AsyncContext startAsync() {
        return super.startAsync(this, response);
    }

    /**
     * Invalidates the container's own session of {@code original} (the request the filter received), if it has
     * one: CDI keeps {@code @SessionScoped} beans there, so they end with the replicated session the application
     * invalidated (a logout really logs out). Already invalidated is fine.
     */
    static void invalidateContainerSession(HttpServletRequest original) {
        HttpSession container = original.getSession(false);
        if (container != null) {
            try {
                container.invalidate();
            } catch (IllegalStateException e) {
                // invalidated meanwhile: nothing left to end
            }
        }
    }

    /** A dispatcher whose {@code include} is a commit point; {@code forward} is untouched. */
    static final class CommittingDispatcher implements RequestDispatcher {
        private final RequestDispatcher delegate;
        private final RequestContext context;

        CommittingDispatcher(RequestDispatcher delegate, RequestContext context) {
            this.delegate = delegate;
            this.context = context;
        }

        @Override
        public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
            delegate.forward(request, response);
        }

        @Override
        public void include(ServletRequest request, ServletResponse response) throws ServletException, IOException {
            context.commitPoint();
            delegate.include(request, response);
        }
    }
}
