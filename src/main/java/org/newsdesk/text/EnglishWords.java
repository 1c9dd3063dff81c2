package org.newsdesk.text;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;
import org.tartarus.snowball.ext.PorterStemmer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Lucene's English word lists and stemmer, for the stages that compare words outside the index (question analysis,
 * answer checks, chat messages). The same Porter stems as the index's {@code EnglishAnalyzer}, so a word of a
 * question and a word of a passage compare as the index would compare them, instead of a hand-written
 * approximation per class.
 */
public final class EnglishWords {
    /** The stop set the index's analyzer drops (33 function words). */
    public static final Set<String> LUCENE_STOP = strings(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    /** The Snowball project's longer English stop list (pronouns, auxiliaries, ~170 words), shipped with Lucene. */
    public static final Set<String> SNOWBALL_STOP = snowballStopWords();

    // Snowball stemmers keep state between calls: one per thread.
    private static final ThreadLocal<PorterStemmer> STEMMER = ThreadLocal.withInitial(PorterStemmer::new);

    private EnglishWords() {
    }

    /**
     * The Porter stem of a lower-case word ("elections" and "elected" → "elect", "companies" → "compani"), as the
     * index's analyzer stems its terms; the word itself when it is not alphabetic.
     */
    public static String stem(String lowerWord) {
        if (lowerWord.length() < 3) {
            return lowerWord;
        }
        PorterStemmer stemmer = STEMMER.get();
        stemmer.setCurrent(lowerWord);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** {@link #LUCENE_STOP} together with {@code extra}, as one immutable set. */
    public static Set<String> luceneStopAnd(java.util.Collection<String> extra) {
        Set<String> all = new HashSet<>(LUCENE_STOP);
        all.addAll(extra);
        return Set.copyOf(all);
    }

    private static Set<String> strings(CharArraySet set) {
        Set<String> out = new HashSet<>();
        for (Object w : set) {
            out.add(new String((char[]) w));
        }
        return Set.copyOf(out);
    }

    private static Set<String> snowballStopWords() {
        try {
            return strings(WordlistLoader.getSnowballWordSet(IOUtils.getDecodingReader(SnowballFilter.class,
                    "english_stop.txt", StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene's Snowball English stop list is missing from the class path", e);
        }
    }
}
