package org.newsdesk.telegram;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.chat.AnswerButtons;
import org.newsdesk.chat.Outbox;
import org.newsdesk.chat.OutgoingMessage;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The chat core's {@link Outbox} for one Telegram chat: HTML rendering, splitting, source and feedback buttons,
 * quoting the asking message, progress edits, and a typing indicator kept alive until the reply is staged. Replies
 * are not sent here: they are staged in the {@link SendScheduler}'s durable outbox (with the update they answer),
 * which sends them at Telegram's pace; the handle returned is the scheduler's, good for later edits.
 */
final class TelegramOutbox implements Outbox {
    /** The typing indicator is given up after this long even if no reply came. */
    static final long TYPING_MAX_MS = 120_000;
    static final int BUTTONS_PER_ROW = 8;

    private final TelegramApi api;
    private final SendScheduler sender;
    private final long updateId;
    private final long chatId;
    private final boolean group;
    private final ScheduledExecutorService scheduler;
    private final long typingIntervalMs;
    private ScheduledFuture<?> typing;

    TelegramOutbox(TelegramApi api, SendScheduler sender, long updateId, long chatId, boolean group,
                   ScheduledExecutorService scheduler, long typingIntervalMs) {
        this.api = api;
        this.sender = sender;
        this.updateId = updateId;
        this.chatId = chatId;
        this.group = group;
        this.scheduler = scheduler;
        this.typingIntervalMs = typingIntervalMs;
    }

    @Override
    public long send(OutgoingMessage message) {
        stopTyping();
        Answer answer = message.answer();
        String html = answer != null ? TelegramHtml.answer(answer) : TelegramHtml.escape(message.text());
        InlineKeyboardMarkup keyboard = answer != null && message.answerId() > 0
                ? keyboard(answer, message.answerId()) : null;
        return sendHtml(html, message.replyToMessageId(), keyboard);
    }

    /** Sends HTML, split as needed; the first part quotes {@code replyTo}, the last carries the keyboard. */
    long sendHtml(String html, long replyTo, InlineKeyboardMarkup keyboard) {
        List<String> parts = TelegramHtml.split(html);
        long handle = 0;
        for (int i = 0; i < parts.size(); i++) {
            SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chatId).text(parts.get(i))
                    .parseMode("HTML").linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
            if (i == 0 && replyTo > 0) {
                b.replyParameters(ReplyParameters.builder().messageId((int) replyTo)
                        .allowSendingWithoutReply(true).build());
            }
            if (i == parts.size() - 1 && keyboard != null) {
                b.replyMarkup(keyboard);
            }
            long h = sender.send(updateId, chatId, group, SendScheduler.Priority.ANSWER, b.build());
            if (i == 0) {
                handle = h;
            }
        }
        return handle;
    }

    static InlineKeyboardMarkup keyboard(Answer answer, long answerId) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (Citation c : answer.citations()) {
            if (row.size() == BUTTONS_PER_ROW) {
                rows.add(row);
                row = new InlineKeyboardRow();
            }
            row.add(InlineKeyboardButton.builder().text("[" + c.n() + "]")
                    .callbackData(AnswerButtons.sourceData(answerId, c.n())).build());
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        rows.add(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("👍").callbackData(AnswerButtons.voteData(answerId, true)).build(),
                InlineKeyboardButton.builder().text("👎").callbackData(AnswerButtons.voteData(answerId, false)).build()));
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /**
     * Replaces a message's text (reindex progress, or a streamed answer). A final answer is rendered like a sent
     * one: HTML, its buttons, and when it has grown past the limit, the first part edited in and the rest sent
     * as new messages (the buttons under the last).
     */
    @Override
    public void edit(long handle, OutgoingMessage message) {
        if (handle <= 0) {
            send(message);
            return;
        }
        stopTyping();
        Answer answer = message.answer();
        String html = answer != null ? TelegramHtml.answer(answer) : TelegramHtml.escape(message.text());
        InlineKeyboardMarkup keyboard = answer != null && message.answerId() > 0
                ? keyboard(answer, message.answerId()) : null;
        List<String> parts = TelegramHtml.split(html);
        if (parts.isEmpty()) {
            return;
        }
        EditMessageText.EditMessageTextBuilder<?, ?> b = EditMessageText.builder().chatId(chatId)
                .messageId((int) handle).text(parts.get(0)).parseMode("HTML")
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (parts.size() == 1 && keyboard != null) {
            b.replyMarkup(keyboard);
        }
        // a partial text (streaming, reindex progress) may wait behind answers; the final answer may not
        sender.edit(updateId, chatId, group, answer != null ? SendScheduler.Priority.ANSWER
                : SendScheduler.Priority.PROGRESS, handle, b.build());
        if (parts.size() > 1) {
            sendHtml(String.join("\n\n", parts.subList(1, parts.size())), 0, keyboard);
        }
    }

    /**
     * Starts "typing…" on the scheduler, re-sent every typingIntervalMs until the reply goes out: never on the
     * answering thread, one attempt each, so a server without sendChatAction cannot delay an answer.
     */
    @Override
    public synchronized void typing() {
        stopTyping();
        SendChatAction action = SendChatAction.builder().chatId(chatId).action(ActionType.TYPING.toString()).build();
        long started = System.currentTimeMillis();
        try {
            typing = scheduler.scheduleWithFixedDelay(() -> {
                if (System.currentTimeMillis() - started > TYPING_MAX_MS) {
                    stopTyping();
                    return;
                }
                api.cosmetic(action);
            }, 0, typingIntervalMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            typing = null; // shutting down: no indicator
        }
    }

    synchronized void stopTyping() {
        if (typing != null) {
            typing.cancel(false);
            typing = null;
        }
    }
}
