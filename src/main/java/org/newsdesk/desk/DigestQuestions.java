package org.newsdesk.desk;

import org.newsdesk.search.Period;
import org.newsdesk.search.QuestionTime;
import org.newsdesk.search.TimeExpressions;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which messages ask for a digest rather than an answer: a question that names a period (or asks for the news) and no
 * topic ("what's new today", "latest news this week", "What is the latest news this week?"), and "what's new on X" /
 * "latest news about X" (a digest of topic X). Anything else is a question for the search.
 */
public final class DigestQuestions {
    /** A digest request: the topic (null for none) and the period (null: the chat's default). */
    public record Request(String topic, Period period) {
    }

    /** Words that ask for news without naming a topic. */
    private static final Set<String> NEWS_WORDS = Set.of("what", "what's", "whats", "is", "are", "was", "the", "new",
            "news", "latest", "newest", "any", "anything", "happened", "happening", "headlines", "headline", "there",
            "me", "tell", "show", "give", "top", "stories", "recent", "most", "going", "on", "in", "s", "a", "of",
            "today's", "todays", "this", "archive", "please", "updates");
    private static final Set<String> ASKS_FOR_NEWS = Set.of("new", "news", "latest", "newest", "headlines", "updates");
    /** "What happened?" alone refers back to the conversation; with a period ("what happened today") it is news. */
    private static final Set<String> WITH_A_PERIOD = Set.of("happened", "happening");
    private static final List<String> TOPIC_PREFIXES = List.of("what's new on ", "what's new about ",
            "what's new with ", "what is new on ", "what is new about ", "what is new with ", "whats new on ",
            "whats new about ", "whats new with ", "latest news on ", "latest news about ", "any news on ",
            "any news about ", "what's the latest news on ", "what's the latest news about ");

    /** Words of a period that TimeExpressions leaves in the query (dates are content words for a search). */
    private static final Set<String> PERIOD_WORDS = Set.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec", "in", "during", "throughout", "from", "since", "on", "of", "the");

    private DigestQuestions() {
    }

    /**
     * The topic of a digest request: the query without its time words, and, when it names a period, without the
     * month names, years, day numbers and prepositions that stay in it for a search ("Snowden in 2013" → "Snowden").
     */
    public static String topicOf(QuestionTime t) {
        List<String> kept = new java.util.ArrayList<>();
        for (String w : t.query().strip().split("\\s+")) {
            String bare = w.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
            if (bare.isEmpty()) {
                continue;
            }
            boolean dayOrYear = bare.chars().allMatch(Character::isDigit)
                    || bare.matches("\\d{1,2}(st|nd|rd|th)");
            if (t.period() != null && (PERIOD_WORDS.contains(bare) || dayOrYear)) {
                continue;
            }
            kept.add(w);
        }
        return String.join(" ", kept).strip();
    }

    /** The digest a message asks for, if it asks for one. */
    public static Optional<Request> parse(String message, LocalDate today) {
        String text = message.strip().replace('’', '\'');
        int end = text.length();
        while (end > 0 && "?!. ".indexOf(text.charAt(end - 1)) >= 0) {
            end--; // trailing punctuation, without a regex (linear on any input)
        }
        text = text.substring(0, end);
        String lower = text.toLowerCase(Locale.ROOT);
        for (String prefix : TOPIC_PREFIXES) {
            if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                QuestionTime t = TimeExpressions.resolve(text.substring(prefix.length()), today);
                String topic = topicOf(t);
                return topic.isEmpty() || !hasWords(topic) ? Optional.empty() : Optional.of(new Request(topic, t.period()));
            }
        }
        QuestionTime t = TimeExpressions.resolve(text, today);
        boolean asksForNews = false;
        for (String w : topicOf(t).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (!NEWS_WORDS.contains(w)) {
                return Optional.empty(); // a topic word: a question for the search
            }
            asksForNews |= ASKS_FOR_NEWS.contains(w);
        }
        for (String w : lower.split("[^\\p{L}\\p{N}']+")) {
            asksForNews |= ASKS_FOR_NEWS.contains(w) || (t.period() != null && WITH_A_PERIOD.contains(w));
        }
        return asksForNews ? Optional.of(new Request(null, t.period())) : Optional.empty();
    }

    private static boolean hasWords(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
