package org.newsdesk.index;

import org.newsdesk.corpus.CorpusException;
import org.newsdesk.corpus.CorpusReader;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs reindexes of one corpus directory, one at a time in this process (the index lock covers other processes). */
public final class ReindexService {
    private final Reindexer reindexer;
    private final Path corpusDir;
    private final java.util.Map<String, Path> extraRoots;
    private final AtomicBoolean running = new AtomicBoolean();

    public ReindexService(Reindexer reindexer, Path corpusDir) {
        this(reindexer, corpusDir, java.util.Map.of());
    }

    /** Reindexes corpus-dir and, beside it, more folders under path prefixes (fetched articles, folder sources). */
    public ReindexService(Reindexer reindexer, Path corpusDir, java.util.Map<String, Path> extraRoots) {
        this.reindexer = reindexer;
        this.corpusDir = corpusDir;
        this.extraRoots = java.util.Map.copyOf(extraRoots);
    }

    public boolean isRunning() {
        return running.get();
    }

    /**
     * Reindexes now, on the calling thread. Throws {@link IndexLockedException} if a reindex is already running,
     * {@link IndexException} if the corpus directory is unusable or the build fails (the old index keeps serving).
     */
    public ReindexResult run(boolean full, ReindexListener listener) {
        return run(full, false, listener);
    }

    /** As {@link #run(boolean, ReindexListener)}; {@code allowShrink} lets a build that drops much of the index go live. */
    public ReindexResult run(boolean full, boolean allowShrink, ReindexListener listener) {
        if (!running.compareAndSet(false, true)) {
            throw new IndexLockedException("a reindex is already running");
        }
        try {
            CorpusReader corpus;
            try {
                corpus = new CorpusReader(corpusDir, extraRoots);
            } catch (CorpusException e) {
                throw new IndexException(e.getMessage(), e);
            }
            return reindexer.run(corpus, full, allowShrink, listener);
        } finally {
            running.set(false);
        }
    }
}
