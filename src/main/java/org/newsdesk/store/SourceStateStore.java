package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the sources stage remembers between syncs: per source its validators (ETag, Last-Modified), last run, counts,
 * last error and when a failed source may be tried again; per fetched article its canonical URL, file and hash.
 */
public final class SourceStateStore {
    private final Database db;

    public SourceStateStore(Database db) {
        this.db = db;
    }

    /**
     * One source's state. Instants are null when the event never happened.
     *
     * @param failures consecutive failed runs (0 after a success); drives the backoff
     */
    public record State(String name, String etag, String lastModified, Instant lastRun, Instant lastSuccess,
                        int lastAdded, int lastUpdated, String lastError, int failures, Instant nextRetry) {
        public static State empty(String name) {
            return new State(name, null, null, null, null, 0, 0, null, 0, null);
        }
    }

    /**
     * One article fetched from the web, stored as one file under the data directory.
     *
     * @param listedDate the date the feed or sitemap gave the link when it was fetched (null: none); a new date
     *                   there means the article changed
     */
    public record WebArticle(String canonicalUrl, String source, String linkUrl, String articleId, String file,
                             String contentHash, String etag, String lastModified, Instant fetchedAt,
                             Instant listedDate) {
    }

    public State state(String name) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT etag, last_modified, last_run, last_success, "
                    + "last_added, last_updated, last_error, failures, next_retry FROM source_state WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return State.empty(name);
                    }
                    return new State(name, rs.getString(1), rs.getString(2), instant(rs.getString(3)),
                            instant(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getInt(8),
                            instant(rs.getString(9)));
                }
            }
        });
    }

    public void save(State s) {
        db.update("INSERT INTO source_state(name, etag, last_modified, last_run, last_success, last_added, last_updated, "
                        + "last_error, failures, next_retry) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
                        + "etag = excluded.etag, last_modified = excluded.last_modified, last_run = excluded.last_run, "
                        + "last_success = excluded.last_success, last_added = excluded.last_added, "
                        + "last_updated = excluded.last_updated, last_error = excluded.last_error, "
                        + "failures = excluded.failures, next_retry = excluded.next_retry",
                s.name(), s.etag(), s.lastModified(), text(s.lastRun()), text(s.lastSuccess()), s.lastAdded(),
                s.lastUpdated(), s.lastError(), s.failures(), text(s.nextRetry()));
    }

    public Optional<WebArticle> byCanonical(String canonicalUrl) {
        return one("canonical_url = ?", canonicalUrl);
    }

    public Optional<WebArticle> byLink(String linkUrl) {
        return one("link_url = ?", linkUrl);
    }

    public Optional<WebArticle> byContentHash(String contentHash) {
        return one("content_hash = ?", contentHash);
    }

    /** The articles a source has stored. */
    public List<WebArticle> bySource(String source) {
        return many("source = ?", source);
    }

    public int countBySource(String source) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM web_articles WHERE source = ?")) {
                ps.setString(1, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    public void put(WebArticle a) {
        db.update("INSERT INTO web_articles(canonical_url, source, link_url, article_id, file, content_hash, etag, "
                        + "last_modified, fetched_at, listed_date) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(canonical_url) DO UPDATE SET "
                        + "source = excluded.source, link_url = excluded.link_url, article_id = excluded.article_id, "
                        + "file = excluded.file, content_hash = excluded.content_hash, etag = excluded.etag, "
                        + "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
                        + "listed_date = excluded.listed_date",
                a.canonicalUrl(), a.source(), a.linkUrl(), a.articleId(), a.file(), a.contentHash(), a.etag(),
                a.lastModified(), text(a.fetchedAt()), text(a.listedDate()));
    }

    public void remove(String canonicalUrl) {
        db.update("DELETE FROM web_articles WHERE canonical_url = ?", canonicalUrl);
    }

    private Optional<WebArticle> one(String where, String value) {
        List<WebArticle> rows = many(where, value);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<WebArticle> many(String where, String value) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT canonical_url, source, link_url, article_id, file, "
                    + "content_hash, etag, last_modified, fetched_at, listed_date FROM web_articles WHERE " + where
                    + " ORDER BY canonical_url")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    List<WebArticle> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static WebArticle row(ResultSet rs) throws SQLException {
        return new WebArticle(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), instant(rs.getString(9)), instant(rs.getString(10)));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
