package org.newsdesk.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.newsdesk.answer.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * What each answered question adds to the metrics (on the registry handed in) and to the log: one INFO line on the
 * {@code org.newsdesk.events.question} logger with a hashed chat id, latency, composer, abstained or not (and why),
 * and the number of citations; the question's text only when {@code log.questions} is on.
 */
public final class ChatMetrics {
    private static final Logger events = LoggerFactory.getLogger("org.newsdesk.events.question");
    /** Why an answer abstained ({@link #reason}); each registered at zero so alerts see a series from the start. */
    static final List<String> REASONS = List.of("no_passages", "low_evidence", "near_miss", "llm",
            "other_language");
    /** Latency buckets: the few that an SLO is written against, instead of Micrometer's 66 default ones. */
    private static final Duration[] SLO_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final boolean logQuestions;
    private final byte[] salt;
    private final Counter questions;
    private final Counter fallbacks;
    private final Timer latency;
    private final Timer reindex;

    /**
     * @param logQuestions log the question's text too ({@code log.questions})
     * @param salt         mixed into the chat-id hash, so that log lines of one installation can be correlated but
     *                     a chat id cannot be looked up by hashing candidate ids without the data directory
     */
    public ChatMetrics(MeterRegistry registry, boolean logQuestions, String salt) {
        this.registry = registry;
        this.logQuestions = logQuestions;
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        questions = Counter.builder("newsdesk.questions").description("Questions answered (or declined)")
                .register(registry);
        fallbacks = Counter.builder("newsdesk.llm.fallbacks")
                .description("Answers written by the extractive composer because the LLM failed or was skipped")
                .register(registry);
        latency = Timer.builder("newsdesk.answer.latency")
                .description("Time to answer a question, retrieval and composition")
                .serviceLevelObjectives(SLO_BUCKETS).register(registry);
        reindex = Timer.builder("newsdesk.reindex.duration")
                .description("Duration of a reindex run from the chat (admin /reindex or the first start)")
                .register(registry);
        for (String reason : REASONS) {
            abstentions(reason);
        }
        composed("extractive");
    }

    /** Records a reindex run from the chat (admin /reindex or the first start). */
    void reindexed(Duration took) {
        reindex.record(took);
    }

    /** Metrics in Micrometer's global registry (the ops endpoint adds itself to it), no salt: tests, the console. */
    static ChatMetrics global() {
        return new ChatMetrics(Metrics.globalRegistry, false, "");
    }

    private Counter abstentions(String reason) {
        return Counter.builder("newsdesk.abstentions").tag("reason", reason)
                .description("Questions declined, by reason (no_passages, low_evidence, near_miss, llm, other_language)")
                .register(registry);
    }

    private Counter composed(String composer) {
        return Counter.builder("newsdesk.answers").tag("composer", composer)
                .description("Answers by the composer that wrote them "
                        + "(extractive, openai, ollama, extractive-fallback)")
                .register(registry);
    }

    void answered(long chatId, Answer answer) {
        questions.increment();
        String reason = answer.abstained() ? reason(answer) : null;
        if (reason != null) {
            abstentions(reason).increment();
        }
        String composer = answer.composer() == null ? "unknown" : answer.composer();
        composed(composer).increment();
        if (composer.endsWith("-fallback")) {
            fallbacks.increment();
        }
        long ms = Math.max(0, answer.timings().totalMs());
        latency.record(Duration.ofMillis(ms));
        if (events.isInfoEnabled()) {
            events.info("question chat={} ms={} composer={} abstained={}{} citations={}{}", hash(chatId), ms, composer,
                    answer.abstained(), reason == null ? "" : " reason=" + reason, answer.citations().size(),
                    logQuestions ? " question=\"" + oneLine(answer.question()) + "\"" : "");
        }
    }

    /**
     * Why an answer abstained, from what the composers leave in it: nothing retrieved; an LLM that declined; a
     * near miss or a name no passage writes (evidence score 0); else evidence below the threshold.
     */
    static String reason(Answer a) {
        if (org.newsdesk.answer.RecognisedWords.COMPOSER.equals(a.composer())) {
            return "other_language";
        }
        if (a.retrieved().isEmpty()) {
            return "no_passages";
        }
        if (a.composer() != null && !a.composer().startsWith("extractive")) {
            return "llm";
        }
        return a.evidence() <= 0 ? "near_miss" : "low_evidence";
    }

    /** The first 12 hex digits of SHA-256(salt, chat id): the same chat gives the same value within one install. */
    String hash(long chatId) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update(Long.toString(chatId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /** The question on one log line: control characters (a newline forging a second line) become spaces. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 500));
        for (int i = 0; i < text.length() && sb.length() < 500; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '"' ? (c == '"' ? '\'' : ' ') : c);
        }
        return sb.toString();
    }
}
