package org.newsdesk.eval;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.answer.SupportCheck;
import org.newsdesk.search.Hit;
import org.newsdesk.store.QueryLog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics of {@code ../shared/bench/README.md}: retrieval at article and passage level, answer-contains
 * accuracy per question type, citation precision, abstention. Feed it one (question, answer) pair at a time.
 */
public final class Evaluator {
    private int answerable;
    private int unanswerable;
    private final double[] articleHits = new double[3]; // @1, @4, @10
    private double articleRecall10;
    private double articleMrr10;
    private final double[] passageHits = new double[3];
    private double passageMrr10;
    private int passageScored;
    private final Map<String, int[]> accuracy = new TreeMap<>(); // type -> {correct, total}
    private int cited;
    private int citedCorrect;
    private int abstainedNull;
    private int falseAbstentions;
    private final List<Long> latencies = new ArrayList<>();
    /** The composer's evidence score per question, for calibrating the abstention threshold. */
    private final List<Evidence> evidenceAnswerable = new ArrayList<>();
    private final List<Evidence> evidenceUnanswerable = new ArrayList<>();

    /** One question's evidence score, and whether it is a yes/no question (which has its own threshold). */
    private record Evidence(double score, boolean yesNo) {
    }
    /** Per expected answer type (the composer's reading of the question): see {@link TypeRow}. */
    private final Map<String, int[]> byAnswerType = new TreeMap<>();
    /** Per question type: {short answer equals gold, short answer given, questions}. */
    private final Map<String, int[]> shortAnswers = new TreeMap<>();
    /** Factoid questions per gold answer type: {questions, reply right (gold answer and a gold source cited),
     * short answer shown, short answer shown and wrong}. */
    private final Map<String, int[]> factoid = new TreeMap<>();
    private int boldOnUnanswerable;
    /** Per question type, replies that say yes or no: {questions, yes/no said, right, both facts cited with dates}. */
    private final Map<String, int[]> yesNo = new TreeMap<>();
    private int sentencesChecked;
    private int sentencesSupported;

    private static final int[] KS = {1, 4, 10};

