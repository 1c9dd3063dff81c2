package org.newsdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import org.newsdesk.eval.Evaluator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The figures of {@link CompareBench}: each system's JSON node (units, ingest, latency, retrieval, abstention), the
 * ratios between systems, the summary table of the log and the chart.
 */
final class CompareReport {
    private final PrintStream out;

    CompareReport(PrintStream out) {
        this.out = out;
    }

    static void describeUnits(ObjectNode o, String unit, List<String> texts, HuggingFaceTokenCountEstimator tokens) {
        long words = 0;
        long toks = 0;
        for (String t : texts) {
            words += Measure.words(t);
            toks += tokens.estimateTokenCountInText(t);
        }
        o.put("unit", unit);
        o.put("units", texts.size());
        o.put("unitMeanWords", texts.isEmpty() ? 0 : (double) words / texts.size());
        o.put("unitMeanTokens", texts.isEmpty() ? 0 : (double) toks / texts.size());
    }

    /** The raw model's ingest figures as the mean of its two runs, both runs kept beside them. */
    static void bracket(ObjectNode o, double before, double after, double cpuBefore, double cpuAfter, int units,
                        long corpusWords) {
        double seconds = (before + after) / 2;
        o.putArray("ingestSecondsRuns").add(before).add(after);
        o.putArray("ingestCpuSecondsRuns").add(cpuBefore).add(cpuAfter);
        o.put("ingestSeconds", seconds);
        o.put("ingestCpuSeconds", (cpuBefore + cpuAfter) / 2);
        o.put("unitsPerSec", units / seconds);
        if (corpusWords > 0) {
            o.put("corpusWordsPerSec", corpusWords / seconds);
        }
        o.put("ingestNote", "mean of two runs, before Newsdesk's ingest and after Easy RAG's (ingestSecondsRuns)");
    }

    static void ingest(ObjectNode o, double seconds, int units, long corpusWords, double heapBefore) {
        ingestMeasured(o, seconds, units, corpusWords, heapBefore, Measure.heapAfterGcMb(), Measure.rssMb());
    }

    static void ingestMeasured(ObjectNode o, double seconds, int units, long corpusWords, double heapBefore,
                                       double heapAfter, double rss) {
        o.put("ingestSeconds", seconds);
        o.put("unitsPerSec", units / seconds);
        if (corpusWords > 0) {
            o.put("corpusWordsPerSec", corpusWords / seconds);
        } else {
            o.putNull("corpusWordsPerSec");
        }
        o.put("heapAfterIngestMb", heapAfter);
        o.put("heapGrowthMb", heapAfter - heapBefore);
        o.put("rssAfterIngestMb", rss);
    }

    /** CPU time of the ingest and the machine's load when it started: wall-clock time alone misleads on a shared box. */
    static void phase(ObjectNode o, double cpuSeconds, double loadAtStart) {
        o.put("ingestCpuSeconds", cpuSeconds);
        o.put("loadAverageAtIngestStart", loadAtStart);
    }

    /** The ingest line of the log. */
    void ingestLine(ObjectNode o, String name) {
        out.printf(Locale.ROOT, "[%s] ingest %.1f s (CPU %.1f s, load %.1f at start): %d %ss (mean %.0f words, %.0f tokens) at %.1f/s; heap after GC %.0f MB (+%.0f MB)%n",
                name, o.get("ingestSeconds").asDouble(), o.get("ingestCpuSeconds").asDouble(),
                o.get("loadAverageAtIngestStart").asDouble(), o.get("units").asInt(), o.get("unit").asText(),
                o.get("unitMeanWords").asDouble(), o.get("unitMeanTokens").asDouble(), o.get("unitsPerSec").asDouble(),
                o.get("heapAfterIngestMb").asDouble(), o.get("heapGrowthMb").asDouble());
    }

