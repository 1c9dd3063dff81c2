package org.newsdesk.telegram;

import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;

/**
 * One reply in the {@link SendScheduler}: a message or an edit for a chat, the update it answers, its stored row,
 * and its retry state. Mutable, and only touched under the scheduler's lock.
 */
final class OutboxEntry {
    final long handle;
    final long updateId;
    final long chatId;
    final boolean group;
    final SendScheduler.Priority priority;
    final long createdAt;
    BotApiMethod<?> method;
    long row;
    OutboxEntry target;
    long targetMessageId;
    long messageId;
    int failures;
    long notBefore;
    boolean inFlight;
    boolean finished;

    OutboxEntry(long handle, long updateId, long chatId, boolean group, SendScheduler.Priority priority,
                long createdAt, BotApiMethod<?> method) {
        this.handle = handle;
        this.updateId = updateId;
        this.chatId = chatId;
        this.group = group;
        this.priority = priority;
        this.createdAt = createdAt;
        this.method = method;
    }

    boolean edit() {
        return method instanceof EditMessageText;
    }

    /** What message an edit changes: Telegram's id once known, else its unsent target (negative handle). */
    long editKey() {
        if (target != null) {
            return target.messageId != 0 ? target.messageId : -target.handle;
        }
        return targetMessageId;
    }
}
