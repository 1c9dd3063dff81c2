package org.newsdesk.backend.lucene;

import org.newsdesk.index.IndexException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each generation's directory is closed with its reader: when the last search on a retired generation ends. */
class LiveIndexLifetimeTest {
    @TempDir
    Path root;

    @Test
    void aRetiredGenerationsDirectoryIsClosedWhenItsLastLeaseIsReleased() throws IOException {
        try (LiveIndex live = LiveIndex.open(root)) {
            build("gen-1", 1);
            live.swap("gen-1");
            LiveIndex.Lease lease = live.acquire().orElseThrow();
            Directory first = lease.reader().directory();
            build("gen-2", 2);
            live.swap("gen-2");
            // A search still running on gen-1 keeps its directory open ...
            assertThat(isClosed(first)).isFalse();
            lease.close();
            // ... and its end closes it (before the fix every generation's FSDirectory stayed open for good).
            assertThat(isClosed(first)).isTrue();

            Directory second;
            try (LiveIndex.Lease l = live.acquire().orElseThrow()) {
                second = l.reader().directory();
                assertThat(l.reader().numDocs()).isEqualTo(2);
            }
            live.close();
            assertThat(isClosed(second)).isTrue();
        }
    }

    @Test
    void aGenerationThatCannotBeOpenedLeavesTheLiveOneServing() throws IOException {
        try (LiveIndex live = LiveIndex.open(root)) {
            build("gen-1", 1);
            live.swap("gen-1");
            Files.createDirectories(root.resolve("gen-2")); // no index inside
            assertThatThrownBy(() -> live.swap("gen-2")).isInstanceOf(IndexException.class)
                    .hasMessageContaining("cannot open index");
            try (LiveIndex.Lease l = live.acquire().orElseThrow()) {
                assertThat(l.reader().numDocs()).isEqualTo(1);
            }
        }
    }

    /**
     * Searches keep running while generations are swapped under them (the reference counting Lucene's
     * ReferenceManager does for LiveIndex): each reads an open generation to the end, and every retired
     * generation's directory is closed once its last search ended.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void searchesRunningAcrossSwapsReadAnOpenGenerationAndRetiredOnesAreClosed() throws Exception {
        try (LiveIndex live = LiveIndex.open(root)) {
            build("gen-1", 1);
            live.swap("gen-1");
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.Set<Directory> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            for (int t = 0; t < 3; t++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        try (LiveIndex.Lease l = live.acquire().orElseThrow()) {
                            seen.add(l.reader().directory());
                            int n = l.reader().numDocs();
                            if (l.searcher().count(new org.apache.lucene.search.MatchAllDocsQuery()) != n) {
                                failures.add(new AssertionError("a search saw " + n + " documents change under it"));
                            }
                            searches.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
            }
            for (int g = 2; g <= 8; g++) {
                build("gen-" + g, g);
                live.swap("gen-" + g);
                int before = searches.get();
                org.awaitility.Awaitility.await().until(() -> searches.get() > before + 3);
            }
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(failures).isEmpty();
            Directory serving;
            try (LiveIndex.Lease l = live.acquire().orElseThrow()) {
                serving = l.reader().directory();
                assertThat(l.reader().numDocs()).isEqualTo(8);
            }
            assertThat(seen).hasSizeGreaterThan(1);
            assertThat(seen).filteredOn(d -> d != serving).allSatisfy(d -> assertThat(isClosed(d)).isTrue());
        }
    }

    /** A closed directory refuses before it looks for the file (the retired generation's files are deleted). */
    private static boolean isClosed(Directory dir) {
        try (var in = dir.openInput("no-such-file", IOContext.READONCE)) {
            return false;
        } catch (AlreadyClosedException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void build(String generation, int docs) throws IOException {
        try (FSDirectory dir = FSDirectory.open(root.resolve(generation));
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < docs; i++) {
                Document d = new Document();
                d.add(new StringField("id", generation + "-" + i, Field.Store.YES));
                w.addDocument(d);
            }
            w.commit();
        }
    }
}
