package org.newsdesk.index;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.CorpusReader;
import org.newsdesk.corpus.SkippedFile;
import org.newsdesk.corpus.SourceFile;
import org.newsdesk.store.IndexRunLog;
import org.newsdesk.store.SourceFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings the index in line with the corpus. Only new and changed files are parsed and embedded ({@link CorpusChanges});
 * the backend ({@link IndexBackend}: the embedded Lucene generations or a SolrCloud alias) carries the unchanged ones
 * over and makes the build live only when complete, so questions keep being answered from the old index meanwhile,
 * and after a failure or a kill. One reindex at a time, across processes: a file lock in the index directory.
 */
public final class Reindexer {
    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    static final String LOCK_NAME = "reindex.lock";

    /** Commit metadata: the embedding model that wrote a generation's vectors. */
    public static final String EMBEDDING_MODEL_KEY = "embedding-model";
    /** Commit metadata: whether each passage's BM25 text starts with its metadata header line. */
    public static final String HEADER_IN_TEXT_KEY = "header-in-text";

    /** Holds the reindex lock (the embedded index's directory, whichever backend serves). */
    private final Path root;
    private final IndexBackend backend;
    private final Embedder embedder;
    private final SourceFileStore files;
    private final IndexRunLog runs;
    private final NewsdeskConfig.Index settings;
    private final Clock clock;

