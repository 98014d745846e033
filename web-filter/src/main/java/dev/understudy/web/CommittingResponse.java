package dev.understudy.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The response the application writes to: every way it can be committed first runs {@link Hooks#beforeCommit()},
 * which replicates the session and writes its cookie. So in SYNC mode no byte of a response reaches the client
 * before the secondary applied the request's change (ARCHITECTURE I2), and a replication failure surfaces as an
 * exception from the call that would have committed (the container then answers 500, not a false success).
 *
 * <p>Commit points: {@code flushBuffer}, {@code sendError}, {@code sendRedirect}, flush or close of the stream or
 * writer, a write that may fill the buffer or reach the declared content length ({@link CommitGuard}), and a
 * content length declared at or below what was already written. The hook runs while the container's response is
 * not yet committed; after that, never again (later changes are replicated when the request ends).
 */
final class CommittingResponse extends HttpServletResponseWrapper {

    /** What runs around commits. */
    interface Hooks {
        /** The response is about to commit: replicate, write the cookie. May throw: the commit does not happen. */
        void beforeCommit();

        /** The response was reset: headers written so far (the cookie) are gone. */
        void afterReset();
    }

    private final Hooks hooks;
    private final CommitGuard guard = new CommitGuard();
    private ServletOutputStream stream;
    private PrintWriter writer;

    CommittingResponse(HttpServletResponse response, Hooks hooks) {
        super(response);
        this.hooks = hooks;
    }

    /** An explicit commit is coming: run the hook unless the container's response is already committed. */
    void commitPoint() {
        if (!getResponse().isCommitted()) {
            hooks.beforeCommit();
        }
    }

    /** Before {@code bytes} go to the container: run the hook if they may commit the response. */
    void beforeWrite(long bytes) {
        if (guard.wouldCommit(bytes, getResponse().getBufferSize()) && !getResponse().isCommitted()) {
            hooks.beforeCommit();
            guard.fired();
        }
    }

    void afterWrite(long bytes) {
        guard.wrote(bytes);
    }

    @Override
    public void flushBuffer() throws IOException {
        commitPoint();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        commitPoint();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        commitPoint();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        commitPoint();
        super.sendRedirect(location);
    }

    /**
     * Servlet 6.1 overload (Payara 7): a commit point as well. Not in the 6.0 API this compiles against, so it
     * reaches the container by reflection; a 6.0 container never calls it.
     */
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        commitPoint();
        delegate("sendRedirect", new Class<?>[] {String.class, int.class, boolean.class}, location, sc, clearBuffer);
    }

    /** Servlet 6.1 overload: see {@link #sendRedirect(String, int, boolean)}. */
    public void sendRedirect(String location, int sc) throws IOException {
        commitPoint();
        delegate("sendRedirect", new Class<?>[] {String.class, int.class}, location, sc);
    }

    /** Servlet 6.1 overload: see {@link #sendRedirect(String, int, boolean)}. */
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        commitPoint();
        delegate("sendRedirect", new Class<?>[] {String.class, boolean.class}, location, clearBuffer);
    }

    @Override
    public void setContentLength(int len) {
        super.setContentLength(len);
        declared(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        super.setContentLengthLong(len);
        declared(len);
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, value);
        declaredHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, value);
        declaredHeader(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        super.setIntHeader(name, value);
        declaredHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        super.addIntHeader(name, value);
        declaredHeader(name, Integer.toString(value));
    }

    @Override
    public void reset() {
        super.reset();
        guard.reset();
        stream = null;
        writer = null;
        hooks.afterReset();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        guard.resetBuffer();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CommittingOutputStream(super.getOutputStream(), this);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            PrintWriter container = super.getWriter();
            writer = new PrintWriter(new CommittingWriter(container, this, maxBytesPerChar()), false) {
                @Override
                public boolean checkError() {
                    return super.checkError() || container.checkError();
                }
            };
        }
        return writer;
    }

    /** Calls a response method newer than the compile API; without it, the plain {@code sendRedirect}. */
    private void delegate(String method, Class<?>[] types, Object... args) throws IOException {
        Method target;
        try {
            target = HttpServletResponse.class.getMethod(method, types);
        } catch (NoSuchMethodException e) {
            super.sendRedirect((String) args[0]);
            return;
        }
        try {
            target.invoke(getResponse(), args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method + " on the container's response", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void declared(long length) {
        guard.contentLength(length);
        if (guard.contentLengthReached()) {
            commitPoint();
        }
    }

    private void declaredHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name) && value != null) {
            try {
                declared(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // not a length: the container decides what it means
            }
        }
    }

    private float maxBytesPerChar() {
        String encoding = getCharacterEncoding();
        try {
            return encoding == null ? 4f : Charset.forName(encoding).newEncoder().maxBytesPerChar();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException | UnsupportedOperationException e) {
            return 4f;
        }
    }
}