    /** A system's latency, retrieval and abstention figures from its timed and scored questions. */
    void questions(ObjectNode o, String name, Evaluator ev, List<Double> ms, List<Double> retrieveMs) {
        Evaluator.Report r = ev.report();
        ObjectNode lat = o.putObject("latencyMs");
        lat.put("p50", Measure.percentile(ms, 50));
        lat.put("p95", Measure.percentile(ms, 95));
        lat.put("p99", Measure.percentile(ms, 99));
        lat.put("questions", ms.size());
        // Retrieval alone (Newsdesk: without composing the answer), whole milliseconds.
        ObjectNode ret = o.putObject("retrievalLatencyMs");
        ret.put("p50", Measure.percentile(retrieveMs, 50));
        ret.put("p95", Measure.percentile(retrieveMs, 95));
        ret.put("p99", Measure.percentile(retrieveMs, 99));
        ObjectNode art = o.putObject("article");
        art.put("hits4", r.hits4());
        art.put("hits10", r.hits10());
        art.put("mrr10", r.mrr10());
        art.put("recall10", r.recall10());
        art.put("questions", r.answerable());
        ObjectNode pas = o.putObject("passage");
        pas.put("hits4", r.passageHits4());
        pas.put("hits10", r.passageHits10());
        pas.put("mrr10", r.passageMrr10());
        pas.put("questions", r.passageScored());
        ObjectNode ab = o.putObject("abstention");
        ab.put("accuracyOnNull", r.abstentionAccuracy());
        ab.put("falseAbstentionRate", r.falseAbstentionRate());
        ab.put("nullQuestions", r.unanswerable());
        out.printf(Locale.ROOT, "[%s] %d questions: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms | article Hits@4 %.4f Hits@10 %.4f MRR@10 %.4f | passage Hits@4 %.4f Hits@10 %.4f MRR@10 %.4f | abstention %.4f%n",
                name, ms.size(), lat.get("p50").asDouble(), lat.get("p95").asDouble(), lat.get("p99").asDouble(),
                r.hits4(), r.hits10(), r.mrr10(), r.passageHits4(), r.passageHits10(), r.passageMrr10(), r.abstentionAccuracy());
    }

    static void abstentionNotes(ObjectNode nd, ObjectNode er, ObjectNode raw) {
        ((ObjectNode) nd.get("abstention")).put("supported", true);
        for (ObjectNode o : List.of(er, raw)) {
            ObjectNode ab = (ObjectNode) o.get("abstention");
            ab.put("supported", false);
            ab.put("note", "always returns its top 10: it never abstains, so it scores 0 on questions the archive cannot answer");
        }
    }

    static ObjectNode ratios(ObjectMapper mapper, ObjectNode systems) {
        ObjectNode r = mapper.createObjectNode();
        r.set("newsdeskOverEasyRag", ratio(mapper, systems.get(CompareBench.NEWSDESK), systems.get(CompareBench.EASY_RAG)));
        r.set("newsdeskOverRawModel", ratio(mapper, systems.get(CompareBench.NEWSDESK), systems.get(CompareBench.RAW)));
        return r;
    }

    private static ObjectNode ratio(ObjectMapper mapper, com.fasterxml.jackson.databind.JsonNode a,
                                    com.fasterxml.jackson.databind.JsonNode b) {
        ObjectNode r = mapper.createObjectNode();
        String[][] fields = {{"ingestSeconds"}, {"ingestCpuSeconds"}, {"unitsPerSec"}, {"corpusWordsPerSec"}, {"heapGrowthMb"},
                {"latencyMs", "p50"}, {"latencyMs", "p95"}, {"latencyMs", "p99"},
                {"retrievalLatencyMs", "p50"}, {"retrievalLatencyMs", "p95"}, {"retrievalLatencyMs", "p99"},
                {"article", "hits4"}, {"article", "hits10"}, {"article", "mrr10"},
                {"passage", "hits4"}, {"passage", "hits10"}, {"passage", "mrr10"}};
        for (String[] f : fields) {
            var x = a;
            var y = b;
            for (String part : f) {
                x = x == null ? null : x.get(part);
                y = y == null ? null : y.get(part);
            }
            String key = String.join(".", f);
            if (x == null || y == null || x.isNull() || y.isNull() || y.asDouble() == 0) {
                r.putNull(key);
            } else {
                r.put(key, x.asDouble() / y.asDouble());
            }
        }
        return r;
    }

