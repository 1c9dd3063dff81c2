package org.newsdesk.answer;

import org.newsdesk.search.Hit;

import java.util.List;

/** Writes an answer from retrieved passages. Two implementations: extractive (default) and LLM-based. */
public interface AnswerComposer {
    Answer compose(String question, List<Hit> hits);

    /** Short name for logs and the JSON output. */
    String name();
}
