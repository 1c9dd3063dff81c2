package org.newsdesk.answer;

import org.newsdesk.index.Passage;
import org.newsdesk.index.SentenceSplitter;
import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.QueryDates;
import org.newsdesk.search.SearchRequest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Yes/no questions about the order of two reports ("Did The Verge report on X before TechCrunch reported on Y?",
 * "Before The New York Times reported X on November 17, 2023, did the Sporting News describe Y?"): answered from
 * the two articles' publication dates once each clause's article is identified. A clause's article is one of the
 * outlet the clause names, published on the day the clause gives (if it gives one), with one sentence, or two adjacent
 * ones, that with the headline hold most of the clause's claim. When either report is uncertain (no article holds its
 * claim, or two articles of that outlet hold it about as well and their dates answer differently), or the two are of
 * the same day, there is no answer here and the composer shows the two facts as before: never an unsupported yes or
 * no. Each clause is searched on its own, but only an article the whole question's search retrieved can be chosen
 * (that search is the one kept within a chat's archive).
 */
final class TemporalOrder {
    /** A clause's article must hold at least this idf-weighted share of the clause's claim in one window. */
    static final double MIN_CLAUSE_SUPPORT = 0.6;
    /** Another article of the outlet this close to the best one's support is as plausible a report of the clause. */
    static final double RIVAL_MARGIN = 0.1;
    /** A quoted claim sentence longer than this is cut at a word (list-like "sentences" of deal pages). */
    static final int MAX_EVIDENCE_CHARS = 300;
    /** Passages searched per clause. */
    static final int CLAUSE_HITS = 20;
    /** A date the clause gives matches an article published this many days either side (time zones). */
    static final int DATE_SLACK_DAYS = 1;
    /** Words of a question about whether two reports agree, which dates cannot answer. */
    private static final Set<String> CONTENT_WORDS = Set.of("consistent", "consistency", "change", "changed", "same",
            "differ", "different", "difference", "contradict", "contradicted", "agree", "agreement", "disagree",
            "disagreement", "similar", "discrepancy", "align", "aligned", "inconsistent", "between", "both",
            "maintain", "maintained", "remain", "remained",
            // a choice ("a win or a loss", "TechCrunch or The Verge?") is not answered yes or no
            "or", "whether",
            // a negated clause turns the order's answer around in ways dates cannot check ("fail to" is read below)
            "not", "never", "didn't", "wasn't", "without", "no");
    /**
     * Words that say a report was made, not what it said: no article writes "reported" beside its own claim, so they
     * are left out of the claim's terms.
     */
    private static final String REPORTING_WORDS = "report reported reports reporting mention mentioned mentions discuss "
            + "discussed discusses cover covered covers describe described describes highlight highlighted highlights "
            + "note noted notes suggest suggested suggests publish published article articles story coverage write "
            + "wrote written say said says state stated claim claimed indicate indicated";
    /** Words after "same" that name an outlet: "the same news source", "the same outlet". */
    private static final Set<String> SAME_OUTLET = Set.of("source", "news", "outlet", "publication", "newspaper",
            "site", "paper", "publisher");
    /** Words after a second order word that point back to the other report ("before that date", "after then"). */
    private static final Set<String> BACK_REFERENCES = Set.of("that", "this", "then", "it", "those");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** The two identified reports and the answer. */
    record Order(boolean yes, Report first, Report second) {
    }

    /**
     * The question read as two clauses: whether {@code first}'s report came {@code before} (or after) {@code second}'s;
     * {@code failed}: the question asks whether the first report failed to come so ("Did X fail to report ... before").
     */
    record Clauses(String first, String second, boolean before, boolean failed) {
    }

    /**
     * A clause's report: the passage holding its claim best, how well (idf-weighted share of the claim), and the
     * sentence or two that hold it (null when the headline alone does).
     */
    record Report(Passage passage, double support, String evidence) {
    }

    private TemporalOrder() {
    }

    /**
     * The answer to an order question, or null when the question is not one or either report is uncertain.
     * "X before Y" is yes when X's article was published before Y's; "X after Y" when after.
     */
    static Order answer(String question, HybridSearcher searcher, Set<String> retrievedArticles) {
        Clauses c = clauses(question);
        if (c == null) {
            return null;
        }
        // "... before the same news source reported ...": that clause's outlet is the other report's
        boolean sameFirst = namesSameOutlet(c.first());
        boolean sameSecond = namesSameOutlet(c.second());
        if (sameFirst && sameSecond) {
            return null;
        }
        List<Report> firsts = sameFirst ? null : reports(c.first(), null, searcher, retrievedArticles);
        if (firsts != null && firsts.isEmpty()) {
            return null; // the first report is uncertain: no need to search for the second
        }
        List<Report> seconds = sameSecond ? null : reports(c.second(), null, searcher, retrievedArticles);
        if (sameFirst) {
            firsts = reports(c.first(), outletOf(seconds), searcher, retrievedArticles);
        }
        if (sameSecond) {
            seconds = reports(c.second(), outletOf(firsts), searcher, retrievedArticles);
        }
        Boolean yes = null;
        Report bestFirst = null;
        Report bestSecond = null;
        // Every plausible pair must give the same answer; the best-supported pair is cited.
        for (Report f : firsts) {
            for (Report s : seconds) {
                if (f.passage().articleId().equals(s.passage().articleId())) {
                    continue;
                }
                LocalDate a = f.passage().published();
                LocalDate b = s.passage().published();
                if (a == null || b == null || a.equals(b)) {
                    return null;
                }
                boolean y = (c.before() == a.isBefore(b)) != c.failed();
                if (yes != null && yes != y) {
                    return null;
                }
                yes = y;
                if (bestFirst == null || f.support() + s.support() > bestFirst.support() + bestSecond.support()) {
                    bestFirst = f;
                    bestSecond = s;
                }
            }
        }
        if (yes == null) {
            return null;
        }
        return new Order(yes, bestFirst, bestSecond);
    }

    /**
     * The two clauses of an order question, or null when it is none: "AUX X before|after Y?" (the first order word
     * splits) and "Before|After Y, AUX X?" (X's report is asked about; "... X before that date?" sets the order).
     */
    static Clauses clauses(String question) {
        List<NewsTokens.Word> ws = NewsTokens.words(question);
        if (ws.size() < 5) {
            return null;
        }
        for (int i = 0; i < ws.size(); i++) {
            String l = ws.get(i).lower();
            boolean sameOutlet = l.equals("same") && i + 1 < ws.size() && SAME_OUTLET.contains(ws.get(i + 1).lower());
            if (CONTENT_WORDS.contains(l) && !sameOutlet) {
                return null;
            }
        }
        String lead = ws.get(0).lower();
        if (lead.equals("before") || lead.equals("after")) {
            int aux = -1;
            for (int i = 2; i < ws.size() - 2 && aux < 0; i++) {
                if (ws.get(i).afterComma() && QuestionTypes.AUX.contains(ws.get(i).lower())) {
                    aux = i;
                }
            }
            if (aux < 0) {
                return null;
            }
            boolean before = lead.equals("before");
            int end = ws.size();
            for (int i = aux + 1; i < ws.size(); i++) {
                String l = ws.get(i).lower();
                if (l.equals("before") || l.equals("after")) {
                    if (i + 1 >= ws.size() || !BACK_REFERENCES.contains(ws.get(i + 1).lower()) || end < ws.size()) {
                        return null; // a further order of its own: not one question of two reports
                    }
                    before = l.equals("before");
                    end = i;
                }
            }
            int leadEnd = wordStart(question, ws, aux);
            int mainEnd = end < ws.size() ? wordStart(question, ws, end) : question.length();
            int otherStart = wordStart(question, ws, 0);
            if (leadEnd < 0 || mainEnd < leadEnd || otherStart < 0) {
                return null;
            }
            String main = question.substring(leadEnd, mainEnd);
            String other = question.substring(otherStart + ws.get(0).text().length(), leadEnd);
            return failedClause(main, other, before);
        }
        if (!QuestionTypes.AUX.contains(lead)) {
            return null;
        }
        for (int i = 2; i < ws.size() - 2; i++) {
            String l = ws.get(i).lower();
            if (l.equals("before") || l.equals("after")) {
                int split = wordStart(question, ws, i);
                if (split < 0) {
                    return null;
                }
                return failedClause(question.substring(0, split), question.substring(split + ws.get(i).text().length()),
                        l.equals("before"));
            }
        }
        return null;
    }

    /** Whether a clause names its outlet as the other report's ("the same news source", "the same outlet"). */
    static boolean namesSameOutlet(String clause) {
        List<NewsTokens.Word> ws = NewsTokens.words(clause);
        for (int i = 0; i + 1 < ws.size(); i++) {
            if (ws.get(i).lower().equals("same") && SAME_OUTLET.contains(ws.get(i + 1).lower())) {
                return true;
            }
        }
        return false;
    }

    /** The one outlet of a clause's plausible reports; null when there are none (then no report is chosen). */
    private static String outletOf(List<Report> reports) {
        if (reports == null || reports.isEmpty() || reports.get(0).passage().source() == null) {
            return null;
        }
        return reports.get(0).passage().source();
    }

    /** The clauses, with a "fail(ed) to" of the first one read as asking the opposite; null for any other "fail". */
    private static Clauses failedClause(String first, String second, boolean before) {
        boolean failed = false;
        String kept = first;
        List<NewsTokens.Word> ws = NewsTokens.words(first);
        for (int i = 0; i < ws.size(); i++) {
            String l = ws.get(i).lower();
            if (l.equals("fail") || l.equals("failed") || l.equals("fails")) {
                if (failed || i + 1 >= ws.size() || !ws.get(i + 1).lower().equals("to")) {
                    return null;
                }
                failed = true;
                int at = wordStart(first, ws, i);
                int to = wordStart(first, ws, i + 1);
                if (at < 0 || to < at) {
                    return null;
                }
                kept = first.substring(0, at) + first.substring(to + 2);
            }
        }
        for (NewsTokens.Word w : NewsTokens.words(second)) {
            if (w.lower().startsWith("fail")) {
                return null;
            }
        }
        return new Clauses(kept, second, before, failed);
    }

    /** Where the {@code i}-th word starts in the text it was read from. */
    private static int wordStart(String text, List<NewsTokens.Word> ws, int i) {
        int from = 0;
        for (int j = 0; j <= i; j++) {
            int at = indexOfWord(text, ws.get(j).text(), from);
            if (at < 0) {
                return -1;
            }
            if (j == i) {
                return at;
            }
            from = at + ws.get(j).text().length();
        }
        return -1;
    }

    /**
     * The reply's text: yes or no, then each report with its outlet, headline, date and the sentence that holds the
     * clause's claim, cited as [1] and [2], so that the reader sees both facts the answer rests on.
     */
    static String text(Order o) {
        return (o.yes() ? "Yes" : "No") + ". " + fact(o.first(), 1) + " " + fact(o.second(), 2);
    }

    private static String fact(Report r, int n) {
        Passage p = r.passage();
        String head = outlet(p.source()) + " published “" + p.title() + "” on " + p.published().format(DATE);
        return r.evidence() == null ? head + " [" + n + "]." : head + ": “" + r.evidence() + "” [" + n + "]";
    }

    private static String outlet(String source) {
        return source == null || source.isBlank() ? "An outlet" : source;
    }

    /**
     * The plausible reports of a clause, best first: per article of an outlet the clause names (published on the day
     * the clause gives, if it gives one), its best support among the clause's own search hits; those of at least
     * {@link #MIN_CLAUSE_SUPPORT} and within {@link #RIVAL_MARGIN} of the best. Empty when none.
     */
    static List<Report> reports(String clause, String outlet, HybridSearcher searcher, Set<String> retrievedArticles) {
        String lower = " " + clause.toLowerCase(Locale.ROOT) + " ";
        List<LocalDate> days = new ArrayList<>();
        StringBuilder withoutDates = new StringBuilder();
        int from = 0;
        for (QueryDates.Found f : QueryDates.spans(clause)) {
            if (f.date() != null && f.start() >= from) {
                days.add(f.date());
                withoutDates.append(clause, from, f.start()).append(' ');
                from = f.end();
            }
        }
        String claim = withoutDates.append(clause.substring(from)).toString();
        List<Hit> hits = searcher.search(SearchRequest.of(claim, CLAUSE_HITS,
                SearchRequest.Mode.parse(searcher.settings().mode())));
        Set<String> terms = new HashSet<>(searcher.questionTerms(claim));
        terms.removeAll(searcher.analyze(REPORTING_WORDS));
        if (outlet != null) {
            terms.removeAll(searcher.analyze("same " + String.join(" ", SAME_OUTLET)));
        }
        Map<String, Double> idf = searcher.idf(terms);
        double total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return List.of();
        }
        Map<String, Report> byArticle = new LinkedHashMap<>();
        for (Hit h : hits) {
            Passage p = h.passage();
            // only an article the question's own search found: that search kept to the chat's archive
            boolean ofOutlet = outlet == null ? namesOutlet(lower, p.source()) : outlet.equals(p.source());
            if (!ofOutlet || !retrievedArticles.contains(p.articleId())
                    || (!days.isEmpty() && !onOneOf(p.published(), days))) {
                continue;
            }
            if (p.source() != null && searcher.analyze(p.source()).containsAll(terms)) {
                continue; // "the report by The Verge": an outlet, no claim to identify its report by
            }
            Report r = support(p, searcher.sentenceTerms(h).sentences(), searcher, idf, total);
            Report known = byArticle.get(p.articleId());
            if (known == null || r.support() > known.support()) {
                byArticle.put(p.articleId(), r);
            }
        }
        // "The Independent - Sports" names that desk, not "The Independent - Life and Style": when the clause writes an
        // outlet's full name, only that outlet's articles are its report.
        if (byArticle.values().stream().anyMatch(r -> namesFully(lower, r.passage().source()))) {
            byArticle.values().removeIf(r -> !namesFully(lower, r.passage().source()));
        }
        double best = byArticle.values().stream().mapToDouble(Report::support).max().orElse(0);
        if (best < MIN_CLAUSE_SUPPORT) {
            return List.of();
        }
        List<Report> plausible = new ArrayList<>();
        for (Report r : byArticle.values()) {
            if (r.support() >= best - RIVAL_MARGIN) {
                plausible.add(r);
            }
        }
        plausible.sort((a, b) -> Double.compare(b.support(), a.support()));
        return plausible;
    }

    /**
     * The share of the claim's idf weight held by the passage's headline and outlet together with its best window of
     * one sentence or two adjacent ones (a claim is one statement, not words strewn over an article), and that window.
     */
    private static Report support(Passage p, List<Set<String>> sentences, HybridSearcher searcher,
                                  Map<String, Double> idf, double total) {
        Set<String> always = new HashSet<>(searcher.analyze(p.title()));
        if (p.source() != null) {
            always.addAll(searcher.analyze(p.source()));
        }
        double best = held(always, Set.of(), idf);
        int from = -1;
        int to = -1;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> window = new HashSet<>(sentences.get(i));
            double one = held(always, window, idf);
            if (one > best) {
                best = one;
                from = i;
                to = i;
            }
            if (i + 1 < sentences.size()) {
                window.addAll(sentences.get(i + 1));
                double two = held(always, window, idf);
                if (two > best) {
                    best = two;
                    from = i;
                    to = i + 1;
                }
            }
        }
        String evidence = null;
        List<SentenceSplitter.Span> spans = SentenceSplitter.split(p.text());
        if (from >= 0 && spans.size() == sentences.size()) {
            evidence = p.text().substring(spans.get(from).start(), spans.get(to).end()).strip()
                    .replaceAll("\\s+", " ");
            if (evidence.length() > MAX_EVIDENCE_CHARS) {
                int cut = evidence.lastIndexOf(' ', MAX_EVIDENCE_CHARS);
                evidence = evidence.substring(0, cut > 0 ? cut : MAX_EVIDENCE_CHARS) + " …";
            }
        }
        return new Report(p, best / total, evidence);
    }

    private static double held(Set<String> a, Set<String> b, Map<String, Double> idf) {
        double sum = 0;
        for (Map.Entry<String, Double> e : idf.entrySet()) {
            if (a.contains(e.getKey()) || b.contains(e.getKey())) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    private static boolean onOneOf(LocalDate published, List<LocalDate> days) {
        if (published == null) {
            return false;
        }
        for (LocalDate d : days) {
            if (Math.abs(ChronoUnit.DAYS.between(d, published)) <= DATE_SLACK_DAYS) {
                return true;
            }
        }
        return false;
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

    /** Whether the clause writes the outlet's whole name ("The Independent - Sports", "the" optional). */
    static boolean namesFully(String lowerClause, String source) {
        if (source == null) {
            return false;
        }
        String name = source.toLowerCase(Locale.ROOT).strip();
        if (name.startsWith("the ")) {
            name = name.substring(4);
        }
        return !name.isEmpty() && indexOfWord(lowerClause, name, 0) >= 0;
    }

    private static int indexOfWord(String text, String word, int from) {
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
