package org.newsdesk.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The analysed terms of each sentence of a passage, in the order {@link SentenceSplitter} finds the sentences.
 * Computed once when the passage is indexed and stored with it, so that ranking candidates by their best sentence
 * and choosing the sentences of an answer read them instead of analysing every candidate again for every question
 * (the analysis was a third of a question's CPU time after the embedding; docs/bench.md, "Question latency").
 *
 * @param sentences per sentence, its distinct terms in order of first appearance
 */
public record SentenceTerms(List<Set<String>> sentences) {
    public SentenceTerms {
        sentences = List.copyOf(sentences);
    }

    /** Splits a passage text into sentences and analyses each as the index analyses its text field. */
    public static SentenceTerms of(Analyzer analyzer, String text) {
        List<Set<String>> sentences = new ArrayList<>();
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            Set<String> terms = new LinkedHashSet<>();
            forEachTerm(analyzer, text.substring(span.start(), span.end()), terms::add);
            sentences.add(Collections.unmodifiableSet(terms));
        }
        return new SentenceTerms(sentences);
    }

    /** Analyses a text as the index's text field does and hands each term over, in order, repeats included. */
    public static void forEachTerm(Analyzer analyzer, String text, Consumer<String> sink) {
        try (TokenStream ts = analyzer.tokenStream(PassageDocuments.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                sink.accept(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One line per sentence, each ended by a newline, terms separated by spaces. Analysed terms never hold
     * whitespace: the tokenizer splits on it.
     */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Set<String> terms : sentences) {
            sb.append(String.join(" ", terms)).append('\n');
        }
        return sb.toString();
    }

    /** The inverse of {@link #encode()}. */
    public static SentenceTerms decode(String encoded) {
        List<Set<String>> sentences = new ArrayList<>();
        int start = 0;
        for (int end = encoded.indexOf('\n'); end >= 0; end = encoded.indexOf('\n', start)) {
            Set<String> terms = new LinkedHashSet<>();
            int t = start;
            while (t < end) {
                int space = encoded.indexOf(' ', t);
                int stop = space < 0 || space > end ? end : space;
                if (stop > t) {
                    terms.add(encoded.substring(t, stop));
                }
                t = stop + 1;
            }
            sentences.add(Collections.unmodifiableSet(terms));
            start = end + 1;
        }
        return new SentenceTerms(sentences);
    }
}
