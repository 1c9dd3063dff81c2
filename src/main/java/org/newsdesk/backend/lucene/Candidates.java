package org.newsdesk.backend.lucene;

import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.newsdesk.search.RetrievalEngine;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Questions asked of a small, known set of candidate documents (the few hundred the retrievers found), answered by
 * visiting only those documents, in doc-id order, one leaf at a time: cheaper than a second search of the whole index
 * when the index is large.
 */
final class Candidates {
    private Candidates() {
    }

    /** The candidates that match {@code filter}. */
    static Set<Integer> matching(IndexSearcher searcher, Query filter, Collection<Integer> docs) throws IOException {
        Set<Integer> matched = new HashSet<>();
        if (docs.isEmpty()) {
            return matched;
        }
        Weight weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        byLeaf(searcher, docs, (leaf, leafDocs) -> {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                return;
            }
            DocIdSetIterator it = scorer.iterator();
            for (int doc : leafDocs) {
                if ((it.docID() < doc ? it.advance(doc) : it.docID()) == doc) {
                    matched.add(leaf.docBase + doc);
                }
            }
        });
        return matched;
    }

    /**
     * The candidates ranked by the similarity of their stored vector to {@code query}, scored as a KNN search of
     * {@code field} would score them; {@code known} holds scores already computed (from a KNN ranking), which are
     * reused. Candidates without a vector are left out.
     */
    static ScoreDoc[] bySimilarity(IndexSearcher searcher, String field, float[] query, Collection<Integer> docs,
                                   Map<Integer, Float> known) throws IOException {
        Map<Integer, Float> scores = new HashMap<>();
        List<Integer> missing = RetrievalEngine.reuseKnown(docs, known, scores);
        byLeaf(searcher, missing, (leaf, leafDocs) -> {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            if (values == null) {
                return;
            }
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
            for (int doc : leafDocs) {
                if ((values.docID() < doc ? values.advance(doc) : values.docID()) == doc) {
                    scores.put(leaf.docBase + doc, info.getVectorSimilarityFunction().compare(query, values.vectorValue()));
                }
            }
        });
        ScoreDoc[] ranked = new ScoreDoc[scores.size()];
        int r = 0;
        for (Map.Entry<Integer, Float> e : scores.entrySet()) {
            ranked[r++] = new ScoreDoc(e.getKey(), e.getValue());
        }
        Arrays.sort(ranked, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return ranked;
    }

    /** What to do with one leaf's candidates (leaf-relative doc ids, ascending). */
    private interface LeafVisit {
        void visit(LeafReaderContext leaf, int[] docs) throws IOException;
    }

    /** Groups the candidates by leaf, in doc-id order, as Lucene's iterators need them. */
    private static void byLeaf(IndexSearcher searcher, Collection<Integer> docs, LeafVisit visit) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int[] sorted = docs.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        int i = 0;
        while (i < sorted.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[i], leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            int from = i;
            while (i < sorted.length && sorted[i] < end) {
                i++;
            }
            int[] leafDocs = new int[i - from];
            for (int j = from; j < i; j++) {
                leafDocs[j - from] = sorted[j] - leaf.docBase;
            }
            visit.visit(leaf, leafDocs);
        }
    }
}
