package org.newsdesk.chat;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.newsdesk.text.EnglishWords;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a chat message, split by Lucene's {@link StandardTokenizer} (Unicode word boundaries, emoji as their
 * own tokens) with possessives removed ("Cruise's" is "Cruise"), case kept so names can be told apart. Stop words
 * are Lucene's: {@link EnglishAnalyzer}'s set and the Snowball English list (which has the pronouns and question
 * words), plus a few words a question is phrased with that say nothing of its subject.
 */
final class MessageWords {
    /** One token; {@code emoji} for a pictograph token (👍). */
    record Word(String text, String lower, boolean emoji) {
        boolean capitalised() {
            return !text.isEmpty() && Character.isUpperCase(text.codePointAt(0));
        }
    }

    static final Set<String> STOP = stopWords();
    /** Month and weekday names: capitalised, yet a date, not a subject. */
    private static final Set<String> CALENDAR = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");

    private MessageWords() {
    }

    static List<Word> of(String text) {
        List<Word> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (StandardTokenizer tokenizer = new StandardTokenizer();
             TokenStream stream = new EnglishPossessiveFilter(tokenizer)) {
            tokenizer.setReader(new StringReader(text));
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String t = term.toString();
                boolean emoji = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.EMOJI].equals(type.type());
                out.add(new Word(t, t.toLowerCase(Locale.ROOT), emoji));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    /**
     * The message's words in lower case, joined by single spaces, emoji left out and the words of {@code leading}
     * dropped from its start (all but the last): "Hi bot, can you help me?" with greetings leading is "can you help
     * me". Set phrases are recognised by it exactly.
     */
    static String phrase(List<Word> words, Set<String> leading) {
        int first = 0;
        while (first < words.size() - 1 && leading.contains(words.get(first).lower())) {
            first++;
        }
        StringBuilder out = new StringBuilder();
        for (Word w : words.subList(first, words.size())) {
            if (!w.emoji()) {
                out.append(out.isEmpty() ? "" : " ").append(w.lower());
            }
        }
        return out.toString();
    }

    static boolean stop(String lower) {
        return STOP.contains(lower);
    }

    static boolean calendar(String lower) {
        return CALENDAR.contains(lower);
    }

    /** A word that says what a message is about: not a stop word, not emoji, not only digits. */
    static boolean content(Word w) {
        return !w.emoji() && !stop(w.lower()) && w.lower().codePoints().anyMatch(Character::isLetter);
    }

    private static Set<String> stopWords() {
        Set<String> stop = new HashSet<>(EnglishWords.LUCENE_STOP);
        stop.addAll(EnglishWords.SNOWBALL_STOP);
        // How questions are asked, not what about: never a subject to carry into the next question.
        stop.addAll(List.of("can", "will", "may", "might", "must", "shall", "tell", "say", "said", "says", "know",
                "think", "please", "also", "just", "really", "like", "get", "got", "make", "made", "thing", "things",
                "something", "anything", "else", "happen", "happened", "mean", "news", "article", "archive", "much",
                "many", "yes", "whose", "whether", "us", "one", "give", "show", "find", "list", "explain", "describe",
                "summarize", "summarise", "latest", "per", "vs", "via"));
        return Set.copyOf(stop);
    }
}
