package org.newsdesk.sources;

import org.newsdesk.index.IndexLockedException;
import org.newsdesk.index.ReindexListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs syncs in the background (the bot): every {@code checkEverySeconds} it looks for due sources and, when there
 * are some and no sync is running, runs one on its own thread, so questions keep being answered meanwhile.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final SyncService sync;
    /** Checks done so far (tests wait for checks instead of sleeping). */
    private final java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-schedule");
        t.setDaemon(true);
        return t;
    });

    public SyncScheduler(SyncService sync) {
        this.sync = sync;
    }

    /** Starts checking; nothing happens when no source is configured or the interval is 0. */
    public void start(int checkEverySeconds) {
        if (checkEverySeconds <= 0 || sync.sources().all().isEmpty()) {
            return;
        }
        // The first check soon after start (a source never synced is due at once), then at the interval.
        timer.scheduleWithFixedDelay(this::tick, Math.min(5, checkEverySeconds), checkEverySeconds, TimeUnit.SECONDS);
    }

    /** One check: a sync when a source is due and none is running. Never throws (a throw would end the schedule). */
    void tick() {
        try {
            boolean due = sync.sources().all().stream().anyMatch(s -> sync.sources().due(s, false));
            if (!due || sync.isRunning()) {
                return;
            }
            SyncService.Result r = sync.run(false, s -> { }, ReindexListener.NONE);
            log.info("Scheduled sync:\n{}", r.summary());
        } catch (IndexLockedException e) {
            log.info("Scheduled sync skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Scheduled sync failed", e);
        } finally {
            checks.incrementAndGet();
        }
    }

    long checks() {
        return checks.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
