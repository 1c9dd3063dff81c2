package org.newsdesk.answer;

import org.apache.lucene.search.spell.LevenshteinDistance;
import org.newsdesk.search.Hit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names a question writes differently from the retrieved passages: initials ("NTSB" for "National Transportation
 * Safety Board", "fnaf" for "Five Nights at Freddy's", "MIT") and close misspellings of a name the passages write
 * ("Lucashenco" for "Lucashenko"). Found in the top passages only, by one pass over their tokens: what retrieval
 * already agrees on, not a guess over the whole archive.
 */
final class NameAliases {
    /** How a question word is read. */
    record Alias(String word, String name, boolean misspelt) {
    }

    /** Passages searched for the names. */
    static final int PASSAGES = 10;
    /** Lower-case words a name may hold between its capitalised ones ("Five Nights at Freddy's"). */
    private static final Set<String> JOINERS = Set.of("of", "at", "the", "and", "&", "for", "in", "on", "de", "du",
            "la", "le", "van", "von");
    /** Lucene's Levenshtein similarity (1 - distance / longer length) a misspelling must reach. */
    static final float MISSPELLING_SIMILARITY = 0.8f;
    private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance();

    private NameAliases() {
    }

    /**
     * For each of {@code initialsWords} (short words the question may abbreviate with) the name in the passages
     * whose initials they are, and for each of {@code unknownWords} (words no passage writes) the name word of the
     * passages it misspells; each word at most once, the name seen most often winning.
     */
    static List<Alias> find(List<String> initialsWords, List<String> unknownWords, List<Hit> hits) {
        Map<String, Map<String, Integer>> initials = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> spelling = new LinkedHashMap<>();
        for (Hit h : hits.subList(0, Math.min(PASSAGES, hits.size()))) {
            for (List<NewsTokens.Token> run : capitalisedRuns(h.passage().text())) {
                String name = h.passage().text().substring(run.get(0).start(), run.get(run.size() - 1).end());
                for (String w : initialsWords) {
                    if (run.size() >= 2 && matchesInitials(w, run)) {
                        initials.computeIfAbsent(w, k -> new LinkedHashMap<>()).merge(stripPossessive(name), 1,
                                Integer::sum);
                    }
                }
                for (NewsTokens.Token t : run) {
                    if (!Character.isUpperCase(t.text().charAt(0))) {
                        continue;
                    }
                    for (String w : unknownWords) {
                        String word = stripPossessive(t.text());
                        // letters only: "COP29" for "COP28" is another summit, not a misspelling
                        if (w.length() >= 5 && w.chars().allMatch(Character::isLetter) && !w.equalsIgnoreCase(word)
                                && LEVENSHTEIN.getDistance(w.toLowerCase(Locale.ROOT), word.toLowerCase(Locale.ROOT))
                                    >= MISSPELLING_SIMILARITY) {
                            spelling.computeIfAbsent(w, k -> new LinkedHashMap<>()).merge(word, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        List<Alias> out = new ArrayList<>();
        initials.forEach((w, names) -> out.add(new Alias(w, mostSeen(names), false)));
        spelling.forEach((w, names) -> out.add(new Alias(w, mostSeen(names), true)));
        return out;
    }

    /**
     * The names the question's initials stand for in these hits ("Five Nights at Freddy's" for "fnaf"), joined, to
     * search again with: the passages that write the name in full are then found too. Empty when there is none.
     */
    static String expansion(String question, List<Hit> hits, org.newsdesk.search.TermStatistics searcher) {
        if (hits.isEmpty()) {
            return "";
        }
        QuestionAnalysis q = QuestionAnalysis.of(question, searcher);
        StringBuilder sb = new StringBuilder();
        for (Alias a : find(ExtractiveComposer.initialsWords(question, q), List.of(), hits)) {
            sb.append(sb.length() == 0 ? "" : " ").append(a.name());
        }
        return sb.toString();
    }

    private static String mostSeen(Map<String, Integer> names) {
        return names.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * Whether the word spells the initials of the run: one letter per capitalised word, a joiner's letter taken or
     * skipped ("FNAF" and "FNF" both for "Five Nights at Freddy's").
     */
    static boolean matchesInitials(String word, List<NewsTokens.Token> run) {
        String w = word.toLowerCase(Locale.ROOT).replace(".", "");
        if (w.length() < 2 || w.length() > 8 || !w.chars().allMatch(Character::isLetter)) {
            return false;
        }
        return matches(w, 0, run, 0);
    }

    /** Letters from {@code i} of the word against tokens from {@code k} of the run; at most 2^joiners paths. */
    private static boolean matches(String w, int i, List<NewsTokens.Token> run, int k) {
        if (k == run.size()) {
            return i == w.length();
        }
        NewsTokens.Token t = run.get(k);
        char first = Character.toLowerCase(t.text().charAt(0));
        boolean joiner = JOINERS.contains(t.lower());
        if (joiner && matches(w, i, run, k + 1)) {
            return true;
        }
        return i < w.length() && w.charAt(i) == first && matches(w, i + 1, run, k + 1);
    }

    /** Runs of capitalised words, with joiners between two of them; at most 8 words a run. */
    static List<List<NewsTokens.Token>> capitalisedRuns(String text) {
        List<List<NewsTokens.Token>> runs = new ArrayList<>();
        List<NewsTokens.Token> run = new ArrayList<>();
        List<NewsTokens.Token> pending = new ArrayList<>();
        for (NewsTokens.Token t : NewsTokens.tokenize(text)) {
            boolean word = t.kind() == NewsTokens.TokenKind.WORD;
            if (word && Character.isUpperCase(t.text().charAt(0)) && run.size() + pending.size() < 8) {
                run.addAll(pending);
                pending.clear();
                run.add(t);
            } else if (word && !run.isEmpty() && JOINERS.contains(t.lower()) && pending.size() < 2) {
                pending.add(t);
            } else if (t.kind() == NewsTokens.TokenKind.SYMBOL && (t.text().equals("'") || t.text().equals("’"))
                    && !run.isEmpty()) {
                continue; // "Freddy's": the possessive ends nothing
            } else {
                if (!run.isEmpty()) {
                    runs.add(run);
                }
                run = new ArrayList<>();
                pending.clear();
                if (word && Character.isUpperCase(t.text().charAt(0))) {
                    run.add(t);
                }
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static String stripPossessive(String s) {
        return s.endsWith("'s") || s.endsWith("’s") ? s.substring(0, s.length() - 2) : s;
    }
}
