package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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

    /**
     * Totals, the count since {@code since} (e.g. start of today), abstention rate and latency percentiles. Counted
     * by SQLite: /stats used to load every row of the log into memory.
     */
    public Summary summary(Instant since) {
        return db.with(c -> {
            long total;
            long recent;
            long abstained;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(ts >= ?), 0), "
                    + "coalesce(sum(abstained), 0) FROM query_log")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                    recent = rs.getLong(2);
                    abstained = rs.getLong(3);
                }
            }
            return new Summary(total, recent, total == 0 ? 0 : (double) abstained / total,
                    latencyAtRank(c, total, 50), latencyAtRank(c, total, 95));
        });
    }

    /** The nearest-rank percentile {@code p} of latency_ms over {@code total} rows, as {@link #percentile}. */
    private static long latencyAtRank(java.sql.Connection c, long total, double p) throws java.sql.SQLException {
        if (total == 0) {
            return 0;
        }
        long idx = Math.max(0, Math.min(total - 1, (long) Math.ceil(p / 100.0 * total) - 1));
        try (PreparedStatement ps = c.prepareStatement("SELECT latency_ms FROM query_log ORDER BY latency_ms LIMIT 1 OFFSET ?")) {
            ps.setLong(1, idx);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
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
