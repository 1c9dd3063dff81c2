package org.newsdesk.index;

import org.newsdesk.corpus.Article;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs an article's sentences into passages of about {@code targetWords} words, never more than {@code maxWords}
 * (a longer sentence is cut on words) nor {@code maxChars} characters (a longer piece is cut at a space, or, with
 * no space in reach, at the bound itself: one JSONL body once made a 300,103-character passage), repeating the last {@code overlapSentences} sentences at the start of the
 * next passage so that a fact on a boundary survives whole in one of them.
 */
public final class PassageSplitter {
    private final int targetWords;
    private final int maxWords;
    private final int overlapSentences;
    private final int maxChars;

    /** The splitter the index settings describe. */
    public static PassageSplitter of(org.newsdesk.config.NewsdeskConfig.Index settings) {
        return new PassageSplitter(settings.passageWords(), settings.passageMaxWords(), settings.overlapSentences(),
                settings.passageMaxChars());
    }

    public PassageSplitter(int targetWords, int maxWords, int overlapSentences) {
        this(targetWords, maxWords, overlapSentences, org.newsdesk.config.NewsdeskConfig.Index.DEFAULT_PASSAGE_MAX_CHARS);
    }

    public PassageSplitter(int targetWords, int maxWords, int overlapSentences, int maxChars) {
        this.targetWords = targetWords;
        this.maxWords = maxWords;
        this.overlapSentences = overlapSentences;
        this.maxChars = maxChars;
    }

    public List<Passage> split(Article article) {
        String body = article.body();
        List<SentenceSplitter.Span> sentences = new ArrayList<>();
        for (SentenceSplitter.Span s : SentenceSplitter.split(body)) {
            for (SentenceSplitter.Span part : cutLong(body, s)) {
                sentences.addAll(cutChars(body, part));
            }
        }
        List<Passage> passages = new ArrayList<>();
        int i = 0;
        while (i < sentences.size()) {
            int words = 0;
            int j = i;
            int first = sentences.get(i).start();
            while (j < sentences.size()) {
                int w = words(body, sentences.get(j));
                if (j > i && (words + w > maxWords || words >= targetWords || sentences.get(j).end() - first > maxChars)) {
                    break;
                }
                words += w;
                j++;
            }
            int start = sentences.get(i).start();
            int end = sentences.get(j - 1).end();
            passages.add(new Passage(Passage.idOf(article.id(), passages.size()), article.id(), passages.size(), start,
                    end, body.substring(start, end), article.title(), article.source(), article.url(),
                    article.published()));
            if (j >= sentences.size()) {
                break;
            }
            // Step back for overlap, but always advance at least one sentence.
            i = Math.max(i + 1, j - overlapSentences);
        }
        return passages;
    }

    /** Splits a sentence longer than maxWords into word-bounded chunks. */
    private List<SentenceSplitter.Span> cutLong(String body, SentenceSplitter.Span s) {
        if (words(body, s) <= maxWords) {
            return List.of(s);
        }
        List<SentenceSplitter.Span> parts = new ArrayList<>();
        int pos = s.start();
        int count = 0;
        int chunkStart = s.start();
        boolean inWord = false;
        for (; pos < s.end(); pos++) {
            boolean space = Character.isWhitespace(body.charAt(pos));
            if (!space && !inWord) {
                if (count == targetWords) {
                    parts.add(trimmed(body, chunkStart, pos));
                    chunkStart = pos;
                    count = 0;
                }
                count++;
            }
            inWord = !space;
        }
        parts.add(trimmed(body, chunkStart, s.end()));
        return parts;
    }

    /** Cuts a piece longer than maxChars at the last space within the bound, else at the bound (never in a pair). */
    private List<SentenceSplitter.Span> cutChars(String body, SentenceSplitter.Span s) {
        if (s.end() - s.start() <= maxChars) {
            return List.of(s);
        }
        List<SentenceSplitter.Span> parts = new ArrayList<>();
        int start = s.start();
        while (s.end() - start > maxChars) {
            int limit = start + maxChars;
            int cut = limit;
            // Look back for a space over the last quarter only: enough for any real word, and linear overall.
            for (int k = limit; k > limit - maxChars / 4; k--) {
                if (Character.isWhitespace(body.charAt(k))) {
                    cut = k;
                    break;
                }
            }
            if (cut == limit && Character.isLowSurrogate(body.charAt(cut)) && Character.isHighSurrogate(body.charAt(cut - 1))) {
                cut--;
            }
            parts.add(trimmed(body, start, cut));
            start = cut;
            while (start < s.end() && Character.isWhitespace(body.charAt(start))) {
                start++;
            }
        }
        if (start < s.end()) {
            parts.add(new SentenceSplitter.Span(start, s.end()));
        }
        return parts;
    }

    private static SentenceSplitter.Span trimmed(String body, int start, int end) {
        while (end > start && Character.isWhitespace(body.charAt(end - 1))) {
            end--;
        }
        return new SentenceSplitter.Span(start, end);
    }

    static int words(String text, SentenceSplitter.Span s) {
        int count = 0;
        boolean inWord = false;
        for (int i = s.start(); i < s.end(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
