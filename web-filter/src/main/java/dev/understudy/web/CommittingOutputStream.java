package dev.understudy.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** The response stream: flush and close are commit points; writes are counted ({@link CommitGuard}). */
final class CommittingOutputStream extends ServletOutputStream {

    private final ServletOutputStream delegate;
    private final CommittingResponse response;

    CommittingOutputStream(ServletOutputStream delegate, CommittingResponse response) {
        this.delegate = delegate;
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        response.beforeWrite(1);
        delegate.write(b);
        response.afterWrite(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        response.beforeWrite(len);
        delegate.write(b, off, len);
        response.afterWrite(len);
    }

    @Override
    public void flush() throws IOException {
        response.commitPoint();
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        response.commitPoint();
        delegate.close();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        delegate.setWriteListener(writeListener);
    }
}
