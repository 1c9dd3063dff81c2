package org.newsdesk.answer;

import java.time.Clock;
import java.time.Instant;

/**
 * Skips the LLM for a cool-down after {@code threshold} consecutive failures. After the cool-down one call is let
 * through: success closes the breaker, failure opens it again.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final long cooldownMs;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, long cooldownMs, Clock clock) {
        this.threshold = threshold;
        this.cooldownMs = cooldownMs;
        this.clock = clock;
    }

    /** Whether a call may go to the LLM now. */
    public synchronized boolean allows() {
        return !clock.instant().isBefore(openUntil);
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        openUntil = Instant.MIN;
    }

    /** Records a failure; returns true when this failure opened the breaker. */
    public synchronized boolean failure() {
        consecutiveFailures++;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plusMillis(cooldownMs);
            return true;
        }
        return false;
    }

    public synchronized boolean isOpen() {
        return !allows();
    }
}
