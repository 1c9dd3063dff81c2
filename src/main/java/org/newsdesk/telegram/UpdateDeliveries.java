package org.newsdesk.telegram;

import java.util.HashMap;
import java.util.Map;

/**
 * Which updates still have replies in the {@link SendScheduler}, and what to run once they have none: an update is
 * done only when its replies were delivered or finally refused. Not thread-safe: used under the scheduler's lock.
 */
final class UpdateDeliveries {
    /** Per update: replies not yet finished, and what to run when they are (set once the update was answered). */
    private static final class Tracker {
        int pending;
        Runnable onDone;
    }

    private final Map<Long, Tracker> trackers = new HashMap<>();

    /** A reply of {@code updateId} was staged (0: not tied to an update). */
    void staged(long updateId) {
        if (updateId > 0) {
            trackers.computeIfAbsent(updateId, k -> new Tracker()).pending++;
        }
    }

    boolean pending(long updateId) {
        Tracker t = trackers.get(updateId);
        return t != null && t.pending > 0;
    }

    /** Remembers {@code done} for when the update's replies are finished; false (nothing kept) when none is pending. */
    boolean onDone(long updateId, Runnable done) {
        Tracker t = trackers.get(updateId);
        if (t != null && t.pending > 0) {
            t.onDone = done;
            return true;
        }
        trackers.remove(updateId);
        return false;
    }

    /** A reply of {@code updateId} finished; returns the update's callback when it was the last one (else null). */
    Runnable finished(long updateId) {
        Tracker t = updateId > 0 ? trackers.get(updateId) : null;
        if (t == null || --t.pending > 0) {
            return null;
        }
        trackers.remove(updateId);
        return t.onDone;
    }
}
