package dev.understudy.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-written servlet objects for the filter's tests: only what the filter touches, the rest unsupported. */
final class FakeHttp {

    private FakeHttp() {
    }

    /** An implementation of {@code type} whose every method throws: what a wrapper needs underneath. */
    static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(FakeHttp.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "unsupported " + type.getSimpleName();
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                    }
                }));
    }

    /**
     * The container's own session, as CDI keeps it: {@code invalidate()} is logged to {@code log}; a second one
     * is illegal, as in a container.
     */
    static HttpSession containerSession(List<String> log) {
        boolean[] invalid = new boolean[1];
        return (HttpSession) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "invalidate":
                            if (invalid[0]) {
                                throw new IllegalStateException("invalidate: session already invalidated");
                            }
                            invalid[0] = true;
                            log.add("container session invalidated");
                            return null;
                        case "toString":
                            return "container session";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException("HttpSession." + method.getName());
                    }
                });
    }

    /**
     * The container's request. Creating the container's own session is a test failure; {@code getSession(false)}
     * finds {@link #containerSession} (none unless a test sets one).
     */
    static final class Request extends HttpServletRequestWrapper {
        final Map<String, Object> attributes = new HashMap<>();
        final List<Cookie> cookies = new ArrayList<>();
        final String contextPath;
        final String uri;
        boolean secure;
        DispatcherType dispatcherType = DispatcherType.REQUEST;
        Async async;
        RequestDispatcher dispatcher;
        HttpSession containerSession;

        Request(String contextPath, String pathWithinApplication) {
            super(unsupported(HttpServletRequest.class));
            this.contextPath = contextPath;
            this.uri = contextPath + pathWithinApplication;
        }

        Request cookie(String name, String value) {
            cookies.add(new Cookie(name, value));
            return this;
        }

        @Override
        public Cookie[] getCookies() {
            return cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getContextPath() {
            return contextPath;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return dispatcherType;
        }

        @Override
        public RequestDispatcher getRequestDispatcher(String path) {
            return dispatcher;
        }

        @Override
        public boolean isAsyncStarted() {
            return async != null && !async.completed;
        }

        @Override
        public AsyncContext getAsyncContext() {
            return async;
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            async = new Async(request, response);
            return async;
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (create) {
                throw new AssertionError("the container's session must not be created");
            }
            return containerSession;
        }

        @Override
        public HttpSession getSession() {
            throw new AssertionError("the container's session must not be created");
        }
    }

    /** The container's response: commits on flush, sendError, sendRedirect, a full buffer, the content length. */
    static final class Response extends HttpServletResponseWrapper {
        final List<String> log;
        final List<String> headers = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int bufferSize = 8192;
        long contentLength = -1;
        boolean committed;
        int status = 200;
        String redirect;
        private long buffered;
        private ServletOutputStream stream;
        private PrintWriter writer;

        Response(List<String> log) {
            super(unsupported(HttpServletResponse.class));
            this.log = log;
        }

        void commit() {
            if (!committed) {
                committed = true;
                log.add("response committed");
            }
        }

        /** The values of the Set-Cookie headers, in order. */
        List<String> setCookies() {
            List<String> values = new ArrayList<>();
            for (String header : headers) {
                if (header.startsWith("Set-Cookie: ")) {
                    values.add(header.substring("Set-Cookie: ".length()));
                }
            }
            return values;
        }

        @Override
        public void addHeader(String name, String value) {
            if (!committed) {
                headers.add(name + ": " + value);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            addHeader(name, value);
        }

        @Override
        public void setIntHeader(String name, int value) {
            addHeader(name, Integer.toString(value));
        }

        @Override
        public void setContentLength(int len) {
            contentLength = len;
        }

        @Override
        public void setContentLengthLong(long len) {
            contentLength = len;
        }

        @Override
        public boolean isCommitted() {
            return committed;
        }

        @Override
        public int getBufferSize() {
            return bufferSize;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public void flushBuffer() {
            commit();
        }

        @Override
        public void sendError(int sc) {
            status = sc;
            commit();
        }

        @Override
        public void sendError(int sc, String msg) {
            sendError(sc);
        }

        @Override
        public void sendRedirect(String location) {
            status = 302;
            redirect = location;
            commit();
        }

        @Override
        public void reset() {
            if (committed) {
                throw new IllegalStateException("committed");
            }
            headers.clear();
            resetBuffer();
        }

        @Override
        public void resetBuffer() {
            if (committed) {
                throw new IllegalStateException("committed");
            }
            body.reset();
            buffered = 0;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                        buffered++;
                        if (buffered > bufferSize || (contentLength >= 0 && body.size() >= contentLength)) {
                            commit();
                        }
                    }

                    @Override
                    public void flush() {
                        commit();
                    }

                    @Override
                    public void close() {
                        commit();
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener writeListener) {
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), false);
            }
            return writer;
        }
    }

    /** An async cycle: {@link #complete()} tells the listeners. */
    static final class Async implements AsyncContext {
        final List<AsyncListener> listeners = new ArrayList<>();
        final ServletRequest request;
        final ServletResponse response;
        boolean completed;

        Async(ServletRequest request, ServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public ServletRequest getRequest() {
            return request;
        }

        @Override
        public ServletResponse getResponse() {
            return response;
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return false;
        }

        @Override
        public void dispatch() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dispatch(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
            completed = true;
            for (AsyncListener listener : new ArrayList<>(listeners)) {
                try {
                    listener.onComplete(new AsyncEvent(this));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public void start(Runnable run) {
            run.run();
        }

        @Override
        public void addListener(AsyncListener listener) {
            listeners.add(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            listeners.add(listener);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTimeout(long timeout) {
        }

        @Override
        public long getTimeout() {
            return 0;
        }
    }

    /** A servlet context: parameters, attributes, a web.xml, listener creation by reflection. */
    static final class Context {
        final Map<String, String> initParameters = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        final List<String> created = new ArrayList<>();
        String contextPath = "/shop";
        String webXml;
        Integer sessionTimeoutMinutes = 30;

        ServletContext proxy() {
            return (ServletContext) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getContextPath":
                                return contextPath;
                            case "getInitParameter":
                                return initParameters.get((String) args[0]);
                            case "getAttribute":
                                return attributes.get((String) args[0]);
                            case "setAttribute":
                                attributes.put((String) args[0], args[1]);
                                return null;
                            case "removeAttribute":
                                attributes.remove((String) args[0]);
                                return null;
                            case "getClassLoader":
                                return FakeHttp.class.getClassLoader();
                            case "getSessionTimeout":
                                if (sessionTimeoutMinutes == null) {
                                    throw new UnsupportedOperationException();
                                }
                                return sessionTimeoutMinutes;
                            case "getSessionCookieConfig":
                                return null;
                            case "getResourceAsStream":
                                return "/WEB-INF/web.xml".equals(args[0]) && webXml != null
                                        ? new ByteArrayInputStream(webXml.getBytes(StandardCharsets.UTF_8)) : null;
                            case "createListener":
                                Class<?> type = (Class<?>) args[0];
                                created.add(type.getName());
                                return (EventListener) type.getDeclaredConstructor().newInstance();
                            case "toString":
                                return "fake ServletContext " + contextPath;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                throw new UnsupportedOperationException("ServletContext." + method.getName());
                        }
                    });
        }
    }

    static FilterConfig filterConfig(ServletContext context, Map<String, String> initParameters) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "UnderstudySessionFilter";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return initParameters.get(name);
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(initParameters.keySet());
            }
        };
    }
}
