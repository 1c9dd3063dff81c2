package org.newsdesk.search;

import org.junit.jupiter.api.Test;
import org.newsdesk.search.Fusion.Fused;
import org.newsdesk.search.Fusion.Ranking;
import org.newsdesk.search.RetrievalEngine.Ranked;

import java.util.List;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusionTest {
    private static final int A = 10;
    private static final int B = 20;
    private static final int C = 30;
    private static final int D = 40;
    /** Index order = the doc id, unless a test says otherwise. */
    private static final IntToLongFunction BY_ID = d -> d;

    private static Ranking ranking(double weight, int... docs) {
        Ranked[] hits = new Ranked[docs.length];
        for (int i = 0; i < docs.length; i++) {
            hits[i] = new Ranked(docs[i], 100f - i); // scores distinct from ranks, to tell them apart
        }
        return new Ranking(hits, weight);
    }

    private static Ranking none() {
        return new Ranking(new Ranked[0], 1.0);
    }

    private static List<Integer> order(List<Fused> fused) {
        return fused.stream().map(Fused::doc).toList();
    }

    @Test
    void twoWeightedRankingsAddWeightOverKPlusRank() {
        List<Fused> fused = Fusion.fuse(ranking(1.0, A, B, C), ranking(0.5, C, A), List.of(), 0.3, 60, BY_ID);

        assertEquals(List.of(A, C, B), order(fused));
        Fused a = fused.get(0);
        assertEquals(1.0 / 61 + 0.5 / 62, a.score(), 1e-15);
        assertEquals(1, a.lexicalRank());
        assertEquals(2, a.denseRank());
        assertEquals(100f, a.lexicalScore());
        assertEquals(99f, a.denseScore());
        Fused c = fused.get(1);
        assertEquals(1.0 / 63 + 0.5 / 61, c.score(), 1e-15);
        assertEquals(3, c.lexicalRank());
        assertEquals(1, c.denseRank());
        Fused b = fused.get(2);
        assertEquals(1.0 / 62, b.score(), 1e-15);
        assertEquals(2, b.lexicalRank());
        assertEquals(0, b.denseRank(), "not in the dense ranking: rank 0");
        assertEquals(0f, b.denseScore());
        // The record the sentence rerank reads: {score, bm25 rank, knn rank, bm25 score, knn score}.
        double[] record = a.toArray();
        assertEquals(5, record.length);
        assertEquals(a.score(), record[0]);
        assertEquals(1.0, record[1]);
        assertEquals(2.0, record[2]);
        assertEquals(100.0, record[3]);
        assertEquals(99.0, record[4]);
    }

    @Test
    void weightsDecideBetweenTheRankings() {
        // Same rankings, weights swapped: the dense ranking's first passage wins when dense weighs more.
        assertEquals(A, Fusion.fuse(ranking(1.0, A, B), ranking(0.5, B, A), List.of(), 0, 60, BY_ID).get(0).doc());
        assertEquals(B, Fusion.fuse(ranking(0.5, A, B), ranking(1.0, B, A), List.of(), 0, 60, BY_ID).get(0).doc());
    }

    @Test
    void rrfKChangesTheOrder() {
        // A is first in the lexical ranking only; B is fourth in both. A small k rewards the top ranks (A 1/2 ahead
        // of B 1.9/5), a large k flattens them so that being in both wins (B 1.9/64 ahead of A 1/61).
        Ranking lexical = ranking(1.0, A, 101, 102, B);
        Ranking dense = ranking(0.9, 103, 104, 105, B);

        List<Fused> smallK = Fusion.fuse(lexical, dense, List.of(), 0, 1, BY_ID);
        assertEquals(List.of(A, 103, B, 101, 104), order(smallK).subList(0, 5));
        assertEquals(1.0 / 2, smallK.get(0).score(), 1e-15);
        assertEquals(1.0 / 5 + 0.9 / 5, smallK.get(2).score(), 1e-15);

        List<Fused> largeK = Fusion.fuse(lexical, dense, List.of(), 0, 60, BY_ID);
        assertEquals(List.of(B, A, 101, 102), order(largeK).subList(0, 4));
        assertEquals(1.0 / 64 + 0.9 / 64, largeK.get(0).score(), 1e-15);
        assertEquals(1.0 / 61, largeK.get(1).score(), 1e-15);
    }

    @Test
    void focusedRankingsAddToTheScoreOnly() {
        List<Fused> plain = Fusion.fuse(ranking(1.0, A, B), none(), List.of(), 0.8, 60, BY_ID);
        assertEquals(List.of(A, B), order(plain));

        // B is first within the focus, C is only in a focused ranking: B overtakes A.
        List<Fused> fused = Fusion.fuse(ranking(1.0, A, B), none(), List.of(new int[] {B, C}, new int[] {B}), 0.8,
                60, BY_ID);
        assertEquals(List.of(B, A, C), order(fused));
        Fused b = fused.get(0);
        assertEquals(1.0 / 62 + 0.8 / 61 + 0.8 / 61, b.score(), 1e-15);
        assertEquals(2, b.lexicalRank(), "a focused ranking sets no rank");
        assertEquals(0, b.denseRank());
        Fused c = fused.get(2);
        assertEquals(0.8 / 62, c.score(), 1e-15);
        assertEquals(0, c.lexicalRank());
        assertEquals(0f, c.lexicalScore());
    }

    @Test
    void tiesFollowTheIndexOrderNotTheInput() {
        // A and B score the same (first in one ranking each, equal weights).
        Ranking lexical = ranking(1.0, A);
        Ranking dense = ranking(1.0, B);
        assertEquals(List.of(A, B), order(Fusion.fuse(lexical, dense, List.of(), 0, 60, BY_ID)));
        assertEquals(List.of(A, B), order(Fusion.fuse(dense, lexical, List.of(), 0, 60, BY_ID)));
        IntToLongFunction reversed = d -> -d;
        assertEquals(List.of(B, A), order(Fusion.fuse(lexical, dense, List.of(), 0, 60, reversed)));
        assertEquals(List.of(B, A), order(Fusion.fuse(dense, lexical, List.of(), 0, 60, reversed)));
        // Four-way tie, many docs: index order throughout.
        List<Fused> four = Fusion.fuse(ranking(1.0, D, B), ranking(1.0, A, C), List.of(), 0, 60, BY_ID);
        assertEquals(List.of(A, D, B, C), order(four));
    }

    @Test
    void emptyInputsFuseToNothing() {
        assertTrue(Fusion.fuse(none(), none(), List.of(), 0.5, 60, BY_ID).isEmpty());
        assertTrue(Fusion.fuse(none(), none(), List.of(new int[0], new int[0]), 0.5, 60, BY_ID).isEmpty());
        // One side empty: the other ranking alone, in its order, with its ranks.
        List<Fused> denseOnly = Fusion.fuse(none(), ranking(1.0, C, A), List.of(), 0.5, 60, BY_ID);
        assertEquals(List.of(C, A), order(denseOnly));
        assertEquals(0, denseOnly.get(0).lexicalRank());
        assertEquals(1, denseOnly.get(0).denseRank());
        assertEquals(1.0 / 61, denseOnly.get(0).score(), 1e-15);
    }
}
