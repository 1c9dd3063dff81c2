package org.newsdesk.telegram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot-wide side of the {@link SendScheduler}'s pace: at most {@code maxPerSecond} requests in any second (a
 * request counts from its start until a second after it completed, so Telegram, which saw it in between, never
 * counts more), and the pauses a 429 asks for: its chat's, and the whole bot's when a second chat is throttled while
 * the first still waits (Telegram's bot-wide flood limit; its reply does not say which). Not thread-safe: used under
 * the scheduler's lock.
 */
final class SendRate {
    private final int maxPerSecond;
    /** End times of the requests of the last second (Long.MAX_VALUE while in flight). */
    private final List<long[]> window = new ArrayList<>();
    private final Map<Long, Long> chatPausedUntil = new HashMap<>();
    private long pausedUntil;

    SendRate(int maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    /** Ms until the whole bot may send again after a bot-wide 429 (0: now). */
    long pausedFor(long now) {
        return Math.max(0, pausedUntil - now);
    }

    /** Whether another request may start now under the cap. */
    boolean hasRoom(long now) {
        window.removeIf(s -> s[0] != Long.MAX_VALUE && s[0] + 1000 <= now);
        return window.size() < maxPerSecond;
    }

    /** Ms until the cap has room again; Long.MAX_VALUE when only a completion can make room. */
    long roomIn(long now) {
        long freeAt = window.stream().mapToLong(s -> s[0]).min().orElse(Long.MAX_VALUE);
        return freeAt == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, freeAt + 1000 - now);
    }

    void started() {
        window.add(new long[]{Long.MAX_VALUE});
    }

    void completed(long now) {
        for (long[] s : window) {
            if (s[0] == Long.MAX_VALUE) {
                s[0] = now; // which slot does not matter: each counts one request until a second after its end
                return;
            }
        }
    }

    /** When {@code chatId} may send again after a 429 (0 when it was not throttled). */
    long chatPausedUntil(long chatId) {
        return chatPausedUntil.getOrDefault(chatId, 0L);
    }

    /** A 429 in {@code chatId}: pauses the chat, and the whole bot when another chat is still paused. */
    boolean throttled(long chatId, long now, long waitMs) {
        boolean other = chatPausedUntil.entrySet().stream().anyMatch(p -> p.getKey() != chatId && p.getValue() > now);
        chatPausedUntil.put(chatId, now + waitMs);
        chatPausedUntil.values().removeIf(t -> t < now - 60_000);
        if (other) {
            pausedUntil = Math.max(pausedUntil, now + waitMs);
        }
        return other;
    }
}
