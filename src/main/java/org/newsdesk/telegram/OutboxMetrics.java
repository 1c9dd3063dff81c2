package org.newsdesk.telegram;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

import java.lang.ref.WeakReference;

/**
 * The outbox's meters, all in one place: depth and the oldest reply's age (of the bot's current
 * {@link SendScheduler}), sends by outcome (sent, refused, expired, superseded) and retries by reason (5xx, network,
 * throttled). Registered in Micrometer's global registry, which /metrics exposes.
 */
final class OutboxMetrics {
    private static volatile WeakReference<SendScheduler> current = new WeakReference<>(null);

    static {
        Gauge.builder("newsdesk.telegram.outbox.depth", () -> {
            SendScheduler s = current.get();
            return s == null ? 0 : s.depth();
        }).description("Replies waiting in the outbox or being sent").register(Metrics.globalRegistry);
        Gauge.builder("newsdesk.telegram.outbox.oldest.seconds", () -> {
            SendScheduler s = current.get();
            return s == null ? 0 : s.oldestAgeMs() / 1000.0;
        }).description("Age of the oldest reply waiting in the outbox").register(Metrics.globalRegistry);
    }

    private OutboxMetrics() {
    }

    static void watch(SendScheduler scheduler) {
        current = new WeakReference<>(scheduler);
    }

    static void sent(String outcome) {
        Counter.builder("newsdesk.telegram.sends").tag("outcome", outcome)
                .description("Outbox requests finished, by outcome").register(Metrics.globalRegistry).increment();
    }

    static void retry(String reason) {
        Counter.builder("newsdesk.telegram.send.retries").tag("reason", reason)
                .description("Outbox requests to be retried, by reason").register(Metrics.globalRegistry).increment();
    }
}
