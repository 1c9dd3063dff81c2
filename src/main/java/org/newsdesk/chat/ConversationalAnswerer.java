package org.newsdesk.chat;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.AnswerText;
import org.newsdesk.answer.Citation;
import org.newsdesk.answer.LlmComposer;
import org.newsdesk.answer.QuestionLanguage;
import org.newsdesk.answer.RecognisedWords;
import org.newsdesk.search.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One question in a conversation. A message is answered as asked when it stands on its own; the conversation is used
 * only when the message refers back ({@link FollowUpRewriter#refersBack}: "and …", a pronoun with nothing named
 * before it, "the startup" of the previous question) or when it is declined alone and the answer with the context is
 * clearly better. The context is the previous turn's own message and subject, nothing after a declined turn (see
 * {@link FollowUpContext}); a reply that used it says so ("about: …"). The answer is streamed into an edited message
 * when the composer streams, delivered, and the turn remembered.
 *
 * <p>A message in another language ({@link QuestionLanguage}) is translated into English by the LLM when there is
 * one, then searched, answered and checked in English like any question, and the answer translated into the asker's
 * language with its citations unchanged ({@link LlmComposer#inLanguageOf}); it is not streamed, since the English
 * text would show first. Without an LLM, or when the translation fails, the reply says in one line that the archive
 * answers in English and lists the articles found for the words it recognised ({@link RecognisedWords}): an
 * abstention, never an answer to a question it did not understand.
 */
public final class ConversationalAnswerer {
    private static final Logger log = LoggerFactory.getLogger(ConversationalAnswerer.class);
    /** A streamed answer's message is edited at most this often per chat (Telegram's limits). */
    public static final long STREAM_EDIT_INTERVAL_MS = 1500;
    /** The reply to "tell me more" when there is no answered question to continue. */
    static final String NOTHING_TO_CONTINUE = "Ask me a question about the news first; \"tell me more\" then adds "
            + "what my answer left out.";
    /** Longest "about: …" line when the previous message had no subject words and is quoted instead. */
    private static final int ABOUT_CHARS = 60;

    private final AnswerService answers;
    private final ConversationMemory memory;
    private final QueryRewriter rewriter;
    private final FollowUpRewriter rule;
    private final LongSupplier nowMs;
    private final ConcurrentHashMap<Long, AtomicLong> lastEditByChat = new ConcurrentHashMap<>();
    private volatile long editIntervalMs = STREAM_EDIT_INTERVAL_MS;

    public ConversationalAnswerer(AnswerService answers, ConversationMemory memory, QueryRewriter rewriter,
                                  LongSupplier nowMs) {
        this.answers = answers;
        this.memory = memory;
        this.rewriter = rewriter;
        this.rule = new FollowUpRewriter(answers.searcher());
        this.nowMs = nowMs;
        QuestionLanguage.preload();
    }

    /** The rewriter for a composer: the LLM's when the answers come from an LLM, else the deterministic rule. */
    public static QueryRewriter rewriterFor(AnswerService answers) {
        FollowUpRewriter rule = new FollowUpRewriter(answers.searcher());
        return answers.composer() instanceof LlmComposer llm ? new LlmQueryRewriter(llm, rule) : rule;
    }

    public void setEditIntervalMs(long ms) {
        this.editIntervalMs = Math.max(0, ms);
    }

    public ConversationMemory memory() {
        return memory;
    }

    /** One way of answering: the query searched, the answer, and whether the conversation was used. */
    record Attempt(String searchQuery, Answer answer, boolean usedContext) {
    }

    /** Answers, sends (or finishes the streamed message), remembers; returns the answer for the query log. */
    public Answer answer(IncomingMessage m, String question, Outbox outbox) {
        return answer(m, question, outbox, null);
    }

    /** As {@link #answer(IncomingMessage, String, Outbox)}, searching only {@code origins} (null: everything). */
    public Answer answer(IncomingMessage m, String question, Outbox outbox, Set<String> origins) {
        // What this conversation offers the message: null with no memory, no turn, or the last one declined.
        List<org.newsdesk.store.TurnStore.Turn> history = memory.enabled() ? memory.history(m.chatId(), m.userId())
                : List.of();
        FollowUpContext context = rule.context(history);
        if (lastEditByChat.size() > 10_000) {
            // only the pacing of recent edits matters: forget chats not edited for a minute
            long cutoff = nowMs.getAsLong() - 60_000;
            lastEditByChat.values().removeIf(t -> t.get() < cutoff);
        }
        StreamingReply reply = new StreamingReply(outbox, m.messageId(), editIntervalMs,
                lastEditByChat.computeIfAbsent(m.chatId(), id -> new AtomicLong(Long.MIN_VALUE / 2)), nowMs);
        Attempt chosen;
        if (MoreRequest.is(question)) {
            // "Tell me more" with no question to continue (none yet, or the last one declined): no search for "more".
            chosen = context != null ? more(question, context, MoreRequest.chainAnswers(history), reply, origins)
                    : new Attempt(question, new Answer(question, NOTHING_TO_CONTINUE, true, List.of(), List.of(),
                            answers.composer().name(), 0), false);
        } else {
            chosen = byLanguage(question, context, reply, origins);
        }
        Answer answer = chosen.answer();
        reply.finish(new OutgoingMessage(AnswerText.plain(answer), answer, m.messageId()));
        try {
            memory.remember(m.chatId(), m.userId(), question, chosen.searchQuery(), answer.text(), answer.abstained());
        } catch (RuntimeException e) {
            log.warn("Could not remember a turn of chat {}: {}", m.chatId(), e.toString());
        }
        return answer;
    }

    /** {@link #choose} for an English message; a message in another language as the class comment says. */
    private Attempt byLanguage(String question, FollowUpContext context, Consumer<String> stream,
                               Set<String> origins) {
        QuestionLanguage.Detected language = QuestionLanguage.shared().detect(question);
        if (language.english()) {
            return choose(question, context, stream, origins);
        }
        LlmComposer llm = answers.composer() instanceof LlmComposer l ? l : null;
        String english = llm == null ? null : llm.translateQuery(question, language.name());
        if (english == null || english.equalsIgnoreCase(question.strip())) {
            return new Attempt(question, RecognisedWords.answer(answers, question, language, q -> request(q, origins)),
                    false);
        }
        log.debug("{} question translated for the search: {}", language.name(), english);
        Attempt inEnglish = choose(english, context, null, origins);
        return new Attempt(inEnglish.searchQuery(), llm.inLanguageOf(inEnglish.answer(), question),
                inEnglish.usedContext());
    }

    /**
     * Alone first: a message that refers back (or is elliptical) is answered with the context, any other as asked,
     * and with the context only when it is declined alone. The context's answer is taken only when it is answered
     * and its cited passages hold the message's own words (else a near miss would be "answered" from the previous
     * topic); otherwise the answer alone stands, except for a message with no subject of its own
     * ({@link FollowUpRewriter#hasOwnSubject}: "who replaced him?"), which alone would find any passage holding its
     * common words: the context's reply stands for it, answered or declined. The first attempt streams; a second one
     * replaces it in the final message.
     */
    Attempt choose(String question, FollowUpContext context, Consumer<String> stream, Set<String> origins) {
        if (context == null) {
            return alone(question, stream, origins);
        }
        boolean ownSubject = rule.hasOwnSubject(question);
        if (rule.refersBackOrElliptical(question, context, ownSubject)) {
            Attempt with = withContext(question, context, stream, origins);
            // With a subject of its own ("eintracht frankfurt's win made them ..."), the context's reply must also
            // be about the conversation's subject, or the message was answered by its own words alone.
            if (answersTheMessage(with, question) && (!ownSubject || aboutTheContext(with, context, question))) {
                return with;
            }
            if (with.usedContext() && !ownSubject) {
                // Nothing in "who replaced him?" says whom: alone it finds any replacement. The context's reply
                // stands, answered (the articles may write "stepping in" for "replaced") or declined.
                return with;
            }
            return summed(alone(question, null, origins), with);
        }
        Attempt alone = alone(question, stream, origins);
        if (!alone.answer().abstained()) {
            return alone;
        }
        Attempt with = withContext(question, context, null, origins);
        return answersTheMessage(with, question) && aboutTheContext(with, context, question) ? summed(with, alone)
                : summed(alone, with);
    }

    /**
     * Whether the context's reply is about the conversation: a cited passage holds the previous turn's subject (every
     * word of one of its names), or, when it had none, half the words the context added to the message. Otherwise the
     * message was declined alone for its own reasons, and a reply "about" the previous question would say the
     * conversation helped where it did not ("the Rugby World Cup final" after a question on Coinbase).
     */
    private boolean aboutTheContext(Attempt with, FollowUpContext context, String question) {
        List<Set<String>> cited = new ArrayList<>();
        for (Citation c : with.answer().citations()) {
            cited.add(new HashSet<>(answers.searcher().analyze(c.passage() == null ? "" : c.passage())));
        }
        if (!context.subject().isBlank()) {
            for (String part : context.subject().split(", ")) {
                Set<String> terms = answers.searcher().analyze(part);
                if (!terms.isEmpty() && cited.stream().anyMatch(p -> p.containsAll(terms))) {
                    return true;
                }
            }
            return false;
        }
        Set<String> carried = new HashSet<>(answers.searcher().questionTerms(with.searchQuery()));
        carried.removeAll(answers.searcher().questionTerms(question));
        Set<String> held = new HashSet<>();
        cited.forEach(p -> carried.stream().filter(p::contains).forEach(held::add));
        return !carried.isEmpty() && held.size() * 2 >= carried.size();
    }

    /**
     * "Tell me more": the previous question again (with the conversation's subject), answered from the retrieved
     * passages none of its answers so far quoted, so the reply adds what they left out; "that is all" when nothing is
     * left.
     */
    private Attempt more(String question, FollowUpContext context, List<String> answersSoFar, Consumer<String> stream,
                         Set<String> origins) {
        String previous = context.previousMessage().strip();
        String query = rule.rewrite(new FollowUpContext("", "", context.subject()), previous);
        List<String> quoted = new ArrayList<>();
        answersSoFar.forEach(a -> quoted.addAll(MoreRequest.quotedSentences(a)));
        Answer answer = answers.ask(request(query, origins), previous, stream,
                h -> !MoreRequest.quotes(h.passage().text(), quoted)).withQuestion(question);
        String about = previous.length() > ABOUT_CHARS ? previous.substring(0, ABOUT_CHARS - 1) + "…" : previous;
        if (answer.abstained()) {
            // Not "could not find this": the archive answered the question; there is just nothing further.
            answer = new Answer(answer.question(), "That is all I found in the archive on this. Ask about another "
                    + "side of it, or another topic.", true, List.of(), answer.retrieved(), answer.composer(),
                    answer.evidence(), answer.timings(), answer.time(), null, answer.answerType());
        }
        return new Attempt(query, answer.withAbout("more on “" + about + "”"), true);
    }

    private Attempt alone(String question, Consumer<String> stream, Set<String> origins) {
        return new Attempt(question, answers.ask(request(question, origins), question, stream), false);
    }

    private Attempt withContext(String question, FollowUpContext context, Consumer<String> stream, Set<String> origins) {
        String query = rewriter.rewrite(context, question);
        if (query.equals(question)) {
            return alone(question, stream, origins); // nothing to carry (or the LLM found it standalone)
        }
        log.debug("Follow-up rewritten to: {}", query);
        // An LLM reads the user's own words with the standalone form beside them (so "it" is resolved); the
        // extractive composer picks sentences by the terms it is given, so it gets the standalone query.
        String composeWith = answers.composer() instanceof LlmComposer ? question.strip() + " (in context: " + query + ")"
                : query;
        Answer answer = answers.ask(request(query, origins), composeWith, stream);
        if (!composeWith.equals(question)) {
            answer = answer.withQuestion(question);
        }
        return new Attempt(query, answer.withAbout(about(context, question, query)), true);
    }

    /** The context's answer answers the message: answered, and its cited passages hold half its own words or more. */
    private boolean answersTheMessage(Attempt with, String question) {
        if (!with.usedContext() || with.answer().abstained()) {
            return false;
        }
        Set<String> own = answers.searcher().questionTerms(question);
        if (own.isEmpty()) {
            return true;
        }
        Set<String> cited = new HashSet<>();
        for (Citation c : with.answer().citations()) {
            cited.addAll(answers.searcher().analyze(c.passage() == null ? "" : c.passage()));
        }
        long held = own.stream().filter(cited::contains).count();
        return held * 2 >= own.size();
    }

    /** {@code chosen}, timed as the two attempts together (the asker waited for both). */
    private static Attempt summed(Attempt chosen, Attempt other) {
        Answer.Timings a = chosen.answer().timings();
        Answer.Timings b = other.answer().timings();
        return new Attempt(chosen.searchQuery(), chosen.answer().withTimings(new Answer.Timings(
                a.retrieveMs() + b.retrieveMs(), a.composeMs() + b.composeMs(), a.totalMs() + b.totalMs())),
                chosen.usedContext());
    }

    /** The carried subject, or when the search did not carry it ("what about Waymo?"), the previous message. */
    private static String about(FollowUpContext context, String question, String query) {
        String carried = query.startsWith(question.strip()) ? query.substring(question.strip().length()) : query;
        if (!context.subject().isBlank() && carried.contains(context.subject())) {
            return context.subject();
        }
        String p = context.previousMessage().strip();
        return "“" + (p.length() > ABOUT_CHARS ? p.substring(0, ABOUT_CHARS - 1) + "…" : p) + "”";
    }

    private SearchRequest request(String query, Set<String> origins) {
        var settings = answers.searcher().settings();
        return new SearchRequest(query, settings.k(), SearchRequest.Mode.parse(settings.mode()), null, null)
                .within(origins);
    }

    /** Forgets the sender's conversation in this chat. */
    public int reset(IncomingMessage m) {
        return memory.reset(m.chatId(), m.userId());
    }
}
