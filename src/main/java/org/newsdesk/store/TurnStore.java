package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Conversation turns (question, the search query it became, the answer) per conversation. A conversation is a chat,
 * and within a group chat one user's thread: {@code userId} is 0 for a private chat's single thread.
 */
public final class TurnStore {
    public record Turn(Instant ts, String question, String searchQuery, String answer, boolean abstained) {
    }

    private final Database db;

    public TurnStore(Database db) {
        this.db = db;
    }

    public void append(long chatId, long userId, Turn turn) {
        db.update("INSERT INTO conversation_turns(chat_id, user_id, ts, question, search_query, answer, abstained) "
                        + "VALUES (?,?,?,?,?,?,?)", chatId, userId, turn.ts().toString(), turn.question(),
                turn.searchQuery(), turn.answer(), turn.abstained() ? 1 : 0);
    }

    /** The last {@code limit} turns of one conversation, oldest first. */
    public List<Turn> last(long chatId, long userId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.with(c -> {
            List<Turn> turns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, question, search_query, answer, abstained "
                    + "FROM conversation_turns WHERE chat_id=? AND user_id=? ORDER BY id DESC LIMIT ?")) {
                Database.bind(ps, chatId, userId, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        turns.add(new Turn(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5) != 0));
                    }
                }
            }
            Collections.reverse(turns);
            return turns;
        });
    }

    /** Keeps only the newest {@code keep} turns of one conversation. */
    public void trim(long chatId, long userId, int keep) {
        db.update("DELETE FROM conversation_turns WHERE chat_id=? AND user_id=? AND id NOT IN "
                + "(SELECT id FROM conversation_turns WHERE chat_id=? AND user_id=? ORDER BY id DESC LIMIT ?)",
                chatId, userId, chatId, userId, Math.max(0, keep));
    }

    /** Forgets one conversation; returns the number of turns removed. */
    public int clear(long chatId, long userId) {
        return db.update("DELETE FROM conversation_turns WHERE chat_id=? AND user_id=?", chatId, userId);
    }
}
