package org.newsdesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers sent with buttons (so a later button press can show a cited passage or record a vote), and the
 * votes: one per user per answer, changeable.
 */
public final class AnswerStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One citation as the store keeps it: plain columns, so the store needs no answer types (the chat layer maps
     * its citations to and from these rows). The JSON written for a row is the one written before this record
     * existed; {@code alsoIn} is written only when non-empty, so rows without wire copies are byte-identical.
     */
    public record CitationRow(int n, String articleId, String title, String source, String url, LocalDate published,
                              String passageId, String passage, List<CopyRow> alsoIn) {
        public CitationRow {
            alsoIn = alsoIn == null ? List.of() : List.copyOf(alsoIn);
        }
    }

    /** Another outlet's copy of a cited passage, as stored under its citation row. */
    public record CopyRow(String articleId, String source, String title, String url, LocalDate published) {
    }

    /** A stored answer. */
    public record StoredAnswer(long id, long chatId, long userId, String question, String answer,
                               List<CitationRow> citations, Instant createdAt) {
        public Optional<CitationRow> citation(int n) {
            return citations.stream().filter(c -> c.n() == n).findFirst();
        }
    }

    /** What a vote did. */
    public enum VoteOutcome { RECORDED, CHANGED, UNCHANGED }

    /** Votes over all answers. */
    public record FeedbackCounts(long up, long down) {
    }

    private final Database db;

    public AnswerStore(Database db) {
        this.db = db;
    }

    /**
     * Stores an answer; returns its id. Ids are random (positive, 53 bits: they travel in button data and stay
     * exact as JSON numbers), not sequential, so a crafted button cannot reach another chat's answer by guessing.
     */
    public long save(long chatId, long userId, String question, String answer, List<CitationRow> citations, Instant at) {
        String json = citationsJson(citations);
        return db.with(c -> {
            for (int attempt = 0; ; attempt++) {
                long id = 1 + (RANDOM.nextLong() >>> 11);
                try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO answers(id, chat_id, user_id, "
                        + "question, answer, citations, created_at) VALUES (?,?,?,?,?,?,?)")) {
                    Database.bind(ps, id, chatId, userId, question, answer, json, at.toString());
                    if (ps.executeUpdate() == 1) {
                        return id;
                    }
                }
                if (attempt == 5) {
                    throw new java.sql.SQLException("no free answer id after " + (attempt + 1) + " attempts");
                }
            }
        });
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    public Optional<StoredAnswer> find(long id) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, chat_id, user_id, question, answer, citations, "
                    + "created_at FROM answers WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredAnswer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), parseCitations(rs.getString(6)), Instant.parse(rs.getString(7))));
                }
            }
        });
    }

    /** Records {@code userId}'s vote (+1 or -1) on an answer, replacing an earlier one. The answer must exist. */
    public VoteOutcome vote(long answerId, long userId, int vote, Instant at) {
        if (vote != 1 && vote != -1) {
            throw new IllegalArgumentException("vote must be +1 or -1");
        }
        return db.inTransaction(c -> {
            Integer previous = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT vote FROM feedback WHERE answer_id=? AND user_id=?")) {
                Database.bind(ps, answerId, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        previous = rs.getInt(1);
                    }
                }
            }
            if (previous != null && previous == vote) {
                return VoteOutcome.UNCHANGED;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feedback(answer_id, user_id, vote, ts) VALUES "
                    + "(?,?,?,?) ON CONFLICT(answer_id, user_id) DO UPDATE SET vote=excluded.vote, ts=excluded.ts")) {
                Database.bind(ps, answerId, userId, vote, at.toString());
                ps.executeUpdate();
            }
            return previous == null ? VoteOutcome.RECORDED : VoteOutcome.CHANGED;
        });
    }

    /** The vote of one user on one answer: +1, -1, or 0 for none. */
    public int voteOf(long answerId, long userId) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT vote FROM feedback WHERE answer_id=? AND user_id=?")) {
                Database.bind(ps, answerId, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    public FeedbackCounts feedbackCounts() {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(sum(vote = 1), 0), coalesce(sum(vote = -1), 0) FROM feedback");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new FeedbackCounts(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /** A group became a supergroup with a new id: its answers (and so their buttons) follow it. */
    public int migrateChat(long oldChatId, long newChatId) {
        return db.update("UPDATE answers SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
    }

    static String citationsJson(List<CitationRow> citations) {
        ArrayNode arr = JSON.createArrayNode();
        for (CitationRow c : citations) {
            ObjectNode o = arr.addObject();
            o.put("n", c.n());
            o.put("articleId", c.articleId());
            o.put("title", c.title());
            o.put("source", c.source());
            o.put("url", c.url());
            o.put("published", c.published() == null ? null : c.published().toString());
            o.put("passageId", c.passageId());
            o.put("passage", c.passage());
            if (!c.alsoIn().isEmpty()) {
                ArrayNode copies = o.putArray("alsoIn");
                for (CopyRow w : c.alsoIn()) {
                    ObjectNode wo = copies.addObject();
                    wo.put("articleId", w.articleId());
                    wo.put("source", w.source());
                    wo.put("title", w.title());
                    wo.put("url", w.url());
                    wo.put("published", w.published() == null ? null : w.published().toString());
                }
            }
        }
        try {
            return JSON.writeValueAsString(arr);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise citations: " + e.getMessage(), e);
        }
    }

    static List<CitationRow> parseCitations(String json) {
        try {
            List<CitationRow> out = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                List<CopyRow> copies = new ArrayList<>();
                for (JsonNode w : o.path("alsoIn")) { // absent in rows written before wire copies were kept
                    copies.add(new CopyRow(text(w, "articleId"), text(w, "source"), text(w, "title"), text(w, "url"),
                            date(w)));
                }
                out.add(new CitationRow(o.path("n").asInt(), text(o, "articleId"), text(o, "title"),
                        text(o, "source"), text(o, "url"), date(o), text(o, "passageId"), text(o, "passage"), copies));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new StoreException("stored citations are not valid JSON: " + e.getMessage(), e);
        }
    }

    private static LocalDate date(JsonNode o) {
        String published = text(o, "published");
        return published == null ? null : LocalDate.parse(published);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