    /** Scores one answered question. */
    public void add(QaItem q, Answer a) {
        latencies.add(a.timings().totalMs());
        (q.answerable() ? evidenceAnswerable : evidenceUnanswerable)
                .add(new Evidence(a.evidence(), org.newsdesk.answer.AnswerType.YES_NO.label().equals(a.answerType())));
        if (!a.abstained()) {
            for (SupportCheck.Sentence s : SupportCheck.sentences(a.text(), n -> a.citations().stream()
                    .filter(c -> c.n() == n).map(Citation::passage).findFirst().orElse(null))) {
                sentencesChecked++;
                if (s.supported()) {
                    sentencesSupported++;
                }
            }
        }
        // {answerable, contains gold, short answer given, short answer = gold, unanswerable, abstained on those}
        int[] row = byAnswerType.computeIfAbsent(a.answerType() == null ? "none" : a.answerType(), t -> new int[6]);
        if (!q.answerable()) {
            unanswerable++;
            row[4]++;
            if (!a.abstained() && a.shortAnswer() != null) {
                boldOnUnanswerable++; // a bold answer to a question the archive does not answer is a wrong one
            }
            if (a.abstained()) {
                abstainedNull++;
                row[5]++;
            }
            return;
        }
        row[0]++;
        countYesNo(q, a);
        boolean contains = !a.abstained() && q.answers().stream().anyMatch(g -> answerContains(a.text(), g));
        boolean shortGiven = !a.abstained() && a.shortAnswer() != null;
        boolean shortRight = shortGiven && q.answers().stream().anyMatch(g -> shortAnswerMatches(a.shortAnswer(), g));
        if (q.factoid()) {
            boolean citesGold = a.citedArticleIds().stream().anyMatch(q.goldArticles()::contains);
            boolean shortAccepted = shortGiven && q.answers().stream().anyMatch(g -> shortAnswerAccepted(a.shortAnswer(), g));
            int[] f = factoid.computeIfAbsent(q.expectedType() == null ? "none" : q.expectedType(), t -> new int[4]);
            f[0]++;
            f[1] += contains && citesGold ? 1 : 0;
            f[2] += shortGiven ? 1 : 0;
            f[3] += shortGiven && !shortAccepted ? 1 : 0;
        }
        row[1] += contains ? 1 : 0;
        row[2] += shortGiven ? 1 : 0;
        row[3] += shortRight ? 1 : 0;
        int[] sa = shortAnswers.computeIfAbsent(q.type(), t -> new int[3]);
        sa[0] += shortRight ? 1 : 0;
        sa[1] += shortGiven ? 1 : 0;
        sa[2]++;
        answerable++;
        Set<String> gold = new HashSet<>(q.goldArticles());
        List<Hit> hits = a.retrieved();
        for (int i = 0; i < KS.length; i++) {
            if (firstRank(hits, KS[i], h -> gold.contains(h.passage().articleId())) > 0) {
                articleHits[i]++;
            }
        }
        Set<String> found = new HashSet<>();
        for (int r = 0; r < Math.min(10, hits.size()); r++) {
            String id = hits.get(r).passage().articleId();
            if (gold.contains(id)) {
                found.add(id);
            }
        }
        articleRecall10 += (double) found.size() / gold.size();
        int first = firstRank(hits, 10, h -> gold.contains(h.passage().articleId()));
        articleMrr10 += first > 0 ? 1.0 / first : 0;

        List<String> facts = q.evidence().stream().map(e -> squash(e.fact())).filter(f -> !f.isEmpty()).toList();
        if (!facts.isEmpty()) {
            passageScored++;
            java.util.function.Predicate<Hit> relevant = h -> {
                String text = squash(h.passage().text());
                return facts.stream().anyMatch(text::contains);
            };
            for (int i = 0; i < KS.length; i++) {
                if (firstRank(hits, KS[i], relevant) > 0) {
                    passageHits[i]++;
                }
            }
            int pf = firstRank(hits, 10, relevant);
            passageMrr10 += pf > 0 ? 1.0 / pf : 0;
        }

        int[] acc = accuracy.computeIfAbsent(q.type(), t -> new int[2]);
        acc[1]++;
        if (contains) {
            acc[0]++;
        }
        if (a.abstained()) {
            falseAbstentions++;
        } else {
            for (String id : a.citedArticleIds()) {
                cited++;
                if (gold.contains(id)) {
                    citedCorrect++;
                }
            }
        }
    }

    /**
     * A reply that says yes or no (its short answer, or its first word) is right when the gold answer is that word;
     * it is backed when it cites at least two articles, each with its date (the two compared facts).
     */
    private void countYesNo(QaItem q, Answer a) {
        int[] r = yesNo.computeIfAbsent(q.type() == null ? "none" : q.type(), t -> new int[4]);
        r[0]++;
        String said = a.abstained() ? null : yesOrNo(a);
        if (said == null) {
            return;
        }
        r[1]++;
        if (q.answers().stream().anyMatch(g -> said.equals(normalize(g)))) {
            r[2]++;
        }
        if (a.citations().size() >= 2 && a.citations().stream().allMatch(c -> c.published() != null)) {
            r[3]++;
        }
    }

    /**
     * "yes" or "no" when the reply says it, as its short answer or as its first word followed by a full stop or comma
     * ("No, it did not."; not a quoted "No. 21 Missouri" or "No one expected"), else null.
     */
    static String yesOrNo(Answer a) {
        String s = a.shortAnswer() != null ? normalize(a.shortAnswer()) : "";
        if (s.equals("yes") || s.equals("no")) {
            return s;
        }
        String t = a.text().strip();
        for (String w : new String[] {"yes", "no"}) {
            if (t.length() > w.length() && t.regionMatches(true, 0, w, 0, w.length())
                    && (t.charAt(w.length()) == '.' || t.charAt(w.length()) == ',')) {
                String rest = t.substring(w.length() + 1).strip();
                if (rest.isEmpty() || !Character.isDigit(rest.charAt(0))) {
                    return w;
                }
            }
        }
        return null;
    }

    private static int firstRank(List<Hit> hits, int k, java.util.function.Predicate<Hit> p) {
        for (int r = 0; r < Math.min(k, hits.size()); r++) {
            if (p.test(hits.get(r))) {
                return r + 1;
            }
        }
        return 0;
    }

