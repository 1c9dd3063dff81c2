package org.newsdesk.answer;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded default, answer-seeking: reads what the question asks for ({@link QuestionAnalysis}), looks for
 * answers of that kind in the sentences of the top passages ({@link AnswerCandidates}), and when one is supported
 * by a sentence that also holds the question's terms, starts the reply with it ("£99 — …") before the cited
 * sentences. Sentences are picked greedily, each for the question terms the earlier ones did not cover (which spreads
 * a multi-part question over its sources), preferring sentences that hold a candidate of the expected kind.
 * It abstains when no single sentence, or pair of adjacent sentences, supports the question well enough: terms
 * spread over unrelated passages are a near miss, not an answer.
 */
public final class ExtractiveComposer implements AnswerComposer {
    public static final String NOT_FOUND = "I could not find this in the archive: none of the indexed articles "
            + "answers the question. Try rephrasing it, or ask about another topic.";
    /** Opens a reply to a question of many parts with the name its articles keep naming, when it is no sure answer. */
    public static final String HEDGE = "The reports keep naming ";
    /** Separates the short answer from the cited sentences. */
    public static final String SHORT_ANSWER_SEPARATOR = " — ";
    /** A short answer leads only when the next candidate scores less than this share of its score. */
    static final double NEAR_TIE = 0.9;
    /** Passages considered for sentences and for the evidence score. */
    static final int PASSAGES_CONSIDERED = 5;
    /** A further sentence must add at least this share of the question's weight. */
    private static final double MIN_GAIN = 0.08;
    /** Added to a sentence's gain when it names the entity the retrieved articles share, until one does. */
    private static final double ENTITY_BONUS = 0.3;
    /** Added to a sentence's gain when it holds a candidate of the expected type, until one picked does. */
    private static final double CANDIDATE_BONUS = 0.2;
    /** Added for a yes/no question to a sentence from an article not quoted yet: show both compared facts. */
    private static final double SPREAD_BONUS = 0.15;

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
        QuestionAnalysis q = QuestionAnalysis.of(question, searcher);
        if (hits.isEmpty() || q.total() <= 0) {
            return abstain(question, hits, 0, q);
        }
        // Initials and misspellings of names the top passages write ("fnaf", "NTSB", "Lucashenco") count as them.
        List<NameAliases.Alias> aliases = NameAliases.find(initialsWords(question, q), q.unknownNames(), hits);
        Map<String, Set<String>> aliasTerms = new LinkedHashMap<>();
        Set<String> resolved = new HashSet<>();
        for (NameAliases.Alias a : aliases) {
            for (String t : searcher.analyze(a.word())) {
                aliasTerms.put(t, searcher.analyze(a.name()));
            }
            resolved.add(a.word());
        }
        q = q.withoutUnknown(resolved);
        EvidenceSentences es = new EvidenceSentences(q, hits.subList(0, Math.min(PASSAGES_CONSIDERED, hits.size())),
                searcher, aliasTerms);
        if (q.type() == AnswerType.YES_NO) {
            // "Did X report ... before Y reported ...?": the two reports' dates answer it, when both are certain.
            Set<String> retrieved = new HashSet<>();
            hits.forEach(h -> retrieved.add(h.passage().articleId()));
            TemporalOrder.Order order = TemporalOrder.answer(question, searcher, retrieved);
            if (order != null) {
                List<Citation> cited = List.of(citation(1, order.first().passage()),
                        citation(2, order.second().passage()));
                return new Answer(question, TemporalOrder.text(order), false, cited, hits, name(), 1.0, null, null,
                        order.yes() ? "Yes" : "No", q.type().label());
            }
        }
        double evidence = evidence(q, es);
        double threshold = settings.abstainThreshold(q.type() == AnswerType.YES_NO);
        if (evidence < threshold) {
            return abstain(question, hits, evidence, q);
        }
        ShortAnswer.Pick shortAnswer = ShortAnswer.pick(q, es, settings.shortAnswerSupport(), hits);
        if (shortAnswer == null) {
            // No one sentence gives an answer enough support, but the articles taken together name it.
            shortAnswer = ShortAnswer.fromEntity(q, es, threshold, hits);
        }
        // The reply leads with the answer only when it is of the asked-for kind and its sentence supports the
        // question well (calibrated so that few bold answers are wrong); otherwise its sentence is quoted first.
        // A runner-up of nearly the same score (a live blog's "Round Seven" ... "Round Twelve") makes the pick a coin
        // toss: the sentences are quoted, the answer not put in bold.
        boolean lead = shortAnswer != null && shortAnswer.runnerUp() < NEAR_TIE
                && ShortAnswer.confidence(q, shortAnswer, es) >= settings.shortAnswerConfidence();
        // A question of many parts: the name its articles keep naming is worth saying, as what it is (not in bold).
        boolean hedged = shortAnswer != null && !lead && !q.onePart();

