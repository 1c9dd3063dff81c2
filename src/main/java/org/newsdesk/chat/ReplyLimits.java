package org.newsdesk.chat;

import org.newsdesk.config.NewsdeskConfig;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * Every reply the bot makes is counted: questions, commands (known or not), the "I can only read text" hint, and
 * button presses. Over the limit, the sender gets one "slow down" a minute and is otherwise ignored, so flooding the
 * bot with cheap messages costs it (and the other chats) nothing.
 */
final class ReplyLimits {
    /** Button presses allowed per user per minute, as a multiple of the question limit. */
    static final int BUTTONS_PER_QUESTION = 3;

    private final RateLimiter user;
    private final RateLimiter chat;
    private final RateLimiter buttons;
    private final RateLimiter slowDownNotices;

    ReplyLimits(NewsdeskConfig.Chat settings, Clock clock) {
        this.user = new RateLimiter(settings.userQuestionsPerMinute(), clock);
        this.chat = new RateLimiter(settings.chatQuestionsPerMinute(), clock);
        this.buttons = new RateLimiter(settings.userQuestionsPerMinute() * BUTTONS_PER_QUESTION, clock);
        this.slowDownNotices = new RateLimiter(1, clock);
    }

    /** Counts a message that gets a reply; false (after at most one notice a minute) when over the limit. */
    boolean admit(IncomingMessage m, Outbox outbox) {
        OptionalLong wait = user.tryAcquire(m.userId());
        if (wait.isEmpty() && m.chatType().isGroup()) {
            wait = chat.tryAcquire(m.chatId());
        }
        if (wait.isEmpty()) {
            return true;
        }
        if (slowDownNotices.tryAcquire(m.userId()).isEmpty()) {
            outbox.send(OutgoingMessage.text("Slow down, please: too many messages in the last minute. "
                    + "Try again in " + wait.getAsLong() + " s.", m.messageId()));
        }
        return false;
    }

    /** An inline query: counted like a question, never answered with a notice. */
    boolean admitInline(long userId) {
        return user.tryAcquire(userId).isEmpty();
    }

    /** A button press; empty when allowed, else the seconds to wait. */
    OptionalLong button(long userId) {
        return buttons.tryAcquire(userId);
    }
}
