package org.newsdesk.index;

import org.newsdesk.backend.lucene.IndexManifest;
import org.newsdesk.backend.lucene.LiveIndex;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.corpus.CorpusReader;
import org.newsdesk.corpus.ParsedFile;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings the index in line with the corpus. Only new and changed files are parsed and embedded; unchanged files are
 * carried over from the live generation by copying its segments. The new generation is built beside the live one
 * and swapped in only when complete, so questions keep being answered from the old index meanwhile, and after a
 * failure or a kill.
 */
public final class Reindexer {
    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    static final String LOCK_NAME = "reindex.lock";

    /** Commit metadata: the embedding model that wrote a generation's vectors. */
    public static final String EMBEDDING_MODEL_KEY = "embedding-model";
    /** Commit metadata: whether each passage's BM25 text starts with its metadata header line. */
    public static final String HEADER_IN_TEXT_KEY = "header-in-text";

    private final LiveIndex live;
    private final Embedder embedder;
    private final SourceFileStore files;
    private final IndexRunLog runs;
    private final NewsdeskConfig.Index settings;
    private final Clock clock;
    /** When set (search.backend: solr), builds are written there instead of into Lucene generations under live. */
    private final ExternalIndex external;

    public Reindexer(LiveIndex live, Embedder embedder, SourceFileStore files, IndexRunLog runs,
                     NewsdeskConfig.Index settings, Clock clock) {
        this(live, embedder, files, runs, settings, clock, null);
    }