    /**
     * @param root    the directory that holds the reindex lock
     * @param backend where builds go and what serves
     */
    public Reindexer(Path root, IndexBackend backend, Embedder embedder, SourceFileStore files, IndexRunLog runs,
                     NewsdeskConfig.Index settings, Clock clock) {
        this.root = root;
        this.backend = backend;
        this.embedder = embedder;
        this.files = files;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /** The commit metadata that must match for an incremental update; a difference forces a full rebuild. */
    Map<String, String> fingerprint() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EMBEDDING_MODEL_KEY, embedder.name());
        m.put("passage-words", String.valueOf(settings.passageWords()));
        m.put("passage-max-words", String.valueOf(settings.passageMaxWords()));
        m.put("overlap-sentences", String.valueOf(settings.overlapSentences()));
        m.put(HEADER_IN_TEXT_KEY, String.valueOf(settings.headerInText()));
        m.put("passage-max-chars", String.valueOf(settings.passageMaxChars()));
        return m;
    }

    /**
     * Runs one reindex. Throws {@link IndexLockedException} when another reindex (in this or another process) holds
     * the lock, and {@link IndexException} when the build fails; in both cases the live index is untouched.
     */
    public ReindexResult run(CorpusReader corpus, boolean full, ReindexListener listener) {
        return run(corpus, full, false, listener);
    }

    /**
     * As {@link #run(CorpusReader, boolean, ReindexListener)}; a build that would drop more of the live index than
     * {@code index.max-shrink} allows is refused with {@link IndexShrinkException} unless {@code allowShrink}.
     */
    public ReindexResult run(CorpusReader corpus, boolean full, boolean allowShrink, ReindexListener listener) {
        long t0 = System.nanoTime();
        try (Directory rootDir = FSDirectory.open(root);
             Lock lock = obtainLock(rootDir)) {
            Objects.requireNonNull(lock);
            backend.pickUp();
            backend.deleteLeftovers();
            markInterruptedRuns();
            Map<String, SourceFileStore.Row> liveRows = backend.reconcile(files);
            long runId = runs.start(Instant.now(clock));
            try {
                ReindexResult result = build(corpus, full, allowShrink, liveRows, listener, t0);
                runs.finish(runId, Instant.now(clock), "ok", result.added(), result.updated(), result.removed(),
                        result.skipped().size(), result.articles(), result.passages(), result.reason());
                return result;
            } catch (RuntimeException | IOException e) {
                runs.finish(runId, Instant.now(clock), e instanceof IndexShrinkException ? "refused" : "failed",
                        0, 0, 0, 0, 0, 0, e.getMessage());
                throw e instanceof IndexException ie ? ie
                        : new IndexException("reindex failed, the previous index keeps serving: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new IndexException("reindex failed in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Repairs what a killed reindex left behind, if no reindex is running (in any process): runs still marked
     * running become interrupted, and the file bookkeeping is restored from the live generation. Called at start;
     * does nothing while another process holds the lock (its own run will do it).
     */
    public void recover() {
        try (Directory rootDir = FSDirectory.open(root);
             Lock lock = NativeFSLockFactory.INSTANCE.obtainLock(rootDir, LOCK_NAME)) {
            Objects.requireNonNull(lock);
            backend.pickUp();
            markInterruptedRuns();
            backend.reconcile(files);
        } catch (LockObtainFailedException e) {
            log.debug("A reindex is running elsewhere; it repairs leftovers itself");
        } catch (IOException e) {
            log.warn("Could not check {} for an interrupted reindex: {}", root, e.getMessage());
        }
    }

    private void markInterruptedRuns() {
        int stale = runs.markInterrupted(Instant.now(clock));
        if (stale > 0) {
            log.warn("{} earlier reindex run(s) never finished (the process was killed); marked as interrupted", stale);
        }
    }

    private Lock obtainLock(Directory rootDir) throws IOException {
        try {
            return NativeFSLockFactory.INSTANCE.obtainLock(rootDir, LOCK_NAME);
        } catch (LockObtainFailedException e) {
            throw new IndexLockedException("the index in " + root
                    + " is being rebuilt by another reindex (this or another running process); try again when it ends");
        }
    }

    private ReindexResult build(CorpusReader corpus, boolean full, boolean allowShrink,
                                Map<String, SourceFileStore.Row> liveRows, ReindexListener listener, long t0)
            throws IOException {
        String reason = null;
        if (!full && !backend.exists()) {
            full = true;
            reason = "no index yet";
        } else if (!full && !backend.userData().entrySet().containsAll(fingerprint().entrySet())) {
            full = true;
            reason = "index settings or embedding model changed";
        } else if (full) {
            reason = "requested";
        }
        List<SourceFile> found = corpus.listFiles();
        List<SkippedFile> skipped = new ArrayList<>(corpus.unreadable());
        if (found.isEmpty() && skipped.isEmpty()) {
            // Refuse rather than replace a working index with an empty one (a mount that went missing, a typo).
            throw new IndexException("the corpus directory " + corpus.root() + " is empty: add .txt, .md, .html or "
                    + ".jsonl article files" + (backend.exists() ? "; the current index keeps serving" : ""));
        }
        CorpusChanges changes = CorpusChanges.of(corpus, found, skipped, full ? Map.of() : liveRows,
                PassageSplitter.of(settings), Instant.now(clock), listener);
        if (!allowShrink) {
            ShrinkGuard.check(backend.exists() ? backend.passageCount() : 0, liveRows, changes.manifest(), skipped,
                    settings.maxShrink());
        }

        IndexBackend.Build build = backend.begin(full);
        int[] written = write(build, full, changes, allowShrink, listener);
        int embedded = written[0];
        int passages = written[1];
        int filesTotal = changes.changed().size();
        listener.onProgress(new ReindexListener.Progress("switched", filesTotal, filesTotal, embedded,
                changes.passagesTotal()));

        try {
            files.replaceAll(changes.manifest().values());
        } catch (RuntimeException e) {
            // The new build is live and (on Lucene) carries its manifest: the next start or reindex restores the rows.
            log.warn("Index {} is live, but recording its files in the database failed ({}); they are restored from "
                    + "the index at the next start", build.name(), e.getMessage());
        }
        int articles = changes.manifest().values().stream().mapToInt(r -> r.articleIds().size()).sum();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ReindexResult result = new ReindexResult(full, reason, changes.added(), changes.updated(),
                changes.removed().size(), found.size() - filesTotal, skipped, articles, passages, embedded, millis,
                build.name());
        log.info("{}", result.summary());
        listener.onProgress(new ReindexListener.Progress("done", filesTotal, filesTotal, embedded,
                changes.passagesTotal()));
        return result;
    }

    /**
     * Writes a build: the replaced files' passages deleted (incremental), the new passages embedded in batches that
     * span files (so small files still fill the embedding pool) and added, then published. A failure before the
     * build is live discards it. Returns {passages embedded, passages in the index}.
     */
    private int[] write(IndexBackend.Build build, boolean full, CorpusChanges changes, boolean allowShrink,
                        ReindexListener listener) throws IOException {
        int filesTotal = changes.changed().size();
        int passagesTotal = changes.passagesTotal();
        try {
            if (!full) {
                build.deleteFiles(changes.replaced());
            }
            List<Map.Entry<String, Passage>> pending = changes.pending();
            int embedded = 0;
            int batchSize = settings.embedBatchSize() * embedder.parallelBatches();
            for (int i = 0; i < pending.size(); i += batchSize) {
                List<Map.Entry<String, Passage>> batch = pending.subList(i, Math.min(pending.size(), i + batchSize));
                List<float[]> vectors = embedder.embedAll(batch.stream().map(e -> Embedder.passageInput(e.getValue())).toList());
                build.add(batch, vectors, settings.headerInText());
                embedded += batch.size();
                listener.onProgress(new ReindexListener.Progress("embedding", filesTotal, filesTotal, embedded,
                        passagesTotal));
            }
            int done = embedded;
            int passages = build.publish(new IndexBackend.Publication(fingerprint(), changes.manifest().values(),
                    () -> listener.onProgress(new ReindexListener.Progress("merging", filesTotal, filesTotal, done,
                            passagesTotal)),
                    allowShrink ? null : () -> ShrinkGuard.noPassages(changes.skipped())));
            return new int[]{embedded, passages};
        } catch (IOException | RuntimeException e) {
            build.abort();
            throw e;
        }
    }

    /** Whether the data directory can hold an index at all (checked up front for a clear message). */
    public static void checkWritable(Path root) {
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IndexException("the index directory " + root + " is not writable: " + e.getMessage(), e);
        }
    }
}
