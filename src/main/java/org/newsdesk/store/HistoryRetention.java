package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * Prunes the tables that grow with every question: {@code query_log} and {@code answers} (votes go with their
 * answer). Neither was ever pruned (issue 16); a busy bot filled the disk and /stats slowed with them.
 */
public final class HistoryRetention {
    /** @param queryLog rows deleted from query_log; {@code answers} from answers */
    public record Pruned(int queryLog, int answers) {
    }

    private final Database db;
    private final int keepDays;
    private final int maxRows;

    public HistoryRetention(Database db, int keepDays, int maxRows) {
        this.db = db;
        this.keepDays = keepDays;
        this.maxRows = maxRows;
    }

    /** Deletes rows older than keep-days, then all but the newest max-rows of each table, in one transaction. */
    public Pruned prune(Instant now) {
        String cutoff = now.minus(Duration.ofDays(keepDays)).toString();
        return db.inTransaction(c -> {
            int log = delete(c, "DELETE FROM query_log WHERE ts < ?", cutoff)
                    + delete(c, "DELETE FROM query_log WHERE id <= (SELECT id FROM query_log ORDER BY id DESC LIMIT 1 OFFSET ?)",
                    maxRows);
            int answers = delete(c, "DELETE FROM answers WHERE created_at < ?", cutoff)
                    // answer ids are random (unguessable button data), so "newest" is by creation time
                    + delete(c, "DELETE FROM answers WHERE id IN (SELECT id FROM answers ORDER BY created_at DESC, id DESC "
                    + "LIMIT -1 OFFSET ?)", maxRows);
            // ON DELETE CASCADE needs foreign_keys=ON on this connection; explicit, so votes never outlive answers.
            try (var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM feedback WHERE answer_id NOT IN (SELECT id FROM answers)");
            }
            return new Pruned(log, answers);
        });
    }

    private static int delete(java.sql.Connection c, String sql, Object param) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, param);
            return ps.executeUpdate();
        }
    }
}
