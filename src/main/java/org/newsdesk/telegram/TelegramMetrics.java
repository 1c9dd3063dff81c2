package org.newsdesk.telegram;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Every Telegram series in one place, in Micrometer's global registry (the ops endpoint adds itself to it), each
 * with a description and registered at zero when the class loads, so that rates and alerts work before the first
 * event.
 */
public final class TelegramMetrics {
    /** Error codes registered at zero: the ones an operator alerts on (others appear when first seen). */
    private static final List<String> COMMON_ERRORS = List.of("400", "403", "429", "500", "502", "network");

    static final Counter UPDATES = Counter.builder("newsdesk.telegram.updates")
            .description("Updates taken from Telegram into the queue (messages, button presses, inline queries)")
            .register(Metrics.globalRegistry);
    static final Counter HANDLED = Counter.builder("newsdesk.telegram.handled")
            .description("Queued updates handled to the end (answered, or skipped as unreadable)")
            .register(Metrics.globalRegistry);
    /**
     * The running dispatchers, each counting its own updates; weakly held, so one that was never shut down does not
     * linger. A dispatcher that stops leaves the sum (before, one process-wide counter kept whatever a stopped
     * dispatcher still counted, and every dispatcher's updates were mixed in one number).
     */
    private static final Set<UpdateDispatcher> DISPATCHERS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        Gauge.builder("newsdesk.telegram.queue.depth", DISPATCHERS, TelegramMetrics::queueDepth)
                .description("Updates queued or being handled").register(Metrics.globalRegistry);
        COMMON_ERRORS.forEach(TelegramMetrics::errors);
    }

    private TelegramMetrics() {
    }

    static void track(UpdateDispatcher dispatcher) {
        DISPATCHERS.add(dispatcher);
    }

    static void untrack(UpdateDispatcher dispatcher) {
        DISPATCHERS.remove(dispatcher);
    }

    /** The queue-depth gauge's value: the updates of every running dispatcher. */
    static double queueDepth() {
        return queueDepth(DISPATCHERS);
    }

    private static double queueDepth(Set<UpdateDispatcher> dispatchers) {
        synchronized (dispatchers) {
            return dispatchers.stream().mapToLong(UpdateDispatcher::queued).sum();
        }
    }

    /** Registers the series now (loading the class does), before the bot starts: the ops endpoint shows them at 0. */
    public static void register() {
        // the static initialiser did the work
    }

    /** Failed Telegram calls by HTTP status or error code ("429", "403"...) or "network", "unreadable", "store". */
    static Counter errors(String code) {
        return Counter.builder("newsdesk.telegram.errors").tag("code", code)
                .description("Failed Telegram API calls by status code (or network, unreadable, store)")
                .register(Metrics.globalRegistry);
    }
}
