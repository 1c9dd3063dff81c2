package org.newsdesk.search;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.search.RetrievalEngine.Ranked;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted reciprocal rank fusion of the candidate rankings, keyed by the view's handles. Each entry holds
 * {fused score, bm25 rank, knn rank, bm25 score, knn score}.
 */
final class Fusion {
    private final NewsdeskConfig.Search settings;
    private final Map<Integer, double[]> fused = new HashMap<>();

    Fusion(NewsdeskConfig.Search settings) {
        this.settings = settings;
    }

    /**
     * Adds one ranking: weight / (rrf-k + rank). {@code slot} 1 or 2 records the rank and score as the BM25 or KNN
     * rank of the hit; 0 for the focused rankings, which only add to the score.
     */
    void add(Ranked[] ranking, double weight, int slot) {
        for (int r = 0; r < ranking.length; r++) {
            double[] f = fused.computeIfAbsent(ranking[r].doc(), d -> new double[5]);
            f[0] += weight / (settings.rrfK() + r + 1);
            if (slot > 0) {
                f[slot] = r + 1;
                f[slot + 2] = ranking[r].score();
            }
        }
    }

    /**
     * Adds the rankings within one focus, drawn from the candidates both retrievers already found rather than from
     * two more searches of the whole index (on a million passages those searches took over half of the query time;
     * docs/bench.md, "Growth"). Lexical: the deep BM25 ranking restricted to the focus, which is exactly what a
     * filtered BM25 search ranks first as long as the focus's best passages are within the depth read. Dense: the
     * focus's passages among the KNN candidates and the lexical focused ones, ranked by their vectors' similarity
     * to the question. On the MultiHop-RAG dev split this ranks as the two filtered searches did (README).
     */
    void addFocused(RetrievalEngine.View view, RetrievalEngine.Focus focus, Ranked[] lexicalDeep, Ranked[] knnRun,
                    float[] vector, int n) {
        Set<Integer> pool = new LinkedHashSet<>();
        for (Ranked d : lexicalDeep) {
            pool.add(d.doc());
        }
        for (Ranked d : knnRun) {
            pool.add(d.doc());
        }
        Set<Integer> inFocus = view.matching(focus, pool);
        List<Ranked> lexicalFocus = new ArrayList<>(n);
        for (Ranked d : lexicalDeep) {
            if (lexicalFocus.size() < n && inFocus.contains(d.doc())) {
                lexicalFocus.add(d);
            }
        }
        add(lexicalFocus.toArray(new Ranked[0]), settings.metadataWeight(), 0);
        if (vector == null) {
            return;
        }
        Map<Integer, Float> knownSimilarity = new HashMap<>();
        List<Integer> densePool = new ArrayList<>();
        for (Ranked d : knnRun) {
            if (inFocus.contains(d.doc())) {
                knownSimilarity.put(d.doc(), d.score());
                densePool.add(d.doc());
            }
        }
        lexicalFocus.forEach(d -> densePool.add(d.doc()));
        Ranked[] denseFocus = view.bySimilarity(vector, densePool, knownSimilarity);
        add(Arrays.copyOf(denseFocus, Math.min(n, denseFocus.length)), settings.metadataWeight(), 0);
    }

    /** The fused candidates, best first; ties in index order. */
    List<Map.Entry<Integer, double[]>> ranked(RetrievalEngine.View view) {
        List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort((a, b) -> {
            int c = Double.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : Long.compare(view.order(a.getKey()), view.order(b.getKey()));
        });
        return ranked;
    }
}