    /** Whitespace (and the stray U+FEFF of the data) removed, as the paper's script compares. */
    static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF' && c != '\u00A0') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Answer-contains: gold occurs as whole words in the answer; for yes/no, and not the opposite. */
    public static boolean answerContains(String answer, String gold) {
        String a = " " + months(normalize(answer)) + " ";
        String g = months(normalize(gold));
        if (g.startsWith("the ")) {
            g = g.substring(4);
        }
        if (g.isEmpty()) {
            return false;
        }
        if (g.equals("yes") || g.equals("no")) {
            String opposite = g.equals("yes") ? "no" : "yes";
            return a.contains(" " + g + " ") && !a.contains(" " + opposite + " ");
        }
        return a.contains(" " + g + " ");
    }

    /** The short answer equals the gold answer, case-insensitive, punctuation and a leading article ignored. */
    public static boolean shortAnswerMatches(String shortAnswer, String gold) {
        return withoutArticle(normalize(shortAnswer)).equals(withoutArticle(normalize(gold)))
                && !normalize(gold).isEmpty();
    }

    /**
     * A bold short answer counts as right when it is an accepted answer, or holds one as whole words with at most
     * three words more ("Shohei Ohtani" for "Ohtani", "20 grams of salt" for "20 grams"); month names are compared
     * by meaning ("Nov. 17" and "November 17").
     */
    public static boolean shortAnswerAccepted(String shortAnswer, String gold) {
        String s = withoutArticle(months(normalize(shortAnswer)));
        String g = withoutArticle(months(normalize(gold)));
        if (g.isEmpty() || s.isEmpty()) {
            return false;
        }
        return s.equals(g) || ((" " + s + " ").contains(" " + g + " ")
                && s.split(" ").length <= g.split(" ").length + 3);
    }

    /** Month names cut to their first three letters ("september" and "sept" are "sep"). */
    private static String months(String normalized) {
        StringBuilder out = new StringBuilder();
        for (String w : normalized.split(" ")) {
            String m = w;
            if (w.length() >= 3) {
                for (java.time.Month month : java.time.Month.values()) {
                    String full = month.name().toLowerCase(Locale.ROOT);
                    if (full.startsWith(w) && (w.length() == 3 || w.equals("sept") || w.equals(full))) {
                        m = full.substring(0, 3);
                    }
                }
            }
            out.append(out.length() == 0 ? "" : " ").append(m);
        }
        return out.toString();
    }

