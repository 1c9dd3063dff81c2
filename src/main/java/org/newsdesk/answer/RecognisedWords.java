package org.newsdesk.answer;

import org.newsdesk.search.Hit;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.SearchRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The reply to a question in another language when no LLM can translate it: one line saying the archive answers in
 * English, then the articles found for the words of the question that the archive knows (names, acronyms, numbers:
 * "Cruise", "OpenAI", "2023"), as a list of sources. It is an abstention — never an answer to a question that was
 * not understood.
 */
public final class RecognisedWords {
    /** Articles listed at most. */
    static final int MAX_ARTICLES = 3;
    /** Recognised words searched at most (a long question must not become a long query). */
    static final int MAX_WORDS = 8;
    public static final String COMPOSER = "untranslated";

    private RecognisedWords() {
    }

    /**
     * The reply for {@code question}, detected as {@code language}.
     *
     * @param request the search request for a query (the chat's size, mode and sources)
     */
    public static Answer answer(AnswerService answers, String question, QuestionLanguage.Detected language,
                                Function<String, SearchRequest> request) {
        long t0 = System.nanoTime();
        HybridSearcher searcher = answers.searcher();
        List<String> words = recognised(searcher, question);
        String head = "The archive answers in English, and without a language model I cannot translate this "
                + language.name() + " question.";
        if (words.isEmpty()) {
            return reply(question, head + " I recognised none of its words: please ask in English.", List.of(),
                    List.of(), t0);
        }
        List<Hit> hits = searcher.search(request.apply(String.join(" ", words)));
        List<Citation> citations = new ArrayList<>();
        Set<String> articles = new LinkedHashSet<>();
        for (Hit h : hits) {
            if (citations.size() == MAX_ARTICLES) {
                break;
            }
            var p = h.passage();
            if (articles.add(p.articleId())) {
                citations.add(new Citation(citations.size() + 1, p.articleId(), p.title(), p.source(), p.url(),
                        p.published(), p.id(), p.text(), h.alsoIn()));
            }
        }
        String listed = String.join(", ", words);
        String text = citations.isEmpty()
                ? head + " I found nothing for the words I recognised (" + listed + "): please ask in English."
                : head + " Articles for the words I recognised (" + listed + "):";
        return reply(question, text, citations, hits, t0);
    }

    private static Answer reply(String question, String text, List<Citation> citations, List<Hit> hits, long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Answer(question, text, true, citations, hits, COMPOSER, 0, new Answer.Timings(ms, 0, ms));
    }

    /**
     * The words of the question that look like names, acronyms or numbers (capitalised, or holding a digit) and
     * that the archive holds: each of their analysed terms occurs in some passage. Lower-case words are left out,
     * since a foreign word may be spelt like an unrelated English one ("die", "war", "also").
     */
    static List<String> recognised(HybridSearcher searcher, String question) {
        Map<String, Set<String>> candidates = new LinkedHashMap<>();
        for (String w : words(question)) {
            boolean nameLike = Character.isUpperCase(w.codePointAt(0)) || w.chars().anyMatch(Character::isDigit);
            if (!nameLike || candidates.containsKey(w)) {
                continue;
            }
            Set<String> terms = searcher.questionTerms(w);
            if (!terms.isEmpty()) {
                candidates.put(w, terms);
            }
            if (candidates.size() == MAX_WORDS) {
                break;
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> all = new LinkedHashSet<>();
        candidates.values().forEach(all::addAll);
        HybridSearcher.TermStats stats = searcher.termStats(all);
        if (stats == null) {
            return List.of();
        }
        List<String> known = new ArrayList<>();
        candidates.forEach((w, terms) -> {
            if (terms.stream().allMatch(t -> stats.docFreqs().getOrDefault(t, 0) > 0)) {
                known.add(w);
            }
        });
        return known;
    }

    /** Runs of letters and digits (an inner hyphen or apostrophe kept: "Bankman-Fried"); one linear pass. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                w.appendCodePoint(c);
            } else if ((c == '-' || c == '\'' || c == '’') && w.length() > 0 && i < text.length()
                    && Character.isLetterOrDigit(text.codePointAt(i))) {
                w.appendCodePoint(c);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }
}
