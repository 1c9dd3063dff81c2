package org.newsdesk.chat;

import org.newsdesk.index.IndexException;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.index.ReindexService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reindex runs started from the chat (an admin's /reindex, or the bot's first start on an empty data directory):
 * one at a time, on a background thread, progress edited into one message, the duration recorded.
 */
final class ChatReindex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatReindex.class);

    private final ReindexService reindex;
    private final Clock clock;
    /** Where reindex durations are recorded: the chat's metrics as they are when a run ends. */
    private final java.util.function.Supplier<ChatMetrics> metrics;
    /** Set from the moment a reindex is accepted until it ends, so a second one is refused at once. */
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reindex");
        t.setDaemon(true);
        return t;
    });

    ChatReindex(ReindexService reindex, Clock clock, java.util.function.Supplier<ChatMetrics> metrics) {
        this.reindex = reindex;
        this.clock = clock;
        this.metrics = metrics;
    }

    boolean running() {
        return inFlight.get();
    }

    /** Starts an admin's reindex, reporting into {@code handle}; false if one is already running. */
    boolean start(boolean full, Outbox outbox, java.util.function.LongSupplier sendStarted) {
        if (!inFlight.compareAndSet(false, true)) {
            return false;
        }
        long handle;
        try {
            handle = sendStarted.getAsLong();
        } catch (RuntimeException e) {
            inFlight.set(false);
            throw e;
        }
        background.submit(() -> run(full, outbox, handle));
        return true;
    }

    /** Indexes in the background with no one to report to; false if a reindex is already running. */
    boolean startQuietly() {
        if (!inFlight.compareAndSet(false, true)) {
            return false;
        }
        background.submit(() -> {
            long started = System.nanoTime();
            try {
                log.info("No index yet: indexing the archive in the background");
                ReindexResult result = reindex.run(false, p -> { });
                log.info("The archive is indexed: {}", result.summary());
            } catch (RuntimeException e) {
                log.error("Indexing the archive failed: {} (an admin can retry with /reindex)", e.getMessage(), e);
            } finally {
                metrics.get().reindexed(Duration.ofNanos(System.nanoTime() - started));
                inFlight.set(false);
            }
        });
        return true;
    }

    private void run(boolean full, Outbox outbox, long handle) {
        long[] lastEdit = {clock.millis()};
        ReindexListener listener = p -> {
            long now = clock.millis();
            if (now - lastEdit[0] >= ChatService.PROGRESS_INTERVAL_MS) {
                lastEdit[0] = now;
                outbox.edit(handle, OutgoingMessage.text(progressText(p), 0));
            }
        };
        long started = System.nanoTime();
        try {
            ReindexResult result = reindex.run(full, listener);
            outbox.edit(handle, OutgoingMessage.text("Reindex finished. " + result.summary(), 0));
        } catch (IndexException e) {
            outbox.edit(handle, OutgoingMessage.text("Reindex failed: " + e.getMessage()
                    + "\nThe previous index keeps answering questions.", 0));
        } catch (RuntimeException e) {
            log.error("Reindex failed", e);
            outbox.edit(handle, OutgoingMessage.text("Reindex failed unexpectedly (" + e.getClass().getSimpleName()
                    + "). The previous index keeps answering questions.", 0));
        } finally {
            metrics.get().reindexed(Duration.ofNanos(System.nanoTime() - started));
            inFlight.set(false);
        }
    }

    static String progressText(ReindexListener.Progress p) {
        return String.format(Locale.ROOT, "Reindexing: %s, files %d/%d, passages %d/%d (%d%%)", p.phase(),
                p.filesDone(), p.filesTotal(), p.passagesDone(), p.passagesTotal(), p.percent());
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
