package org.newsdesk.search;

import org.newsdesk.search.RetrievalEngine.Ranked;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Weighted reciprocal rank fusion of the candidate rankings: each ranking adds weight / (rrf-k + rank) to the
 * passages it holds. A pure function of its inputs (no index, no view): whatever needs the index to build the
 * focused rankings happens before, in {@link FocusedRankings}, so the arithmetic can be tested by hand.
 */
final class Fusion {
    private Fusion() {
    }

    /** One ranking, best first, and the weight of its reciprocal ranks. */
    record Ranking(Ranked[] hits, double weight) {
    }

    /**
     * A fused candidate: its fused score, and its 1-based rank and score in the lexical (BM25) and the dense (KNN)
     * ranking, rank 0 and score 0 where that ranking does not hold it.
     */
    record Fused(int doc, double score, int lexicalRank, int denseRank, float lexicalScore, float denseScore) {
        /** {fused score, bm25 rank, knn rank, bm25 score, knn score}, the record the sentence rerank reads. */
        double[] toArray() {
            return new double[] {score, lexicalRank, denseRank, lexicalScore, denseScore};
        }
    }

    /**
     * The fused candidates, best first; ties in {@code order} (the view's index order). The focused rankings (doc
     * ids, best first) only add {@code focusWeight} / (rrf-k + rank) to the score; they set no rank or score.
     */
    static List<Fused> fuse(Ranking lexical, Ranking dense, List<int[]> focused, double focusWeight, int rrfK,
                            IntToLongFunction order) {
        // Sums in the same order as before this was a pure function (lexical, dense, then each focused ranking),
        // so the floating-point scores, and so the order, are the same to the last bit.
        Map<Integer, double[]> fused = new HashMap<>();
        add(fused, lexical.hits(), lexical.weight(), rrfK, 1);
        add(fused, dense.hits(), dense.weight(), rrfK, 2);
        for (int[] ranking : focused) {
            for (int r = 0; r < ranking.length; r++) {
                fused.computeIfAbsent(ranking[r], d -> new double[5])[0] += focusWeight / (rrfK + r + 1);
            }
        }
        List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort((a, b) -> {
            int c = Double.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : Long.compare(order.applyAsLong(a.getKey()), order.applyAsLong(b.getKey()));
        });
        List<Fused> out = new ArrayList<>(ranked.size());
        for (Map.Entry<Integer, double[]> e : ranked) {
            double[] f = e.getValue();
            out.add(new Fused(e.getKey(), f[0], (int) f[1], (int) f[2], (float) f[3], (float) f[4]));
        }
        return out;
    }

    /** Adds one ranking; {@code slot} 1 or 2 records its rank and score as the BM25 or KNN ones. */
    private static void add(Map<Integer, double[]> fused, Ranked[] ranking, double weight, int rrfK, int slot) {
        for (int r = 0; r < ranking.length; r++) {
            double[] f = fused.computeIfAbsent(ranking[r].doc(), d -> new double[5]);
            f[0] += weight / (rrfK + r + 1);
            f[slot] = r + 1;
            f[slot + 2] = ranking[r].score();
        }
    }
}
