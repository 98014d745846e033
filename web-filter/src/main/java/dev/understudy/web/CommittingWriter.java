package dev.understudy.web;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Under the response's {@link PrintWriter}: flush and close are commit points; characters are counted at the
 * charset's maximum bytes per character ({@link CommitGuard}), so the hook errs on the early side.
 */
final class CommittingWriter extends Writer {

    private final PrintWriter delegate;
    private final CommittingResponse response;
    private final float bytesPerChar;

    CommittingWriter(PrintWriter delegate, CommittingResponse response, float bytesPerChar) {
        this.delegate = delegate;
        this.response = response;
        this.bytesPerChar = bytesPerChar;
    }

    @Override
    public void write(int c) {
        long bytes = bytes(1);
        response.beforeWrite(bytes);
        delegate.write(c);
        response.afterWrite(bytes);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        long bytes = bytes(len);
        response.beforeWrite(bytes);
        delegate.write(cbuf, off, len);
        response.afterWrite(bytes);
    }

    @Override
    public void write(String str, int off, int len) {
        long bytes = bytes(len);
        response.beforeWrite(bytes);
        delegate.write(str, off, len);
        response.afterWrite(bytes);
    }

    @Override
    public void flush() {
        response.commitPoint();
        delegate.flush();
    }

    @Override
    public void close() {
        response.commitPoint();
        delegate.close();
    }

    private long bytes(int chars) {
        return (long) Math.ceil(chars * (double) bytesPerChar);
    }
}
