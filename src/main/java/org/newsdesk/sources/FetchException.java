package org.newsdesk.sources;

import java.time.Duration;

/**
 * A fetch that gave nothing usable, with a message fit for an admin. {@code retryable} faults (5xx, 429, timeouts,
 * network errors) are tried again on a later sync, never at once; {@code retryAfter} is the server's wish, if any.
 */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final transient Duration retryAfter;

    public FetchException(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public FetchException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
