package org.newsdesk.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQLite database (WAL mode) with versioned migrations. One connection, serialised: SQLite allows one
 * writer at a time anyway, and our writes are small (a row per question or per file).
 */
public final class Database implements AutoCloseable {
    /**
     * Schema migrations, applied in order; index i brings the schema to version i + 1. Append only: a released
     * migration is never edited, so every existing database can be brought forward.
     */
    static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE source_files (
              path        TEXT PRIMARY KEY,
              content_hash TEXT NOT NULL,
              article_ids TEXT NOT NULL,
              passages    INTEGER NOT NULL,
              indexed_at  TEXT NOT NULL
            );
            CREATE TABLE query_log (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              ts          TEXT NOT NULL,
              chat_id     INTEGER NOT NULL,
              user_id     INTEGER NOT NULL,
              question    TEXT NOT NULL,
              abstained   INTEGER NOT NULL,
              cited_article_ids TEXT NOT NULL,
              latency_ms  INTEGER NOT NULL
            );
            CREATE INDEX query_log_ts ON query_log(ts);
            CREATE TABLE index_runs (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              started_at  TEXT NOT NULL,
              finished_at TEXT,
              status      TEXT NOT NULL,
              added       INTEGER NOT NULL DEFAULT 0,
              updated     INTEGER NOT NULL DEFAULT 0,
              removed     INTEGER NOT NULL DEFAULT 0,
              skipped     INTEGER NOT NULL DEFAULT 0,
              articles    INTEGER NOT NULL DEFAULT 0,
              passages    INTEGER NOT NULL DEFAULT 0,
              message     TEXT
            );
            CREATE TABLE admin_events (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              ts          TEXT NOT NULL,
              chat_id     INTEGER NOT NULL,
              user_id     INTEGER NOT NULL,
              command     TEXT NOT NULL,
              allowed     INTEGER NOT NULL
            );
            """,
            // Telegram transport: answers that carry source/feedback buttons, votes, and the update offset.
            """
            CREATE TABLE answers (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              chat_id     INTEGER NOT NULL,
              user_id     INTEGER NOT NULL,
              question    TEXT NOT NULL,
              answer      TEXT NOT NULL,
              citations   TEXT NOT NULL,
              created_at  TEXT NOT NULL
            );
            CREATE INDEX answers_chat ON answers(chat_id);
            CREATE TABLE feedback (
              answer_id   INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
              user_id     INTEGER NOT NULL,
              vote        INTEGER NOT NULL,
              ts          TEXT NOT NULL,
              PRIMARY KEY (answer_id, user_id)
            );
            CREATE TABLE telegram_state (
              key         TEXT PRIMARY KEY,
              value       TEXT NOT NULL
            );
            """,
            // Conversation memory (ConversationMemory / TurnStore): the last turns per chat, per user in a group.
            """
            CREATE TABLE conversation_turns (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              chat_id     INTEGER NOT NULL,
              user_id     INTEGER NOT NULL,
              ts          TEXT NOT NULL,
              question    TEXT NOT NULL,
              search_query TEXT NOT NULL,
              answer      TEXT NOT NULL,
              abstained   INTEGER NOT NULL
            );
            CREATE INDEX conversation_turns_chat ON conversation_turns(chat_id, user_id, id);
            """,
            // Followed sources (SourceStateStore): per-source fetch state, and every article fetched from the web.
            """
            CREATE TABLE source_state (
              name          TEXT PRIMARY KEY,
              etag          TEXT,
              last_modified TEXT,
              last_run      TEXT,
              last_success  TEXT,
              last_added    INTEGER NOT NULL DEFAULT 0,
              last_updated  INTEGER NOT NULL DEFAULT 0,
              last_error    TEXT,
              failures      INTEGER NOT NULL DEFAULT 0,
              next_retry    TEXT
            );
            CREATE TABLE web_articles (
              canonical_url TEXT PRIMARY KEY,
              source        TEXT NOT NULL,
              link_url      TEXT NOT NULL,
              article_id    TEXT NOT NULL,
              file          TEXT NOT NULL,
              content_hash  TEXT NOT NULL,
              etag          TEXT,
              last_modified TEXT,
              fetched_at    TEXT NOT NULL,
              listed_date   TEXT
            );
            CREATE INDEX web_articles_link ON web_articles(link_url);
            CREATE INDEX web_articles_hash ON web_articles(content_hash);
            CREATE INDEX web_articles_source ON web_articles(source);
            """,
            // Durable queue of incoming transport updates (UpdateQueue): an update is acknowledged to Telegram only
            // once it is here, and it stays pending until handled, so a crash or restart loses none.
            """
            CREATE TABLE update_queue (
              update_id   INTEGER PRIMARY KEY,
              payload     TEXT NOT NULL,
              received_at INTEGER NOT NULL,
              done_at     INTEGER
            );
            CREATE INDEX update_queue_pending ON update_queue(done_at, update_id);
            -- answer ids are random since this version: age order (history pruning) is by created_at
            CREATE INDEX answers_created ON answers(created_at);
            """,
            // Durable outbox of replies (OutboxStore): a reply is stored, with the update it answers, before the first
            // send attempt and deleted once Telegram accepted it, so an outage or a restart loses none. answered_at
            // marks an update whose replies are all staged: after a restart it is not answered again, its replies
            // are sent from here. An edit names the row of the message it edits until that one was sent (then
            // message_id holds Telegram's id).
            """
            CREATE TABLE outbox (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              update_id   INTEGER NOT NULL,
              chat_id     INTEGER NOT NULL,
              is_group    INTEGER NOT NULL,
              priority    INTEGER NOT NULL,
              kind        TEXT NOT NULL,
              payload     TEXT NOT NULL,
              target_row  INTEGER,
              message_id  INTEGER,
              created_at  INTEGER NOT NULL
            );
            CREATE INDEX outbox_target ON outbox(target_row);
            ALTER TABLE update_queue ADD COLUMN answered_at INTEGER;
            """,
            // The news desk (issue 25): a chat's archive set by /scope ('*' = unrestricted, else source names, one a
            // line) and when the chat last got a digest (the next /latest starts there).
            """
            CREATE TABLE chat_scopes (
              chat_id    INTEGER PRIMARY KEY,
              sources    TEXT NOT NULL,
              updated_at TEXT NOT NULL
            );
            CREATE TABLE chat_digests (
              chat_id INTEGER PRIMARY KEY,
              last_at TEXT NOT NULL
            );
            """,
            // Topic alerts (issue 25): a chat's followed topics (/follow), the articles already alerted to it (never
            // twice) and its alert messages per UTC day (alerts.max-per-day).
            """
            CREATE TABLE alert_topics (
              id         INTEGER PRIMARY KEY AUTOINCREMENT,
              chat_id    INTEGER NOT NULL,
              topic      TEXT NOT NULL,
              created_at TEXT NOT NULL
            );
            CREATE INDEX alert_topics_chat ON alert_topics(chat_id);
            CREATE TABLE alert_sent (
              chat_id    INTEGER NOT NULL,
              article_id TEXT NOT NULL,
              sent_at    TEXT NOT NULL,
              PRIMARY KEY (chat_id, article_id)
            );
            CREATE TABLE alert_days (
              chat_id  INTEGER NOT NULL,
              day      TEXT NOT NULL,
              messages INTEGER NOT NULL,
              PRIMARY KEY (chat_id, day)
            );
            """
    );

    private final Path file;
    private final Connection connection;
    /** Fault suite only: when set, every use of the connection fails with it (disk full, I/O error ...). */
    private volatile SQLException injectedFault;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory for " + file + ": " + e.getMessage(), e);
        }
        // Two processes starting on a fresh file (the bot and `newsdesk index`): switching it to WAL takes a lock for
        // which SQLite may answer "locked" at once, without waiting out busy_timeout (it avoids a deadlock that way).
        // Opening again a moment later finds the file in WAL mode; other errors are not retried.
        long deadline = System.nanoTime() + OPEN_RETRY_NANOS;
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            try {
                c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                try (Statement s = c.createStatement()) {
                    // busy_timeout first: switching a fresh file to WAL needs a lock another starting process may hold
                    s.execute("PRAGMA busy_timeout=5000");
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA foreign_keys=ON");
                }
                Database db = new Database(file, c);
                db.migrate();
                return db;
            } catch (SQLException e) {
                closeQuietly(c);
                if (!isBusy(e) || System.nanoTime() > deadline) {
                    throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(Math.min(200, 10L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while opening database " + file, ie);
                }
            }
        }
    }

    private static final long OPEN_RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private static boolean isBusy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked");
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the failure being reported is the open's
            }
        }
    }

    /** An in-memory database for tools that need no persistence. */
    public static Database inMemory() {
        try {
            Database db = new Database(Path.of(":memory:"), DriverManager.getConnection("jdbc:sqlite::memory:"));
            db.migrate();
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open in-memory database: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized int schemaVersion() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("read schema version", e);
        }
    }

    /**
     * Brings the schema up to date in one exclusive transaction. Two processes starting on a fresh data directory
     * both saw version 0 and both ran the first migration ("table already exists", issue 16): now the version is
     * read again after {@code BEGIN IMMEDIATE} has taken the write lock, so the second finds the work done.
     */
    private synchronized void migrate() throws SQLException {
        if (checkVersion(schemaVersion()) == MIGRATIONS.size()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = checkVersion(rs.next() ? rs.getInt(1) : 0);
                }
                for (int v = version; v < MIGRATIONS.size(); v++) {
                    for (String sql : SqlStatements.split(MIGRATIONS.get(v))) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + MIGRATIONS.size());
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static int checkVersion(int version) throws SQLException {
        if (version > MIGRATIONS.size()) {
            throw new SQLException("database schema version " + version + " is newer than this program supports ("
                    + MIGRATIONS.size() + "); use a newer Newsdesk");
        }
        return version;
    }

    /** Runs {@code work} with the connection, serialised with every other use. */
    public synchronized <T> T with(SqlWork<T> work) {
        try {
            throwInjectedFault();
            return work.run(connection);
        } catch (SQLException e) {
            throw failure("query", e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none. */
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            throwInjectedFault();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("transaction", e);
        }
    }

    /** Executes one update statement with positional parameters. */
    public int update(String sql, Object... params) {
        return with(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Makes every following use of the database fail with {@code fault} (null clears it). For the fault suite: it
     * simulates a full disk or an I/O error at the store boundary, where a tiny tmpfs is not available.
     */
    public void injectFault(SQLException fault) {
        this.injectedFault = fault;
    }

    private void throwInjectedFault() throws SQLException {
        SQLException f = injectedFault;
        if (f != null) {
            throw new SQLException(f.getMessage(), f.getSQLState(), f.getErrorCode());
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("database " + file + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
