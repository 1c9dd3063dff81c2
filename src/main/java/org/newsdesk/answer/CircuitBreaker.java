package org.newsdesk.answer;

import java.time.Clock;
import java.time.Instant;

/**
 * Skips the LLM for a cool-down after {@code threshold} consecutive failures. After the cool-down one call is let
 * through: success closes the breaker, failure opens it again. Callers that ask while that trial call is out are
 * refused, as while open; a trial that never reports back (an unexpected exception) gives way to a new one after
 * another cool-down, so the breaker cannot stay shut for good.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final long cooldownMs;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    /** While a trial call is out: when it counts as lost. Null when none is. */
    private Instant trialUntil;

    public CircuitBreaker(int threshold, long cooldownMs, Clock clock) {
        this.threshold = threshold;
        this.cooldownMs = cooldownMs;
        this.clock = clock;
    }

    /** Whether a call may go to the LLM now; after the cool-down, true for one caller (the trial call) only. */
    public synchronized boolean allows() {
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return false;
        }
        if (openUntil.equals(Instant.MIN)) {
            return true; // closed
        }
        if (trialUntil != null && now.isBefore(trialUntil)) {
            return false; // the trial call is still out
        }
        trialUntil = now.plusMillis(cooldownMs);
        return true;
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        openUntil = Instant.MIN;
        trialUntil = null;
    }

    /** Records a failure; returns true when this failure opened the breaker. */
    public synchronized boolean failure() {
        consecutiveFailures++;
        trialUntil = null;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plusMillis(cooldownMs);
            return true;
        }
        return false;
    }

    /** Whether calls are being skipped (open, or half-open with the trial call out); takes no trial itself. */
    public synchronized boolean isOpen() {
        Instant now = clock.instant();
        return now.isBefore(openUntil) || (trialUntil != null && now.isBefore(trialUntil));
    }
}
