package org.newsdesk.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Answers with a chat model (OpenAI, any OpenAI-compatible server, or Ollama) from a grounded prompt of the
 * retrieved passages, then checks its citations ({@link CitationChecker}). Whenever the model cannot be used —
 * timeout, HTTP error, refused connection, malformed or empty reply, circuit breaker open — the user gets the
 * extractive answer, marked as such ({@link #FALLBACK_COMPOSER}), never an error.
 */
public final class LlmComposer implements StreamingAnswerComposer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LlmComposer.class);
    public static final String FALLBACK_COMPOSER = "extractive-fallback";
    public static final String FALLBACK_NOTE = "(LLM unavailable — extractive answer)";
    public static final String UNCITED_NOTE = "(the LLM answer cited no source — extractive answer)";
    public static final String UNSUPPORTED_NOTE = "(the LLM answer said what its sources do not — extractive answer)";
    /** Extra time granted over the configured timeout before the call is abandoned. */
    static final long TIMEOUT_MARGIN_MS = 300;
    /** A query rewrite is a short call before retrieval: it may not hold the answer up for the full timeout. */
    static final long REWRITE_TIMEOUT_MS = 10_000;

    private final String name;
    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final NewsdeskConfig.Llm settings;
    private final AnswerComposer extractive;
    private final CircuitBreaker breaker;
    private final AtomicLong failures = new AtomicLong();
    /** Requests sent to the model (answers, streamed or not, and query rewrites), for /metrics. */
    private final AtomicLong attempts = new AtomicLong();
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "llm-call");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param streamingModel null to answer without streaming
     * @param extractive     the fallback composer
     */
    public LlmComposer(String name, ChatModel model, StreamingChatModel streamingModel, NewsdeskConfig.Llm settings,
                       AnswerComposer extractive, Clock clock) {
        this.name = name;
        this.model = model;
        this.streamingModel = streamingModel;
        this.settings = settings;
        this.extractive = extractive;
        this.breaker = new CircuitBreaker(settings.failuresBeforeCooldown(), settings.cooldownSeconds() * 1000L, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean streams() {
        return streamingModel != null;
    }

    /** LLM calls that failed since start (for /stats). */
    public long failures() {
        return failures.get();
    }

    /** LLM requests made since start (for /metrics). */
    public long calls() {
        return attempts.get();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public Answer compose(String question, List<Hit> hits) {
        return compose(question, hits, null);
    }

    @Override
    public Answer compose(String question, List<Hit> hits, Consumer<String> partialText) {
        Answer fallback = extractive.compose(question, hits);
        if (hits.isEmpty()) {
            return new Answer(question, ExtractiveComposer.NOT_FOUND, true, List.of(), hits, name, 0);
        }
        if (!breaker.allows()) {
            log.debug("LLM skipped: circuit breaker open");
            return marked(fallback, FALLBACK_NOTE);
        }
        GroundedPrompt prompt = GroundedPrompt.build(question, hits, settings.contextChars());
        List<ChatMessage> messages = List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        String raw;
        try {
            raw = streamingModel != null && partialText != null
                    ? stream(messages, prompt.passages(), partialText)
                    : call(messages);
            if (raw == null || raw.isBlank()) {
                throw new LlmCallException("empty reply");
            }
            breaker.success();
        } catch (LlmCallException e) {
            recordFailure(e.getMessage());
            return marked(fallback, FALLBACK_NOTE);
        }
        CitationChecker.Result checked = CitationChecker.check(raw, prompt.passages());
        if (checked.notInArchive() && !checked.cited()) {
            return new Answer(question, ExtractiveComposer.NOT_FOUND, true, List.of(), hits, name, fallback.evidence());
        }
        // The support check, after the number check: a sentence its cited passages do not support loses its markers
        // and is marked (or dropped, or the whole answer falls back); links no cited passage holds are removed.
        SupportCheck.Result support = SupportCheck.rewrite(raw, prompt.passages(), settings.unsupported());
        if (support.unsupported() > 0) {
            log.debug("LLM answer: {} of {} sentences not supported by their cited passages", support.unsupported(),
                    support.sentences());
            if ("fallback".equals(settings.unsupported())) {
                return marked(fallback, UNSUPPORTED_NOTE);
            }
        }
        checked = CitationChecker.check(support.text(), prompt.passages());
        if (!checked.cited() || checked.text().isBlank()) {
            if ("abstain".equals(settings.uncited())) {
                return new Answer(question, ExtractiveComposer.NOT_FOUND, true, List.of(), hits, name,
                        fallback.evidence());
            }
            return marked(fallback, UNCITED_NOTE);
        }
        return new Answer(question, checked.text(), false, checked.citations(), hits, name, fallback.evidence(), null,
                null, null, fallback.answerType());
    }

    /**
     * Rewrites a follow-up question into a standalone search query with the model, given the conversation so far
     * (oldest first, as "Q: …" / "A: …" lines). Returns null when the model cannot be used (then the caller uses
     * its deterministic rule).
     */
    public String rewriteQuery(String conversation, String question) {
        if (!breaker.allows()) {
            return null;
        }
        String system = "You turn a follow-up question into a standalone search query for a news archive. "
                + "Resolve pronouns and references (it, that, he, they, there ...) using the conversation. "
                + "Keep names, places and dates. Reply with the query only, on one line, no quotes, no explanation. "
                + "If the question is already standalone, repeat it unchanged.";
        String user = "Conversation:\n" + conversation + "\n\nFollow-up question: " + question.strip()
                + "\n\nStandalone search query:";
        return oneLine(system, user, "^(?i)(standalone )?(search )?query:\\s*");
    }

    /**
     * The question in English, the archive's language, for searching it; null when the model cannot be used (then
     * the caller says the archive answers in English). {@code language} is the detected language's name, a hint only.
     */
    public String translateQuery(String question, String language) {
        if (!breaker.allows()) {
            return null;
        }
        String system = "You translate a question for a search in an English news archive into English. "
                + "Keep names, places, numbers and dates; write names as English news would. "
                + "Reply with the English question only, on one line, no quotes, no explanation.";
        String user = "Question (probably " + language + "): " + question.strip() + "\n\nIn English:";
        return oneLine(system, user, "^(?i)(in english|english|translation):\\s*");
    }

    /**
     * A short call whose answer is one line (a search query): its first line without a leading label matching
     * {@code label} or quotes, at most 500 characters; null when the model fails or says nothing.
     */
    private String oneLine(String system, String user, String label) {
        try {
            String raw = call(List.of(SystemMessage.from(system), UserMessage.from(user)),
                    Math.min(settings.timeoutSeconds() * 1000L, REWRITE_TIMEOUT_MS));
            breaker.success();
            if (raw == null || raw.isBlank()) {
                return null;
            }
            String line = raw.strip().lines().findFirst().orElse("").strip();
            line = stripQuotes(line.replaceAll(label, ""));
            return line.isBlank() ? null : line.substring(0, Math.min(line.length(), 500));
        } catch (LlmCallException e) {
            recordFailure(e.getMessage());
            return null;
        }
    }

    /**
     * {@code english}, composed and checked in English from a translated question, with its text in the language of
     * {@code question} (the asker's own words) and the same citations. The text keeps its {@code [n]} markers; when
     * the translation loses or adds one, or the model cannot be used, the English answer is returned as it is.
     */
    public Answer inLanguageOf(Answer english, String question) {
        Answer asked = english.withQuestion(question);
        if (!breaker.allows() || english.text().isBlank()) {
            return asked;
        }
        String system = "You translate an answer from a news archive into the language the user's question is "
                + "written in. Keep every citation marker such as [1] or [2][3] exactly as it is, after the same "
                + "sentence. Keep names, numbers and dates. Reply with the translation only, no explanation.";
        String user = "The user's question: " + question.strip() + "\n\nThe answer in English:\n" + english.text()
                + "\n\nThe answer in the language of the question:";
        try {
            String raw = call(List.of(SystemMessage.from(system), UserMessage.from(user)));
            breaker.success();
            String text = raw == null ? "" : raw.strip();
            if (text.isEmpty() || !markers(text).equals(markers(english.text()))) {
                log.debug("Answer translation dropped: empty, or its citation markers differ from the English ones");
                return asked;
            }
            return new Answer(question, text, english.abstained(), english.citations(), english.retrieved(),
                    english.composer(), english.evidence(), english.timings(), english.time(), english.shortAnswer(),
                    english.answerType(), english.about());
        } catch (LlmCallException e) {
            recordFailure(e.getMessage());
            return asked;
        }
    }

    /** The {@code [n]} markers of a text, sorted ("[2][1] … [1]" gives 1, 1, 2); one linear scan. */
    static List<Integer> markers(String text) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '[') {
                continue;
            }
            int j = i + 1;
            while (j < text.length() && j - i <= 4 && Character.isDigit(text.charAt(j))) {
                j++;
            }
            if (j > i + 1 && j < text.length() && text.charAt(j) == ']') {
                out.add(Integer.parseInt(text.substring(i + 1, j)));
                i = j;
            }
        }
        out.sort(null);
        return out;
    }

    private void recordFailure(String why) {
        long n = failures.incrementAndGet();
        boolean opened = breaker.failure();
        log.warn("LLM call failed ({}); using the extractive answer. Failures so far: {}{}", redact(why), n,
                opened ? "; skipping the LLM for " + settings.cooldownSeconds() + " s" : "");
    }

    private Answer marked(Answer a, String note) {
        return new Answer(a.question(), a.text() + "\n\n" + note, a.abstained(), a.citations(), a.retrieved(),
                FALLBACK_COMPOSER, a.evidence(), a.timings(), a.time(), a.shortAnswer(), a.answerType());
    }

    private String call(List<ChatMessage> messages) throws LlmCallException {
        return call(messages, settings.timeoutSeconds() * 1000L);
    }

    private String call(List<ChatMessage> messages, long timeoutMs) throws LlmCallException {
        attempts.incrementAndGet();
        CompletableFuture<String> f;
        try {
            f = CompletableFuture.supplyAsync(() -> {
                ChatResponse r = model.chat(messages);
                return r == null || r.aiMessage() == null ? null : r.aiMessage().text();
            }, calls);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new LlmCallException("shutting down"); // after close(): the extractive answer
        }
        return await(f, timeoutMs);
    }

    /** Stops the call threads (at shutdown); later questions get the extractive answer. */
    @Override
    public void close() {
        calls.shutdownNow();
    }

    private String stream(List<ChatMessage> messages, List<Hit> passages, Consumer<String> partialText)
            throws LlmCallException {
        attempts.incrementAndGet();
        CompletableFuture<String> f = new CompletableFuture<>();
        Object lock = new Object();
        StringBuilder soFar = new StringBuilder();
        String[] shown = {""};
        boolean[] closed = {false};
        try {
            streamingModel.chat(messages, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String token) {
                    if (token == null || token.isEmpty()) {
                        return;
                    }
                    synchronized (lock) {
                        if (closed[0]) {
                            return;
                        }
                        soFar.append(token);
                        // Links appear only once their sentence cites a passage that holds them.
                        String text = CitationChecker.partial(
                                SupportCheck.rewrite(soFar.toString(), passages, "keep").text(), passages);
                        if (!text.isEmpty() && !text.equals(shown[0])) {
                            shown[0] = text;
                            try {
                                partialText.accept(text);
                            } catch (RuntimeException e) {
                                log.warn("Showing a partial answer failed: {}", e.toString());
                            }
                        }
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
                    synchronized (lock) {
                        f.complete(text != null ? text : soFar.toString());
                    }
                }

                @Override
                public void onError(Throwable error) {
                    f.completeExceptionally(error);
                }
            });
            return await(f, settings.timeoutSeconds() * 1000L);
        } catch (RuntimeException e) {
            throw new LlmCallException(describe(e));
        } finally {
            synchronized (lock) {
                closed[0] = true;
            }
        }
    }

    private String await(CompletableFuture<String> f, long timeoutMs) throws LlmCallException {
        try {
            return f.get(timeoutMs + TIMEOUT_MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new LlmCallException("timeout after " + timeoutMs / 1000.0 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmCallException("interrupted");
        } catch (ExecutionException e) {
            throw new LlmCallException(describe(e.getCause()));
        }
    }

    /** A short, secret-free description of why a call failed. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return "HTTP " + h.statusCode();
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return "timeout";
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return "malformed reply";
            }
        }
        String simple = e == null ? "unknown" : e.getClass().getSimpleName();
        return simple.toLowerCase(Locale.ROOT).contains("json") ? "malformed reply" : simple;
    }

    private String redact(String s) {
        if (s == null) {
            return "";
        }
        String key = settings.apiKey();
        return key == null || key.isBlank() ? s : s.replace(key, "<redacted>");
    }

    /** A failed LLM call; the message is a short reason without secrets. */
    static final class LlmCallException extends Exception {
        LlmCallException(String message) {
            super(message);
        }
    }

    /** Leading and trailing quote marks removed; a loop, since {@code ["'”]+$} is quadratic on a run of quotes. */
    static String stripQuotes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && "\"'“".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && "\"'”".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
