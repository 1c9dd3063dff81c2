package org.newsdesk.answer;

import org.newsdesk.search.Hit;

import java.util.List;
import java.util.function.Consumer;

/**
 * A composer that can show its answer while it is being written. {@code partialText} receives the whole answer
 * text so far (not a delta), already cleaned for display (citation markers checked and renumbered), each time it
 * grows; it may be called from another thread, and is never called after {@code compose} returns. The returned
 * answer is final: its text may differ from the last partial (a fallback, an abstention).
 */
public interface StreamingAnswerComposer extends AnswerComposer {
    Answer compose(String question, List<Hit> hits, Consumer<String> partialText);

    /** Whether this composer will stream at all (a provider or setting may turn it off). */
    default boolean streams() {
        return true;
    }
}
