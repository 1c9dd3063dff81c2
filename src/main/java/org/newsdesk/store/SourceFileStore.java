package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Index bookkeeping: which corpus files are in the live index, with which content hash. */
public final class SourceFileStore {
    /** One indexed source file. */
    public record Row(String path, String contentHash, List<String> articleIds, int passages, Instant indexedAt) {
    }

    private final Database db;

    public SourceFileStore(Database db) {
        this.db = db;
    }

    public Map<String, Row> all() {
        return db.with(c -> {
            Map<String, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT path, content_hash, article_ids, passages, indexed_at FROM source_files ORDER BY path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ids = rs.getString(3);
                    rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2),
                            ids.isEmpty() ? List.of() : Arrays.asList(ids.split("\n")),
                            rs.getInt(4), Instant.parse(rs.getString(5))));
                }
            }
            return rows;
        });
    }

    /** Applies one reindex's outcome atomically: upserts the rows written and deletes the paths removed. */
    public void apply(Collection<Row> upserts, Collection<String> removedPaths) {
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "INSERT INTO source_files(path, content_hash, article_ids, passages, indexed_at) VALUES (?,?,?,?,?) "
                            + "ON CONFLICT(path) DO UPDATE SET content_hash=excluded.content_hash, "
                            + "article_ids=excluded.article_ids, passages=excluded.passages, indexed_at=excluded.indexed_at");
                 PreparedStatement del = c.prepareStatement("DELETE FROM source_files WHERE path = ?")) {
                for (Row r : upserts) {
                    Database.bind(up, r.path(), r.contentHash(), String.join("\n", r.articleIds()), r.passages(),
                            r.indexedAt().toString());
                    up.addBatch();
                }
                up.executeBatch();
                for (String p : removedPaths) {
                    del.setString(1, p);
                    del.addBatch();
                }
                del.executeBatch();
            }
            return null;
        });
    }

    /** Replaces every row with {@code rows} in one transaction: the bookkeeping of the generation that went live. */
    public void replaceAll(Collection<Row> rows) {
        db.inTransaction(c -> {
            try (PreparedStatement clear = c.prepareStatement("DELETE FROM source_files");
                 PreparedStatement up = c.prepareStatement(
                         "INSERT INTO source_files(path, content_hash, article_ids, passages, indexed_at) VALUES (?,?,?,?,?)")) {
                clear.executeUpdate();
                for (Row r : rows) {
                    Database.bind(up, r.path(), r.contentHash(), String.join("\n", r.articleIds()), r.passages(),
                            r.indexedAt().toString());
                    up.addBatch();
                }
                up.executeBatch();
            }
            return null;
        });
    }

    /** Forgets everything (before a full rebuild). */
    public void clear() {
        db.update("DELETE FROM source_files");
    }

    public List<String> paths() {
        return new ArrayList<>(all().keySet());
    }
}
