package org.newsdesk.search;

import org.newsdesk.index.Passage;
import org.newsdesk.index.SentenceTerms;

/**
 * A retrieved passage with its fused score and where each retriever ranked it (1-based; 0 = not retrieved by it).
 *
 * @param sentenceTerms the analysed terms of the passage's sentences as the index stored them, or null when unknown
 *                      (a hit from elsewhere, or an index written before they were stored): see
 *                      {@link HybridSearcher#sentenceTerms(Hit)}
 */
public record Hit(Passage passage, double score, int bm25Rank, int knnRank, float bm25Score, float knnScore,
                  SentenceTerms sentenceTerms) {

    public Hit(Passage passage, double score, int bm25Rank, int knnRank, float bm25Score, float knnScore) {
        this(passage, score, bm25Rank, knnRank, bm25Score, knnScore, null);
    }
}
