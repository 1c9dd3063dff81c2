package org.newsdesk.answer;

import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.QuestionTime;
import org.newsdesk.search.SearchRequest;
import org.newsdesk.search.TimeExpressions;
import org.newsdesk.search.WireCopy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Question in, cited answer out: retrieval then composition, timed. The one path every front end uses.
 *
 * <p>A question that names a time ("this week", "in March 2024", "the latest on ...") is searched within that
 * period (or newest first), resolved against today's date on the clock. When nothing in the period answers it, the
 * question is answered as if it named no time, and the answer says so ({@link TimeScope#otherDates()}) instead of
 * silently mixing periods. A question without time words is searched exactly as before.
 */
public final class AnswerService {
    private final HybridSearcher searcher;
    private final AnswerComposer composer;
    private final Clock clock;

    public AnswerService(HybridSearcher searcher, AnswerComposer composer, Clock clock) {
        this.searcher = searcher;
        this.composer = composer;
        this.clock = clock;
    }

    /** Dates in questions resolve against the system clock (UTC). */
    public AnswerService(HybridSearcher searcher, AnswerComposer composer) {
        this(searcher, composer, Clock.systemUTC());
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
    public Answer ask(SearchRequest request, String question, Consumer<String> partialText) {
        return ask(request, question, partialText, h -> true);
    }

    /**
     * As {@link #ask(SearchRequest, String, Consumer)}, composing from the retrieved passages {@code keep} accepts
     * only ("tell me more": not the passages the previous answer quoted).
     */
    public Answer ask(SearchRequest request, String question, Consumer<String> partialText,
                      java.util.function.Predicate<Hit> keep) {
        boolean explicit = request.from() != null || request.to() != null || request.newestFirst();
        LocalDate today = LocalDate.now(clock);
        QuestionTime time = explicit ? QuestionTime.none(request.query()) : TimeExpressions.resolve(request.query(), today);
        if (!time.any()) {
            return withWireCopies(askAsIs(request, question, question, partialText, keep));
        }
        long t0 = System.nanoTime();
        // The extractive composer weighs the question's words: "latest" or "this week" are in no sentence in the
        // sense meant. An LLM reads the question as written.
        String composeWith = composer instanceof LlmComposer ? question : TimeExpressions.resolve(question, today).query();
        Answer scoped = askAsIs(request.scoped(time.query(), time.period(), time.newestFirst()), composeWith, question,
                partialText, keep);
        if (time.period() != null && (scoped.retrieved().isEmpty() || scoped.abstained())) {
            // Nothing in the period answers it: answer from the whole archive, and say so.
            Answer whole = askAsIs(request, question, question, partialText, keep);
            if (!whole.abstained() || scoped.retrieved().isEmpty()) {
                return withWireCopies(whole.withTime(new TimeScope(time.period(), false, true))
                        .withTimings(since(t0, whole.timings())));
            }
        }
        return withWireCopies(scoped.withTime(new TimeScope(time.period(), time.newestFirst(), false))
                .withTimings(since(t0, scoped.timings())));
    }

    /** Retrieval then composition of one request, timed; the answer is to {@code question}. */
    private Answer askAsIs(SearchRequest request, String composeWith, String question, Consumer<String> partialText,
                           java.util.function.Predicate<Hit> keep) {
        long t0 = System.nanoTime();
        // "Who directed ...": the doer's noun ("director") is searched too.
        String doers = AgentNouns.forQuestion(request.query());
        SearchRequest searched = doers.isEmpty() ? request : request.withQuery(request.query() + " " + doers);
        List<Hit> hits = kept(searcher.search(searched), keep);
        if (composer instanceof ExtractiveComposer) {
            // Initials the archive spells out ("fnaf"): search again with the name they stand for.
            String names = NameAliases.expansion(request.query(), hits, searcher);
            if (!names.isEmpty()) {
                hits = kept(searcher.search(searched.withQuery(searched.query() + " " + names)), keep);
            }
        }
        if (!doers.isEmpty() && composer instanceof ExtractiveComposer) {
            composeWith = composeWith + " " + doers; // its sentences are chosen by the words searched
        }
        long t1 = System.nanoTime();
        Answer answer = partialText != null && composer instanceof StreamingAnswerComposer s && s.streams()
                ? s.compose(composeWith, hits, partialText)
                : composer.compose(composeWith, hits);
        long t2 = System.nanoTime();
        if (!composeWith.equals(question)) {
            answer = answer.withQuestion(question);
        }
        return answer.withTimings(new Answer.Timings((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000));
    }

    private static List<Hit> kept(List<Hit> hits, java.util.function.Predicate<Hit> keep) {
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            if (keep.test(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The last search's retrieve and compose times, and the total since {@code t0} (a fallback searched twice). */
    private static Answer.Timings since(long t0, Answer.Timings last) {
        return new Answer.Timings(last.retrieveMs(), last.composeMs(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Each citation lists the other outlets that carried its article's cited passages (see {@link Hit#alsoIn()}). */
    static Answer withWireCopies(Answer answer) {
        if (answer.citations().isEmpty() || answer.retrieved().stream().allMatch(h -> h.alsoIn().isEmpty())) {
            return answer;
        }
        List<Citation> citations = new ArrayList<>(answer.citations().size());
        for (Citation c : answer.citations()) {
            Map<String, WireCopy> byOutlet = new LinkedHashMap<>();
            for (Hit h : answer.retrieved()) {
                if (h.passage().articleId().equals(c.articleId())) {
                    for (WireCopy w : h.alsoIn()) {
                        String outlet = w.source() == null ? "" : w.source();
                        if (!outlet.equals(c.source() == null ? "" : c.source())) {
                            byOutlet.putIfAbsent(outlet, w);
                        }
                    }
                }
            }
            citations.add(byOutlet.isEmpty() ? c : c.withAlsoIn(List.copyOf(byOutlet.values())));
        }
        return answer.withCitations(citations);
    }
}