    /**
     * @param live     the embedded index; with an external index it only holds the reindex lock
     * @param external where builds go instead of the embedded index, or null
     */
    public Reindexer(LiveIndex live, Embedder embedder, SourceFileStore files, IndexRunLog runs,
                     NewsdeskConfig.Index settings, Clock clock, ExternalIndex external) {
        this.external = external;
        this.live = live;
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
        try (Directory rootDir = FSDirectory.open(live.root());
             Lock lock = obtainLock(rootDir)) {
            Objects.requireNonNull(lock);
            live.refresh();
            live.deleteStaleGenerations();
            markInterruptedRuns();
            Map<String, SourceFileStore.Row> liveRows = reconcile();
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
            throw new IndexException("reindex failed in " + live.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Repairs what a killed reindex left behind, if no reindex is running (in any process): runs still marked
     * running become interrupted, and the file bookkeeping is restored from the live generation. Called at start;
     * does nothing while another process holds the lock (its own run will do it).
     */
    public void recover() {
        try (Directory rootDir = FSDirectory.open(live.root());
             Lock lock = NativeFSLockFactory.INSTANCE.obtainLock(rootDir, LOCK_NAME)) {
            Objects.requireNonNull(lock);
            live.refresh();
            markInterruptedRuns();
            reconcile();
        } catch (LockObtainFailedException e) {
            log.debug("A reindex is running elsewhere; it repairs leftovers itself");
        } catch (IOException e) {
            log.warn("Could not check {} for an interrupted reindex: {}", live.root(), e.getMessage());
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
            throw new IndexLockedException("the index in " + live.root()
                    + " is being rebuilt by another reindex (this or another running process); try again when it ends");
        }
    }

    /** The bookkeeping of the live generation, with SQLite restored from its manifest when they differ. */
    Map<String, SourceFileStore.Row> reconcile() {
        // A SolrCloud collection carries no manifest: the database's bookkeeping is the only one.
        return external != null ? files.all() : IndexManifest.reconcile(live, files);
    }

    private ReindexResult build(CorpusReader corpus, boolean full, boolean allowShrink,
                                Map<String, SourceFileStore.Row> liveRows, ReindexListener listener, long t0)
            throws IOException {
        String reason = null;
        Archive serving = external != null ? external : live;
        if (!full && !serving.exists()) {
            full = true;
            reason = "no index yet";
        } else if (!full && !serving.userData().entrySet().containsAll(fingerprint().entrySet())) {
            full = true;
            reason = "index settings or embedding model changed";
        } else if (full) {
            reason = "requested";
        }
        Map<String, SourceFileStore.Row> known = full ? Map.of() : liveRows;

        List<SourceFile> found = corpus.listFiles();
        List<SkippedFile> skipped = new ArrayList<>(corpus.unreadable());
        if (found.isEmpty() && skipped.isEmpty()) {
            // Refuse rather than replace a working index with an empty one (a mount that went missing, a typo).
            throw new IndexException("the corpus directory " + corpus.root() + " is empty: add .txt, .md, .html or "
                    + ".jsonl article files" + (serving.exists() ? "; the current index keeps serving" : ""));
        }
        Map<String, SourceFile> present = new LinkedHashMap<>();
        found.forEach(f -> present.put(f.relativePath(), f));

        List<SourceFile> changed = new ArrayList<>();
        int added = 0;
        int updated = 0;
        for (SourceFile f : found) {
            SourceFileStore.Row row = known.get(f.relativePath());
            if (row == null) {
                changed.add(f);
                added++;
            } else if (!row.contentHash().equals(f.contentHash())) {
                changed.add(f);
                updated++;
            }
        }
        List<String> removed = known.keySet().stream().filter(p -> !present.containsKey(p)).toList();
        // A file no longer readable at all is kept as it was indexed: nothing is lost because of a bad read.
        List<String> unreadableKnown = skipped.stream().map(SkippedFile::relativePath).filter(known::containsKey).toList();
        removed = removed.stream().filter(p -> !unreadableKnown.contains(p)).toList();

        // Article ids already claimed by the files we keep.
        Set<String> changedPaths = new HashSet<>();
        changed.forEach(c -> changedPaths.add(c.relativePath()));
        Map<String, String> owner = new HashMap<>();
        for (SourceFileStore.Row row : known.values()) {
            if (present.containsKey(row.path()) && !changedPaths.contains(row.path())) {
                row.articleIds().forEach(id -> owner.put(id, row.path()));
            }
        }

        // Parse every changed file first: then the number of passages to embed is known for progress.
        PassageSplitter splitter = PassageSplitter.of(settings);
        Map<SourceFile, List<Passage>> toIndex = new LinkedHashMap<>();
        Map<SourceFile, List<String>> articleIdsByFile = new LinkedHashMap<>();
        int filesDone = 0;
        int passagesTotal = 0;
        for (SourceFile f : changed) {
            listener.onProgress(new ReindexListener.Progress("parsing", filesDone, changed.size(), 0, 0));
            filesDone++;
            ParsedFile parsed;
            try {
                parsed = corpus.parse(f);
            } catch (CorpusException e) {
                skipped.add(new SkippedFile(f.relativePath(), e.getMessage()));
                continue;
            }
            parsed.problems().forEach(p -> skipped.add(new SkippedFile(f.relativePath(), p)));
            List<Passage> passages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Article a : parsed.articles()) {
                String other = owner.putIfAbsent(a.id(), f.relativePath());
                if (other != null) {
                    skipped.add(new SkippedFile(f.relativePath(), "article id '" + a.id() + "' is already used by " + other));
                    continue;
                }
                ids.add(a.id());
                passages.addAll(splitter.split(a));
            }
            if (!ids.isEmpty()) {
                toIndex.put(f, passages);
                articleIdsByFile.put(f, ids);
                passagesTotal += passages.size();
            } else if (parsed.articles().isEmpty()) {
                skipped.add(new SkippedFile(f.relativePath(), "no article could be read from it"));
            }
        }
        // A changed file that now fails to parse keeps its previous version in the index (and its old row).
        List<String> replaced = new ArrayList<>(removed);
        for (SourceFile f : toIndex.keySet()) {
            if (known.containsKey(f.relativePath())) {
                replaced.add(f.relativePath());
            }
        }
        int failedNew = (int) changed.stream().filter(f -> !toIndex.containsKey(f) && !known.containsKey(f.relativePath())).count();
        int failedUpdates = (int) changed.stream().filter(f -> !toIndex.containsKey(f) && known.containsKey(f.relativePath())).count();
        added -= failedNew;
        updated -= failedUpdates;

        // The bookkeeping of the generation being built: what is kept from the live one, plus what is indexed now.
        Instant now = Instant.now(clock);
        Map<String, SourceFileStore.Row> manifest = new LinkedHashMap<>(known);
        replaced.forEach(manifest::remove);
        for (Map.Entry<SourceFile, List<Passage>> e : toIndex.entrySet()) {
            manifest.put(e.getKey().relativePath(), new SourceFileStore.Row(e.getKey().relativePath(),
                    e.getKey().contentHash(), articleIdsByFile.get(e.getKey()), e.getValue().size(), now));
        }
        if (!allowShrink) {
            ShrinkGuard.check(serving.exists() ? serving.passageCount() : 0, liveRows, manifest, skipped, settings.maxShrink());
        }

        String generation = external != null ? null : live.nextGeneration();
        Path dir = external != null ? null : live.root().resolve(generation);
        int embedded = 0;
        int passages;
        if (external != null) {
            ExternalIndex.Build build = external.begin(full);
            generation = build.name();
            int[] written = writeExternal(build, full, replaced, toIndex, passagesTotal, filesDone, changed.size(), listener);
            embedded = written[0];
            passages = written[1];
        } else try (FSDirectory target = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(target, writerConfig(settings))) {
            if (!full) {
                var lease = live.acquire();
                if (lease.isPresent()) {
                    try (var l = lease.get()) {
                        writer.addIndexes(l.reader().directory());
                    }
                }
                for (String path : replaced) {
                    writer.deleteDocuments(new Term(PassageDocuments.FILE, path));
                }
            }
            // Batches span files, so small files still fill the embedding pool; while one batch is embedded the
            // previous one is written, so Lucene's work (including the HNSW graph) hides behind the model's.
            List<Map.Entry<String, Passage>> pending = new ArrayList<>(passagesTotal);
            toIndex.forEach((file, ps) -> ps.forEach(p -> pending.add(Map.entry(file.relativePath(), p))));
            int batchSize = settings.embedBatchSize() * embedder.parallelBatches();
            ExecutorService writes = Executors.newSingleThreadExecutor(r -> new Thread(r, "index-writer"));
            try {
                Future<?> lastWrite = null;
                for (int i = 0; i < pending.size(); i += batchSize) {
                    List<Map.Entry<String, Passage>> batch = pending.subList(i, Math.min(pending.size(), i + batchSize));
                    List<float[]> vectors = embedder.embedAll(batch.stream().map(e -> Embedder.passageInput(e.getValue())).toList());
                    awaitWrite(lastWrite);
                    lastWrite = writes.submit(() -> {
                        for (int j = 0; j < batch.size(); j++) {
                            writer.addDocument(PassageDocuments.toDocument(batch.get(j).getValue(), batch.get(j).getKey(),
                                    vectors.get(j), settings.headerInText()));
                        }
                        return null;
                    });
                    embedded += batch.size();
                    listener.onProgress(new ReindexListener.Progress("embedding", filesDone, changed.size(), embedded,
                            passagesTotal));
                }
                awaitWrite(lastWrite);
            } finally {
                writes.shutdownNow();
            }
            // Each segment is searched on its own (one HNSW graph, one BM25 pass each), so an archive of many
            // segments answers slower; a merge trades reindex time for that (docs/bench.md, "Growth").
            if (settings.maxSegments() > 0) {
                listener.onProgress(new ReindexListener.Progress("merging", filesDone, changed.size(), embedded,
                        passagesTotal));
                writer.forceMerge(settings.maxSegments());
            }
            writer.setLiveCommitData(fingerprint().entrySet());
            writer.commit();
            passages = writer.getDocStats().numDocs;
            if (passages == 0 && live.passageCount() > 0 && !allowShrink) {
                throw ShrinkGuard.noPassages(skipped);
            }
            // Before the switch: whatever CURRENT names carries its own bookkeeping (see reconcile()).
            IndexManifest.write(dir, manifest.values());
        } catch (IOException | RuntimeException e) {
            LiveIndex.deleteTree(dir);
            throw e;
        }
        if (external == null) {
            live.swap(generation);
        }
        listener.onProgress(new ReindexListener.Progress("switched", changed.size(), changed.size(), embedded,
                passagesTotal));

        try {
            files.replaceAll(manifest.values());
        } catch (RuntimeException e) {
            // The new generation is live and carries its manifest: the next start or reindex restores the rows.
            log.warn("Index {} is live, but recording its files in the database failed ({}); they are restored from "
                    + "the index at the next start", generation, e.getMessage());
        }
        int articles = manifest.values().stream().mapToInt(r -> r.articleIds().size()).sum();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ReindexResult result = new ReindexResult(full, reason, added, updated, removed.size(),
                found.size() - changed.size(), skipped, articles, passages, embedded, millis, generation);
        log.info("{}", result.summary());
        listener.onProgress(new ReindexListener.Progress("done", changed.size(), changed.size(), embedded, passagesTotal));
        return result;
    }

    /**
     * Writes a build into the external index: the same embedding batches and progress as the Lucene path; the seam
     * stores them and makes them live. Returns {passages embedded, passages in the index}.
     */
    private int[] writeExternal(ExternalIndex.Build build, boolean full, List<String> replaced,
                                Map<SourceFile, List<Passage>> toIndex, int passagesTotal, int filesDone, int filesTotal,
                                ReindexListener listener) {
        try {
            if (!full) {
                build.deleteFiles(replaced);
            }
            List<Map.Entry<String, Passage>> pending = new ArrayList<>(passagesTotal);
            toIndex.forEach((file, ps) -> ps.forEach(p -> pending.add(Map.entry(file.relativePath(), p))));
            int embedded = 0;
            int batchSize = settings.embedBatchSize() * embedder.parallelBatches();
            for (int i = 0; i < pending.size(); i += batchSize) {
                List<Map.Entry<String, Passage>> batch = pending.subList(i, Math.min(pending.size(), i + batchSize));
                List<float[]> vectors = embedder.embedAll(batch.stream().map(e -> Embedder.passageInput(e.getValue())).toList());
                build.add(batch, vectors, settings.headerInText());
                embedded += batch.size();
                listener.onProgress(new ReindexListener.Progress("embedding", filesDone, filesTotal, embedded, passagesTotal));
            }
            return new int[]{embedded, build.publish(fingerprint())};
        } catch (RuntimeException e) {
            build.abort();
            throw e;
        }
    }

    /** Waits for a background write; its failure becomes this thread's. */
    private static void awaitWrite(Future<?> write) throws IOException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("reindex interrupted, the previous index keeps serving", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IndexException("writing the index failed: " + cause, cause);
        }
    }

    /** The writer settings of every build (the growth benchmark uses them too, so its figures are the product's). */
    public static IndexWriterConfig writerConfig(NewsdeskConfig.Index settings) {
        IndexWriterConfig config = new IndexWriterConfig(PassageDocuments.analyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(128);
        int m = settings.hnswM();
        int beam = settings.hnswBeamWidth();
        config.setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return new WideHnswFormat(new Lucene99HnswVectorsFormat(m, beam));
            }
        });
        return config;
    }

    /**
     * Lucene's HNSW format with room for remote models' wider vectors (1536-d, 3072-d) beside Lucene's default limit
     * of 1024. It writes under the standard format's name, so the standard format reads it back.
     */
    private static final class WideHnswFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        WideHnswFormat(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return NewsdeskConfig.Index.MAX_EMBEDDING_DIMENSIONS;
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
