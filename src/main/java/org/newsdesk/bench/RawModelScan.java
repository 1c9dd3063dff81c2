package org.newsdesk.bench;

import org.newsdesk.answer.Answer;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The embedding model alone over Newsdesk's passages, for {@link CompareBench}: the floor of indexing time, searched
 * by an exact dot-product scan over the vectors in memory.
 */
final class RawModelScan {
    private final Embedder embedder;
    private final int batchSize;
    private final List<Passage> passages;
    private List<float[]> vectors = List.of();

    RawModelScan(Embedder embedder, int batchSize, List<Passage> passages) {
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.passages = passages;
    }

    /** Embeds every passage in the batches the indexer uses (the timed part; run twice to bracket drift). */
    void embed() {
        List<float[]> out = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i += batchSize) {
            out.addAll(embedder.embedAll(passages.subList(i, Math.min(passages.size(), i + batchSize)).stream()
                    .map(Embedder::passageInput).toList()));
        }
        vectors = out;
    }

    Answer ask(String question, int k) {
        long t0 = System.nanoTime();
        List<Hit> hits = exactTopK(embedder.embedQuery(question), vectors, passages, k);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Answer(question, "", false, List.of(), hits, "raw-model", 0, new Answer.Timings(ms, 0, ms));
    }

    /** The k passages whose vectors have the highest dot product with the query (vectors are L2-normalised). */
    static List<Hit> exactTopK(float[] query, List<float[]> vectors, List<Passage> passages, int k) {
        PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += v[d] * query[d];
            }
            if (heap.size() < k) {
                heap.add(new double[]{dot, i});
            } else if (dot > heap.peek()[0]) {
                heap.poll();
                heap.add(new double[]{dot, i});
            }
        }
        List<double[]> best = new ArrayList<>(heap);
        best.sort((a, b) -> Double.compare(b[0], a[0]));
        List<Hit> hits = new ArrayList<>();
        for (double[] b : best) {
            hits.add(new Hit(passages.get((int) b[1]), b[0], 0, hits.size() + 1, 0, (float) b[0]));
        }
        return hits;
    }
}
