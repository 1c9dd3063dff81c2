package org.newsdesk.search;

import org.apache.lucene.analysis.Analyzer;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.SentenceTerms;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How text becomes index terms, as the index analyses it (stemmed, stop words dropped): a question's content terms
 * without its question and function words, and the words its vector is computed from. Needs no index.
 */
public final class TermAnalysis {
    /** The index's analyzer; Lucene's analyzers are safe to share between threads. */
    static final Analyzer ANALYZER = PassageDocuments.analyzer();
    private static final List<String> QUESTION_WORDS = List.of(
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "do", "does", "done", "has",
            "have", "had", "having", "his", "her", "hers", "its", "he", "she", "him", "i", "me", "my", "you", "your",
            "we", "our", "us", "them", "those", "from", "about", "would", "could", "should", "can", "may", "might",
            "been", "being", "were", "am", "any", "some", "all", "both", "each", "other", "than", "so", "also", "just",
            "only", "very", "much", "many", "more", "most", "over", "after", "before", "between", "up", "down", "out",
            "tell", "know", "please", "according", "article", "articles", "report", "reported", "reports", "news");
    /** Question and function words, stemmed as the index stems them. */
    private static final Set<String> QUESTION_STOP_TERMS = Set.copyOf(analyze(String.join(" ", QUESTION_WORDS)));
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD_CHARS = Pattern.compile("[^\\p{L}\\p{N}]");
    /** Lucene's English stop words and the question words, as written (not stemmed). */
    private static final Set<String> DENSE_STOP_WORDS = denseStopWords();

    private TermAnalysis() {
    }

    /** The analysed terms of a text (stemmed, stop words dropped), in order of first appearance. */
    public static Set<String> analyze(String text) {
        Set<String> terms = new LinkedHashSet<>();
        forEachTerm(text, terms::add);
        return terms;
    }

    /**
     * The terms of a question that carry its content: analysed like the index, without the question words and
     * function words that Lucene's English stop list keeps ("why", "did", "how", "his" ...), which would otherwise
     * make a question look unanswered by a passage that answers it.
     */
    public static Set<String> questionTerms(String question) {
        Set<String> terms = analyze(question);
        terms.removeAll(QUESTION_STOP_TERMS);
        return terms;
    }

    /** How often each analysed term occurs in a text. */
    static Map<String, Integer> termCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        forEachTerm(text, t -> counts.merge(t, 1, Integer::sum));
        return counts;
    }

    /** The analysed terms of a hit's sentences: as the index stored them, or analysed now when it did not. */
    public static SentenceTerms sentenceTerms(Hit hit) {
        return hit.sentenceTerms() != null ? hit.sentenceTerms() : SentenceTerms.of(ANALYZER, hit.passage().text());
    }

    /** Analyses a text as the index does and hands each term over, in order, repeats included. */
    private static void forEachTerm(String text, Consumer<String> sink) {
        SentenceTerms.forEachTerm(ANALYZER, text, sink);
    }

    /**
     * What the question's vector is computed from with {@code search.embed-content-words}: its words without the
     * stop words and question words, except capitalised ones after the first word (names: "The Verge", "Sporting
     * News"). The embedding takes time in proportion to the tokens, and these carry next to nothing for the dense
     * retriever (dev figures in README); the whole question when nothing would be left.
     */
    static String contentWords(String question) {
        StringBuilder sb = new StringBuilder(question.length());
        String[] words = WHITESPACE.split(question.strip());
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String key = NOT_WORD_CHARS.matcher(w.toLowerCase(Locale.ROOT)).replaceAll("");
            if (key.isEmpty() || (DENSE_STOP_WORDS.contains(key) && !(i > 0 && capitalised(w)))) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.length() > 0 ? sb.toString() : question;
    }

    private static boolean capitalised(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetterOrDigit(word.charAt(i))) {
                return Character.isUpperCase(word.charAt(i));
            }
        }
        return false;
    }

    private static Set<String> denseStopWords() {
        return org.newsdesk.text.EnglishWords.luceneStopAnd(QUESTION_WORDS);
    }
}
