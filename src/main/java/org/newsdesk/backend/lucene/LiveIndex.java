package org.newsdesk.backend.lucene;

import org.newsdesk.index.Archive;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.PassageDocuments;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The index that answers questions right now. Each build goes into a new generation directory beside the live one;
 * {@link #swap} makes it live by atomically replacing the {@code CURRENT} pointer file, so a build that fails or is
 * killed never disturbs what is being served. Lucene's {@link ReferenceManager} keeps the readers: reference counts,
 * one refresh at a time, and a refresh step ({@link Generations#refreshIfNeeded}) that opens whatever generation
 * {@code CURRENT} names. A search that started on the old generation finishes on it.
 */
public final class LiveIndex implements Archive, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveIndex.class);
    static final String CURRENT = "CURRENT";
    static final String GEN_PREFIX = "gen-";

    /** A searcher on one generation; close it when the search is done. */
    public final class Lease implements AutoCloseable {
        private final Generation generation;
        private final IndexSearcher searcher;

        private Lease(Generation generation) {
            this.generation = generation;
            this.searcher = new IndexSearcher(generation.reader());
        }

        public IndexSearcher searcher() {
            return searcher;
        }

        public DirectoryReader reader() {
            return generation.reader();
        }

        @Override
        public void close() {
            try {
                generations.release(generation);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One opened generation; {@link #NONE} (no reader) while there is no index. */
    private record Generation(String name, DirectoryReader reader, Map<String, String> userData) {
    }

    private static final Generation NONE = new Generation(null, null, Map.of());

    /** Lucene's reference management over generations; the refresh step reads {@code CURRENT}. */
    private final class Generations extends ReferenceManager<Generation> {
        Generations() {
            current = NONE;
        }

        /** The generation being served, or {@link #NONE} (also after close). */
        Generation live() {
            Generation g = current;
            return g == null ? NONE : g;
        }

        @Override
        protected void decRef(Generation g) throws IOException {
            if (g.reader() != null) {
                g.reader().decRef();
            }
        }

        @Override
        protected Generation refreshIfNeeded(Generation g) {
            Optional<String> pointed = readPointer();
            if (pointed.isEmpty() || pointed.get().equals(g.name())) {
                return null;
            }
            return openGeneration(pointed.get());
        }

        @Override
        protected boolean tryIncRef(Generation g) {
            return g.reader() == null || g.reader().tryIncRef();
        }

        @Override
        protected int getRefCount(Generation g) {
            return g.reader() == null ? 1 : g.reader().getRefCount();
        }
    }

    /** How often a search looks at {@code CURRENT} for a generation another process made live. */
    static final long POINTER_CHECK_NANOS = 1_000_000_000L;

    private final Path root;
    private final Generations generations = new Generations();
    private volatile boolean closed;
    private volatile long nextPointerCheck = System.nanoTime() + POINTER_CHECK_NANOS;

    private LiveIndex(Path root) {
        this.root = root;
    }

    /** Opens whatever generation {@code CURRENT} names under {@code root}; an absent index is not an error. */
    public static LiveIndex open(Path root) {
        LiveIndex live = new LiveIndex(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IndexException("cannot create index directory " + root + ": " + e.getMessage(), e);
        }
        live.refresh();
        return live;
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean exists() {
        return generations.live().reader() != null;
    }

    @Override
    public String describe() {
        Generation g = generations.live();
        return root + (g.name() == null ? "" : " (" + g.name() + ")");
    }

    /** The live generation's name, e.g. {@code gen-3}, or empty. */
    public Optional<String> generation() {
        return Optional.ofNullable(generations.live().name());
    }

    /** Commit metadata of the live generation (embedding model, passage settings). */
    @Override
    public Map<String, String> userData() {
        return generations.live().userData();
    }

    @Override
    public int passageCount() {
        Generation g = generations.live();
        return g.reader() == null ? 0 : g.reader().numDocs();
    }

    /** Up to {@code n} distinct article titles spread over the index (for example questions in /help). */
    @Override
    public List<String> sampleTitles(int n) {
        var lease = acquire();
        if (lease.isEmpty()) {
            return List.of();
        }
        try (Lease l = lease.get()) {
            DirectoryReader reader = l.reader();
            int max = reader.maxDoc();
            var stored = reader.storedFields();
            var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
            java.util.LinkedHashSet<String> titles = new java.util.LinkedHashSet<>();
            int step = Math.max(1, max / Math.max(1, n * 4));
            for (int doc = 0; doc < max && titles.size() < n; doc += step) {
                if (live == null || live.get(doc)) {
                    titles.add(stored.document(doc, java.util.Set.of(PassageDocuments.TITLE)).get(PassageDocuments.TITLE));
                }
            }
            return List.copyOf(titles);
        } catch (IOException e) {
            throw new IndexException("cannot read titles from " + root + ": " + e.getMessage(), e);
        }
    }

    /** A searcher on the live generation, or empty when there is no index yet (or the index is closed). */
    public Optional<Lease> acquire() {
        pickUpNewGeneration();
        Generation g;
        try {
            g = generations.acquire();
        } catch (AlreadyClosedException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IndexException("cannot read the index in " + root + ": " + e.getMessage(), e);
        }
        if (g.reader() == null) {
            return Optional.empty(); // NONE needs no release
        }
        return Optional.of(new Lease(g));
    }

    /**
     * At most once a second, lets the manager read {@code CURRENT} (a few bytes) and switch to a generation another
     * process made live, e.g. {@code newsdesk index} while the bot runs (issue 16: the bot served the old one until
     * restarted). Returns at once when another thread is refreshing.
     */
    private void pickUpNewGeneration() {
        long now = System.nanoTime();
        if (closed || now - nextPointerCheck < 0) {
            return;
        }
        nextPointerCheck = now + POINTER_CHECK_NANOS;
        try {
            generations.maybeRefresh();
        } catch (IndexException | IOException | AlreadyClosedException e) {
            log.warn("Could not pick up the index generation named in {}: {}", root.resolve(CURRENT), e.getMessage());
        }
    }

    /** Picks up a generation another process made live (e.g. `newsdesk index` while the bot runs). */
    public boolean refresh() {
        String before = generations.live().name();
        try {
            generations.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new IndexException("cannot refresh the index in " + root + ": " + e.getMessage(), e);
        }
        return !java.util.Objects.equals(before, generations.live().name());
    }

    /** Makes a fully built generation live, then releases the old one and deletes the stale directories. */
    public synchronized void swap(String generation) {
        Path tmp = root.resolve(CURRENT + ".tmp");
        try {
            // The pointer's bytes reach the disk before the rename, and the rename before this returns: after a
            // power cut CURRENT names either the old generation or the new, complete one, never an empty file.
            IndexManifest.writeDurably(tmp, generation.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
            }
            IndexManifest.fsyncDirectory(root);
        } catch (IOException e) {
            throw new IndexException("cannot make " + generation + " live in " + root + ": " + e.getMessage(), e);
        }
        refresh(); // the refresh step opens what CURRENT now names
        deleteStaleGenerations();
    }

    /** Opens one generation; its directory lives as long as its reader. */
    private Generation openGeneration(String generation) {
        Path dir = root.resolve(generation);
        try {
            FSDirectory directory = FSDirectory.open(dir);
            DirectoryReader reader;
            try {
                reader = DirectoryReader.open(directory);
            } catch (IOException | RuntimeException e) {
                org.apache.lucene.util.IOUtils.closeWhileHandlingException(directory);
                throw e;
            }
            // Closed when the last lease on this generation is released.
            reader.getReaderCacheHelper().addClosedListener(key -> directory.close());
            log.info("Serving index {} ({} passages)", generation, reader.numDocs());
            return new Generation(generation, reader, Map.copyOf(reader.getIndexCommit().getUserData()));
        } catch (IOException e) {
            throw new IndexException("cannot open index " + dir + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> readPointer() {
        Path pointer = root.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            return !name.matches("gen-[0-9]{1,9}") || !Files.isDirectory(root.resolve(name)) ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new IndexException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** A fresh generation directory name, after every existing one. */
    public synchronized String nextGeneration() {
        try (Stream<Path> dirs = Files.list(root)) {
            int max = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(GEN_PREFIX))
                    .mapToInt(n -> parseGen(n))
                    .max().orElse(0);
            return GEN_PREFIX + (max + 1);
        } catch (IOException e) {
            throw new IndexException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static int parseGen(String name) {
        try {
            return Integer.parseInt(name.substring(GEN_PREFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Removes generations that are neither live nor being built (left by an older swap or a killed build). */
    public synchronized void deleteStaleGenerations(String... keep) {
        String live = generations.live().name();
        List<String> keepNames = Stream.concat(Stream.of(keep), live == null ? Stream.empty() : Stream.of(live)).toList();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith(GEN_PREFIX)).toList()) {
                if (!keepNames.contains(dir.getFileName().toString())) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            log.warn("Could not clean old index generations in {}: {}", root, e.getMessage());
        }
    }

    /** Deletes a directory and everything under it; nothing happens if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        // Open readers keep their files alive on POSIX, so deleting a just-retired generation is safe.
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            generations.close();
        } catch (IOException e) {
            log.warn("Closing index reader: {}", e.getMessage());
        }
    }
}
