package org.newsdesk.answer;

import org.newsdesk.index.Passage;
import org.newsdesk.index.SentenceSplitter;
import org.newsdesk.search.Hit;
import org.newsdesk.search.TermStatistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sentences of the top passages, each with its analysed terms, the terms of its passage's header (title,
 * outlet, year: a question's "reported by TechCrunch" is answered by the passage's outlet, not by its sentence) and
 * its answer candidates of the question's type. Scores how well one sentence, or two adjacent ones, support the
 * question: the sentence-level evidence the composer abstains on.
 */
final class EvidenceSentences {
    private static final int MIN_WORDS = 5;
    private static final int MAX_WORDS = 90;
    private static final java.time.format.DateTimeFormatter PUBLISHED =
            java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH);
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /**
     * One sentence.
     *
     * @param index      its position among all sentences (adjacent sentences of one passage have adjacent indexes)
     * @param quotable   of a length worth quoting
     * @param candidates its answer candidates that fit the question's type and that the question does not name
     * @param candidateKeys their non-empty keys, computed once (entity support compares them many times)
     */
    record Sentence(int index, String text, Passage passage, int rank, Set<String> terms, Set<String> header,
                    boolean quotable, List<AnswerCandidates.Candidate> candidates, Set<String> numbers,
                    Set<String> conflicts, Set<String> titleNumbers, Set<String> candidateKeys) {
    }

    /** Numbers of the question's dates that a top passage was published on: accounted for in every window. */
    private final Set<String> datedNumbers = new HashSet<>();

    final List<Sentence> sentences = new ArrayList<>();

    private final QuestionAnalysis q;
    /** Every candidate of a retrieved passage's whole text, by passage id: the short answer reads them twice. */
    private final Map<String, List<AnswerCandidates.Candidate>> passageCandidates = new HashMap<>();

    EvidenceSentences(QuestionAnalysis q, List<Hit> top, TermStatistics searcher) {
        this(q, top, searcher, Map.of());
    }

    /**
     * @param aliases for a question term the archive writes otherwise (initials, a misspelling), the terms of the
     *                name it stands for: a sentence holding all of those holds the question's term
     */
    EvidenceSentences(QuestionAnalysis q, List<Hit> top, TermStatistics searcher, Map<String, Set<String>> aliases) {
        this.q = q;
        for (int rank = 0; rank < top.size(); rank++) {
            Hit hit = top.get(rank);
            Passage p = hit.passage();
            Set<String> header = new HashSet<>(searcher.analyze(p.title()));
            if (p.source() != null) {
                header.addAll(searcher.analyze(p.source()));
            }
            // The title anchors a number as a sentence does; the publication year anchors its year.
            Set<String> titleNumbers = new HashSet<>(q.anchoredNumbers(p.title()));
            if (p.published() != null) {
                titleNumbers.add(Integer.toString(p.published().getYear()));
            }
            if (p.published() != null) {
                // "published in October 2023" is answered by the passage's date; its day only through a date the
                // question names (NamedDate), or "iPhone 16" would be anchored by a passage of November 16.
                header.addAll(searcher.analyze(p.published().format(PUBLISHED)));
            }
            for (QuestionAnalysis.NamedDate d : q.dates()) {
                if (d.matches(p.published())) {
                    datedNumbers.addAll(d.numbers());
                }
            }
            header = withAliases(header, aliases);
            List<SentenceSplitter.Span> spans = SentenceSplitter.split(p.text());
            List<Set<String>> stored = searcher.sentenceTerms(hit).sentences();
            for (int s = 0; s < spans.size(); s++) {
                SentenceSplitter.Span span = spans.get(s);
                String raw = p.text().substring(span.start(), span.end());
                // The stored terms follow this same splitter's sentences; a different count means an index written
                // by another version of it, so analyse afresh.
                Set<String> terms = withAliases(stored.size() == spans.size() ? stored.get(s) : searcher.analyze(raw),
                        aliases);
                String text = SPACES.matcher(raw).replaceAll(" ").trim();
                int words = text.split(" ").length;
                List<AnswerCandidates.Candidate> candidates = new ArrayList<>();
                if (q.type().hasShortAnswer()) {
                    for (AnswerCandidates.Candidate c : AnswerCandidates.extract(text)) {
                        if (c.fits(q)) {
                            AnswerCandidates.Candidate trimmed = q.withoutQuestionWords(c);
                            int of = trimmed.text().indexOf(" of ");
                            if (q.type() == AnswerType.PERSON && of > 0) { // "Sam Altman of OpenAI"
                                trimmed = new AnswerCandidates.Candidate(trimmed.text().substring(0, of),
                                        trimmed.kind(), trimmed.start(), trimmed.start() + of);
                            }
                            if (!q.names(trimmed)) {
                                candidates.add(trimmed);
                            }
                        }
                    }
                }
                Set<String> keys = new HashSet<>();
                for (AnswerCandidates.Candidate c : candidates) {
                    String k = c.key();
                    if (!k.isEmpty()) {
                        keys.add(k);
                    }
                }
                sentences.add(new Sentence(sentences.size(), text, p, rank, terms, header,
                        words >= MIN_WORDS && words <= MAX_WORDS, candidates, q.anchoredNumbers(text),
                        q.conflictingNumbers(text), titleNumbers, keys));
            }
        }
    }

    private static Set<String> withAliases(Set<String> terms, Map<String, Set<String>> aliases) {
        Set<String> out = null;
        for (Map.Entry<String, Set<String>> a : aliases.entrySet()) {
            if (!a.getValue().isEmpty() && terms.containsAll(a.getValue()) && !terms.contains(a.getKey())) {
                if (out == null) {
                    out = new HashSet<>(terms);
                }
                out.add(a.getKey());
            }
        }
        return out == null ? terms : out;
    }

    /** The sentence after {@code s} in the same passage, or null. */
    Sentence next(Sentence s) {
        if (s.index() + 1 >= sentences.size()) {
            return null;
        }
        Sentence n = sentences.get(s.index() + 1);
        return n.passage() == s.passage() ? n : null;
    }

    /** Terms of the sentence alone (with its header), or of it and the next one. */
    Set<String> windowTerms(Sentence s, boolean pair) {
        Set<String> terms = new HashSet<>(s.terms());
        terms.addAll(s.header());
        Sentence n = pair ? next(s) : null;
        if (n != null) {
            terms.addAll(n.terms());
        }
        return terms;
    }

    /**
     * Whether the window accounts for this number of the question (a year, a model number): written next to the
     * words the question puts it with ("2024" near "World Series", not anywhere), in its own passage's title or
     * date, or in a date the question names that a top passage was published on (two reports' dates).
     */
    boolean anchors(Sentence s, Sentence next, String number) {
        return datedNumbers.contains(number) || s.titleNumbers().contains(number) || s.numbers().contains(number)
                || (next != null && next.numbers().contains(number));
    }

    /**
     * How well a window starting at this sentence supports the question: the idf-weighted share of the question's
     * terms it holds (with its passage's header), where a number the question names weighs {@code numberWeight}
     * times its idf and only counts when the window anchors it.
     */
    double support(Sentence s, boolean pair, double numberWeight) {
        if (q.total() <= 0) {
            return 0;
        }
        Sentence n = pair ? next(s) : null;
        for (String number : q.numbers()) {
            // Without the question's year or generation (or with another one where it should be), this window is
            // about something else.
            if (!anchors(s, n, number) && (q.decisive().contains(number) || s.conflicts().contains(number)
                    || (n != null && n.conflicts().contains(number)))) {
                return 0;
            }
        }
        Set<String> terms = windowTerms(s, pair);
        double sum = 0;
        double total = 0;
        for (Map.Entry<String, Double> w : q.weights().entrySet()) {
            if (q.numbers().contains(w.getKey())) {
                total += numberWeight * w.getValue();
                if (anchors(s, n, w.getKey())) {
                    sum += numberWeight * w.getValue();
                }
            } else {
                total += w.getValue();
                if (terms.contains(w.getKey())) {
                    sum += w.getValue();
                }
            }
        }
        return total <= 0 ? 0 : sum / total;
    }

    double support(Sentence s, boolean pair) {
        return support(s, pair, NUMBER_WEIGHT);
    }

    /**
     * For a question of two parts (a comparison, two reports): the best support of two sentences from two different
     * articles together, each sentence with its passage's header. Numbers weigh as in {@link #support}; a decisive
     * one must be anchored by one of the two.
     */
    double twoSourceSupport() {
        if (q.total() <= 0) {
            return 0;
        }
        List<Set<String>> terms = new ArrayList<>();
        for (Sentence s : sentences) {
            terms.add(windowTerms(s, false));
        }
        double best = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Sentence a = sentences.get(i);
            for (int j = i + 1; j < sentences.size(); j++) {
                Sentence b = sentences.get(j);
                if (a.passage().articleId().equals(b.passage().articleId())) {
                    continue;
                }
                Set<String> ti = terms.get(i);
                Set<String> tj = terms.get(j);
                double c = coverage(t -> ti.contains(t) || tj.contains(t),
                        n -> anchors(a, null, n) || anchors(b, null, n));
                if (!Double.isNaN(c)) {
                    best = Math.max(best, c);
                }
            }
        }
        return best;
    }

    /**
     * Entity-centred support: for one answer candidate of the expected type, the windows (the sentence before, the
     * sentence and the one after, with their passage's header) that mention it in the top passages, taken together.
     * A question of many parts about one person or company ("who, as reported by X ..., and according to Y ...") is
     * answered part by part by different articles about the same answer; no single window holds it all. Only
     * candidates mentioned by at least two articles count; a decisive number must be anchored in one of the windows.
     * Returns the best such support (0..1).
     */
    double entitySupport() {
        Entity e = entity();
        return e == null ? 0 : e.support();
    }

    /** The candidate the top articles keep naming, with its entity-centred support; see {@link #entitySupport}. */
    record Entity(String key, double support, Sentence best) {
    }

    /** The best-supported candidate of {@link #entitySupport}, or null when none qualifies; worked out once. */
    Entity entity() {
        if (!entityDone) {
            entity = bestEntity();
            entityDone = true;
        }
        return entity;
    }

    private Entity entity;
    private boolean entityDone;

    private Entity bestEntity() {
        if (q.total() <= 0 || !q.type().hasShortAnswer()) {
            return null;
        }
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (Sentence s : sentences) {
            for (AnswerCandidates.Candidate c : s.candidates()) {
                if (!c.key().isEmpty()) {
                    keys.putIfAbsent(c.key(), c.text());
                }
            }
        }
        Entity best = null;
        for (String key : keys.keySet()) {
            if (q.type() == AnswerType.PERSON && !ShortAnswer.personLike(keys.get(key))) {
                continue;
            }
            Set<String> terms = new HashSet<>();
            Set<String> articles = new HashSet<>();
            List<Sentence> windows = new ArrayList<>();
            for (Sentence s : sentences) {
                if (!mentions(s, key)) {
                    continue;
                }
                articles.add(s.passage().articleId());
                windows.add(s);
                Set<String> w = windowTerms(s, true);
                if (s.index() > 0 && sentences.get(s.index() - 1).passage() == s.passage()) {
                    w.addAll(sentences.get(s.index() - 1).terms());
                }
                terms.addAll(w);
            }
            if (articles.size() < ENTITY_ARTICLES || windows.size() < ENTITY_MENTIONS) {
                continue;
            }
            double share = coverage(terms::contains, n -> windows.stream().anyMatch(s -> anchors(s, next(s), n)));
            if (!Double.isNaN(share) && (best == null || share > best.support())) {
                // The window that names this very form (not a shorter one) and supports the question most.
                Sentence quoted = null;
                double quotedSupport = -1;
                for (Sentence s : windows) {
                    boolean exact = s.quotable() && s.candidateKeys().contains(key);
                    double sup = support(s, true);
                    if (exact && sup > quotedSupport) {
                        quoted = s;
                        quotedSupport = sup;
                    }
                }
                best = new Entity(key, share, quoted);
            }
        }
        return best;
    }

    /**
     * The idf-weighted share of the question's terms that {@code holds} accepts, a number counting (at
     * {@link #NUMBER_WEIGHT}) where {@code anchored} places it; NaN when a decisive number is anchored nowhere or the
     * question has no weight.
     */
    private double coverage(java.util.function.Predicate<String> holds, java.util.function.Predicate<String> anchored) {
        double sum = 0;
        double total = 0;
        for (Map.Entry<String, Double> w : q.weights().entrySet()) {
            if (q.numbers().contains(w.getKey())) {
                total += NUMBER_WEIGHT * w.getValue();
                if (anchored.test(w.getKey())) {
                    sum += NUMBER_WEIGHT * w.getValue();
                } else if (q.decisive().contains(w.getKey())) {
                    return Double.NaN;
                }
            } else {
                total += w.getValue();
                if (holds.test(w.getKey())) {
                    sum += w.getValue();
                }
            }
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    /** All answer candidates of a passage's whole text (not only the top passages'), extracted once. */
    List<AnswerCandidates.Candidate> candidatesOf(Passage p) {
        return passageCandidates.computeIfAbsent(p.id(), id -> AnswerCandidates.extract(p.text()));
    }

    /** Articles that must mention a candidate for its entity-centred support to count. */
    static final int ENTITY_ARTICLES = 2;
    /** Sentences that must mention it: the answer to a question of many parts is what its articles keep naming. */
    static final int ENTITY_MENTIONS = 5;

    /** Whether a sentence names this candidate, or a shorter form of it ("Bankman-Fried" for "sam bankman-fried"). */
    private static boolean mentions(Sentence s, String key) {
        if (s.candidateKeys().contains(key)) {
            return true;
        }
        for (String k : s.candidateKeys()) {
            int rest = key.length() - k.length();
            if (rest > 0 && ((key.endsWith(k) && key.charAt(rest - 1) == ' ')
                    || (key.startsWith(k) && key.charAt(k.length()) == ' '))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A near miss on a number: the top passages write another year or generation next to the question's words
     * ("2023 World Series" for "2024 World Series") and never the question's own number.
     */
    boolean numberNearMiss() {
        if (afterTheArticles()) {
            return true;
        }
        for (String number : q.decisive()) {
            if (datedNumbers.contains(number)) {
                continue;
            }
            boolean anchored = false;
            boolean conflicted = false;
            for (Sentence s : sentences) {
                anchored |= s.numbers().contains(number) || s.titleNumbers().contains(number);
                conflicted |= s.conflicts().contains(number);
            }
            if (conflicted && !anchored) {
                return true;
            }
        }
        return false;
    }

    /**
     * A question in the past tense about a year after every top passage was published ("Who won the 2024 election?"
     * over articles of 2023): the passages were written before it happened, so they cannot tell its outcome.
     */
    boolean afterTheArticles() {
        if (!q.pastTense()) {
            return false;
        }
        int latest = Integer.MIN_VALUE;
        for (Sentence s : sentences) {
            if (s.passage().published() == null) {
                return false;
            }
            latest = Math.max(latest, s.passage().published().getYear());
        }
        for (String number : q.decisive()) {
            if (number.length() == 4 && Integer.parseInt(number) > latest && latest > Integer.MIN_VALUE
                    && Integer.parseInt(number) <= 2100) {
                return true;
            }
        }
        return false;
    }

    /** How much more than its idf a number of the question weighs in a window's support. */
    static final double NUMBER_WEIGHT = 3;
}
