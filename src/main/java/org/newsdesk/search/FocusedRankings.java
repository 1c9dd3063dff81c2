package org.newsdesk.search;

import org.newsdesk.search.RetrievalEngine.Ranked;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rankings within one focus (an outlet or a date named in the question), drawn from the candidates both
 * retrievers already found rather than from two more searches of the whole index (on a million passages those
 * searches took over half of the query time; docs/bench.md, "Growth"). Lexical: the deep BM25 ranking restricted
 * to the focus, which is exactly what a filtered BM25 search ranks first as long as the focus's best passages are
 * within the depth read. Dense: the focus's passages among the KNN candidates and the lexical focused ones, ranked
 * by their vectors' similarity to the question. On the MultiHop-RAG dev split this ranks as the two filtered
 * searches did (README). The view lookups live here so that {@link Fusion} stays a pure function.
 */
final class FocusedRankings {
    private FocusedRankings() {
    }

    /** The lexical focused ranking and, with a question vector, the dense one: doc ids, best first, at most n. */
    static List<int[]> of(RetrievalEngine.View view, RetrievalEngine.Focus focus, Ranked[] lexicalDeep,
                          Ranked[] knnRun, float[] vector, int n) {
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
        List<int[]> rankings = new ArrayList<>(2);
        rankings.add(lexicalFocus.stream().mapToInt(Ranked::doc).toArray());
        if (vector == null) {
            return rankings;
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
        int[] dense = new int[Math.min(n, denseFocus.length)];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = denseFocus[i].doc();
        }
        rankings.add(dense);
        return rankings;
    }
}