    void printSummary(ObjectNode json) {
        var s = json.get("systems");
        out.println();
        out.println("| | Newsdesk | Easy RAG defaults | raw model |");
        out.println("|---|---:|---:|---:|");
        row("retrieval unit", s, o -> String.format(Locale.ROOT, "%s, %.0f words (%.0f tokens)",
                o.get("unit").asText(), o.get("unitMeanWords").asDouble(), o.get("unitMeanTokens").asDouble()));
        row("units", s, o -> String.valueOf(o.get("units").asInt()));
        row("ingest time (s)", s, o -> String.format(Locale.ROOT, "%.1f", o.get("ingestSeconds").asDouble()));
        row("ingest CPU time (s)", s, o -> String.format(Locale.ROOT, "%.1f", o.get("ingestCpuSeconds").asDouble()));
        row("load average at ingest start", s, o -> String.format(Locale.ROOT, "%.1f",
                o.get("loadAverageAtIngestStart").asDouble()));
        row("ingest units/s", s, o -> String.format(Locale.ROOT, "%.1f", o.get("unitsPerSec").asDouble()));
        row("ingest corpus words/s", s, o -> o.get("corpusWordsPerSec").isNull() ? "n/a"
                : String.format(Locale.ROOT, "%.0f", o.get("corpusWordsPerSec").asDouble()));
        row("heap after GC (MB, growth)", s, o -> String.format(Locale.ROOT, "%.0f (+%.0f)",
                o.get("heapAfterIngestMb").asDouble(), o.get("heapGrowthMb").asDouble()));
        row("index on disk (MB)", s, o -> o.get("indexBytes").isNull() ? "none"
                : String.format(Locale.ROOT, "%.1f", o.get("indexBytes").asLong() / 1e6));
        row("latency p50/p95/p99 (ms)", s, o -> String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
                o.get("latencyMs").get("p50").asDouble(), o.get("latencyMs").get("p95").asDouble(),
                o.get("latencyMs").get("p99").asDouble()));
        row("article Hits@4 / Hits@10 / MRR@10", s, o -> triple(o.get("article")));
        row("passage Hits@4 / Hits@10 / MRR@10", s, o -> triple(o.get("passage")));
        row("abstention on null questions", s, o -> String.format(Locale.ROOT, "%.4f%s",
                o.get("abstention").get("accuracyOnNull").asDouble(),
                o.get("abstention").get("supported").asBoolean() ? "" : " (never abstains)"));
        out.println();
        out.println("ratios: " + json.get("ratios"));
    }

    private static String triple(com.fasterxml.jackson.databind.JsonNode o) {
        return String.format(Locale.ROOT, "%.4f / %.4f / %.4f", o.get("hits4").asDouble(), o.get("hits10").asDouble(),
                o.get("mrr10").asDouble());
    }

    private void row(String label, com.fasterxml.jackson.databind.JsonNode s,
                     Function<com.fasterxml.jackson.databind.JsonNode, String> f) {
        out.println("| " + label + " | " + f.apply(s.get(CompareBench.NEWSDESK)) + " | " + f.apply(s.get(CompareBench.EASY_RAG)) + " | "
                + f.apply(s.get(CompareBench.RAW)) + " |");
    }

    /** Draws the chart of a result JSON (also used to redraw from a saved file). */
    static void chart(ObjectNode json, Path png) throws IOException {
        var s = json.get("systems");
        List<String> names = List.of(CompareBench.NEWSDESK, CompareBench.EASY_RAG, CompareBench.RAW);
        List<String> labels = new ArrayList<>();
        for (String n : names) {
            var o = s.get(n);
            labels.add(switch (n) {
                case CompareBench.NEWSDESK -> "Newsdesk";
                case CompareBench.EASY_RAG -> "Easy RAG defaults";
                default -> "raw model";
            } + String.format(Locale.ROOT, " (%.0f-word %ss)", o.get("unitMeanWords").asDouble(), o.get("unit").asText()));
        }
        double[][] ingest = new double[3][1];
        double[][] heap = new double[3][1];
        double[][] lat = new double[3][3];
        double[][] art = new double[3][3];
        double[][] pas = new double[3][3];
        double[][] abst = new double[3][1];
        for (int i = 0; i < 3; i++) {
            var o = s.get(names.get(i));
            ingest[i][0] = o.get("ingestSeconds").asDouble();
            heap[i][0] = o.get("heapGrowthMb").asDouble();
            lat[i] = new double[]{o.get("latencyMs").get("p50").asDouble(), o.get("latencyMs").get("p95").asDouble(),
                    o.get("latencyMs").get("p99").asDouble()};
            art[i] = new double[]{o.get("article").get("hits4").asDouble(), o.get("article").get("hits10").asDouble(),
                    o.get("article").get("mrr10").asDouble()};
            pas[i] = new double[]{o.get("passage").get("hits4").asDouble(), o.get("passage").get("hits10").asDouble(),
                    o.get("passage").get("mrr10").asDouble()};
            abst[i][0] = o.get("abstention").get("accuracyOnNull").asDouble();
        }
        List<String> m3 = List.of("Hits@4", "Hits@10", "MRR@10");
        Charts.write(png, "Newsdesk vs LangChain4j Easy RAG defaults vs the raw model, one run: "
                        + json.get("corpus").get("articles").asInt() + " articles, " + json.get("queries").get("total").asInt()
                        + " questions",
                json.get("machine").asText() + ". Raw model: embedding only, exact scan; Easy RAG has no abstention.",
                3, List.of(
                        new Charts.BarPanel("Ingest time", "s, lower is better", List.of("ingest"), labels, ingest),
                        new Charts.BarPanel("Heap growth after ingest", "MB after GC", List.of("heap"), labels, heap),
                        new Charts.BarPanel("Question latency, warm", "ms", List.of("p50", "p95", "p99"), labels, lat),
                        new Charts.BarPanel("Article-level retrieval", "", m3, labels, art),
                        new Charts.BarPanel("Passage-level retrieval (contains evidence)", "", m3, labels, pas),
                        new Charts.BarPanel("Abstention on null questions", "share", List.of("abstained"), labels, abst)));
    }
}
