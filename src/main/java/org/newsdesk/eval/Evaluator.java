package org.newsdesk.eval;

import org.newsdesk.answer.Answer;
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
    private final List<Double> evidenceAnswerable = new ArrayList<>();
    private final List<Double> evidenceUnanswerable = new ArrayList<>();

    private static final int[] KS = {1, 4, 10};

    /** Scores one answered question. */
    public void add(QaItem q, Answer a) {
        latencies.add(a.timings().totalMs());
        (q.answerable() ? evidenceAnswerable : evidenceUnanswerable).add(a.evidence());
        if (!q.answerable()) {
            unanswerable++;
            if (a.abstained()) {
                abstainedNull++;
            }
            return;
        }
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
        if (!a.abstained() && answerContains(a.text(), q.answer())) {
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
        String a = " " + normalize(answer) + " ";
        String g = normalize(gold);
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

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}“”‘’—–]", " ").replaceAll("\\s+", " ").trim();
    }

    /** One candidate abstention threshold and what it would do on the questions seen. */
    public record ThresholdRow(double threshold, double abstentionAccuracy, double falseAbstentionRate,
                               double balancedAccuracy) {
    }

    /**
     * Sweeps the abstention threshold over 0..1: at each, the share of unanswerable questions that would be
     * abstained on, the share of answerable ones wrongly abstained on, and their balanced accuracy.
     */
    public List<ThresholdRow> calibration() {
        List<ThresholdRow> rows = new ArrayList<>();
        for (int i = 0; i <= 100; i += 2) {
            double t = i / 100.0;
            double abst = evidenceUnanswerable.isEmpty() ? 0
                    : evidenceUnanswerable.stream().filter(e -> e < t).count() / (double) evidenceUnanswerable.size();
            double falseAbst = evidenceAnswerable.isEmpty() ? 0
                    : evidenceAnswerable.stream().filter(e -> e < t).count() / (double) evidenceAnswerable.size();
            rows.add(new ThresholdRow(t, abst, falseAbst, (abst + 1 - falseAbst) / 2));
        }
        return rows;
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
        return new Report(answerable, unanswerable,
                articleHits[0] / n, articleHits[1] / n, articleHits[2] / n, articleRecall10 / n, articleMrr10 / n,
                passageScored, passageHits[0] / np, passageHits[1] / np, passageHits[2] / np, passageMrr10 / np,
                acc, total == 0 ? 0 : (double) correct / total, cited == 0 ? 0 : (double) citedCorrect / cited,
                unanswerable == 0 ? 0 : (double) abstainedNull / unanswerable,
                answerable == 0 ? 0 : (double) falseAbstentions / answerable,
                QueryLog.percentile(sorted, 50), QueryLog.percentile(sorted, 95));
    }

    /** All figures of one evaluation run. Shares are 0..1. */
    public record Report(int answerable, int unanswerable,
                         double hits1, double hits4, double hits10, double recall10, double mrr10,
                         int passageScored, double passageHits1, double passageHits4, double passageHits10,
                         double passageMrr10, Map<String, Double> accuracyByType, double accuracy,
                         double citationPrecision, double abstentionAccuracy, double falseAbstentionRate,
                         long latencyP50Ms, long latencyP95Ms) {

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
            return sb.toString();
        }
    }
}
