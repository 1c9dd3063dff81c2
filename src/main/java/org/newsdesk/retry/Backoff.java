package org.newsdesk.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The one retry pause policy: doubling from {@code first}, at most {@code max}, and up to {@code jitter} of the pause
 * added at random so that callers refused together (a server restarting, one host behind many sources) do not all
 * come back at the same moment. Used where a retry waits in-process (remote embeddings) and where the next attempt
 * is scheduled (a failing source). A small class rather than Failsafe: the source schedule stores its next attempt
 * in the database between runs, which an in-process retry executor does not model.
 */
public record Backoff(Duration first, Duration max, double jitter) {
    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= max and jitter in 0..1");
        }
    }

    /** The pause before retry number {@code attempt + 1} (attempt 0: after the first failure). */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current());
    }

    public Duration delay(int attempt, RandomGenerator random) {
        long firstMs = first.toMillis();
        long maxMs = max.toMillis();
        int shift = Math.min(Math.max(attempt, 0), 30);
        long base = firstMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, firstMs << shift);
        long extra = jitter == 0 || base == 0 ? 0 : random.nextLong((long) (base * jitter) + 1);
        return Duration.ofMillis(Math.min(maxMs, base + extra));
    }
}
