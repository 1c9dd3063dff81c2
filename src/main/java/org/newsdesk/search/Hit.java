package org.newsdesk.search;

import org.newsdesk.index.Passage;
import org.newsdesk.index.SentenceTerms;

import java.util.List;

/**
 * A retrieved passage with its fused score and where each retriever ranked it (1-based; 0 = not retrieved by it).
 *
 * @param sentenceTerms the analysed terms of the passage's sentences as the index stored them, or null when unknown
 *                      (a hit from elsewhere, or an index written before they were stored): see
 *                      {@link HybridSearcher#sentenceTerms(Hit)}
 * @param alsoIn        the other outlets' near-identical copies of this passage that were collapsed into it, in
 *                      rank order, one per outlet (empty when none)
 */
public record Hit(Passage passage, double score, int bm25Rank, int knnRank, float bm25Score, float knnScore,
                  SentenceTerms sentenceTerms, List<WireCopy> alsoIn) {

    public Hit {
        alsoIn = alsoIn == null ? List.of() : List.copyOf(alsoIn);
    }

    public Hit(Passage passage, double score, int bm25Rank, int knnRank, float bm25Score, float knnScore,
               SentenceTerms sentenceTerms) {
        this(passage, score, bm25Rank, knnRank, bm25Score, knnScore, sentenceTerms, List.of());
    }

    public Hit(Passage passage, double score, int bm25Rank, int knnRank, float bm25Score, float knnScore) {
        this(passage, score, bm25Rank, knnRank, bm25Score, knnScore, null);
    }
}
