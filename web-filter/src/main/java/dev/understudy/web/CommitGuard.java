package dev.understudy.web;

/**
 * Decides when a write is about to commit the response, so that the session is replicated first (model: Spring
 * Session {@code OnCommittedResponseWrapper}, which tracks the content length; this also tracks the buffer).
 *
 * <p>A container commits the response on its own when the bytes written reach the declared content length or
 * overflow the buffer. The guard counts what went through the wrapper — bytes for the stream; characters times
 * the charset's maximum bytes per character for the writer, an over-estimate, so it errs on the early side —
 * and says "about to commit" once per buffer fill (again after {@code resetBuffer}/{@code reset}). Explicit
 * commits (flush, close, sendError, sendRedirect) are not its business: the wrapper fires on each of them while
 * the response is not yet committed, which makes a failed replication retry on the next attempt. Not
 * thread-safe (a response is written by one thread at a time).
 */
final class CommitGuard {

    private long written;
    private long contentLength = -1;
    private boolean estimateFired;

    /**
     * Whether writing {@code bytes} more may commit the response now (the buffer of {@code bufferSize} fills,
     * or the content length is reached) and the guard has not said so since the buffer was last reset.
     */
    boolean wouldCommit(long bytes, int bufferSize) {
        if (estimateFired || bytes <= 0) {
            return false;
        }
        long after = written + bytes;
        return after >= bufferSize || (contentLength >= 0 && after >= contentLength);
    }

    /** The hook ran for the current buffer. */
    void fired() {
        estimateFired = true;
    }

    void wrote(long bytes) {
        if (bytes > 0) {
            written += bytes;
        }
    }

    /** A declared content length (setContentLength or the Content-Length header); negative: none. */
    void contentLength(long length) {
        contentLength = length;
    }

    /** Whether what was written already reaches the declared content length. */
    boolean contentLengthReached() {
        return contentLength >= 0 && written >= contentLength;
    }

    void resetBuffer() {
        written = 0;
        estimateFired = false;
    }

    void reset() {
        resetBuffer();
        contentLength = -1;
    }

    long written() {
        return written;
    }
}
