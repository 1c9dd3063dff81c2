package org.newsdesk.answer;

import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;

import java.util.List;

/** Question in, cited answer out: retrieval then composition, timed. The one path every front end uses. */
public final class AnswerService {
    private final HybridSearcher searcher;
    private final AnswerComposer composer;

    public AnswerService(HybridSearcher searcher, AnswerComposer composer) {
        this.searcher = searcher;
        this.composer = composer;
    }

    public HybridSearcher searcher() {
        return searcher;
    }

    public AnswerComposer composer() {
        return composer;
    }

    public Answer ask(String question) {
        return ask(question, searcher.settings().k(), SearchRequest.Mode.parse(searcher.settings().mode()));
    }

    public Answer ask(String question, int k, SearchRequest.Mode mode) {
        return ask(new SearchRequest(question, k, mode, null, null), question);
    }

    /** {@code question} is what the user asked; {@code request.query()} may be a rewritten search query. */
    public Answer ask(SearchRequest request, String question) {
        return ask(request, question, null);
    }

    /**
     * As {@link #ask(SearchRequest, String)}; when the composer streams, {@code partialText} receives the answer text
     * so far as it grows (see {@link StreamingAnswerComposer}). Null for no streaming.
     */
    public Answer ask(SearchRequest request, String question, java.util.function.Consumer<String> partialText) {
        long t0 = System.nanoTime();
        List<Hit> hits = searcher.search(request);
        long t1 = System.nanoTime();
        Answer answer = partialText != null && composer instanceof StreamingAnswerComposer s && s.streams()
                ? s.compose(question, hits, partialText)
                : composer.compose(question, hits);
        long t2 = System.nanoTime();
        return answer.withTimings(new Answer.Timings((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000));
    }
}
