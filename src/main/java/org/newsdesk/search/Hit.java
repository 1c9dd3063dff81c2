package org.newsdesk.search;

import org.newsdesk.index.Passage;

/**
 * A retrieved passage with its fused score and where each retriever ranked it (1-based; 0 = not retrieved by it).
 */
public record Hit(Passage passage, double score, int bm25Rank, int knnRank, float bm25Score, float knnScore) {
}
