package org.newsdesk.sources;

import org.newsdesk.index.IndexException;
import org.newsdesk.index.IndexLockedException;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.index.ReindexService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One sync: every due source is fetched, then the index is updated incrementally (only new and changed articles
 * are embedded). One sync at a time per process; the reindex lock covers other processes.
 */
public final class SyncService {
    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final Sources sources;
    private final ReindexService reindex;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Told of every finished sync (the ops metrics); a listener's fault never fails the sync. */
    private final List<Consumer<Result>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** One line per sync at INFO (the bot turns this logger on; docs/operations.md). */
    private static final Logger events = LoggerFactory.getLogger("org.newsdesk.events.sync");

    public SyncService(Sources sources, ReindexService reindex) {
        this.sources = sources;
        this.reindex = reindex;
    }

    public Sources sources() {
        return sources;
    }

    public void addListener(Consumer<Result> listener) {
        listeners.add(listener);
    }

    public boolean isRunning() {
        return running.get();
    }

    /**
     * What a sync did.
     *
     * @param reindex      the index update, or null when no source changed anything (nothing to index)
     * @param reindexError why the index update failed, or null (the previous index keeps serving)
     */
    public record Result(List<SourceReport> sources, ReindexResult reindex, String reindexError) {
        /** Whether sources were run and every one of them failed (cron or systemd must see that, not exit 0). */
        public boolean everySourceFailed() {
            List<SourceReport> ran = sources.stream()
                    .filter(r -> !r.status().equals("not due") && !r.status().equals("folder")).toList();
            return !ran.isEmpty() && ran.stream().allMatch(r -> r.status().equals("failed"));
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            for (SourceReport r : sources) {
                sb.append(sb.length() == 0 ? "" : "\n").append(r.summary());
            }
            return (sb.length() == 0 ? "" : sb + "\n") + indexSummary();
        }

        /** The index part of the summary (the sources were printed one by one as they ended). */
        public String indexSummary() {
            StringBuilder sb = new StringBuilder();
            if (sources.isEmpty()) {
                sb.append("No sources configured (sources: in the config); corpus-dir only.\n");
            }
            if (reindexError != null) {
                sb.append("Index update failed: ").append(reindexError).append(" The previous index keeps serving.");
            } else if (reindex == null) {
                sb.append("Index unchanged: nothing new.");
            } else {
                sb.append(reindex.summary());
            }
            return sb.toString();
        }
    }

    /**
     * Runs one sync on the calling thread: due sources ({@code force}: all, except those waiting out a failure),
     * then an incremental reindex if anything changed. Throws {@link IndexLockedException} when a sync is running.
     */
    public Result run(boolean force, Consumer<SourceReport> onSource, ReindexListener listener) {
        if (!running.compareAndSet(false, true)) {
            throw new IndexLockedException("a sync is already running");
        }
        try {
            long t0 = System.nanoTime();
            List<SourceReport> reports = sources.syncDue(force, onSource);
            boolean folderRan = reports.stream().anyMatch(r -> r.status().equals("folder"));
            boolean changed = reports.stream().anyMatch(SourceReport::changed);
            Result result = !changed && !folderRan && !reports.isEmpty() ? new Result(reports, null, null)
                    : new Result(reports, update(listener), lastError);
            finished(result, (System.nanoTime() - t0) / 1_000_000);
            return result;
        } finally {
            lastError = null;
            running.set(false);
        }
    }

    /** Fetches one article now, files it under "added" and updates the index. Refused while a sync runs. */
    public AddResult add(String url, ReindexListener listener) throws FetchException {
        if (!running.compareAndSet(false, true)) {
            throw new IndexLockedException("a sync is running; try /add again when it ends");
        }
        try {
            String what = sources.add(url);
            ReindexResult result = what.startsWith("added") || what.startsWith("updated") ? update(listener) : null;
            return new AddResult(what, result, lastError);
        } finally {
            lastError = null;
            running.set(false);
        }
    }

    /** What /add did: the article, and the index update (null when nothing changed or it failed: see error). */
    public record AddResult(String article, ReindexResult reindex, String reindexError) {
    }

    private String lastError;

    private void finished(Result r, long millis) {
        if (events.isInfoEnabled()) {
            List<SourceReport> ran = r.sources().stream().filter(s -> !s.status().equals("not due")).toList();
            String failed = ran.stream().filter(s -> s.status().equals("failed"))
                    .map(s -> s.name() + " (" + s.error() + ")").collect(java.util.stream.Collectors.joining(", "));
            events.info("sync sources_run={} added={} updated={} failed={}{} index={} ms={}", ran.size(),
                    ran.stream().mapToInt(SourceReport::added).sum(),
                    ran.stream().mapToInt(SourceReport::updated).sum(),
                    ran.stream().filter(s -> s.status().equals("failed")).count(),
                    failed.isEmpty() ? "" : " failing=[" + failed + "]",
                    r.reindexError() != null ? "failed" : r.reindex() == null ? "unchanged" : "updated", millis);
        }
        for (Consumer<Result> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                log.warn("A sync listener failed: {}", e.toString());
            }
        }
    }

    private ReindexResult update(ReindexListener listener) {
        try {
            return reindex.run(false, listener);
        } catch (IndexException e) {
            log.warn("Index update after sync failed: {}", e.getMessage());
            lastError = e.getMessage();
            return null;
        }
    }
}
