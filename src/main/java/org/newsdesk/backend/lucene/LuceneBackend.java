package org.newsdesk.backend.lucene;

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
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.IndexBackend;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.store.SourceFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedded Lucene index as a reindex target: each build is written into a new generation directory beside the
 * live one (an incremental build starts from a copy of the live generation's segments) and made live by
 * {@link LiveIndex#swap}, so questions keep being answered from the old generation meanwhile, and after a failure
 * or a kill.
 */
public final class LuceneBackend implements IndexBackend {
    private static final Logger log = LoggerFactory.getLogger(LuceneBackend.class);

    private final LiveIndex live;
    private final NewsdeskConfig.Index settings;

    public LuceneBackend(LiveIndex live, NewsdeskConfig.Index settings) {
        this.live = live;
        this.settings = settings;
    }

    @Override
    public boolean exists() {
        return live.exists();
    }

    @Override
    public int passageCount() {
        return live.passageCount();
    }

    @Override
    public List<String> sampleTitles(int n) {
        return live.sampleTitles(n);
    }

    @Override
    public Map<String, String> userData() {
        return live.userData();
    }

    @Override
    public String describe() {
        return live.describe();
    }

    @Override
    public void pickUp() {
        live.refresh();
    }

    @Override
    public void deleteLeftovers() {
        live.deleteStaleGenerations();
    }

    @Override
    public Map<String, SourceFileStore.Row> reconcile(SourceFileStore files) {
        return IndexManifest.reconcile(live, files);
    }

    @Override
    public Build begin(boolean full) throws IOException {
        String generation = live.nextGeneration();
        Path dir = live.root().resolve(generation);
        FSDirectory target = null;
        IndexWriter writer = null;
        try {
            target = FSDirectory.open(dir);
            writer = new IndexWriter(target, writerConfig(settings));
            if (!full) {
                var lease = live.acquire();
                if (lease.isPresent()) {
                    try (var l = lease.get()) {
                        writer.addIndexes(l.reader().directory());
                    }
                }
            }
            return new GenerationBuild(generation, dir, target, writer);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, target);
            LiveIndex.deleteTree(dir);
            throw e;
        }
    }

    /** One generation being written; batches are written on a thread of their own while the next is embedded. */
    private final class GenerationBuild implements Build {
        private final String generation;
        private final Path dir;
        private final FSDirectory target;
        private final IndexWriter writer;
        private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> new Thread(r, "index-writer"));
        private Future<?> lastWrite;
        /** Set once the swap starts: CURRENT may name this generation from then on, so it is never deleted. */
        private boolean swapping;

        GenerationBuild(String generation, Path dir, FSDirectory target, IndexWriter writer) {
            this.generation = generation;
            this.dir = dir;
            this.target = target;
            this.writer = writer;
        }

        @Override
        public String name() {
            return generation;
        }

        @Override
        public void deleteFiles(List<String> paths) throws IOException {
            for (String path : paths) {
                writer.deleteDocuments(new Term(PassageDocuments.FILE, path));
            }
        }

        /**
         * Hands the batch to the writer thread once the previous one is written, so Lucene's work (including the
         * HNSW graph) hides behind the embedding of the next batch.
         */
        @Override
        public void add(List<Map.Entry<String, Passage>> passages, List<float[]> vectors, boolean headerInText)
                throws IOException {
            awaitWrite(lastWrite);
            lastWrite = writes.submit(() -> {
                for (int j = 0; j < passages.size(); j++) {
                    writer.addDocument(PassageDocuments.toDocument(passages.get(j).getValue(), passages.get(j).getKey(),
                            vectors.get(j), headerInText));
                }
                return null;
            });
        }

        @Override
        public int publish(Publication publication) throws IOException {
            awaitWrite(lastWrite);
            writes.shutdownNow();
            // Each segment is searched on its own (one HNSW graph, one BM25 pass each), so an archive of many
            // segments answers slower; a merge trades reindex time for that (docs/bench.md, "Growth").
            if (settings.maxSegments() > 0) {
                publication.merging().run();
                writer.forceMerge(settings.maxSegments());
            }
            writer.setLiveCommitData(publication.settings().entrySet());
            writer.commit();
            int passages = writer.getDocStats().numDocs;
            if (passages == 0 && live.passageCount() > 0 && publication.emptied() != null) {
                throw publication.emptied().get();
            }
            // Before the switch: whatever CURRENT names carries its own bookkeeping (see reconcile()).
            IndexManifest.write(dir, publication.files());
            writer.close();
            target.close();
            swapping = true;
            live.swap(generation);
            return passages;
        }

        @Override
        public void abort() {
            writes.shutdownNow();
            IOUtils.closeWhileHandlingException(writer, target);
            if (swapping) {
                return; // a generation CURRENT may name is cleaned up by the next build, if it is not live
            }
            try {
                LiveIndex.deleteTree(dir);
            } catch (IOException e) {
                log.warn("Could not delete the failed build {}: {}", dir, e.getMessage());
            }
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
}
