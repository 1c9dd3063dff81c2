package org.newsdesk.answer;

import org.newsdesk.index.PassageDocuments;
import org.newsdesk.search.TermStatistics;

import org.newsdesk.answer.NewsTokens.Word;
import org.newsdesk.text.EnglishWords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a question asks for: the expected {@link AnswerType}, its content terms weighted by idf, and among them the
 * <em>focus</em> terms, the rare and specific ones (a name, a year, an outlet) that a sentence answering the
 * question must hold, as opposed to topic words that every article of the story repeats.
 *
 * @param type     expected answer type
 * @param weights  the question's analysed content terms with their idf
 * @param total    sum of the weights
 * @param focus    the focus terms (a subset of the weights' keys)
 * @param numbers  the focus terms that are numbers (years, model numbers): a question about 2024 is not answered
 *                 by a sentence about 2023
 * @param words    the question's words in lower case, as written (to leave out candidates the question names)
 * @param numberNeighbours for each number, the content words next to it in the question ("2024 World Series":
 *                 world, series): a sentence answers about that number only when it writes it next to one of them
 * @param decisive the numbers that pick out what the question is about: years, and numbers next to a name ("iPhone
 *                 16", "2024 World Series", "October 19"); a sentence without them is about something else
 * @param dates    the dates the question names ("published on October 19, 2023"): a passage published that day
 *                 accounts for their numbers
 * @param unknownNames the capitalised words of the question (names) that no passage of the archive writes: what
 *                 the question is about is not in it ("Considering ... articles about Shreyanka Patil")
 * @param nameTerms the names the question is about (runs of capitalised words after its first, outlets left out),
 *                 each as its analysed terms: a sentence holding one of a name's terms names it ("Clark")
 * @param headNoun the noun the question asks about ("stadium", "fund", "goals", "salary"), lower case; null if none
 * @param timeYears the years the question gives as a time ("met in 1985", "start out in 2017"), not as part of a name
 *                 ("2024 World Series", "IPL 2024"): a sentence that writes the year anywhere is about that time
 */
public record QuestionAnalysis(AnswerType type, Map<String, Double> weights, double total, Set<String> focus,
                               Set<String> numbers, Set<String> words, Map<String, Set<String>> numberNeighbours,
                               Set<String> decisive, List<NamedDate> dates, List<String> unknownNames,
                               String headNoun, List<Set<String>> nameTerms, Set<String> timeYears) {
    /**
     * A date the question names.
     *
     * @param year    null when the question gives none
     * @param numbers its day and year as written, as the question's number terms
     */
    public record NamedDate(java.time.Month month, int day, Integer year, Set<String> numbers) {
        public boolean matches(java.time.LocalDate d) {
            return d != null && d.getMonth() == month && d.getDayOfMonth() == day && (year == null || d.getYear() == year);
        }
    }

    /** A question with more content terms than this has several parts: no number is decisive for one window. */
    static final int DECISIVE_MAX_TERMS = 12;
    /** How many words away from a number its neighbours are looked for in the question. */
    static final int NUMBER_REACH = 3;
    /** How many words away from a number a sentence must write one of its neighbours to anchor it. */
    static final int ANCHOR_REACH = 2;
    /** A term is a focus term when its idf is at least this share of the question's rarest term's. */
    static final double FOCUS_IDF_SHARE = 0.6;

    /** Without the searcher: type and words only (no weights, no focus). */
    public static AnswerType typeOf(String question) {
        return QuestionTypes.type(NewsTokens.words(question));
    }

    /** Type, weighted terms and focus terms of a question, weighed against the live index. */
    public static QuestionAnalysis of(String question, TermStatistics searcher) {
        List<Word> ws = NewsTokens.words(question);
        Set<String> terms = searcher.questionTerms(question);
        // One look at the index for the weights and for the names no passage writes.
        Map<Word, Set<String>> names = capitalisedWords(ws, searcher);
        Set<String> looked = new HashSet<>(terms);
        names.values().forEach(looked::addAll);
        TermStatistics.TermStats stats = searcher.termStats(looked);
        Map<String, Double> weights = new HashMap<>();
        terms.forEach(t -> weights.put(t, stats == null ? 1.0 : stats.idf(t)));
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double max = weights.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Set<String> focus = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (e.getValue() >= FOCUS_IDF_SHARE * max) {
                focus.add(e.getKey());
            }
            if (isNumber(e.getKey()) && e.getValue() > 0) {
                focus.add(e.getKey());
                numbers.add(e.getKey());
            }
        }
        // Capitalised words after the first are names: focus terms whatever their idf.
        for (int i = 1; i < ws.size(); i++) {
            if (ws.get(i).capitalised()) {
                for (String t : searcher.analyze(ws.get(i).text())) {
                    if (weights.containsKey(t)) {
                        focus.add(t);
                    }
                }
            }
        }
        Set<String> lower = new HashSet<>();
        for (Word w : ws) {
            lower.add(w.lower());
        }
        Map<String, Set<String>> neighbours = new HashMap<>();
        Set<String> decisive = new HashSet<>();
        Set<String> timeYears = new HashSet<>();
        List<String> plain = NewsTokens.plainWords(question);
        List<Boolean> named = NewsTokens.namedWords(question);
        for (int i = 0; i < plain.size(); i++) {
            if (numbers.contains(plain.get(i))) {
                boolean nameBefore = i > 0 && named.get(i - 1);
                boolean nameAfter = i + 1 < plain.size() && named.get(i + 1);
                if (year(plain.get(i)) || nameBefore || nameAfter) {
                    decisive.add(plain.get(i));
                }
                if (year(plain.get(i)) && i > 0 && TIME_PREPOSITIONS.contains(plain.get(i - 1)) && !nameAfter) {
                    timeYears.add(plain.get(i));
                }
                Set<String> near = neighbours.computeIfAbsent(plain.get(i), k -> new HashSet<>());
                for (int j = Math.max(0, i - NUMBER_REACH); j <= Math.min(plain.size() - 1, i + NUMBER_REACH); j++) {
                    String w = plain.get(j);
                    if (j != i && !isNumber(w) && !STOP.contains(w)) {
                        near.add(stem(w));
                    }
                }
            }
        }
        neighbours.replaceAll((k, v) -> Set.copyOf(v));
        // A date the question names is usually when a report was published (the passage's date answers it), and a
        // question of many parts is answered part by part: in neither does a window have to hold the number.
        List<NamedDate> dates = namedDates(question);
        dates.forEach(d -> decisive.removeAll(d.numbers()));
        if (weights.size() > DECISIVE_MAX_TERMS) {
            decisive.clear();
            timeYears.clear(); // a year anywhere in a sentence may belong to another of its parts
        }
        return new QuestionAnalysis(QuestionTypes.type(ws), Map.copyOf(weights), total, Set.copyOf(focus), Set.copyOf(numbers),
                Set.copyOf(lower), Map.copyOf(neighbours), Set.copyOf(decisive), dates, unknownNames(names, stats),
                QuestionTypes.headNoun(ws), nameRuns(ws, names, stats), Set.copyOf(timeYears));
    }

    /** A question of one part (not "who, as reported by X ..., and according to Y ..."): one window answers it. */
    public boolean onePart() {
        return weights.size() <= DECISIVE_MAX_TERMS;
    }

    /**
     * The question's names as runs of capitalised words after its first ("Nobel Prize", "Literature": "in" ends a
     * run), each as the set of its analysed terms; an outlet the archive holds is left out (its passages' metadata
     * answers for it).
     */
    private static List<Set<String>> nameRuns(List<Word> ws, Map<Word, Set<String>> names, TermStatistics.TermStats stats) {
        List<Set<String>> runs = new ArrayList<>();
        Set<String> run = null;
        for (int i = 1; i < ws.size(); i++) {
            Word w = ws.get(i);
            Set<String> t = names.get(w);
            boolean outlet = t != null && stats != null && List.of(PassageDocuments.outletWords(w.text()).split(" "))
                    .stream().anyMatch(stats.outletWords()::contains);
            if (t == null || outlet || w.afterComma()) {
                run = null;
                if (t == null || outlet) {
                    continue;
                }
            }
            if (run == null) {
                run = new HashSet<>();
                runs.add(run);
            }
            run.addAll(t);
        }
        runs.removeIf(Set::isEmpty);
        return runs.stream().map(Set::copyOf).toList();
    }

    /** The same analysis with these words no longer unknown (the archive writes them otherwise: NameAliases). */
    public QuestionAnalysis withoutUnknown(Set<String> words) {
        if (words.isEmpty() || unknownNames.stream().noneMatch(words::contains)) {
            return this;
        }
        return new QuestionAnalysis(type, weights, total, focus, numbers, this.words, numberNeighbours, decisive, dates,
                unknownNames.stream().filter(w -> !words.contains(w)).toList(), headNoun, nameTerms, timeYears);
    }

    /** A month or a day of the week, in full or abbreviated ("June", "Sept", "Tue"): capitalised, but no name. */
    static boolean calendarWord(String lower) {
        String w = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (w.length() < 3) {
            return false;
        }
        for (java.time.Month m : java.time.Month.values()) {
            if (m.name().toLowerCase(Locale.ROOT).startsWith(w)) {
                return true;
            }
        }
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(w)) {
                return true;
            }
        }
        return false;
    }

    /** The question's capitalised words after its first (names, not months or numbers), with their terms. */
    private static Map<Word, Set<String>> capitalisedWords(List<Word> ws, TermStatistics searcher) {
        Map<Word, Set<String>> names = new java.util.LinkedHashMap<>();
        for (int i = 1; i < ws.size(); i++) {
            Word w = ws.get(i);
            if (w.capitalised() && w.text().length() > 1 && !isNumber(w.lower()) && !calendarWord(w.lower())) {
                Set<String> terms = searcher.analyze(w.text());
                if (!terms.isEmpty()) {
                    names.put(w, terms);
                }
            }
        }
        return names;
    }

    /**
     * The names none of whose terms any passage writes, other than words of an outlet the archive holds (an outlet's
     * name is in the passages' metadata, not their text: "CBSSports.com"). Empty when there is no index yet.
     */
    static List<String> unknownNames(Map<Word, Set<String>> names, TermStatistics.TermStats stats) {
        if (stats == null) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        names.forEach((w, terms) -> {
            boolean outlet = List.of(PassageDocuments.outletWords(w.text()).split(" ")).stream()
                    .anyMatch(stats.outletWords()::contains);
            if (!outlet && terms.stream().allMatch(t -> stats.docFreqs().getOrDefault(t, 1) == 0)) {
                unknown.add(w.text());
            }
        });
        return List.copyOf(unknown);
    }

    /** The full dates (month and day, maybe a year; or ISO) among the question's date candidates. */
    static List<NamedDate> namedDates(String question) {
        List<NamedDate> out = new ArrayList<>();
        for (AnswerCandidates.Candidate c : AnswerCandidates.extract(question)) {
            if (c.kind() != AnswerCandidates.Kind.DATE) {
                continue;
            }
            List<String> parts = NewsTokens.plainWords(c.text());
            java.time.Month month = null;
            Integer day = null;
            Integer year = null;
            if (parts.size() == 3 && parts.get(0).length() == 4 && isNumber(parts.get(0)) && isNumber(parts.get(1))
                    && isNumber(parts.get(2))) { // 2023-11-24
                int m = Integer.parseInt(parts.get(1));
                if (m >= 1 && m <= 12) {
                    month = java.time.Month.of(m);
                    year = Integer.parseInt(parts.get(0));
                    day = Integer.parseInt(parts.get(2));
                }
            } else {
                for (String p : parts) {
                    if (isNumber(p) && p.length() <= 2) {
                        day = Integer.parseInt(p);
                    } else if (isNumber(p) && year(p)) {
                        year = Integer.parseInt(p);
                    } else if (!isNumber(p)) {
                        month = AnswerCandidates.monthOf(p);
                    }
                }
            }
            if (month != null && day != null && day >= 1 && day <= 31) {
                Set<String> numbers = new HashSet<>();
                for (String p : parts) {
                    if (isNumber(p)) {
                        numbers.add(p);
                    }
                }
                out.add(new NamedDate(month, day, year, Set.copyOf(numbers)));
            }
        }
        return List.copyOf(out);
    }

    /** Lucene's English stop words and the question words: never a number's neighbour. */
    static final Set<String> STOP = stopWords();

    private static Set<String> stopWords() {
        Set<String> words = new HashSet<>(QuestionTypes.AUX);
        words.addAll(Set.of("who", "whom", "whose", "which", "what", "when", "where", "how", "why", "many", "much",
                "its", "his", "her", "their", "from", "after", "before", "during", "since", "year", "years"));
        return EnglishWords.luceneStopAnd(words);
    }

    /** The stem a neighbour and a sentence's word are compared by: the index's (Porter) stem of the lower-case word. */
    static String stem(String word) {
        return EnglishWords.stem(word);
    }

    /**
     * Whether the sentence writes each number of the question next to one of its neighbours (within
     * {@link #NUMBER_REACH} words); returns the numbers it does.
     */
    Set<String> anchoredNumbers(String sentence) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        Set<String> found = new HashSet<>();
        List<String> plain = NewsTokens.plainWords(sentence);
        for (int i = 0; i < plain.size(); i++) {
            if (timeYears.contains(plain.get(i))) {
                found.add(plain.get(i)); // "in 2017": the time the sentence is about, whatever words stand next to it
                continue;
            }
            Set<String> near = numberNeighbours.get(plain.get(i));
            if (near == null || found.contains(plain.get(i))) {
                continue;
            }
            for (int j = Math.max(0, i - ANCHOR_REACH); j <= Math.min(plain.size() - 1, i + ANCHOR_REACH); j++) {
                if (j != i && near.contains(stem(plain.get(j)))) {
                    found.add(plain.get(i));
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The question's numbers that the sentence contradicts: it writes another number of the same kind (a year for a
     * year) right next to the words the question puts that number with ("the 2023 World Series" for a question
     * about 2024, "iPhone 15" for one about the iPhone 16), and not the question's own.
     */
    Set<String> conflictingNumbers(String sentence) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        List<String> plain = NewsTokens.plainWords(sentence);
        for (String number : numbers) {
            Set<String> near = numberNeighbours.get(number);
            if (near == null || plain.contains(number)) {
                continue;
            }
            for (int i = 0; i < plain.size() && !out.contains(number); i++) {
                String w = plain.get(i);
                if (!isNumber(w) || !sameKind(w, number)) {
                    continue;
                }
                for (int j = Math.max(0, i - CONFLICT_REACH); j <= Math.min(plain.size() - 1, i + CONFLICT_REACH); j++) {
                    if (j != i && near.contains(stem(plain.get(j)))) {
                        out.add(number);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** A contradicting number must stand closer to the question's words than an anchoring one. */
    static final int CONFLICT_REACH = 2;

    /** Both years, or both short numbers (a model generation, a count). */
    private static boolean sameKind(String a, String b) {
        return year(a) == year(b) && (year(a) || (a.length() <= 3 && b.length() <= 3));
    }

    private static boolean year(String n) {
        if (n.length() != 4) {
            return false;
        }
        int y = Integer.parseInt(n);
        return y >= 1900 && y <= 2100;
    }

    /** The (Porter) stem of each of the question's content words (not stop or question words). */
    public Set<String> contentStems() {
        Set<String> out = new HashSet<>();
        for (String w : words) {
            for (String p : NewsTokens.plainWords(w)) {
                if (!STOP.contains(p) && !isNumber(p)) {
                    out.add(stem(p));
                }
            }
        }
        return out;
    }

    /** Longest candidate read as a dotted abbreviation ("U.S.A."). */
    private static final int DOTTED_MAX = 8;

    /** Words before a year that make it a time ("in 2017", "since 2019"), not part of a name. */
    private static final Set<String> TIME_PREPOSITIONS = Set.of("in", "during", "since", "until", "till", "before",
            "after", "by");

    private static final Set<String> PAST = Set.of("won", "did", "was", "were", "had", "lost", "beat", "sold", "took",
            "got", "made", "came", "went", "became", "finished", "happened", "attended", "delivered", "scored",
            "earned", "ended", "shot", "announced", "released", "launched", "reported", "recorded", "posted");

    /** Whether the question asks for a score, record or tally ("what was the final score", "Opetaia's record"). */
    public boolean asksScore() {
        return type == AnswerType.QUANTITY && headNoun != null && QuestionTypes.SCORE_NOUNS.contains(headNoun);
    }

    /** Whether the question asks about something that happened (past tense): "who won", "how many did ... sell". */
    public boolean pastTense() {
        for (String w : words) {
            if (PAST.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the question names this candidate already (all its words are in the question). */
    public boolean names(AnswerCandidates.Candidate c) {
        // "U.K." is the question's "UK": abbreviations are compared without their dots.
        List<Word> cw = NewsTokens.words(c.text().indexOf('.') >= 0 && c.text().length() <= DOTTED_MAX
                ? c.text().replace(".", "") : c.text());
        if (cw.isEmpty()) {
            return true;
        }
        for (Word w : cw) {
            if (!words.contains(w.lower())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name without the leading words the question already says ("Defense Minister Sergei Shoigu" for "Who is the
     * Russian defense minister?" is "Sergei Shoigu"); other candidates as they are.
     */
    public AnswerCandidates.Candidate withoutQuestionWords(AnswerCandidates.Candidate c) {
        if (c.kind() != AnswerCandidates.Kind.NAME) {
            return c;
        }
        String text = c.text();
        int start = 0;
        while (true) {
            int space = text.indexOf(' ', start);
            if (space < 0) {
                break;
            }
            String first = text.substring(start, space).toLowerCase(Locale.ROOT);
            if (!words.contains(first) && !Set.of("of", "the").contains(first)) {
                break;
            }
            start = space + 1;
        }
        return start == 0 ? c : new AnswerCandidates.Candidate(text.substring(start), c.kind(), c.start() + start,
                c.end());
    }

    static boolean isNumber(String term) {
        if (term.isEmpty()) {
            return false;
        }
        for (int i = 0; i < term.length(); i++) {
            if (!Character.isDigit(term.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
