package org.newsdesk.answer;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Passage;
import org.newsdesk.index.SentenceSplitter;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded default: answers with the few sentences of the top passages that best cover the question's terms
 * (weighted by idf, so names count more than common words), each cited. Sentences are picked greedily, each one
 * for the question terms the earlier ones did not cover, which also spreads a multi-part question over its
 * sources. When the best passage covers too little of the question, it abstains rather than guess.
 */
public final class ExtractiveComposer implements AnswerComposer {
    public static final String NOT_FOUND = "I could not find this in the archive: none of the indexed articles "
            + "answers the question. Try rephrasing it, or ask about another topic.";
    /** Passages considered for sentences and for the evidence score. */
    static final int PASSAGES_CONSIDERED = 5;
    private static final int MIN_WORDS = 5;
    private static final int MAX_WORDS = 90;
    /** A further sentence must add at least this share of the question's weight. */
    private static final double MIN_GAIN = 0.08;
    /** Added to a sentence's gain when it names the entity the retrieved articles share, until one does. */
    private static final double ENTITY_BONUS = 0.3;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final HybridSearcher searcher;
    private final NewsdeskConfig.Answer settings;

    public ExtractiveComposer(HybridSearcher searcher, NewsdeskConfig.Answer settings) {
        this.searcher = searcher;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "extractive";
    }

    @Override
    public Answer compose(String question, List<Hit> hits) {
        Set<String> queryTerms = searcher.questionTerms(question);
        Map<String, Double> weights = searcher.idf(queryTerms);
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (hits.isEmpty() || total <= 0) {
            return abstain(question, hits, 0);
        }
        List<Hit> top = hits.subList(0, Math.min(PASSAGES_CONSIDERED, hits.size()));
        // Each sentence's terms (stored by the index, so not analysed per question) serve both the evidence score
        // (with the title's, over the whole passage) and the choice of sentences.
        double evidence = 0;
        List<Candidate> candidates = new ArrayList<>();
        for (int rank = 0; rank < top.size(); rank++) {
            Passage p = top.get(rank).passage();
            Set<String> passageTerms = new HashSet<>(searcher.analyze(p.title()));
            List<SentenceSplitter.Span> spans = SentenceSplitter.split(p.text());
            List<Set<String>> sentenceTerms = searcher.sentenceTerms(top.get(rank)).sentences();
            for (int s = 0; s < spans.size(); s++) {
                SentenceSplitter.Span span = spans.get(s);
                String raw = p.text().substring(span.start(), span.end());
                // The stored terms follow this same splitter's sentences; a different count means an index written
                // by another version of it, so analyse afresh.
                Set<String> terms = sentenceTerms.size() == spans.size() ? sentenceTerms.get(s) : searcher.analyze(raw);
                passageTerms.addAll(terms);
                String sentence = SPACES.matcher(raw).replaceAll(" ").trim();
                int words = sentence.split(" ").length;
                if (words >= MIN_WORDS && words <= MAX_WORDS) {
                    candidates.add(new Candidate(sentence, p, rank, terms));
                }
            }
            evidence = Math.max(evidence, coverage(passageTerms, weights, total));
        }
        if (evidence < settings.abstainThreshold()) {
            return abstain(question, hits, evidence);
        }

        // The name the retrieved articles share: quote a sentence that names it (see SharedEntity).
        String entity = SharedEntity.find(question, hits).orElse(null);
        boolean entityQuoted = false;
        List<Candidate> picked = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        Set<String> seenText = new HashSet<>();
        Set<String> articles = new HashSet<>();
        while (picked.size() < settings.maxSentences()) {
            Candidate best = null;
            double bestGain = 0;
            for (Candidate c : candidates) {
                if (picked.contains(c) || seenText.contains(c.text())
                        || (!articles.contains(c.passage().articleId()) && articles.size() >= settings.maxSources())) {
                    continue;
                }
                double gain = 0;
                for (String t : c.terms()) {
                    if (weights.containsKey(t) && !covered.contains(t)) {
                        gain += weights.get(t);
                    }
                }
                // The shared name only counts in a sentence that is also about the question.
                if (gain > 0 && entity != null && !entityQuoted && c.text().contains(entity)) {
                    gain += ENTITY_BONUS * total;
                }
                // Prefer higher-ranked passages among sentences that cover equally.
                gain = gain / total + 0.05 / (1 + c.rank());
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (best == null || (!picked.isEmpty() && bestGain < MIN_GAIN)) {
                break;
            }
            picked.add(best);
            entityQuoted |= entity != null && best.text().contains(entity);
            seenText.add(best.text());
            articles.add(best.passage().articleId());
            covered.addAll(best.terms());
        }
        if (picked.isEmpty()) {
            return abstain(question, hits, evidence);
        }

        Map<String, Citation> byArticle = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Candidate c : picked) {
            Passage p = c.passage();
            Citation citation = byArticle.computeIfAbsent(p.articleId(), id -> new Citation(byArticle.size() + 1,
                    p.articleId(), p.title(), p.source(), p.url(), p.published(), p.id(), p.text()));
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(c.text()).append(" [").append(citation.n()).append(']');
        }
        return new Answer(question, text.toString(), false, new ArrayList<>(byArticle.values()), hits, name(), evidence);
    }

    private Answer abstain(String question, List<Hit> hits, double evidence) {
        return new Answer(question, NOT_FOUND, true, List.of(), hits, name(), evidence);
    }

    private static double coverage(Set<String> terms, Map<String, Double> weights, double total) {
        double sum = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (terms.contains(w.getKey())) {
                sum += w.getValue();
            }
        }
        return sum / total;
    }

    private record Candidate(String text, Passage passage, int rank, Set<String> terms) {
    }
}
