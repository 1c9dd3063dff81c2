package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** A row per reindex: when, how it ended, and what it changed. */
public final class IndexRunLog {
    public record Run(long id, Instant startedAt, Instant finishedAt, String status, int added, int updated,
                      int removed, int skipped, int articles, int passages, String message) {
    }

    private final Database db;

    public IndexRunLog(Database db) {
        this.db = db;
    }

    public long start(Instant at) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO index_runs(started_at, status) VALUES (?, 'running')",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, at.toString());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void finish(long id, Instant at, String status, int added, int updated, int removed, int skipped,
                       int articles, int passages, String message) {
        db.update("UPDATE index_runs SET finished_at=?, status=?, added=?, updated=?, removed=?, skipped=?, articles=?, "
                + "passages=?, message=? WHERE id=?", at.toString(), status, added, updated, removed, skipped, articles,
                passages, message, id);
    }

    /**
     * Marks every run still recorded as running as interrupted. Call only while holding the reindex lock: then no
     * run can really be in progress, and a "running" row is one whose process was killed.
     *
     * @return how many rows were marked
     */
    public int markInterrupted(Instant at) {
        return db.update("UPDATE index_runs SET status='interrupted', finished_at=?, "
                + "message='the process ended during this reindex (killed or crashed); the previous index kept serving' "
                + "WHERE status='running'", at.toString());
    }

    /** The most recent finished run that succeeded. */
    public Optional<Run> lastSuccessful() {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, started_at, finished_at, status, added, updated, removed, skipped, articles, passages, message "
                            + "FROM index_runs WHERE status='ok' ORDER BY id DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Run(rs.getLong(1), Instant.parse(rs.getString(2)),
                        rs.getString(3) == null ? null : Instant.parse(rs.getString(3)), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getString(11)));
            }
        });
    }
}
