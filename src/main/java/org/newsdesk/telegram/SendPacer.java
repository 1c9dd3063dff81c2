package org.newsdesk.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Outgoing pacing within Telegram's limits: at most one message per {@code minIntervalMs} in a chat, and at most
 * {@code groupPerMinute} messages a minute in a group. {@link #reserve} books the next free slot and returns
 * how long to wait for it, so concurrent senders queue up rather than burst.
 */
public final class SendPacer {
    private final long minIntervalMs;
    private final int groupPerMinute;
    private final LongSupplier clock;
    private final Map<Long, Long> nextFree = new HashMap<>();
    private final Map<Long, Deque<Long>> groupSends = new HashMap<>();
    private int reserves;

    public SendPacer(long minIntervalMs, int groupPerMinute) {
        this(minIntervalMs, groupPerMinute, System::currentTimeMillis);
    }

    SendPacer(long minIntervalMs, int groupPerMinute, LongSupplier clock) {
        this.minIntervalMs = minIntervalMs;
        this.groupPerMinute = groupPerMinute;
        this.clock = clock;
    }

    /** Books a send slot in {@code chatId}; returns the milliseconds to wait before sending (0 = now). */
    public synchronized long reserve(long chatId, boolean group) {
        long now = clock.getAsLong();
        if (++reserves % 1024 == 0) {
            // forget chats with nothing booked in the last minute, so the maps do not grow with every chat ever seen
            nextFree.values().removeIf(t -> t < now - 60_000);
            groupSends.values().removeIf(q -> q.isEmpty() || q.peekLast() <= now - 60_000);
        }
        long at = Math.max(now, nextFree.getOrDefault(chatId, 0L));
        if (group && groupPerMinute > 0) {
            Deque<Long> q = groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>());
            while (!q.isEmpty() && q.peekFirst() <= at - 60_000) {
                q.pollFirst();
            }
            if (q.size() >= groupPerMinute) {
                at = Math.max(at, q.peekFirst() + 60_000);
                while (!q.isEmpty() && q.peekFirst() <= at - 60_000) {
                    q.pollFirst();
                }
            }
            q.addLast(at);
        }
        nextFree.put(chatId, at + minIntervalMs);
        return at - now;
    }

    /** Chats currently tracked (for tests of the sweep). */
    synchronized int size() {
        return nextFree.size();
    }

    /** Books a slot and sleeps until it. */
    public void await(long chatId, boolean group) throws InterruptedException {
        long wait = reserve(chatId, group);
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
