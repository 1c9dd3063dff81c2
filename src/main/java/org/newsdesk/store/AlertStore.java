package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topic alerts: the topics each chat follows (with the ids /following shows and /unfollow takes), the articles
 * already alerted to a chat (an article is never alerted twice) and how many alert messages a chat got per UTC day.
 */
public final class AlertStore {
    /** One followed topic. */
    public record Topic(long id, long chatId, String topic, Instant createdAt) {
    }

    private final Database db;

    public AlertStore(Database db) {
        this.db = db;
    }

    /** Adds a topic unless the chat already follows {@code max}; returns the new id, or -1 when at the limit. */
    public long add(long chatId, String topic, int max, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM alert_topics WHERE chat_id=?")) {
                Database.bind(count, chatId);
                try (ResultSet rs = count.executeQuery()) {
                    if (rs.next() && rs.getInt(1) >= max) {
                        return -1L;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_topics(chat_id, topic, created_at) "
                    + "VALUES (?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                Database.bind(ps, chatId, topic, at.toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** The chat's topics, oldest first. */
    public List<Topic> topics(long chatId) {
        return query("SELECT id, chat_id, topic, created_at FROM alert_topics WHERE chat_id=? ORDER BY id", chatId);
    }

    /** Every followed topic, by chat (chats in the order of their first topic). */
    public Map<Long, List<Topic>> byChat() {
        Map<Long, List<Topic>> out = new LinkedHashMap<>();
        for (Topic t : query("SELECT id, chat_id, topic, created_at FROM alert_topics ORDER BY id")) {
            out.computeIfAbsent(t.chatId(), k -> new ArrayList<>()).add(t);
        }
        return out;
    }

    /** Removes the chat's topic {@code id}; false when the chat has no such topic. */
    public boolean remove(long chatId, long id) {
        return db.update("DELETE FROM alert_topics WHERE chat_id=? AND id=?", chatId, id) > 0;
    }

    /** Drops every topic of the chat (it blocked the bot); returns how many. */
    public int dropChat(long chatId) {
        return db.update("DELETE FROM alert_topics WHERE chat_id=?", chatId);
    }

    /** The articles among {@code articleIds} already alerted to the chat. */
    public Set<String> alreadySent(long chatId, Collection<String> articleIds) {
        Set<String> wanted = new HashSet<>(articleIds);
        return db.with(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT article_id FROM alert_sent WHERE chat_id=?")) {
                Database.bind(ps, chatId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (wanted.contains(rs.getString(1))) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Alert messages the chat got on {@code day}. */
    public int messagesOn(long chatId, LocalDate day) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT messages FROM alert_days WHERE chat_id=? AND day=?")) {
                Database.bind(ps, chatId, day.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /**
     * Records one alert message to the chat: its articles (never alerted again) and the day's count, in one
     * transaction, so a crash cannot count a message without its articles or the other way round.
     */
    public void recordAlert(long chatId, Collection<String> articleIds, LocalDate day, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO alert_sent(chat_id, article_id, sent_at) VALUES (?,?,?)")) {
                for (String id : articleIds) {
                    Database.bind(ps, chatId, id, at.toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_days(chat_id, day, messages) VALUES "
                    + "(?,?,1) ON CONFLICT(chat_id, day) DO UPDATE SET messages = messages + 1")) {
                Database.bind(ps, chatId, day.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets per-day counts and alerted articles older than {@code before} (they cannot come back as new). */
    public int prune(Instant before, LocalDate dayBefore) {
        return db.update("DELETE FROM alert_sent WHERE sent_at < ?", before.toString())
                + db.update("DELETE FROM alert_days WHERE day < ?", dayBefore.toString());
    }

    /** A group upgraded to a supergroup keeps its topics and what it was sent. */
    public void migrateChat(long oldChatId, long newChatId) {
        db.update("UPDATE alert_topics SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
        db.update("UPDATE OR IGNORE alert_sent SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
        db.update("UPDATE OR IGNORE alert_days SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
    }

    private List<Topic> query(String sql, Object... params) {
        return db.with(c -> {
            List<Topic> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Database.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Topic(rs.getLong(1), rs.getLong(2), rs.getString(3), Instant.parse(rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }
}
