package org.newsdesk.chat;

import org.newsdesk.answer.LlmComposer;
import org.newsdesk.store.TurnStore;

import java.util.List;

/**
 * Rewrites follow-ups with the configured LLM, from this conversation's turns only; when the model cannot be used,
 * the deterministic {@link FollowUpRewriter} answers instead.
 */
public final class LlmQueryRewriter implements QueryRewriter {
    private final LlmComposer llm;
    private final QueryRewriter fallback;

    public LlmQueryRewriter(LlmComposer llm, QueryRewriter fallback) {
        this.llm = llm;
        this.fallback = fallback;
    }

    @Override
    public String rewrite(List<TurnStore.Turn> history, String question) {
        if (history.isEmpty()) {
            return question;
        }
        StringBuilder conversation = new StringBuilder();
        for (TurnStore.Turn t : history) {
            conversation.append("Q: ").append(t.question()).append('\n');
            String a = t.answer().length() > 300 ? t.answer().substring(0, 300) + "…" : t.answer();
            conversation.append("A: ").append(a.replaceAll("\\s+", " ")).append('\n');
        }
        String rewritten = llm.rewriteQuery(conversation.toString().strip(), question);
        return rewritten != null ? rewritten : fallback.rewrite(history, question);
    }
}
