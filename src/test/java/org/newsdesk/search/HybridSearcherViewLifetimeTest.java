package org.newsdesk.search;

import org.newsdesk.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.app.App;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.index.Archive;
import org.newsdesk.index.PassageDocuments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The index view a search opens must stay open until the KNN task that reads it beside BM25 has ended, also when
 * BM25 fails; and the KNN pool is bounded.
 */
class HybridSearcherViewLifetimeTest {
    private final App app = TestFixtures.seedApp();

    @Test
    @Timeout(30)
    void aFailingKeywordSearchClosesTheViewOnlyAfterTheVectorSearchEnded() {
        CountDownLatch bm25Failed = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean knnSawClosedView = new AtomicBoolean();
        AtomicBoolean knnRan = new AtomicBoolean();
        RetrievalEngine real = new LuceneEngine(app.index(), app.config().search());
        RetrievalEngine failing = new RetrievalEngine() {
            @Override
            public Archive archive() {
                return real.archive();
            }

            @Override
            public Optional<View> open() {
                return real.open().map(v -> new Delegating(v) {
                    @Override
                    public Ranked[] bm25(Collection<String> terms, Filter filter, int n) {
                        bm25Failed.countDown();
                        throw new IllegalStateException("keyword search broke");
                    }

                    @Override
                    public Ranked[] knn(float[] vector, Filter filter, int n) {
                        try {
                            bm25Failed.await();
                            // Long enough for a caller that does not wait to close the view; a caller that waits
                            // lets this time out.
                            knnSawClosedView.set(closed.await(500, TimeUnit.MILLISECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        knnRan.set(true);
                        return super.knn(vector, filter, n);
                    }

                    @Override
                    public void close() {
                        closed.countDown();
                        super.close();
                    }
                });
            }
        };
        HybridSearcher searcher = new HybridSearcher(failing, app.embedder(), app.config().search());

        assertThatThrownBy(() -> searcher.search(SearchRequest.of("missile defense Poland Romania", 5,
                SearchRequest.Mode.HYBRID))).hasMessage("keyword search broke");
        assertThat(knnRan).as("the vector search ran").isTrue();
        assertThat(knnSawClosedView).as("the view was closed while the vector search still read it").isFalse();
    }

    @Test
    @Timeout(30)
    void theVectorSearchPoolIsBoundedAndRunsOverflowOnTheCaller() throws Exception {
        ExecutorService pool = DenseSearchPool.of(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Future<String>> runs = new ArrayList<>();
            // 2 threads + 8 queued are busy; the 11th task runs on this thread instead of starting a third thread.
            for (int i = 0; i < 10; i++) {
                runs.add(pool.submit(() -> {
                    release.await();
                    return Thread.currentThread().getName();
                }));
            }
            Future<String> overflow = pool.submit(() -> Thread.currentThread().getName());
            assertThat(overflow.get()).isEqualTo(Thread.currentThread().getName());
            assertThat(((ThreadPoolExecutor) pool).getPoolSize()).isEqualTo(2);
            release.countDown();
            for (Future<String> run : runs) {
                assertThat(run.get()).isEqualTo("knn-search");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** Passes every call to the real view. */
    private static class Delegating implements RetrievalEngine.View {
        private final RetrievalEngine.View v;

        Delegating(RetrievalEngine.View v) {
            this.v = v;
        }

        @Override public Object cacheKey() { return v.cacheKey(); }
        @Override public Map<String, String> userData() { return v.userData(); }
        @Override public long order(int doc) { return v.order(doc); }
        @Override public boolean anyIn(RetrievalEngine.DayRange range) { return v.anyIn(range); }
        @Override public int numDocs() { return v.numDocs(); }
        @Override public Map<String, Integer> docFreqs(Collection<String> terms) { return v.docFreqs(terms); }
        @Override public RetrievalEngine.Ranked[] bm25(Collection<String> terms, RetrievalEngine.Filter filter, int n) {
            return v.bm25(terms, filter, n);
        }
        @Override public RetrievalEngine.Ranked[] knn(float[] vector, RetrievalEngine.Filter filter, int n) {
            return v.knn(vector, filter, n);
        }
        @Override public RetrievalEngine.Ranked[] within(RetrievalEngine.Filter filter, int n) {
            return v.within(filter, n);
        }
        @Override public List<String> sources() { return v.sources(); }
        @Override public Set<Integer> matching(RetrievalEngine.Focus focus, Collection<Integer> docs) {
            return v.matching(focus, docs);
        }
        @Override public RetrievalEngine.Ranked[] bySimilarity(float[] vector, Collection<Integer> docs,
                                                             Map<Integer, Float> known) {
            return v.bySimilarity(vector, docs, known);
        }
        @Override public List<PassageDocuments.StoredPassage> load(List<Integer> docs) { return v.load(docs); }
        @Override public Map<String, RetrievalEngine.Spread> articleSpread(Collection<String> articles,
                                                                        Map<String, Map<String, Integer>> headerCounts,
                                                                        Set<String> terms) {
            return v.articleSpread(articles, headerCounts, terms);
        }
        @Override public void close() { v.close(); }
    }
}
