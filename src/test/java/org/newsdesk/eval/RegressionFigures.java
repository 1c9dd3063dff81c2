package org.newsdesk.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares measured figures with the pinned ones of a regression file, Anserini-style: each figure rounded to the
 * file's precision must equal the expected one; counts must match exactly. The report lists every figure, expected
 * against actual, so updating the file after an intended change is a copy.
 */
final class RegressionFigures {
    private RegressionFigures() {
    }

    /** The figures of an evaluation that a regression file pins, in a fixed order. */
    static Map<String, Double> of(Evaluator.Report r, int articles, int passages) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("index.articles", (double) articles);
        f.put("index.passages", (double) passages);
        f.put("questions.answerable", (double) r.answerable());
        f.put("questions.unanswerable", (double) r.unanswerable());
        f.put("passage.hits10", r.passageHits10());
        f.put("passage.mrr10", r.passageMrr10());
        f.put("passage.hits1", r.passageHits1());
        f.put("article.hits10", r.hits10());
        f.put("article.mrr10", r.mrr10());
        r.accuracyByType().forEach((type, v) -> f.put("answer.contains." + type, v));
        f.put("answer.contains.overall", r.accuracy());
        r.shortAnswerAccuracy().forEach((type, v) -> f.put("answer.short-equals-gold." + type, v));
        f.put("answer.citation-precision", r.citationPrecision());
        f.put("answer.abstention-on-unanswerable", r.abstentionAccuracy());
        f.put("answer.false-abstentions", r.falseAbstentionRate());
        f.put("answer.support-rate", r.supportRate());
        r.yesNoByType().forEach((type, y) -> {
            f.put("answer.yes-no-said." + type, (double) y.said());
            f.put("answer.yes-no-right-when-said." + type, y.rightWhenSaid());
            f.put("answer.yes-no-without-facts." + type, (double) y.withoutFacts());
        });
        return f;
    }

    /**
     * The answer figures of a further question set ({@code name}.…): its counts, replies holding an accepted answer,
     * abstention both ways and, for factoid questions, replies right with a gold source, bold short answers shown and
     * wrong when shown, and bold answers given to questions the archive cannot answer.
     */
    static Map<String, Double> answers(String name, Evaluator.Report r) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(name + ".questions.answerable", (double) r.answerable());
        f.put(name + ".questions.unanswerable", (double) r.unanswerable());
        f.put(name + ".answer.contains.overall", r.accuracy());
        f.put(name + ".answer.abstention-on-unanswerable", r.abstentionAccuracy());
        f.put(name + ".answer.false-abstentions", r.falseAbstentionRate());
        if (r.factoid() != null) {
            f.put(name + ".factoid.right", r.factoid().right());
            f.put(name + ".factoid.short-shown", r.factoid().shortShown());
            f.put(name + ".factoid.short-wrong-when-shown", r.factoid().shortWrong());
        }
        f.put(name + ".bold-on-unanswerable", (double) r.boldOnUnanswerable());
        return f;
    }

    /** Every figure as "name: expected -> actual", marked where they differ; empty list of differences when all match. */
    record Comparison(List<String> differences, String report) {
    }

    static Comparison compare(Map<String, Double> expected, Map<String, Double> actual, int decimals) {
        List<String> differences = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        List<String> names = new ArrayList<>(expected.keySet());
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(names::add);
        for (String name : names) {
            Double e = expected.get(name);
            Double a = actual.get(name);
            boolean same = e != null && a != null && round(e, decimals).equals(round(a, decimals));
            String line = String.format(Locale.ROOT, "  %-40s expected %-8s actual %-8s%s", name,
                    e == null ? "(none)" : round(e, decimals), a == null ? "(none)" : round(a, decimals),
                    same ? "" : "   <-- differs");
            report.append(line).append('\n');
            if (!same) {
                differences.add(name);
            }
        }
        return new Comparison(differences, report.toString());
    }

    /** The figures as the YAML lines of a regression file's {@code figures:} block. */
    static String yaml(Map<String, Double> figures, int decimals) {
        StringBuilder sb = new StringBuilder("figures:\n");
        figures.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(round(v, decimals)).append('\n'));
        return sb.toString();
    }

    static String round(double v, int decimals) {
        if (v == Math.rint(v) && Math.abs(v) > 1) {
            return String.valueOf((long) v); // a count
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
