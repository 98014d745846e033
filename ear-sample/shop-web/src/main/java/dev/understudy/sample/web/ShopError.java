package dev.understudy.sample.web;

/** A request the shop refuses, with the HTTP status to answer; the message goes into the JSON {@code error}. */
final class ShopError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private ShopError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** 400: the input is wrong; nothing was changed. */
    static ShopError badRequest(String message) {
        return new ShopError(400, message, null);
    }

    /** 413: the adapter refused the value (above {@code maxAttributeBytes} or {@code maxSessionBytes}). */
    static ShopError tooLarge(IllegalArgumentException refusal) {
        return new ShopError(413, "refused by the replication limits: " + refusal.getMessage(), refusal);
    }

    int status() {
        return status;
    }
}
