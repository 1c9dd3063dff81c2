package org.newsdesk.chat;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.AnswerText;
import org.newsdesk.answer.LlmComposer;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.store.TurnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One question in a conversation: rewrite a follow-up into a standalone query from this conversation's memory,
 * retrieve and compose (streaming into an edited message when the composer streams), deliver the final answer, and
 * remember the turn.
 */
public final class ConversationalAnswerer {
    private static final Logger log = LoggerFactory.getLogger(ConversationalAnswerer.class);
    /** A streamed answer's message is edited at most this often per chat (Telegram's limits). */
    public static final long STREAM_EDIT_INTERVAL_MS = 1500;

    private final AnswerService answers;
    private final ConversationMemory memory;
    private final QueryRewriter rewriter;
    private final LongSupplier nowMs;
    private final ConcurrentHashMap<Long, AtomicLong> lastEditByChat = new ConcurrentHashMap<>();
    private volatile long editIntervalMs = STREAM_EDIT_INTERVAL_MS;

    public ConversationalAnswerer(AnswerService answers, ConversationMemory memory, QueryRewriter rewriter,
                                  LongSupplier nowMs) {
        this.answers = answers;
        this.memory = memory;
        this.rewriter = rewriter;
        this.nowMs = nowMs;
    }

    /** The rewriter for a composer: the LLM's when the answers come from an LLM, else the deterministic rule. */
    public static QueryRewriter rewriterFor(AnswerService answers) {
        FollowUpRewriter rule = new FollowUpRewriter();
        return answers.composer() instanceof LlmComposer llm ? new LlmQueryRewriter(llm, rule) : rule;
    }

    public void setEditIntervalMs(long ms) {
        this.editIntervalMs = Math.max(0, ms);
    }

    public ConversationMemory memory() {
        return memory;
    }

    /** The standalone search query for {@code question} in this conversation. */
    public String searchQuery(long chatId, long userId, String question) {
        if (!memory.enabled()) {
            return question;
        }
        List<TurnStore.Turn> history = memory.history(chatId, userId);
        if (history.isEmpty()) {
            return question;
        }
        String query = rewriter.rewrite(history, question);
        if (!query.equals(question)) {
            log.debug("Follow-up in chat {} rewritten to: {}", chatId, query);
        }
        return query;
    }

    /** Answers, sends (or finishes the streamed message), remembers; returns the answer for the query log. */
    public Answer answer(IncomingMessage m, String question, Outbox outbox) {
        String query = searchQuery(m.chatId(), m.userId(), question);
        var settings = answers.searcher().settings();
        SearchRequest request = new SearchRequest(query, settings.k(), SearchRequest.Mode.parse(settings.mode()),
                null, null);
        if (lastEditByChat.size() > 10_000) {
            // only the pacing of recent edits matters: forget chats not edited for a minute
            long cutoff = nowMs.getAsLong() - 60_000;
            lastEditByChat.values().removeIf(t -> t.get() < cutoff);
        }
        StreamingReply reply = new StreamingReply(outbox, m.messageId(), editIntervalMs,
                lastEditByChat.computeIfAbsent(m.chatId(), id -> new AtomicLong(Long.MIN_VALUE / 2)), nowMs);
        // An LLM reads the user's own words with the standalone form beside them (so "it" is resolved); the
        // extractive composer picks sentences by the terms it is given, so it gets the standalone query.
        boolean rewritten = !query.equals(question);
        String composeWith = !rewritten ? question
                : answers.composer() instanceof LlmComposer ? question.strip() + " (in context: " + query + ")"
                : query;
        Answer answer = answers.ask(request, composeWith, reply);
        if (!composeWith.equals(question)) {
            answer = answer.withQuestion(question);
        }
        reply.finish(new OutgoingMessage(AnswerText.plain(answer), answer, m.messageId()));
        try {
            memory.remember(m.chatId(), m.userId(), question, query, answer.text(), answer.abstained());
        } catch (RuntimeException e) {
            log.warn("Could not remember a turn of chat {}: {}", m.chatId(), e.toString());
        }
        return answer;
    }

    /** Forgets the sender's conversation in this chat. */
    public int reset(IncomingMessage m) {
        return memory.reset(m.chatId(), m.userId());
    }
}
