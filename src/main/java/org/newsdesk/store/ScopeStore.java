package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The archives chats were given with /scope: per chat, the source names it may see, or "all" (unrestricted, which
 * overrides a restriction in the config). A chat without a row follows the config.
 */
public final class ScopeStore {
    /** Stored for /scope all. */
    public static final String ALL = "*";

    private final Database db;

    public ScopeStore(Database db) {
        this.db = db;
    }

    /** The chat's stored scope: empty when none, a list holding only {@link #ALL} for "all". */
    public Optional<List<String>> get(long chatId) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sources FROM chat_scopes WHERE chat_id=?")) {
                Database.bind(ps, chatId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(split(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Every stored scope, by chat. */
    public Map<Long, List<String>> all() {
        return db.with(c -> {
            Map<Long, List<String>> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT chat_id, sources FROM chat_scopes");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), split(rs.getString(2)));
                }
            }
            return out;
        });
    }

    public void put(long chatId, List<String> sources, Instant at) {
        db.update("INSERT INTO chat_scopes(chat_id, sources, updated_at) VALUES (?,?,?) ON CONFLICT(chat_id) DO UPDATE "
                + "SET sources=excluded.sources, updated_at=excluded.updated_at", chatId, String.join("\n", sources),
                at.toString());
    }

    /** When the chat last got a digest, if ever. */
    public Optional<Instant> lastDigest(long chatId) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_at FROM chat_digests WHERE chat_id=?")) {
                Database.bind(ps, chatId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    public void digestSent(long chatId, Instant at) {
        db.update("INSERT INTO chat_digests(chat_id, last_at) VALUES (?,?) ON CONFLICT(chat_id) DO UPDATE "
                + "SET last_at=excluded.last_at", chatId, at.toString());
    }

    /** A group upgraded to a supergroup keeps its archive and digest state. */
    public void migrateChat(long oldChatId, long newChatId) {
        db.update("UPDATE chat_scopes SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
        db.update("UPDATE chat_digests SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }
}
