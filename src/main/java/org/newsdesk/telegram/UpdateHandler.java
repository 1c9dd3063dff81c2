package org.newsdesk.telegram;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.chat.CallbackResult;
import org.newsdesk.chat.ChatService;
import org.newsdesk.chat.ChatType;
import org.newsdesk.chat.IncomingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Turns one Telegram update into calls on the transport-neutral {@link ChatService}. Which thread runs it, in what
 * order, and how it is queued is the {@link UpdateDispatcher}'s business.
 */
final class UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);
    /** Alerts longer than this are not allowed by Telegram; longer passages are sent as a message. */
    static final int MAX_ALERT = 200;
    static final int MAX_INLINE_RESULTS = 5;

    private final ChatService chat;
    private final TelegramApi api;
    private final SendScheduler sender;
    private final ScheduledExecutorService scheduler;
    private final long typingIntervalMs;
    private volatile long botId;

    UpdateHandler(ChatService chat, TelegramApi api, SendScheduler sender, ScheduledExecutorService scheduler,
                  long typingIntervalMs) {
        this.chat = chat;
        this.api = api;
        this.sender = sender;
        this.scheduler = scheduler;
        this.typingIntervalMs = typingIntervalMs;
    }

    void setBotId(long botId) {
        this.botId = botId;
    }

    void handle(Update u) {
        long updateId = u.getUpdateId() == null ? 0 : u.getUpdateId();
        if (u.hasMessage()) {
            handleMessage(updateId, u.getMessage());
        } else if (u.hasCallbackQuery()) {
            handleCallback(updateId, u.getCallbackQuery());
        } else if (u.hasInlineQuery()) {
            handleInline(u.getInlineQuery());
        }
        // edited messages, channel posts, member updates ...: nothing to do
    }

    private void handleMessage(long updateId, Message m) {
        if (m.getMigrateToChatId() != null) {
            log.info("Group {} became supergroup {}", m.getChatId(), m.getMigrateToChatId());
            chat.migrateChat(m.getChatId(), m.getMigrateToChatId());
            return;
        }
        if (m.getMigrateFromChatId() != null) {
            chat.migrateChat(m.getMigrateFromChatId(), m.getChatId());
            return;
        }
        IncomingMessage in = toIncoming(m, botId);
        if (in == null) {
            return;
        }
        chat.handle(in, outbox(updateId, in.chatId(), in.chatType().isGroup()));
    }

    /** The outbox for the replies to update {@code updateId} in one chat. */
    TelegramOutbox outbox(long updateId, long chatId, boolean group) {
        return new TelegramOutbox(api, sender, updateId, chatId, group, scheduler, typingIntervalMs);
    }

    /** The chat core's view of a message; null for service messages without a sender or chat. */
    static IncomingMessage toIncoming(Message m, long botId) {
        if (m.getChat() == null) {
            return null;
        }
        ChatType type = chatType(m.getChat().getType());
        if (m.getFrom() != null && m.getFrom().getId() == botId) {
            return null; // our own message echoed back
        }
        // An anonymous group admin writes as the group, a linked channel as the channel: all of them share one
        // service "from" user, so the sender chat is their identity for limits, memory and votes (its id is
        // negative, so never an admin's user id).
        long userId = m.getSenderChat() != null ? m.getSenderChat().getId()
                : m.getFrom() != null ? m.getFrom().getId() : m.getChatId();
        String text = m.hasText() ? m.getText() : null;
        Message replied = m.getReplyToMessage();
        boolean replyToBot = replied != null && replied.getFrom() != null && replied.getFrom().getId() == botId;
        long messageId = m.getMessageId() == null ? 0 : m.getMessageId();
        return new IncomingMessage(m.getChatId(), userId, type, text, messageId, replyToBot);
    }

    static ChatType chatType(String type) {
        if (type == null) {
            return ChatType.PRIVATE;
        }
        return switch (type) {
            case "group" -> ChatType.GROUP;
            case "supergroup" -> ChatType.SUPERGROUP;
            case "channel" -> ChatType.CHANNEL;
            default -> ChatType.PRIVATE;
        };
    }

    private void handleCallback(long updateId, CallbackQuery q) {
        MaybeInaccessibleMessage msg = q.getMessage();
        long chatId = msg != null && msg.getChatId() != null ? msg.getChatId() : 0;
        long userId = q.getFrom() == null ? 0 : q.getFrom().getId();
        CallbackResult r = chat.handleCallback(chatId, userId, q.getData());
        Citation source = r.source();
        String notice = r.notice();
        boolean alert = r.alert();
        boolean sendSource = false;
        if (source != null) {
            String plain = "[" + source.n() + "] " + source.title() + (source.published() == null ? "" : " (" + source.published() + ")")
                    + "\n" + TelegramHtml.snippet(source.passage(), MAX_ALERT);
            if (plain.length() <= MAX_ALERT && (source.url() == null)) {
                notice = plain;
                alert = true;
            } else {
                sendSource = chatId != 0;
            }
        }
        api.call(AnswerCallbackQuery.builder().callbackQueryId(q.getId()).text(TelegramHtml.snippet(notice, MAX_ALERT))
                .showAlert(alert).build());
        if (sendSource) {
            boolean group = msg.getChat() != null && chatType(msg.getChat().getType()).isGroup();
            long replyTo = msg.getMessageId() == null ? 0 : msg.getMessageId();
            outbox(updateId, chatId, group).sendHtml(TelegramHtml.source(source), replyTo, null);
        }
    }

    private void handleInline(InlineQuery q) {
        long userId = q.getFrom() == null ? 0 : q.getFrom().getId();
        Optional<Answer> answer = chat.answerInline(userId, q.getQuery());
        List<InlineQueryResult> results = answer.map(UpdateHandler::inlineResults).orElse(List.of());
        api.call(AnswerInlineQuery.builder().inlineQueryId(q.getId()).results(results).cacheTime(60)
                .isPersonal(true).build());
    }

    /** Up to five results, one per cited article; choosing any sends the whole cited answer. */
    static List<InlineQueryResult> inlineResults(Answer answer) {
        List<String> parts = TelegramHtml.split(TelegramHtml.answer(answer));
        if (parts.isEmpty()) {
            return List.of();
        }
        InputTextMessageContent content = InputTextMessageContent.builder().messageText(parts.get(0)).parseMode("HTML")
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build();
        List<InlineQueryResult> results = new ArrayList<>();
        if (answer.abstained() || answer.citations().isEmpty()) {
            String title = org.newsdesk.answer.RecognisedWords.COMPOSER.equals(answer.composer())
                    ? "The archive answers in English" : "Not found in the archive";
            results.add(InlineQueryResultArticle.builder().id("none").title(title)
                    .description(TelegramHtml.snippet(answer.text(), 120)).inputMessageContent(content).build());
            return results;
        }
        for (Citation c : answer.citations()) {
            if (results.size() == MAX_INLINE_RESULTS) {
                break;
            }
            String date = c.published() == null ? "" : c.published() + " — ";
            results.add(InlineQueryResultArticle.builder().id("c" + c.n())
                    .title(c.title() == null || c.title().isBlank() ? "(untitled)" : c.title())
                    .description(date + TelegramHtml.snippet(c.passage(), 120))
                    .inputMessageContent(content).build());
        }
        return results;
    }
}
