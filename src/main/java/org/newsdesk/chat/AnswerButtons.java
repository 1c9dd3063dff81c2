package org.newsdesk.chat;

import org.newsdesk.answer.Citation;
import org.newsdesk.store.AnswerStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The buttons under an answer, transport-neutral: "[n]" shows cited passage n, 👍/👎 record the presser's vote
 * (one per user per answer, changeable). Button data is short text referring to the stored answer's id, always
 * within Telegram's 64-byte callback_data limit.
 */
public final class AnswerButtons {
    /** Telegram's limit for callback_data, in bytes. */
    public static final int MAX_DATA_BYTES = 64;
    static final String STALE = "This button has expired. Please ask the question again.";
    /**
     * What one "[n]" press shows of the cited passage at most (about one Telegram message): passages are bounded by
     * index.passage-max-chars, but an index built before that bound, or a stored answer, may hold a whole body.
     */
    public static final int MAX_SOURCE_CHARS = 3500;

    private final AnswerStore store;
    private final Clock clock;

    public AnswerButtons(AnswerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static String sourceData(long answerId, int n) {
        return checked("s:" + answerId + ":" + n);
    }

    public static String voteData(long answerId, boolean up) {
        return checked("v:" + answerId + ":" + (up ? "up" : "down"));
    }

    private static String checked(String data) {
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalStateException("callback data over " + MAX_DATA_BYTES + " bytes: " + data);
        }
        return data;
    }

    /** The citation with its passage cut to {@link #MAX_SOURCE_CHARS} (at a space when one is near), marked "…". */
    static Citation capped(Citation c) {
        String p = c.passage();
        if (p == null || p.length() <= MAX_SOURCE_CHARS) {
            return c;
        }
        int cut = MAX_SOURCE_CHARS - 1;
        int space = p.lastIndexOf(' ', cut);
        if (space > cut - 200) {
            cut = space;
        } else if (Character.isHighSurrogate(p.charAt(cut - 1))) {
            cut--;
        }
        return c.withPassage(p.substring(0, cut).stripTrailing() + "…");
    }

    /**
     * Handles a button press by {@code userId} in {@code chatId} (0 when unknown, e.g. an inline message: refused,
     * since the answer's chat cannot be checked; answers sent through inline mode carry no buttons).
     */
    public CallbackResult handle(long chatId, long userId, String data) {
        String[] parts = data == null ? new String[0] : data.split(":");
        if (parts.length != 3) {
            return CallbackResult.notice(STALE, false);
        }
        long answerId;
        try {
            answerId = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return CallbackResult.notice(STALE, false);
        }
        Optional<AnswerStore.StoredAnswer> stored = store.find(answerId);
        // a press whose chat is unknown (an inline message) cannot be checked against the answer's chat: refused
        if (stored.isEmpty() || chatId == 0 || stored.get().chatId() != chatId) {
            return CallbackResult.notice(STALE, false);
        }
        switch (parts[0]) {
            case "s" -> {
                int n;
                try {
                    n = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    return CallbackResult.notice(STALE, false);
                }
                Optional<Citation> c = stored.get().citation(n).map(StoredCitations::fromRow);
                return c.map(citation -> new CallbackResult("Source [" + n + "]", false, capped(citation)))
                        .orElseGet(() -> CallbackResult.notice(STALE, false));
            }
            case "v" -> {
                boolean up = "up".equals(parts[2]);
                if (!up && !"down".equals(parts[2])) {
                    return CallbackResult.notice(STALE, false);
                }
                AnswerStore.VoteOutcome outcome = store.vote(answerId, userId, up ? 1 : -1, Instant.now(clock));
                return CallbackResult.notice(switch (outcome) {
                    case RECORDED -> "Thanks for your feedback!";
                    case CHANGED -> "Your vote has been changed to " + (up ? "👍" : "👎") + ".";
                    case UNCHANGED -> "You already voted " + (up ? "👍" : "👎") + " on this answer.";
                }, false);
            }
            default -> {
                return CallbackResult.notice(STALE, false);
            }
        }
    }
}
