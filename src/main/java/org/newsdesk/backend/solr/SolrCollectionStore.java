package org.newsdesk.backend.solr;

import org.newsdesk.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SolrCloud collections our reindexes created, and which one an alias serves ({@code state = 'live'}): building,
 * live, retired (the alias moved away; deleted), failed. With each collection, the build settings it was made with
 * (embedding model, passage settings), the SolrCloud counterpart of a Lucene generation's commit metadata.
 * <p>
 * Its table is created here on first use rather than as a numbered migration: only the Solr backend needs it, and
 * other tables' migrations stay untouched.
 */
public final class SolrCollectionStore {
    public record Row(String collection, String alias, String state, Map<String, String> settings, Instant updatedAt) {
    }

    private final Database db;

    public SolrCollectionStore(Database db) {
        this.db = db;
        db.update("""
                CREATE TABLE IF NOT EXISTS solr_collections (
                  collection  TEXT PRIMARY KEY,
                  alias       TEXT NOT NULL,
                  state       TEXT NOT NULL,
                  settings    TEXT NOT NULL,
                  updated_at  TEXT NOT NULL
                )""");
    }

    /** A new collection is being filled for {@code alias}; nothing serves from it yet. */
    public void building(String collection, String alias, Instant at) {
        db.update("INSERT OR REPLACE INTO solr_collections(collection, alias, state, settings, updated_at) VALUES (?, ?, "
                + "'building', '', ?)", collection, alias, at.toString());
    }

    /** How a collection was built; recorded before the alias moves, so that its first reader already sees it. */
    public void settings(String collection, Map<String, String> settings, Instant at) {
        db.update("UPDATE solr_collections SET settings=?, updated_at=? WHERE collection=?", encode(settings),
                at.toString(), collection);
    }

    /** The alias now points at {@code collection}: it is live, the previously live one is retired. */
    public void live(String collection, String alias, Map<String, String> settings, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement retire = c.prepareStatement(
                    "UPDATE solr_collections SET state='retired', updated_at=? WHERE alias=? AND state='live' AND collection<>?");
                 PreparedStatement live = c.prepareStatement("INSERT OR REPLACE INTO solr_collections(collection, alias, "
                         + "state, settings, updated_at) VALUES (?, ?, 'live', ?, ?)")) {
                retire.setString(1, at.toString());
                retire.setString(2, alias);
                retire.setString(3, collection);
                retire.executeUpdate();
                live.setString(1, collection);
                live.setString(2, alias);
                live.setString(3, encode(settings));
                live.setString(4, at.toString());
                live.executeUpdate();
            }
            return null;
        });
    }

    /** A build that failed (its collection deleted, or left for the next reindex to delete). */
    public void failed(String collection, Instant at) {
        db.update("UPDATE solr_collections SET state='failed', updated_at=? WHERE collection=?", at.toString(), collection);
    }

    /** A retired or failed collection was deleted from the cluster. */
    public void deleted(String collection) {
        db.update("DELETE FROM solr_collections WHERE collection=? AND state<>'live'", collection);
    }

    public Optional<Row> live(String alias) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT collection, alias, state, settings, updated_at "
                    + "FROM solr_collections WHERE alias=? AND state='live'")) {
                ps.setString(1, alias);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty();
                }
            }
        });
    }

    public Optional<Row> get(String collection) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT collection, alias, state, settings, updated_at "
                    + "FROM solr_collections WHERE collection=?")) {
                ps.setString(1, collection);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty();
                }
            }
        });
    }

    /** Collections of the alias that are neither live nor being built by a running reindex. */
    public java.util.List<String> leftovers(String alias) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT collection FROM solr_collections WHERE alias=? AND state IN ('retired', 'failed', 'building')")) {
                ps.setString(1, alias);
                java.util.List<String> names = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            }
        });
    }

    private static Row row(ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), decode(rs.getString(4)),
                Instant.parse(rs.getString(5)));
    }

    /** One key=value per line; keys and values are our own settings (no newlines). */
    private static String encode(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }
}
