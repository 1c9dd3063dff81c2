package org.newsdesk.chat;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sliding one-minute window per key: at most {@code perMinute} events; 0 means unlimited. Keys whose window is
 * empty are forgotten (swept every {@link #SWEEP_EVERY} calls), so the map holds only the last minute's senders.
 */
public final class RateLimiter {
    private final int perMinute;
    private final Clock clock;
    static final int SWEEP_EVERY = 1024;
    private final Map<Long, Deque<Long>> events = new HashMap<>();
    private int calls;

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Records an event for {@code key} if allowed; otherwise returns the seconds until the next one is. */
    public synchronized OptionalLong tryAcquire(long key) {
        if (perMinute <= 0) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        if (++calls % SWEEP_EVERY == 0) {
            events.values().removeIf(d -> d.isEmpty() || d.peekLast() <= now - 60_000);
        }
        Deque<Long> q = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst() <= now - 60_000) {
            q.pollFirst();
        }
        if (q.size() >= perMinute) {
            long waitMs = q.peekFirst() + 60_000 - now;
            return OptionalLong.of(Math.max(1, (waitMs + 999) / 1000));
        }
        q.addLast(now);
        return OptionalLong.empty();
    }

    /** Keys currently tracked (for tests of the sweep). */
    synchronized int size() {
        return events.size();
    }
}
