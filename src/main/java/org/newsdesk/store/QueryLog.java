package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One row per answered question: what was asked, whether the bot abstained, what it cited, how long it took. */
public final class QueryLog {
    public record Entry(Instant ts, long chatId, long userId, String question, boolean abstained,
                        List<String> citedArticleIds, long latencyMs) {
    }

    /** Aggregate figures for /stats. */
    public record Summary(long total, long since, double abstentionRate, long latencyP50Ms, long latencyP95Ms) {
    }

    private final Database db;

    public QueryLog(Database db) {
        this.db = db;
    }

    /** Records a question; returns its row id. */
    public long record(Entry e) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO query_log(ts, chat_id, user_id, question, abstained, cited_article_ids, latency_ms) "
                            + "VALUES (?,?,?,?,?,?,?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
                Database.bind(ps, e.ts().toString(), e.chatId(), e.userId(), e.question(), e.abstained() ? 1 : 0,
                        String.join(",", e.citedArticleIds()), e.latencyMs());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : -1L;
                }
            }
        });
    }

    /** Totals, the count since {@code since} (e.g. start of today), abstention rate and latency percentiles. */
    public Summary summary(Instant since) {
        return db.with(c -> {
            long total = 0;
            long recent = 0;
            long abstained = 0;
            List<Long> latencies = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, abstained, latency_ms FROM query_log");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total++;
                    if (rs.getString(1).compareTo(since.toString()) >= 0) {
                        recent++;
                    }
                    abstained += rs.getInt(2);
                    latencies.add(rs.getLong(3));
                }
            }
            Collections.sort(latencies);
            return new Summary(total, recent, total == 0 ? 0 : (double) abstained / total,
                    percentile(latencies, 50), percentile(latencies, 95));
        });
    }

    /** Nearest-rank percentile of an ascending list (0 for an empty one). Shared by /stats and eval. */
    public static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
