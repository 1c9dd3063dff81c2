package org.newsdesk.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.newsdesk.answer.Answer;

import java.time.Duration;

/** Question metrics in Micrometer's global registry (exposed by the ops endpoint when it runs). */
final class ChatMetrics {
    private static final Counter QUESTIONS = Metrics.counter("newsdesk.questions");
    private static final Counter ABSTENTIONS = Metrics.counter("newsdesk.abstentions");
    private static final Timer LATENCY = Timer.builder("newsdesk.answer.latency")
            .description("time to answer a question, retrieval and composition")
            .publishPercentileHistogram().register(Metrics.globalRegistry);
    static final Timer REINDEX = Timer.builder("newsdesk.reindex.duration")
            .description("duration of a reindex run from the chat (admin /reindex or the first start)")
            .register(Metrics.globalRegistry);

    private ChatMetrics() {
    }

    static void answered(Answer answer) {
        QUESTIONS.increment();
        if (answer.abstained()) {
            ABSTENTIONS.increment();
        }
        LATENCY.record(Duration.ofMillis(Math.max(0, answer.timings().totalMs())));
    }
}
