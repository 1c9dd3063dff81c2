package org.newsdesk.chat;

import org.newsdesk.store.TurnStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic rewriter, used when no LLM is configured (or it fails): when a question refers back — it has a
 * pronoun or anaphor (it, that, they, he, she, this, there, them ...), starts with "and" / "what about", or is only a
 * few words — the previous turn's key terms (capitalised names, and its content words) are appended to the query.
 * A question that stands on its own is left alone.
 */
public final class FollowUpRewriter implements QueryRewriter {
    private static final Set<String> ANAPHORS = Set.copyOf(List.of("it", "its", "it's", "that", "this", "these", "those", "they",
            "them", "their", "theirs", "he", "him", "his", "she", "her", "hers", "there", "then", "such", "same",
            "former", "latter", "thereafter"));
    private static final List<String> OPENERS = List.of("and ", "and,", "what about", "how about", "also ", "but ",
            "so ", "why not", "anything else", "more on", "what else");
    /** Function words and question words: never carried over as key terms. */
    private static final Set<String> STOP = Set.copyOf(List.of("a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on",
            "at", "by", "for", "with", "about", "from", "into", "over", "after", "before", "between", "during", "as",
            "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "done", "have", "has", "had",
            "will", "would", "shall", "should", "can", "could", "may", "might", "must", "what", "which", "who", "whom",
            "whose", "why", "how", "when", "where", "whether", "there", "here", "this", "that", "these", "those", "it",
            "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our", "you", "your", "i",
            "me", "my", "not", "no", "yes", "any", "some", "all", "more", "most", "other", "than", "then", "also",
            "just", "only", "very", "much", "many", "say", "said", "says", "tell", "told", "think", "know", "get",
            "got", "make", "made", "take", "took", "give", "gave", "went", "come", "came", "like", "really", "please",
            "does", "doing", "thing", "things", "something", "anything", "else", "happen", "happened", "mean", "article",
            "archive", "news", "year", "years", "time", "times", "day", "days"));
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.\\-]*");
    static final int MAX_CARRIED = 8;

    @Override
    public String rewrite(List<TurnStore.Turn> history, String question) {
        if (history.isEmpty() || !isFollowUp(question)) {
            return question;
        }
        TurnStore.Turn previous = history.get(history.size() - 1);
        List<String> carried = keyTerms(previous.searchQuery(), question);
        if (carried.isEmpty()) {
            carried = keyTerms(previous.question(), question);
        }
        return carried.isEmpty() ? question : question.strip() + " " + String.join(" ", carried);
    }

    /** Whether the question refers back to the conversation. */
    public static boolean isFollowUp(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT);
        for (String opener : OPENERS) {
            if (q.startsWith(opener)) {
                return true;
            }
        }
        List<String> words = words(q);
        if (words.size() <= 3) {
            return true;
        }
        for (String w : words) {
            if (ANAPHORS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Names (capitalised words, kept as multi-word runs) and content words of {@code text} not already in {@code question}. */
    static List<String> keyTerms(String text, String question) {
        Set<String> present = new LinkedHashSet<>(words(question.toLowerCase(Locale.ROOT)));
        Set<String> names = new LinkedHashSet<>();
        Set<String> content = new LinkedHashSet<>();
        List<String> run = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = clean(m.group());
            String lower = w.toLowerCase(Locale.ROOT);
            boolean capital = !w.isEmpty() && Character.isUpperCase(w.charAt(0)) && !STOP.contains(lower);
            if (capital) {
                run.add(w);
                continue;
            }
            flush(run, names, present);
            if (lower.length() >= 4 && !STOP.contains(lower) && !present.contains(lower)
                    && lower.chars().allMatch(Character::isLetter)) {
                content.add(lower);
            }
        }
        flush(run, names, present);
        List<String> out = new ArrayList<>(names);
        for (String c : content) {
            if (out.size() >= MAX_CARRIED) {
                break;
            }
            out.add(c);
        }
        return out.size() > MAX_CARRIED ? out.subList(0, MAX_CARRIED) : out;
    }

    private static void flush(List<String> run, Set<String> names, Set<String> present) {
        if (!run.isEmpty()) {
            List<String> missing = run.stream().filter(w -> !present.contains(w.toLowerCase(Locale.ROOT))).toList();
            if (!missing.isEmpty()) {
                names.add(String.join(" ", run));
            }
            run.clear();
        }
    }

    private static String clean(String w) {
        String s = w.replaceAll("['’]s$", "");
        while (!s.isEmpty() && (s.endsWith(".") || s.endsWith("-") || s.endsWith("'") || s.endsWith("’"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(clean(m.group()).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
