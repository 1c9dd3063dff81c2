package org.newsdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.newsdesk.eval.JsonlFile;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.desk.TopicAlerts;
import org.newsdesk.desk.TopicMatcher;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.store.SourceFileStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calibrates the alert threshold ({@code bench --alerts corpus.jsonl}): the corpus's articles are replayed in
 * published order as if they arrived by sync (the first half indexed at once, the rest in batches, each an
 * incremental reindex whose new articles are found as {@link TopicAlerts} finds them), and for each topic of
 * {@code bench/alert-topics.tsv} the alerts a threshold would send are compared with the articles the topic's rule
 * judges relevant: precision and recall per threshold, micro-averaged over topics and batches.
 */
public final class AlertBench {
    /** A topic and its relevance rule: every group needs one of its phrases (title, or twice in the body). */
    record Topic(String name, List<List<String>> groups) {
    }

    record Article(String id, String title, String body) {
    }

    private final NewsdeskConfig config;
    private final PrintStream out;

    public AlertBench(NewsdeskConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** The thresholds measured: words share x similarity. */
    static List<TopicMatcher.Threshold> grid() {
        List<TopicMatcher.Threshold> out = new ArrayList<>();
        for (double w : new double[]{0, 0.5, 1.0}) {
            for (double s : new double[]{0, 0.70, 0.75, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88}) {
                out.add(new TopicMatcher.Threshold(w, s));
            }
        }
        // the digests' rule (fused score >= 0.75 x the best of the topic's search, a BM25 match), alone and with words
        out.add(new TopicMatcher.Threshold(0, 0, 0.75));
        out.add(new TopicMatcher.Threshold(1.0, 0, 0.75));
        return out;
    }

    public void run(Path corpusJsonl, Path topicsFile, int batch, Path work) throws IOException {
        List<Topic> topics = topics(topicsFile);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>(JsonlFile.read(corpusJsonl, System.err::println, (n, line) -> {
            if (!n.isObject() || n.path("id").asText().isEmpty()) {
                throw new IllegalArgumentException("no article (a JSON object with an 'id')");
            }
            return n;
        }, "an article (JSON with an 'id')"));
        lines.sort(Comparator.comparing((JsonNode n) -> n.path("published").asText()).thenComparing(n -> n.path("id").asText()));
        Map<String, Article> byId = new HashMap<>();
        for (JsonNode n : lines) {
            byId.put(n.path("id").asText(), new Article(n.path("id").asText(), n.path("title").asText(),
                    n.path("body").asText()));
        }
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        NewsdeskConfig c = config.withPaths(work.resolve("data"), corpus).withSources(List.of(), config.fetch());
        int half = lines.size() / 2;
        List<TopicMatcher.Threshold> grid = grid();
        long[][] counts = new long[grid.size()][3]; // tp, fp, fn
        Map<String, long[]> perTopic = new LinkedHashMap<>(); // at the calibrated threshold: tp, fp, fn
        topics.forEach(t -> perTopic.put(t.name(), new long[3]));
        List<double[]> similarities = new ArrayList<>(); // {relevant 0/1, words, similarity}
        int relevantTotal = 0;
        int batches = 0;
        try (App app = new App(c, Clock.systemUTC())) {
            write(corpus, lines.subList(0, half), json);
            long t0 = System.nanoTime();
            app.reindex().run(false, p -> { });
            out.printf(Locale.ROOT, "Indexed the first %d articles (up to %s) in %.1f s; replaying %d more in batches "
                    + "of %d%n", half, lines.get(half - 1).path("published").asText(), (System.nanoTime() - t0) / 1e9,
                    lines.size() - half, batch);
            TopicMatcher matcher = new TopicMatcher(app.searcher());
            SourceFileStore files = new SourceFileStore(app.db());
            for (int from = half; from < lines.size(); from += batch) {
                List<JsonNode> part = lines.subList(from, Math.min(lines.size(), from + batch));
                write(corpus, part, json);
                ReindexResult r = app.reindex().run(false, p -> { });
                Set<String> fresh = TopicAlerts.newArticles(r, files);
                batches++;
                for (Topic t : topics) {
                    Set<String> relevant = new HashSet<>();
                    for (String id : fresh) {
                        Article a = byId.get(id);
                        if (a != null && relevant(t, a)) {
                            relevant.add(id);
                        }
                    }
                    relevantTotal += relevant.size();
                    List<TopicMatcher.Candidate> cands = matcher.candidates(t.name(), fresh, null);
                    for (TopicMatcher.Candidate cand : cands) {
                        similarities.add(new double[]{relevant.contains(cand.passage().articleId()) ? 1 : 0,
                                cand.words(), cand.similarity()});
                    }
                    for (int g = 0; g < grid.size(); g++) {
                        tally(counts[g], TopicMatcher.matching(cands, grid.get(g)), relevant);
                    }
                    tally(perTopic.get(t.name()), TopicMatcher.matching(cands, TopicMatcher.CALIBRATED), relevant);
                }
            }
        }
        out.printf(Locale.ROOT, "%d batches, %d topics, %d relevant (topic, article) pairs among the new articles%n%n",
                batches, topics.size(), relevantTotal);
        out.println("min words  min similarity  min share  alerts    TP    FP    FN  precision  recall     F1");
        for (int g = 0; g < grid.size(); g++) {
            long[] k = counts[g];
            TopicMatcher.Threshold th = grid.get(g);
            out.printf(Locale.ROOT, "%9.2f  %14.2f  %9.2f  %6d  %4d  %4d  %4d  %9.3f  %6.3f  %5.3f%s%n", th.minWords(),
                    th.minSimilarity(), th.minShare(), k[0] + k[1], k[0], k[1], k[2], precision(k), recall(k), f1(k),
                    th.equals(TopicMatcher.CALIBRATED) ? "  <- calibrated" : "");
        }
        out.printf(Locale.ROOT, "%nPer topic at the calibrated threshold (min words %.2f, min similarity %.2f):%n",
                TopicMatcher.CALIBRATED.minWords(), TopicMatcher.CALIBRATED.minSimilarity());
        for (var e : perTopic.entrySet()) {
            long[] k = e.getValue();
            out.printf(Locale.ROOT, "  %-24s TP %3d  FP %3d  FN %3d  precision %.3f  recall %.3f%n", e.getKey(), k[0],
                    k[1], k[2], precision(k), recall(k));
        }
        summarise("relevant", similarities, 1);
        summarise("not relevant", similarities, 0);
    }

    private void summarise(String label, List<double[]> sims, int kind) {
        List<Double> s = sims.stream().filter(d -> d[0] == kind).map(d -> d[2]).sorted().toList();
        if (s.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "Similarity of retrieved %s candidates: n=%d, p10 %.3f, median %.3f, p90 %.3f%n", label,
                s.size(), s.get(s.size() / 10), s.get(s.size() / 2), s.get(s.size() * 9 / 10));
    }

    private static void tally(long[] k, List<TopicMatcher.Candidate> alerted, Set<String> relevant) {
        Set<String> ids = new HashSet<>();
        alerted.forEach(c -> ids.add(c.passage().articleId()));
        for (String id : ids) {
            k[relevant.contains(id) ? 0 : 1]++;
        }
        for (String id : relevant) {
            if (!ids.contains(id)) {
                k[2]++;
            }
        }
    }

    static double precision(long[] k) {
        return k[0] + k[1] == 0 ? 0 : (double) k[0] / (k[0] + k[1]);
    }

    static double recall(long[] k) {
        return k[0] + k[2] == 0 ? 0 : (double) k[0] / (k[0] + k[2]);
    }

    static double f1(long[] k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static void write(Path corpus, List<JsonNode> part, ObjectMapper json) throws IOException {
        for (JsonNode n : part) {
            String id = n.path("id").asText().replaceAll("[^A-Za-z0-9_-]", "_");
            Files.writeString(corpus.resolve(id + ".jsonl"), json.writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
        }
    }

    /** The rule: every group has a phrase in the title, or the phrase twice in the body. */
    static boolean relevant(Topic t, Article a) {
        String title = a.title().toLowerCase(Locale.ROOT);
        String body = a.body().toLowerCase(Locale.ROOT);
        for (List<String> group : t.groups()) {
            boolean held = false;
            for (String phrase : group) {
                if (occurrences(title, phrase, 1) >= 1 || occurrences(body, phrase, 2) >= 2) {
                    held = true;
                    break;
                }
            }
            if (!held) {
                return false;
            }
        }
        return true;
    }

    /** Whole-word occurrences of {@code phrase} in {@code text}, counted up to {@code enough}; indexOf, linear. */
    static int occurrences(String text, String phrase, int enough) {
        int n = 0;
        int from = 0;
        while (n < enough) {
            int at = text.indexOf(phrase, from);
            if (at < 0) {
                break;
            }
            int end = at + phrase.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endOk = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end))
                    || text.startsWith("s", end) && (end + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 1)));
            if (startOk && endOk) {
                n++;
            }
            from = at + 1;
        }
        return n;
    }

    static List<Topic> topics(Path file) throws IOException {
        List<String> lines;
        if (file != null) {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = AlertBench.class.getResourceAsStream("/bench/alert-topics.tsv")) {
                if (in == null) {
                    throw new IOException("bench/alert-topics.tsv missing from the jar");
                }
                lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            }
        }
        List<Topic> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 2) {
                throw new IOException("alert topics: expected 'topic<TAB>phrases', got: " + line);
            }
            List<List<String>> groups = new ArrayList<>();
            for (String g : cols[1].split(";")) {
                List<String> alts = new ArrayList<>();
                for (String p : g.split("\\|")) {
                    if (!p.isBlank()) {
                        alts.add(p.strip().toLowerCase(Locale.ROOT));
                    }
                }
                groups.add(alts);
            }
            out.add(new Topic(cols[0].strip(), groups));
        }
        return out;
    }
}
