package org.newsdesk.answer;

import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Yes/no questions about the order of two reports ("Did The Verge report on X before TechCrunch reported on Y?"):
 * answered from the two articles' publication dates once each clause's article is identified, an article of the
 * outlet the clause names that holds most of the clause's words. When either is uncertain, or the dates are the
 * same day, there is no answer here and the composer shows the two facts as before: never an unsupported yes or no.
 * Each clause is searched on its own, but only an article the whole question's search retrieved can be chosen (that
 * search is the one kept within a chat's archive).
 */
final class TemporalOrder {
    /** A clause's article must hold at least this idf-weighted share of the clause's terms. */
    static final double MIN_CLAUSE_COVERAGE = 0.6;
    /** Passages searched per clause. */
    static final int CLAUSE_HITS = 10;
    /** Words of a question about whether two reports agree, which dates cannot answer. */
    private static final Set<String> CONTENT_WORDS = Set.of("consistent", "consistency", "change", "changed", "same",
            "differ", "different", "difference", "contradict", "contradicted", "agree", "agreement", "disagree",
            "disagreement", "similar", "discrepancy", "align", "aligned", "inconsistent", "between", "both",
            // a negated clause ("fail to report") turns the order's answer around in ways dates cannot check
            "fail", "failed", "not", "never", "didn't", "wasn't", "without", "no");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** The two identified reports and the answer. */
    record Order(boolean yes, Passage first, Passage second, String firstOutlet, String secondOutlet) {
    }

    private TemporalOrder() {
    }

    /**
     * The answer to an order question, or null when the question is not one or either report is uncertain.
     * "X before Y" is yes when X's article was published before Y's; "X after Y" when after.
     */
    static Order answer(String question, HybridSearcher searcher, Set<String> retrievedArticles) {
        List<QuestionAnalysis.Word> ws = QuestionAnalysis.words(question);
        int at = -1;
        boolean before = false;
        for (int i = 0; i < ws.size(); i++) {
            String l = ws.get(i).lower();
            if (CONTENT_WORDS.contains(l)) {
                return null;
            }
            if ((l.equals("before") || l.equals("after")) && at < 0) {
                at = i;
                before = l.equals("before");
            }
        }
        if (at <= 1 || at >= ws.size() - 2 || !QuestionTypes.AUX.contains(ws.get(0).lower())) {
            return null; // "Did ... before ...?" only: "Before X reported ..., did Y ...?" puts the clauses otherwise
        }
        String text = question;
        int split = indexOfWord(text, ws.get(at).text());
        if (split < 0) {
            return null;
        }
        Passage first = report(text.substring(0, split), searcher, retrievedArticles);
        Passage second = report(text.substring(split + ws.get(at).text().length()), searcher, retrievedArticles);
        if (first == null || second == null || first.articleId().equals(second.articleId())
                || first.published() == null || second.published() == null
                || first.published().equals(second.published())) {
            return null;
        }
        boolean firstEarlier = first.published().isBefore(second.published());
        return new Order(before == firstEarlier, first, second, first.source(), second.source());
    }

    /** The reply's text: yes or no, then each report with its outlet and date, cited as [1] and [2]. */
    static String text(Order o) {
        return (o.yes() ? "Yes" : "No") + ". " + outlet(o.firstOutlet()) + " published “" + o.first().title() + "” on "
                + o.first().published().format(DATE) + " [1]; " + outlet(o.secondOutlet()) + " published “"
                + o.second().title() + "” on " + o.second().published().format(DATE) + " [2].";
    }

    private static String outlet(String source) {
        return source == null || source.isBlank() ? "An outlet" : source;
    }

    /**
     * The article a clause describes: the best-ranked passage, among the clause's own search, of an outlet the
     * clause names, holding at least {@link #MIN_CLAUSE_COVERAGE} of the clause's weighted terms; null when none.
     */
    private static Passage report(String clause, HybridSearcher searcher, Set<String> retrievedArticles) {
        String lower = " " + clause.toLowerCase(Locale.ROOT) + " ";
        List<Hit> hits = searcher.search(SearchRequest.of(clause, CLAUSE_HITS,
                SearchRequest.Mode.parse(searcher.settings().mode())));
        Set<String> terms = searcher.questionTerms(clause);
        Map<String, Double> idf = searcher.idf(terms);
        double total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return null;
        }
        for (Hit h : hits) {
            Passage p = h.passage();
            // only an article the question's own search found: that search kept to the chat's archive
            if (!namesOutlet(lower, p.source()) || !retrievedArticles.contains(p.articleId())) {
                continue;
            }
            Set<String> held = new HashSet<>(searcher.analyze(p.title()));
            searcher.sentenceTerms(h).sentences().forEach(held::addAll);
            held.addAll(searcher.analyze(p.source()));
            double covered = 0;
            for (Map.Entry<String, Double> e : idf.entrySet()) {
                if (held.contains(e.getKey())) {
                    covered += e.getValue();
                }
            }
            return covered / total >= MIN_CLAUSE_COVERAGE ? p : null;
        }
        return null;
    }

    /** Whether the clause names the outlet ("The Roar | Sports Writers Blog" by "The Roar"; "the" optional). */
    static boolean namesOutlet(String lowerClause, String source) {
        if (source == null || source.isBlank()) {
            return false;
        }
        String name = source.toLowerCase(Locale.ROOT);
        int bar = name.indexOf('|');
        if (bar > 0) {
            name = name.substring(0, bar);
        }
        int dash = name.indexOf(" - ");
        if (dash > 0) {
            name = name.substring(0, dash);
        }
        name = name.strip();
        if (name.startsWith("the ")) {
            name = name.substring(4);
        }
        return !name.isEmpty() && (lowerClause.contains(" " + name + " ") || lowerClause.contains(" " + name + "'")
                || lowerClause.contains(" " + name + "’") || lowerClause.contains("'" + name)
                || lowerClause.contains(" " + name + ",") || lowerClause.contains(" " + name + "?"));
    }

    private static int indexOfWord(String text, String word) {
        int from = 0;
        while (true) {
            int i = text.indexOf(word, from);
            if (i < 0) {
                return -1;
            }
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + word.length();
            boolean endOk = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return i;
            }
            from = i + 1;
        }
    }
}