        // The name the retrieved articles share: quote a sentence that names it (see SharedEntity).
        String entity = shortAnswer == null ? SharedEntity.find(question, hits, es::candidatesOf).orElse(null) : null;
        boolean entityQuoted = false;
        boolean candidateQuoted = false;
        List<EvidenceSentences.Sentence> picked = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        Set<String> seenText = new HashSet<>();
        Set<String> articles = new HashSet<>();
        if (shortAnswer != null) {
            EvidenceSentences.Sentence first = shortAnswer.sentence();
            picked.add(first);
            seenText.add(first.text());
            articles.add(first.passage().articleId());
            covered.addAll(first.terms());
            candidateQuoted = true;
        }
        double total = q.total();
        while (picked.size() < settings.maxSentences()) {
            EvidenceSentences.Sentence best = null;
            double bestGain = 0;
            for (EvidenceSentences.Sentence c : es.sentences) {
                if (!c.quotable() || picked.contains(c) || seenText.contains(c.text())
                        || (!articles.contains(c.passage().articleId()) && articles.size() >= settings.maxSources())) {
                    continue;
                }
                double gain = 0;
                for (String t : c.terms()) {
                    if (q.weights().containsKey(t) && !covered.contains(t)) {
                        gain += q.weights().get(t);
                    }
                }
                // Bonuses only count in a sentence that is also about the question.
                if (gain > 0) {
                    if (entity != null && !entityQuoted && c.text().contains(entity)) {
                        gain += ENTITY_BONUS * total;
                    }
                    if (!candidateQuoted && !c.candidates().isEmpty()) {
                        gain += CANDIDATE_BONUS * total;
                    }
                    if (q.type() == AnswerType.YES_NO && !articles.isEmpty()
                            && !articles.contains(c.passage().articleId())) {
                        gain += SPREAD_BONUS * total;
                    }
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
            candidateQuoted |= !best.candidates().isEmpty();
            seenText.add(best.text());
            articles.add(best.passage().articleId());
            covered.addAll(best.terms());
        }
        if (picked.isEmpty()) {
            return abstain(question, hits, evidence, q);
        }
        picked = withAntecedents(picked, es);

        Map<String, Citation> byArticle = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (NameAliases.Alias a : aliases) {
            if (a.misspelt()) {
                text.append("(Read “").append(a.word()).append("” as “").append(a.name()).append("”.) ");
            }
        }
        if (lead) {
            text.append(shortAnswer.text()).append(SHORT_ANSWER_SEPARATOR);
        } else if (hedged) {
            text.append(HEDGE).append(shortAnswer.text()).append(SHORT_ANSWER_SEPARATOR);
        }
        boolean firstSentence = true;
        for (EvidenceSentences.Sentence c : picked) {
            Passage p = c.passage();
            Citation citation = byArticle.computeIfAbsent(p.articleId(), id -> citation(byArticle.size() + 1, p));
            if (!firstSentence) {
                text.append(' ');
            }
            firstSentence = false;
            text.append(c.text()).append(" [").append(citation.n()).append(']');
        }
        return new Answer(question, text.toString(), false, new ArrayList<>(byArticle.values()), hits, name(),
                evidence, null, null, lead ? shortAnswer.text() : null, q.type().label());
    }

    /**
     * Sentence-level evidence: the best support of one sentence, or two adjacent ones, of the top passages (their
     * coverage of the question's idf-weighted terms, with the passage's title, outlet and date; a year or model
     * number the question names must stand in the window next to the words it goes with), or, discounted, of two
     * sentences from two different articles (a question comparing two reports). Zero when the top passages name
     * another year or generation where the question's should be and never the question's own (a near miss).
     */
    static double evidence(QuestionAnalysis q, EvidenceSentences es) {
        if (es.numberNearMiss() || !q.unknownNames().isEmpty()) {
            return 0;
        }
        double best = 0;
        for (EvidenceSentences.Sentence s : es.sentences) {
            best = Math.max(best, Math.max(es.support(s, false), es.support(s, true)));
        }
        // A question of many parts about one person or company: its articles, taken together, support the answer.
        return Math.max(Math.max(best, TWO_SOURCE_FACTOR * es.twoSourceSupport()), es.entitySupport());
    }

    /** First words of a sentence that lean on the one before it ("This psychedelic odyssey ... won Best Indie Game"). */
    private static final Set<String> REFERRING_OPENERS = Set.of("this", "these", "those", "it", "its", "it's",
            "he", "she", "they", "his", "her", "their", "him", "them");

    /**
     * The picked sentences, each that opens by referring back ("This psychedelic odyssey won ...", "He was ...")
     * preceded by the sentence of its passage it refers to, unless that one is quoted already: the reader needs what
     * "this" is, and it is often the answer ("Cocoon is the latest title from ..."). One sentence more than the
     * configured number may be quoted this way.
     */
    static List<EvidenceSentences.Sentence> withAntecedents(List<EvidenceSentences.Sentence> picked,
                                                            EvidenceSentences es) {
        List<EvidenceSentences.Sentence> out = new ArrayList<>();
        int added = 0;
        for (EvidenceSentences.Sentence c : picked) {
            EvidenceSentences.Sentence before = c.index() > 0 ? es.sentences.get(c.index() - 1) : null;
            if (added == 0 && before != null && before.passage() == c.passage() && before.quotable()
                    && !picked.contains(before) && !out.contains(before) && refersBack(c.text())) {
                out.add(before);
                added++;
            }
            out.add(c);
        }
        return out;
    }

    static boolean refersBack(String sentence) {
        int end = 0;
        while (end < sentence.length() && (Character.isLetter(sentence.charAt(end)) || sentence.charAt(end) == '\''
                || sentence.charAt(end) == '’')) {
            end++;
        }
        return REFERRING_OPENERS.contains(sentence.substring(0, end).replace('’', '\'').toLowerCase(java.util.Locale.ROOT));
    }

    private static Citation citation(int n, Passage p) {
        return new Citation(n, p.articleId(), p.title(), p.source(), p.url(), p.published(), p.id(), p.text());
    }

    /**
     * Words of the question that may be initials: written in capitals ("NTSB", "KKR") or in lower case ("fnaf"),
     * and among the rarest of the question's words in the archive (or absent from it).
     */
    static List<String> initialsWords(String question, QuestionAnalysis q) {
        double max = q.weights().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (NewsTokens.Word w : NewsTokens.words(question)) {
            String t = w.text();
            if (t.length() < 2 || t.length() > 8 || !t.chars().allMatch(Character::isLetter)) {
                continue;
            }
            boolean capitals = t.equals(t.toUpperCase(java.util.Locale.ROOT));
            boolean lower = t.equals(w.lower());
            Double idf = q.weights().get(w.lower());
            // rare in the archive (or absent): "AI" or "US" are written as such, "fnaf" and "NTSB" are spelt out
            boolean rare = idf == null ? q.unknownNames().contains(t) : idf >= INITIALS_IDF_SHARE * max;
            // Capitals are initials however common ("AI" for the "Artificial Intelligence" a sentence writes); a
            // lower-case word only when rare ("fnaf"), or every "the" and "and" would be tried.
            if ((capitals || (lower && rare)) && !QuestionAnalysis.STOP.contains(w.lower())) {
                out.add(t);
            }
        }
        return out;
    }

    /** A lower-case word is tried as initials when its idf is at least this share of the question's rarest. */
    static final double INITIALS_IDF_SHARE = 0.8;

    /** Two sentences from two articles support a question this much less than one window that holds it all. */
    static final double TWO_SOURCE_FACTOR = 0.8;

    private Answer abstain(String question, List<Hit> hits, double evidence, QuestionAnalysis q) {
        // Naming what the archive never mentions tells the asker why (and shows a misspelt name).
        String text = q.unknownNames().isEmpty() ? NOT_FOUND : "I could not find this in the archive: no indexed "
                + "article mentions " + q.unknownNames().stream().limit(3)
                        .map(n -> "“" + (n.length() > 40 ? n.substring(0, 39) + "…" : n) + "”")
                        .collect(java.util.stream.Collectors.joining(", ")) + ". Try rephrasing it, or ask about "
                + "another topic.";
        return new Answer(question, text, true, List.of(), hits, name(), evidence, null, null, null,
                q.type().label());
    }
}
