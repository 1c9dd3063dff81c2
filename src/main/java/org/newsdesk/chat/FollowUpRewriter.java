package org.newsdesk.chat;

import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.TermStatistics;
import org.newsdesk.store.TurnStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The deterministic follow-up rule (the search query is the LLM's when one is configured and answers). It says
 * whether a message refers back ({@link #refersBack}, {@link #refersBackOrElliptical}), what the conversation offers
 * the next message ({@link #context}: the previous turn's own message and the subject it was about, nothing after a
 * declined turn) and the standalone search query ({@link #rewrite}: the message with what it lacks of the subject
 * and the previous message's words). Words come from Lucene's tokenizer and stop lists ({@link MessageWords}).
 */
public final class FollowUpRewriter implements QueryRewriter {
    /** Pronouns that stand for something named earlier. */
    private static final Set<String> ANAPHORS = Set.of("it", "its", "they", "them", "their", "theirs", "he", "him",
            "his", "she", "her", "hers", "there", "former", "latter");
    /** Pronouns of possession: after the name they belong to, they refer within the message. */
    private static final Set<String> POSSESSIVES = Set.of("his", "her", "its", "their");
    /** This/that ... stand for something earlier when nothing follows them ("who said that?"). */
    private static final Set<String> DEMONSTRATIVES = Set.of("this", "that", "these", "those");
    /** A definite reference: "the startup", "that deal", when the noun was in the previous message. */
    private static final Set<String> DETERMINERS = Set.of("the", "this", "that", "these", "those", "such");
    /** "Is there", "there are": no place meant. */
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "be", "been", "being", "s");
    private static final List<String> OPENERS = List.of("and ", "and,", "what about", "how about", "also ", "but ",
            "so what", "so how", "so who", "so where", "so when", "why not", "anything else", "more on", "what else",
            "same for", "same question");
    static final int MAX_CARRIED = 8;
    /** Names kept as a turn's subject: its rarest one (a second one pulls the search back to the last answer). */
    static final int SUBJECT_NAMES = 1;
    /** Words kept as the subject of a message without a name. */
    static final int SUBJECT_WORDS = 3;
    /** An elliptical message has at most this many content words ... */
    static final int ELLIPTICAL_WORDS = 2;
    /** ... each in more than this share of the passages (or at least {@link #COMMON_MIN_PASSAGES}): "won", "city". */
    static final double COMMON_SHARE = 0.01;
    static final int COMMON_MIN_PASSAGES = 20;

    /** For the rarity of words (a subject is a turn's rarest names); null to keep the order they were written in. */
    private final HybridSearcher searcher;

    public FollowUpRewriter() {
        this(null);
    }

    public FollowUpRewriter(HybridSearcher searcher) {
        this.searcher = searcher;
    }

    /** What the conversation (oldest turn first) offers its next message; null when nothing may be carried. */
    public FollowUpContext context(List<TurnStore.Turn> history) {
        if (history.isEmpty()) {
            return null;
        }
        int last = history.size() - 1;
        TurnStore.Turn previous = history.get(last);
        if (previous.abstained()) {
            return null; // whatever made it decline (an unknown name) must not decline the next question too
        }
        // After "tell me more" the question it continued is still the one asked (its search query).
        String message = MoreRequest.is(previous.question()) && previous.searchQuery() != null
                ? previous.searchQuery() : previous.question();
        return new FollowUpContext(message, previous.answer(), subjectAt(history, last));
    }

    /**
     * The subject turn {@code i} was about: its own names when it was answered as asked, else the subject it was
     * resolved with (the previous turn's), so a subject is passed along a chain of follow-ups without growing.
     */
    String subjectAt(List<TurnStore.Turn> history, int i) {
        TurnStore.Turn t = history.get(i);
        String query = t.searchQuery() == null ? t.question() : t.searchQuery();
        if (query.equals(t.question())) {
            return subjectOf(t.question());
        }
        if (i > 0 && !history.get(i - 1).abstained()) {
            return subjectAt(history, i - 1);
        }
        // The turn it followed is forgotten: the names its search carried beyond its own words.
        String own = t.question().strip();
        return subjectOf(query.startsWith(own) ? query.substring(own.length()) : query);
    }

    /**
     * The message with what it lacks from the context. A message without a name of its own ("which carmaker owns
     * it?") gets the subject; one that names a new subject ("what about Waymo?") gets the previous message's content
     * words instead (the same question of another subject), and the subject and names too when it also has a
     * pronoun ("and what did Putin say about it?"). Fewer carried words keep the search on the message's own
     * question.
     */
    @Override
    public String rewrite(FollowUpContext context, String question) {
        if (context == null) {
            return question;
        }
        List<MessageWords.Word> words = MessageWords.of(question);
        boolean ownName = words.stream().anyMatch(FollowUpRewriter::name);
        boolean pointsBack = pointsBack(words);
        List<String> carried = new ArrayList<>();
        if (!ownName || pointsBack) {
            carried.addAll(withoutPresent(subjectParts(context.subject()), question));
        }
        if (ownName) {
            List<String> subject = subjectParts(context.subject());
            for (String term : keyTerms(context.previousMessage(), question, pointsBack,
                    n -> !subject.contains(n) && commonName(n))) {
                if (carried.size() >= MAX_CARRIED) {
                    break;
                }
                if (carried.stream().noneMatch(c -> c.equalsIgnoreCase(term))) {
                    carried.add(term);
                }
            }
        }
        return carried.isEmpty() ? question : question.strip() + " " + String.join(" ", carried);
    }

    /**
     * As {@link #refersBack(String, FollowUpContext)}, and also an elliptical message: no name, at most
     * {@value #ELLIPTICAL_WORDS} content words and none of them rare in the archive ("who won?", "which city?"), so
     * nothing in it says what it is about. A rare word ("bitcoin?", "venue") is a subject of its own.
     */
    public boolean refersBackOrElliptical(String question, FollowUpContext context) {
        return refersBackOrElliptical(question, context, hasOwnSubject(question));
    }

    /** As {@link #refersBackOrElliptical(String, FollowUpContext)}, {@link #hasOwnSubject} already known. */
    boolean refersBackOrElliptical(String question, FollowUpContext context, boolean ownSubject) {
        // "what was jai opetaia's record after his knockout": the rare "opetaia" before "his" is a name, lower case
        if (refersBack(question, context, this::rareWord)) {
            return true;
        }
        Set<String> terms = searcher == null ? Set.of() : searcher.questionTerms(question);
        return !terms.isEmpty() && terms.size() <= ELLIPTICAL_WORDS && !ownSubject;
    }

    /**
     * Whether the message names what it is about: a name, or a content word that is rare in the archive ("bitcoin",
     * "venue"), other than the kind of answer it asks for ("carmakers" of "which carmakers?"). "Who replaced him?" and
     * "what was the score?" do not: their words ("replaced", "score") are in many passages about many things, so
     * alone they find some passage that holds them, not the one meant. Without an index to ask, any content word
     * counts.
     */
    public boolean hasOwnSubject(String question) {
        List<MessageWords.Word> words = MessageWords.of(question);
        if (words.stream().anyMatch(FollowUpRewriter::name)) {
            return true;
        }
        Set<String> terms = searcher == null ? Set.of() : new HashSet<>(searcher.questionTerms(question));
        MessageWords.Word asked = askedKind(words);
        if (asked != null && searcher != null) {
            terms.removeAll(searcher.analyze(asked.text()));
        }
        if (terms.isEmpty()) {
            return searcher == null && words.stream().anyMatch(MessageWords::content);
        }
        TermStatistics.TermStats stats = statsOf(terms);
        // no index to ask: answer it as asked
        return stats == null || terms.stream().anyMatch(t -> rare(stats, t));
    }

    /**
     * The kind of answer the message asks for, when a noun follows its question word directly ("which carmakers?",
     * "how many hostages?", "what price?"): what is asked, not what the message is about. Null for "what is
     * lecanemab?", where the noun is the subject.
     */
    private static MessageWords.Word askedKind(List<MessageWords.Word> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            String w = words.get(i).lower();
            int noun = Set.of("which", "what", "whose").contains(w) ? i + 1
                    : w.equals("how") && Set.of("many", "much").contains(words.get(i + 1).lower()) ? i + 2 : -1;
            if (noun > 0 && noun < words.size() && MessageWords.content(words.get(noun))
                    && !words.get(noun).capitalised()) {
                return words.get(noun);
            }
        }
        return null;
    }

    /**
     * A capitalised word the archive writes in many passages ("CEO", "President"): a role, not what a message is
     * about. False without an index to ask.
     */
    private boolean commonName(String name) {
        Set<String> terms = searcher == null ? Set.of() : searcher.analyze(name);
        TermStatistics.TermStats stats = statsOf(terms);
        return stats != null && terms.stream().allMatch(t -> stats.docFreqs().getOrDefault(t, 0) > commonLimit(stats));
    }

    /** The archive's counts of these terms; null without an index to ask (none yet, or unreadable) or terms. */
    private TermStatistics.TermStats statsOf(Set<String> terms) {
        if (searcher == null || terms.isEmpty()) {
            return null;
        }
        try {
            return searcher.termStats(terms);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int commonLimit(TermStatistics.TermStats stats) {
        return Math.max(COMMON_MIN_PASSAGES, (int) (COMMON_SHARE * stats.passages()));
    }

    /** A word in no passage is no subject of the archive; a common one says nothing of what is meant. */
    private static boolean rare(TermStatistics.TermStats stats, String term) {
        int df = stats.docFreqs().getOrDefault(term, 0);
        return df > 0 && df <= commonLimit(stats);
    }

    /**
     * The words that are rare in the archive ("cybertruck" of "cybertruck price"), or all of them when none is (or
     * there is no index to ask): a common word carried as a subject pulls the next search back to the last answer.
     */
    private List<String> rareWords(List<String> words) {
        if (searcher == null || words.size() <= 1) {
            return words;
        }
        Set<String> all = new HashSet<>();
        words.forEach(w -> all.addAll(searcher.analyze(w)));
        TermStatistics.TermStats stats = statsOf(all);
        if (stats == null) {
            return words; // no index to ask
        }
        List<String> rare = words.stream()
                .filter(w -> searcher.analyze(w).stream().anyMatch(t -> rare(stats, t))).toList();
        return rare.isEmpty() ? words : rare;
    }

    /** A pronoun or a bare this/that standing for something earlier. */
    private static boolean pointsBack(List<MessageWords.Word> words) {
        for (int i = 0; i < words.size(); i++) {
            String lower = words.get(i).lower();
            if ((ANAPHORS.contains(lower) && !existentialThere(words, i))
                    || (DEMONSTRATIVES.contains(lower) && i == words.size() - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message refers back to the conversation, whatever came before. */
    public static boolean isFollowUp(String question) {
        return refersBack(question, null);
    }

    /**
     * Whether the message refers back: it opens with "and …" / "what about …", has no word of its own content
     * ("why?"), has a pronoun with no name before it in the message ("which carmaker owns it?"), ends on a bare
     * "that"/"this", or makes a definite reference to a noun of the previous message ("the startup").
     */
    public static boolean refersBack(String question, FollowUpContext context) {
        return refersBack(question, context, w -> false);
    }

    /** As {@link #refersBack(String, FollowUpContext)}, a word {@code nameLike} accepts counting as a name. */
    static boolean refersBack(String question, FollowUpContext context,
                              java.util.function.Predicate<MessageWords.Word> nameLike) {
        String q = question.strip().toLowerCase(Locale.ROOT);
        for (String opener : OPENERS) {
            if (q.startsWith(opener)) {
                return true;
            }
        }
        List<MessageWords.Word> words = MessageWords.of(question);
        if (words.stream().noneMatch(MessageWords::content)) {
            return true;
        }
        Set<String> previous = context == null ? Set.of() : lowerForms(context.previousMessage() + " "
                + context.subject());
        boolean named = false;
        boolean rareBefore = false;
        for (int i = 0; i < words.size(); i++) {
            MessageWords.Word w = words.get(i);
            String lower = w.lower();
            boolean last = i == words.size() - 1;
            // A rare word in lower case before a possessive is its owner ("opetaia's ... after his knockout"); before
            // "it" it is what is asked ("which carmaker owns it?"), and "it" still points back.
            if (ANAPHORS.contains(lower) && !named && !(rareBefore && POSSESSIVES.contains(lower))
                    && !existentialThere(words, i)) {
                return true;
            }
            if (DEMONSTRATIVES.contains(lower) && last) {
                return true;
            }
            if (DETERMINERS.contains(lower) && !last) {
                MessageWords.Word next = words.get(i + 1);
                if (!next.capitalised() && MessageWords.content(next) && previous.contains(singular(next.lower()))) {
                    return true;
                }
            }
            named |= name(w);
            rareBefore |= !named && MessageWords.content(w) && nameLike.test(w);
        }
        return false;
    }

    /** A word of few passages of the archive (see {@link #hasOwnSubject}); false without an index to ask. */
    private boolean rareWord(MessageWords.Word w) {
        Set<String> terms = searcher == null ? Set.of() : searcher.analyze(w.text());
        TermStatistics.TermStats stats = statsOf(terms);
        return stats != null && terms.stream().anyMatch(t -> rare(stats, t));
    }

    private static boolean existentialThere(List<MessageWords.Word> words, int i) {
        if (!words.get(i).lower().equals("there")) {
            return false;
        }
        return (i + 1 < words.size() && BE.contains(words.get(i + 1).lower()))
                || (i > 0 && BE.contains(words.get(i - 1).lower()));
    }

    /** A name: a capitalised word that is no stop word and no month or weekday. */
    private static boolean name(MessageWords.Word w) {
        return w.capitalised() && MessageWords.content(w) && !MessageWords.calendar(w.lower());
    }

    private static Set<String> lowerForms(String text) {
        Set<String> out = new HashSet<>();
        for (MessageWords.Word w : MessageWords.of(text)) {
            out.add(singular(w.lower()));
        }
        return out;
    }

    private static String singular(String lower) {
        return lower.length() > 3 && lower.endsWith("s") && !lower.endsWith("ss") ? lower.substring(0, lower.length() - 1)
                : lower;
    }

    /**
     * What a message is about: its names (runs of capitalised words: "Activision Blizzard"), the rarest
     * {@value #SUBJECT_NAMES} in the archive, in the order written; without a name its rarest content words, only the
     * rare ones when it has any ("cybertruck", not "cybertruck price").
     */
    String subjectOf(String message) {
        List<MessageWords.Word> words = MessageWords.of(message);
        List<String> names = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (MessageWords.Word w : words) {
            if (name(w)) {
                run.add(w.text());
                continue;
            }
            if (!run.isEmpty()) {
                names.add(String.join(" ", run));
                run.clear();
            }
        }
        if (!run.isEmpty()) {
            names.add(String.join(" ", run));
        }
        if (!names.isEmpty()) {
            return String.join(", ", rarest(new ArrayList<>(new LinkedHashSet<>(names)), SUBJECT_NAMES));
        }
        List<String> content = words.stream().filter(MessageWords::content).map(MessageWords.Word::lower).distinct()
                .toList();
        return String.join(" ", rarest(rareWords(content), SUBJECT_WORDS));
    }

    /** The {@code n} rarest of {@code phrases} in the archive (a phrase as rare as its rarest word), in their order. */
    private List<String> rarest(List<String> phrases, int n) {
        if (phrases.size() <= n || searcher == null) {
            return phrases.subList(0, Math.min(n, phrases.size()));
        }
        Map<String, Double> idf;
        try {
            Set<String> all = new HashSet<>();
            phrases.forEach(p -> all.addAll(searcher.analyze(p)));
            idf = searcher.idf(all);
        } catch (RuntimeException e) {
            return phrases.subList(0, n); // no index to ask: the first ones written
        }
        List<String> ranked = new ArrayList<>(phrases);
        ranked.sort(Comparator.comparingDouble((String p) -> -searcher.analyze(p).stream()
                .mapToDouble(t -> idf.getOrDefault(t, 0.0)).max().orElse(0)));
        Set<String> keep = new HashSet<>(ranked.subList(0, n));
        return phrases.stream().filter(keep::contains).toList();
    }

    private static List<String> subjectParts(String subject) {
        if (subject == null || subject.isBlank()) {
            return List.of();
        }
        return List.of(subject.split(", "));
    }

    /** The parts with a word the question does not have. */
    private static List<String> withoutPresent(List<String> parts, String question) {
        Set<String> present = lowerForms(question);
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (MessageWords.of(p).stream().anyMatch(w -> !present.contains(singular(w.lower())))) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Names (runs of capitalised words) and content words (four letters or more) of {@code text} that
     * {@code question} lacks, names first, at most {@value #MAX_CARRIED}.
     */
    static List<String> keyTerms(String text, String question) {
        return keyTerms(text, question, true, n -> false);
    }

    /**
     * As {@link #keyTerms(String, String)}; without the names when {@code withNames} is false, except those that
     * {@code roleWord} says are no subject ("CEO" in "Who is the CEO of OpenAI?": "and of Microsoft?" asks the same).
     */
    static List<String> keyTerms(String text, String question, boolean withNames,
                                 java.util.function.Predicate<String> roleWord) {
        Set<String> present = lowerForms(question);
        Set<String> names = new LinkedHashSet<>();
        Set<String> content = new LinkedHashSet<>();
        List<String> run = new ArrayList<>();
        boolean runMissing = false;
        for (MessageWords.Word w : MessageWords.of(text)) {
            if (name(w)) {
                run.add(w.text());
                runMissing |= !present.contains(singular(w.lower()));
                continue;
            }
            if (runMissing) {
                names.add(String.join(" ", run));
            }
            run.clear();
            runMissing = false;
            String lower = w.lower();
            if (lower.length() >= 4 && MessageWords.content(w) && !MessageWords.calendar(lower)
                    && !present.contains(singular(lower)) && lower.chars().allMatch(Character::isLetter)) {
                content.add(lower);
            }
        }
        if (runMissing) {
            names.add(String.join(" ", run));
        }
        List<String> out = new ArrayList<>(withNames ? names : names.stream().filter(roleWord).toList());
        for (String c : content) {
            if (out.size() >= MAX_CARRIED) {
                break;
            }
            out.add(c);
        }
        return out.size() > MAX_CARRIED ? out.subList(0, MAX_CARRIED) : out;
    }
}