    private static String withoutArticle(String s) {
        for (String a : new String[] {"the ", "a ", "an "}) {
            if (s.startsWith(a)) {
                return s.substring(a.length());
            }
        }
        return s;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}“”‘’—–]", " ").replaceAll("\\s+", " ").trim();
    }

    /** One candidate abstention threshold and what it would do on the questions seen. */
    public record ThresholdRow(double threshold, double abstentionAccuracy, double falseAbstentionRate,
                               double balancedAccuracy) {
    }

    /**
     * Sweeps the abstention threshold of every question but yes/no ones over 0..1, with yes/no questions held at
     * {@code yesNoThreshold} (their own setting): at each, the share of unanswerable questions that would be
     * abstained on, the share of answerable ones wrongly abstained on, and their balanced accuracy.
     */
    public List<ThresholdRow> calibration(double yesNoThreshold) {
        List<ThresholdRow> rows = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            double t = i / 100.0;
            double abst = declinedShare(evidenceUnanswerable, t, yesNoThreshold);
            double falseAbst = declinedShare(evidenceAnswerable, t, yesNoThreshold);
            rows.add(new ThresholdRow(t, abst, falseAbst, (abst + 1 - falseAbst) / 2));
        }
        return rows;
    }

    /**
     * The product's rule (README, "Abstention"): among the thresholds that decline at least 90 % of the unanswerable
     * questions with at most 10 % false abstentions, the one with the best balanced accuracy (the lowest of equals).
     * Balanced accuracy weighs a wrong answer and a wrong abstention alike, so the pick is not pushed to the edge of
     * either bar. Null when no threshold meets both.
     */
    public static ThresholdRow calibrated(List<ThresholdRow> sweep) {
        ThresholdRow best = null;
        for (ThresholdRow r : sweep) {
            if (r.abstentionAccuracy() >= 0.90 && r.falseAbstentionRate() <= 0.10
                    && (best == null || r.balancedAccuracy() > best.balancedAccuracy())) {
                best = r;
            }
        }
        return best;
    }

    private static double declinedShare(List<Evidence> evidence, double threshold, double yesNoThreshold) {
        return evidence.isEmpty() ? 0 : evidence.stream()
                .filter(e -> e.score() < (e.yesNo() ? yesNoThreshold : threshold)).count() / (double) evidence.size();
    }

    public Report report() {
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        Map<String, Double> acc = new TreeMap<>();
        int correct = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : accuracy.entrySet()) {
            acc.put(e.getKey(), e.getValue()[1] == 0 ? 0 : (double) e.getValue()[0] / e.getValue()[1]);
            correct += e.getValue()[0];
            total += e.getValue()[1];
        }
        double n = Math.max(1, answerable);
        double np = Math.max(1, passageScored);
        Map<String, TypeRow> types = new TreeMap<>();
        byAnswerType.forEach((t, r) -> types.put(t, new TypeRow(r[0], share(r[1], r[0]), share(r[2], r[0]),
                share(r[3], r[0]), r[4], share(r[5], r[4]))));
        Map<String, Double> shortAcc = new TreeMap<>();
        shortAnswers.forEach((t, r) -> shortAcc.put(t, share(r[0], r[2])));
        Map<String, FactoidRow> factoidRows = new TreeMap<>();
        int[] all = new int[4];
        factoid.forEach((t, r) -> {
            factoidRows.put(t, FactoidRow.of(r));
            for (int i = 0; i < 4; i++) {
                all[i] += r[i];
            }
        });
        FactoidRow factoidAll = all[0] == 0 ? null : FactoidRow.of(all);
        double boldWrong = share(all[3] + boldOnUnanswerable, all[2] + boldOnUnanswerable);
        Map<String, YesNoRow> yesNoRows = new TreeMap<>();
        yesNo.forEach((t, r) -> yesNoRows.put(t, new YesNoRow(r[0], r[1], share(r[2], r[1]), r[1] - r[3])));
        return new Report(answerable, unanswerable,
                articleHits[0] / n, articleHits[1] / n, articleHits[2] / n, articleRecall10 / n, articleMrr10 / n,
                passageScored, passageHits[0] / np, passageHits[1] / np, passageHits[2] / np, passageMrr10 / np,
                acc, total == 0 ? 0 : (double) correct / total, cited == 0 ? 0 : (double) citedCorrect / cited,
                unanswerable == 0 ? 0 : (double) abstainedNull / unanswerable,
                answerable == 0 ? 0 : (double) falseAbstentions / answerable,
                QueryLog.percentile(sorted, 50), QueryLog.percentile(sorted, 95), types, shortAcc,
                share(sentencesSupported, sentencesChecked), factoidAll, factoidRows, boldOnUnanswerable, boldWrong,
                yesNoRows);
    }

    /**
     * Factoid questions of one gold answer type (or all).
     *
     * @param questions  answerable factoid questions
     * @param right      share whose reply contains an accepted answer and cites a gold source
     * @param shortShown share that got a bold short answer
     * @param shortWrong share of the replies showing a short answer whose short answer is none of the accepted ones
     */
    public record FactoidRow(int questions, double right, double shortShown, double shortWrong) {
        static FactoidRow of(int[] r) {
            return new FactoidRow(r[0], share(r[1], r[0]), share(r[2], r[0]), share(r[3], r[2]));
        }
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /**
     * The replies of one question type that say yes or no.
     *
     * @param questions      answerable questions of this type
     * @param said           replies saying yes or no
     * @param rightWhenSaid  share of those whose yes or no is the gold answer
     * @param withoutFacts   replies saying yes or no without citing two articles, each with its date
     */
    public record YesNoRow(int questions, int said, double rightWhenSaid, int withoutFacts) {
    }

    /**
     * The figures of one expected answer type.
     *
     * @param answerable        answerable questions of this type
     * @param contains          share of them whose reply contains the gold answer
     * @param shortGiven        share of them that got a short answer
     * @param shortRight        share of them whose short answer equals the gold answer
     * @param unanswerable      unanswerable questions of this type
     * @param abstained         share of those declined
     */
    public record TypeRow(int answerable, double contains, double shortGiven, double shortRight, int unanswerable,
                          double abstained) {
    }

    /** All figures of one evaluation run. Shares are 0..1. */
    public record Report(int answerable, int unanswerable,
                         double hits1, double hits4, double hits10, double recall10, double mrr10,
                         int passageScored, double passageHits1, double passageHits4, double passageHits10,
                         double passageMrr10, Map<String, Double> accuracyByType, double accuracy,
                         double citationPrecision, double abstentionAccuracy, double falseAbstentionRate,
                         long latencyP50Ms, long latencyP95Ms, Map<String, TypeRow> byAnswerType,
                         Map<String, Double> shortAnswerAccuracy, double supportRate, FactoidRow factoid,
                         Map<String, FactoidRow> factoidByType, int boldOnUnanswerable,
                         double boldWrongWithUnanswerable, Map<String, YesNoRow> yesNoByType) {

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "questions: %d answerable, %d without an answer in the archive%n",
                    answerable, unanswerable));
            sb.append(String.format(Locale.ROOT, "article level:  Hits@1 %.4f  Hits@4 %.4f  Hits@10 %.4f  Recall@10 %.4f  MRR@10 %.4f%n",
                    hits1, hits4, hits10, recall10, mrr10));
            sb.append(String.format(Locale.ROOT, "passage level:  Hits@1 %.4f  Hits@4 %.4f  Hits@10 %.4f  MRR@10 %.4f  (%d questions with evidence sentences)%n",
                    passageHits1, passageHits4, passageHits10, passageMrr10, passageScored));
            sb.append("answer-contains accuracy:");
            accuracyByType.forEach((t, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", t, v)));
            sb.append(String.format(Locale.ROOT, "  overall %.4f%n", accuracy));
            sb.append(String.format(Locale.ROOT, "citation precision: %.4f%n", citationPrecision));
            sb.append(String.format(Locale.ROOT, "abstention: %.4f on unanswerable, false abstentions %.4f on answerable%n",
                    abstentionAccuracy, falseAbstentionRate));
            sb.append(String.format(Locale.ROOT, "latency: p50 %d ms, p95 %d ms%n", latencyP50Ms, latencyP95Ms));
            sb.append("short answer equals gold:");
            shortAnswerAccuracy.forEach((t, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", t, v)));
            sb.append(String.format(Locale.ROOT, "%nsupport rate (answer sentences whose cited passages hold most of "
                    + "their content words): %.4f%n", supportRate));
            sb.append("by expected answer type:  type  answerable  contains-gold  short-given  short=gold  "
                    + "unanswerable  declined\n");
            byAnswerType.forEach((t, r) -> sb.append(String.format(Locale.ROOT,
                    "  %-13s %5d  %.4f  %.4f  %.4f  %5d  %.4f%n", t, r.answerable(), r.contains(), r.shortGiven(),
                    r.shortRight(), r.unanswerable(), r.abstained())));
            sb.append("yes/no said (per question type: said, right when said, without both dated facts cited):");
            yesNoByType.forEach((t, r) -> sb.append(String.format(Locale.ROOT, "  %s %d %.4f %d", t, r.said(),
                    r.rightWhenSaid(), r.withoutFacts())));
            sb.append('\n');
            if (factoid != null) {
                sb.append(String.format(Locale.ROOT, "factoid: %d questions, reply right (accepted answer, gold source "
                        + "cited) %.4f, short answer shown %.4f, wrong when shown %.4f%n", factoid.questions(),
                        factoid.right(), factoid.shortShown(), factoid.shortWrong()));
                sb.append(String.format(Locale.ROOT, "bold short answers on unanswerable questions: %d; wrong when "
                        + "shown, counting those: %.4f%n", boldOnUnanswerable, boldWrongWithUnanswerable));
                factoidByType.forEach((t, r) -> sb.append(String.format(Locale.ROOT,
                        "  %-13s %5d  right %.4f  shown %.4f  wrong-when-shown %.4f%n", t, r.questions(), r.right(),
                        r.shortShown(), r.shortWrong())));
            }
            return sb.toString();
        }
    }
}
