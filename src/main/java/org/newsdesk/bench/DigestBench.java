package org.newsdesk.bench;

import org.newsdesk.desk.Digest;
import org.newsdesk.desk.DigestText;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.Period;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Digest latency on the configured archive ({@code bench --digest FROM..TO}): the digest of the whole period, of each
 * week in it, and of a few topics over it, each timed after an untimed warm-up; retrieval, collapse and rendering
 * (what the chat waits for before the message is sent).
 */
public final class DigestBench {
    /** Topics of the MultiHop-RAG period (autumn 2023 news). */
    static final List<String> TOPICS = List.of("artificial intelligence", "Bitcoin", "Israel Gaza", "NFL quarterback",
            "Apple iPhone", "OpenAI Sam Altman", "FTX Sam Bankman-Fried", "climate", "Google antitrust", "election");

    private final HybridSearcher searcher;
    private final PrintStream out;

    public DigestBench(HybridSearcher searcher, PrintStream out) {
        this.searcher = searcher;
        this.out = out;
    }

    public void run(Period period, int runs) {
        Digest digest = new Digest(searcher);
        List<Object[]> requests = new ArrayList<>();
        requests.add(new Object[]{period, null});
        for (var from = period.from(); !from.isAfter(period.to()); from = from.plusWeeks(1)) {
            var to = from.plusDays(6).isAfter(period.to()) ? period.to() : from.plusDays(6);
            requests.add(new Object[]{new Period(from, to), null});
        }
        for (String t : TOPICS) {
            requests.add(new Object[]{period, t});
        }
        List<Double> plain = new ArrayList<>();
        List<Double> topical = new ArrayList<>();
        int lines = 0;
        int longest = 0;
        for (int round = -1; round < runs; round++) { // round -1: warm-up, untimed
            for (Object[] r : requests) {
                long t0 = System.nanoTime();
                Digest.Result result = digest.of((Period) r[0], (String) r[1], null);
                String text = DigestText.render(result);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (round >= 0) {
                    (r[1] == null ? plain : topical).add(ms);
                    lines += result.items().size();
                    longest = Math.max(longest, text.length());
                }
            }
        }
        out.printf(Locale.ROOT, "Digests over %s: %d requests x %d runs (%d periods, %d topics), %.1f articles each on "
                        + "average, longest message %d chars%n", period.label(), requests.size(), runs,
                requests.size() - TOPICS.size(), TOPICS.size(), (double) lines / (requests.size() * (double) runs), longest);
        line("no topic", plain);
        line("topic", topical);
        List<Double> all = new ArrayList<>(plain);
        all.addAll(topical);
        line("all", all);
    }

    private void line(String label, List<Double> ms) {
        out.printf(Locale.ROOT, "  %-9s p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)%n", label,
                Measure.percentile(ms, 50), Measure.percentile(ms, 95),
                ms.stream().mapToDouble(Double::doubleValue).max().orElse(0), ms.size());
    }
}
