package org.newsdesk.chat;

import org.newsdesk.store.TurnStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The last N turns of each conversation, in SQLite so they survive a restart. A conversation is one chat, and in a
 * group one user's thread in that chat: turns are always read and written with both ids, so one chat's (or user's)
 * memory never reaches another's query or prompt.
 */
public final class ConversationMemory {
    /** Stored answers are cut to this length: enough to resolve a reference, small in the database. */
    static final int ANSWER_CHARS = 600;

    private final TurnStore store;
    private final int turns;
    private final Clock clock;

    public ConversationMemory(TurnStore store, int turns, Clock clock) {
        this.store = store;
        this.turns = turns;
        this.clock = clock;
    }

    public boolean enabled() {
        return turns > 0;
    }

    /** The remembered turns, oldest first. */
    public List<TurnStore.Turn> history(long chatId, long userId) {
        return store.last(chatId, userId, turns);
    }

    public void remember(long chatId, long userId, String question, String searchQuery, String answer,
                         boolean abstained) {
        if (!enabled()) {
            return;
        }
        String a = answer == null ? "" : answer;
        if (a.length() > ANSWER_CHARS) {
            a = a.substring(0, ANSWER_CHARS) + "…";
        }
        store.append(chatId, userId, new TurnStore.Turn(Instant.now(clock), question, searchQuery, a, abstained));
        store.trim(chatId, userId, turns);
    }

    /** Forgets one conversation; returns how many turns were forgotten. */
    public int reset(long chatId, long userId) {
        return store.clear(chatId, userId);
    }
}
