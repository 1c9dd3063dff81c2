package org.newsdesk.search;

import org.apache.lucene.analysis.Analyzer;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.SentenceTerms;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Re-scores candidates by their single best sentence: the weighted share of the question's content terms it
 * contains. Questions are built from facts, and a fact is one sentence, so a passage whose one sentence matches much
 * of the question beats a passage that matches the same words spread thin. A term weighs its idf and, with
 * {@code search.article-contrast}, also how few of the article's passages contain it: the article's topic words are
 * in all of its passages and cannot tell them apart, the words of the fact asked about are in one. On the
 * MultiHop-RAG dev split each step lifted passage-level MRR@10 (README, "Retrieval quality").
 */
final class SentenceRerank {
    /** A fused candidate: its passage, fusion record, and final score. */
    static final class Scored {
        private final Passage passage;
        private final double[] fused;
        SentenceTerms sentenceTerms;
        double score;
        /** The best sentence's weighted coverage of the question, once reranked (NaN before). */
        double coverage = Double.NaN;

        Scored(PassageDocuments.StoredPassage stored, double[] fused) {
            this.passage = stored.passage();
            this.sentenceTerms = stored.sentenceTerms();
            this.fused = fused;
            this.score = fused[0];
        }

        Passage passage() {
            return passage;
        }

        double[] fused() {
            return fused;
        }

        double score() {
            return score;
        }
    }

    private final NewsdeskConfig.Search settings;
    private final Analyzer analyzer;

    SentenceRerank(NewsdeskConfig.Search settings, Analyzer analyzer) {
        this.settings = settings;
        this.analyzer = analyzer;
    }

    /**
     * @param terms       the question's content terms
     * @param idf         their idf over the live index
     * @param termCounts  how often each term occurs in a text (for the metadata header)
     */
    void rerank(List<Scored> candidates, Set<String> terms, Map<String, Double> idf, RetrievalEngine.View view,
                boolean headerInText, Function<String, Map<String, Integer>> termCounts) {
        if (terms.isEmpty()) {
            return;
        }
        double total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, RetrievalEngine.Spread> spread = settings.articleContrast()
                ? articleSpread(candidates, terms, view, headerInText, termCounts) : Map.of();
        Map<String, TermWeights> weightsByArticle = new HashMap<>();
        for (int r = 0; r < candidates.size(); r++) {
            Scored c = candidates.get(r);
            TermWeights weights = weightsByArticle.computeIfAbsent(c.passage().articleId(),
                    a -> TermWeights.of(idf, total, spread.get(a)));
            if (c.sentenceTerms == null) {
                c.sentenceTerms = SentenceTerms.of(analyzer, c.passage().text());
            }
            double best = 0;
            for (Set<String> sentence : c.sentenceTerms.sentences()) {
                double sum = 0;
                for (String t : sentence) {
                    sum += weights.weight().getOrDefault(t, 0.0);
                }
                best = Math.max(best, sum / weights.norm());
            }
            c.coverage = best;
            c.score = settings.rrfK() / (double) (settings.rrfK() + r + 1) + settings.sentenceWeight() * best;
        }
        candidates.sort((a, b) -> Double.compare(b.score(), a.score()));
    }

    /**
     * The weight of each question term in one article's passages, and what a sentence holding all of them would
     * score (coverage is their ratio). Without the article's spread: idf alone.
     */
    record TermWeights(Map<String, Double> weight, double norm) {
        static TermWeights of(Map<String, Double> idf, double idfTotal, RetrievalEngine.Spread spread) {
            if (spread == null || idfTotal == 0) {
                return new TermWeights(idf, idfTotal == 0 ? 1 : idfTotal);
            }
            // A within-article idf, damped by the square root (on dev, exponent 0.5 beat 0.25, 0.75 and 1); the norm
            // is a term found in one passage only, so a one-passage article scores as by idf alone.
            int n = Math.max(1, spread.passages());
            Map<String, Double> weight = new HashMap<>();
            idf.forEach((t, w) -> weight.put(t, w * Math.sqrt(Math.log((n + 1) / (spread.with(t) + 0.5)))));
            return new TermWeights(weight, idfTotal * Math.sqrt(Math.log((n + 1) / 1.5)));
        }
    }

    /** How the question's terms spread over the passages of each candidate's article (body text only). */
    private static Map<String, RetrievalEngine.Spread> articleSpread(List<Scored> candidates, Set<String> terms,
                                                                  RetrievalEngine.View view, boolean headerInText,
                                                                  Function<String, Map<String, Integer>> termCounts) {
        Map<String, Map<String, Integer>> headerCounts = new HashMap<>();
        Set<String> articles = new LinkedHashSet<>();
        for (Scored c : candidates) {
            articles.add(c.passage().articleId());
            if (headerInText) {
                headerCounts.computeIfAbsent(c.passage().articleId(), a -> termCounts.apply(c.passage().header()));
            }
        }
        return view.articleSpread(articles, headerCounts, terms);
    }
}
