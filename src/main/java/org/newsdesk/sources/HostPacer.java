package org.newsdesk.sources;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Keeps a minimum pause between two requests to one host (the longer of the setting and robots.txt Crawl-delay). */
final class HostPacer {
    /** A Crawl-delay longer than this is capped: a source that asks for more is still fetched, slowly. */
    static final long MAX_CRAWL_DELAY_MS = 60_000;
    private final long delayMs;
    private final Map<String, Long> nextAllowed = new HashMap<>();

    HostPacer(long delayMs) {
        this.delayMs = delayMs;
    }

    /** Blocks until {@code host} may be asked again, and books the next slot. */
    void await(String host, long crawlDelayMs) throws FetchException {
        long delay = Math.max(delayMs, Math.min(Math.max(crawlDelayMs, 0), MAX_CRAWL_DELAY_MS));
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            // A host whose next slot has passed may be asked at once, as one never seen: forget it, so that a
            // long-running bot following many one-off hosts (links in feeds) does not keep them all.
            nextAllowed.values().removeIf(next -> next - now <= 0);
            long slot = Math.max(now, nextAllowed.getOrDefault(host, now));
            nextAllowed.put(host, slot + TimeUnit.MILLISECONDS.toNanos(delay));
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("interrupted while waiting for " + host, true);
            }
        }
    }

    /** Hosts with a booked slot still ahead. */
    synchronized int trackedHosts() {
        return nextAllowed.size();
    }
}
