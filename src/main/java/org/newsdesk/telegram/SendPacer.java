package org.newsdesk.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-chat pacing within Telegram's limits: at most one message per {@code minIntervalMs} in a chat, and at most
 * {@code groupPerMinute} messages a minute in a group. It only answers "when may this chat send next" and books a
 * send once it completed; the {@link SendScheduler} waits without holding a thread. Intervals are counted from the
 * moment the previous request completed: Telegram saw it no later than that, so the spacing it sees is never shorter.
 * Not thread-safe: the scheduler calls it under its lock.
 */
final class SendPacer {
    private final long minIntervalMs;
    private final int groupPerMinute;
    private final Map<Long, Long> nextFree = new HashMap<>();
    private final Map<Long, Deque<Long>> groupSends = new HashMap<>();
    private int booked;

    SendPacer(long minIntervalMs, int groupPerMinute) {
        this.minIntervalMs = minIntervalMs;
        this.groupPerMinute = groupPerMinute;
    }

    /** The earliest time (epoch ms, at least {@code now}) at which {@code chatId} may send its next message. */
    long earliest(long chatId, boolean group, long now) {
        long at = Math.max(now, nextFree.getOrDefault(chatId, 0L));
        if (group && groupPerMinute > 0) {
            Deque<Long> q = groupSends.get(chatId);
            if (q != null) {
                while (!q.isEmpty() && q.peekFirst() <= now - 60_000) {
                    q.pollFirst();
                }
                if (q.size() >= groupPerMinute) {
                    // the oldest of the last groupPerMinute sends must be a minute old
                    at = Math.max(at, q.stream().skip(q.size() - groupPerMinute).findFirst().orElse(0L) + 60_000);
                }
            }
        }
        return at;
    }

    /** Books a request to {@code chatId} that completed at {@code finishedAt} (delivered or not: Telegram counted it). */
    void sent(long chatId, boolean group, long finishedAt) {
        if (++booked % 1024 == 0) {
            // forget chats with nothing sent in the last minute, so the maps do not grow with every chat ever seen
            nextFree.values().removeIf(t -> t < finishedAt - 60_000);
            groupSends.values().removeIf(q -> q.isEmpty() || q.peekLast() <= finishedAt - 60_000);
        }
        nextFree.merge(chatId, finishedAt + minIntervalMs, Math::max);
        if (group && groupPerMinute > 0) {
            groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addLast(finishedAt);
        }
    }

    /** Chats currently tracked (for tests of the sweep). */
    int size() {
        return nextFree.size();
    }
}
