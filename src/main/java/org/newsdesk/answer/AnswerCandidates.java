package org.newsdesk.answer;

import java.time.DayOfWeek;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.newsdesk.answer.NewsTokens.Token;
import org.newsdesk.answer.NewsTokens.TokenKind;

/**
 * The short answers a sentence offers: money ("£99", "$9.3 billion"), quantities ("7.4-inch", "9.3 billion",
 * "12%"), plain numbers with their noun ("14 goals"), dates in the forms news text uses ("October 6, 2023",
 * "6 October", "2023-10-06", "Tuesday", "2023"), capitalised name sequences (with hyphens, initials, "of":
 * "Sam Bankman-Fried", "A.J. Dillon", "Bank of England") and quoted titles. Found by one left-to-right pass over
 * hand-made tokens, so the time is linear in the sentence length whatever the text (no regular expressions).
 */
public final class AnswerCandidates {
    /** What a candidate is, before it is matched against the question's {@link AnswerType}. */
    public enum Kind { MONEY, QUANTITY, NUMBER, DATE, NAME, QUOTED, SCORE }

    /** One candidate: its text as written, and where it is in the sentence. */
    public record Candidate(String text, Kind kind, int start, int end) {
        /** Lower-case key, "the" and a possessive dropped: the same answer written twice gets one key. */
        public String key() {
            return normalize(text);
        }

        public boolean fits(AnswerType type) {
            return switch (type) {
                case PERSON, ORGANISATION, PLACE -> kind == Kind.NAME;
                case NAMED -> kind == Kind.NAME || kind == Kind.QUOTED;
                case DATE -> kind == Kind.DATE;
                case MONEY -> kind == Kind.MONEY;
                case QUANTITY -> kind == Kind.QUANTITY || kind == Kind.MONEY;
                case COUNT -> kind == Kind.NUMBER || kind == Kind.QUANTITY;
                case YES_NO, OTHER -> false;
            };
        }

        /** As {@link #fits(AnswerType)} for {@code q}: a question asking for a score takes a score and nothing else. */
        public boolean fits(QuestionAnalysis q) {
            return q.asksScore() ? kind == Kind.SCORE : fits(q.type());
        }
    }

    private static final Set<String> CURRENCY_SYMBOLS = Set.of("£", "$", "€", "¥", "₹");
    private static final Set<String> CURRENCY_WORDS = Set.of("dollars", "dollar", "pounds", "euros", "euro", "yen",
            "usd", "gbp", "eur", "yuan", "rupees", "francs", "pence", "cents");
    private static final Set<String> SCALES = Set.of("thousand", "million", "billion", "trillion", "bn", "m", "k",
            "mn", "tn");
    private static final Set<String> PERCENT_WORDS = Set.of("percent", "pc", "percentage");
    private static final Set<String> UNITS = Set.of("inch", "inches", "in", "mm", "cm", "m", "km", "metres", "meters",
            "metre", "meter", "feet", "foot", "ft", "miles", "mile", "mph", "kph", "km/h", "kg", "g", "lb", "lbs", "tonnes",
            "tons", "gb", "tb", "mb", "ghz", "mhz", "hz", "mp", "megapixels", "mah", "w", "kw", "kwh", "watts", "hours",
            "hour", "minutes", "minute", "seconds", "second", "days", "weeks", "months", "years", "year", "degrees",
            "yards", "yard", "points", "point", "percent", "x", "fps", "nm", "liters", "litres", "gallons");
    /** Before a number word, these make it a pronoun ("the two", "both three"), not a count. */
    private static final Set<String> DETERMINERS = Set.of("the", "these", "those", "all", "both", "its", "their");
    /** After a number word, these are no counted noun ("two also", "three more", "five quickly"). */
    private static final Set<String> NOT_NOUNS = Set.of("also", "again", "still", "more", "other", "others", "each",
            "too", "then", "now", "already", "later", "earlier", "together", "apart", "away");

    private static boolean countedNoun(String w) {
        return !NOT_NOUNS.contains(w) && !QuestionAnalysis.STOP.contains(w) && !w.endsWith("ly");
    }

    private static final Set<String> NUMBER_WORDS = Set.of("two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
            "dozen", "dozens", "hundreds", "thousands", "millions");
    /** Capitalised words that do not start a name (sentence starts, pronouns, titles of address). */
    private static final Set<String> NOT_NAME_WORDS = Set.of("the", "a", "an", "in", "on", "at", "but", "and", "or",
            "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her", "its", "their",
            "our", "my", "your", "as", "for", "if", "when", "while", "after", "before", "with", "by", "from", "to", "of",
            "so", "yet", "also", "there", "here", "what", "who", "which", "how", "why", "where", "mr", "ms", "mrs",
            "dr", "today", "yesterday", "tomorrow", "update", "however", "meanwhile", "still", "now", "then", "though",
            "although", "since", "because", "despite", "during", "under", "over", "according", "last", "next",
            "one", "some", "many", "most", "both", "each", "every", "no", "not", "it's", "that's", "there's",
            "other", "another", "such", "more", "less", "about", "into", "just", "only", "even", "well", "yes",
            "read", "see", "click", "photo", "image", "getty", "images", "editor's", "note", "loading", "leading",
            "following", "including", "breaking", "watch", "related", "advertisement", "sign",
            "subscribe", "share");
    /** Whether a word is a title before a person's name ("Secretary", "CEO"): "U.S. Secretary" names no one. */
    static boolean isTitle(String word) {
        return TITLES.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Verbs that start a question-like or inverted sentence ("Had Bankman-Fried called anyone ..."). */
    private static final Set<String> SENTENCE_VERBS = Set.of("had", "has", "have", "was", "were", "is", "are", "did",
            "does", "do", "could", "would", "should", "can", "asked", "told", "says", "said", "meet", "meanwhile");
    /** Titles before a person's name. */
    private static final Set<String> TITLES = Set.of("president", "minister", "secretary", "senator", "sen", "governor",
            "gov", "mayor", "ceo", "chairman", "chairwoman", "chair", "judge", "justice", "general", "gen", "king",
            "queen", "prince", "princess", "coach", "director", "chief", "founder", "co-founder", "cofounder",
            "sir", "lord", "lady", "rep", "representative", "speaker", "chancellor", "pope", "officer", "executive",
            "commissioner", "ambassador", "spokesman", "spokeswoman", "spokesperson", "manager", "captain", "prof",
            "professor", "dr", "mr", "mrs", "ms", "deputy", "vice", "cto", "cfo", "coo", "cio", "former",
            "quarterback", "qb", "striker", "midfielder", "defender", "goalkeeper", "pitcher", "singer");
    /** Lower-case words that may join two capitalised words into one name ("Bank of England"). */
    private static final Set<String> NAME_JOINERS = Set.of("of", "de", "van", "von", "der", "da", "del", "la", "le",
            "du", "bin", "al", "&");
    private static final int MAX_NAME_WORDS = 6;
    private static final int MAX_QUOTED_TOKENS = 14;

    private AnswerCandidates() {
    }

    /** Every candidate of the sentence, in order. */
    public static List<Candidate> extract(String sentence) {
        List<Token> tokens = NewsTokens.tokenize(sentence);
        List<Candidate> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int next = match(sentence, tokens, i, out);
            i = Math.max(next, i + 1);
        }
        return out;
    }

    /** Tries each pattern at token {@code i}; returns the index after what was consumed (i + 1 when nothing). */
    private static int match(String s, List<Token> t, int i, List<Candidate> out) {
        Token a = t.get(i);
        // Money: £99, $9.3 billion, US$ 5m, €20
        if (a.kind() == TokenKind.SYMBOL && CURRENCY_SYMBOLS.contains(a.text()) && i + 1 < t.size()
                && t.get(i + 1).kind() == TokenKind.NUMBER && t.get(i + 1).start() == a.end()) {
            int end = i + 2;
            if (end < t.size() && SCALES.contains(t.get(end).lower()) && t.get(end).kind() == TokenKind.WORD) {
                end++;
            }
            out.add(candidate(s, t, i, end, Kind.MONEY));
            return end;
        }
        if (a.kind() == TokenKind.NUMBER) {
            return number(s, t, i, out);
        }
        if (a.kind() == TokenKind.SYMBOL && (a.text().equals("“") || a.text().equals("\""))) {
            return quoted(s, t, i, out);
        }
        if (a.kind() == TokenKind.WORD) {
            Month month = month(a);
            if (month != null) {
                return monthDate(s, t, i, out);
            }
            if (dayOfWeek(a)) {
                out.add(candidate(s, t, i, i + 1, Kind.DATE));
                return i + 1;
            }
            if (NUMBER_WORDS.contains(a.lower())) {
                String before = i > 0 && t.get(i - 1).kind() == TokenKind.WORD ? t.get(i - 1).lower() : "";
                if (DETERMINERS.contains(before)) {
                    return i + 1; // "the two also raised ...": the two people spoken of, not a count
                }
                int end = i + 1;
                if (end < t.size() && t.get(end).kind() == TokenKind.WORD && !t.get(end).capitalised()
                        && countedNoun(t.get(end).lower())) {
                    end++;
                }
                out.add(candidate(s, t, i, end, Kind.NUMBER));
                return i + 1;
            }
            if (a.capitalised()) {
                return name(s, t, i, out);
            }
        }
        return i + 1;
    }

    private static int number(String s, List<Token> t, int i, List<Candidate> out) {
        Token a = t.get(i);
        int score = score(t, i);
        if (score > i) {
            out.add(candidate(s, t, i, score, Kind.SCORE));
            return score;
        }
        // ISO date 2023-10-06
        if (a.text().length() == 4 && i + 4 < t.size() && t.get(i + 1).text().equals("-") && t.get(i + 2).kind() == TokenKind.NUMBER
                && t.get(i + 3).text().equals("-") && t.get(i + 4).kind() == TokenKind.NUMBER && t.get(i + 4).end() - a.start() == 10) {
            out.add(candidate(s, t, i, i + 5, Kind.DATE));
            return i + 5;
        }
        // A day before a month: 6 October (2023)
        if (i + 1 < t.size() && month(t.get(i + 1)) != null && isDay(a)) {
            int end = i + 2;
            if (end < t.size() && isYear(t.get(end))) {
                end++;
            }
            out.add(candidate(s, t, i, end, Kind.DATE));
            return end;
        }
        if (a.suffix() != null) { // 7.4-inch, 3bn, 5G, 10x
            String suffix = a.suffix().toLowerCase(Locale.ROOT);
            if (Set.of("st", "nd", "rd", "th").contains(suffix)) {
                return i + 1; // an ordinal ("3rd") answers no "how many"
            }
            out.add(candidate(s, t, i, i + 1, Kind.QUANTITY));
            return i + 1;
        }
        int end = i + 1;
        Token next = end < t.size() ? t.get(end) : null;
        if (next != null && next.text().equals("%")) {
            out.add(candidate(s, t, i, end + 1, Kind.QUANTITY));
            return end + 1;
        }
        if (next != null && next.kind() == TokenKind.WORD && PERCENT_WORDS.contains(next.lower())) {
            out.add(candidate(s, t, i, end + 1, Kind.QUANTITY));
            return end + 1;
        }
        if (next != null && next.kind() == TokenKind.WORD && SCALES.contains(next.lower()) && next.lower().length() > 2) {
            end++;
            if (end < t.size() && t.get(end).kind() == TokenKind.WORD && CURRENCY_WORDS.contains(t.get(end).lower())) {
                out.add(candidate(s, t, i, end + 1, Kind.MONEY));
                return end + 1;
            }
            out.add(candidate(s, t, i, end, Kind.QUANTITY));
            return end;
        }
        if (next != null && next.kind() == TokenKind.WORD && CURRENCY_WORDS.contains(next.lower())) {
            out.add(candidate(s, t, i, end + 1, Kind.MONEY));
            return end + 1;
        }
        if (next != null && next.kind() == TokenKind.WORD && UNITS.contains(next.lower()) && next.lower().length() > 1) {
            out.add(candidate(s, t, i, end + 1, Kind.QUANTITY));
            // "3 points" is also a count
            out.add(candidate(s, t, i, end + 1, Kind.NUMBER));
            return end + 1;
        }
        if (isYear(a)) {
            out.add(candidate(s, t, i, i + 1, Kind.DATE));
            return i + 1;
        }
        // A plain number, with the noun it counts when one follows: "14 goals".
        if (next != null && next.kind() == TokenKind.WORD && !next.capitalised() && !NOT_NAME_WORDS.contains(next.lower())) {
            out.add(candidate(s, t, i, end + 1, Kind.NUMBER));
        } else {
            out.add(candidate(s, t, i, i + 1, Kind.NUMBER));
        }
        return i + 1;
    }

    /** October 6, 2023 · October 6 · October 2023 · Oct. 6 */
    private static int monthDate(String s, List<Token> t, int i, List<Candidate> out) {
        int end = i + 1;
        if (end < t.size() && t.get(end).text().equals(".")) {
            end++;
        }
        if (end < t.size() && isDay(t.get(end))) {
            end++;
            if (end + 1 < t.size() && t.get(end).text().equals(",") && isYear(t.get(end + 1))) {
                end += 2;
            } else if (end < t.size() && isYear(t.get(end))) {
                end++;
            }
        } else if (end < t.size() && isYear(t.get(end))) {
            end++;
        } else if (t.get(i).lower().equals("may") || t.get(i).lower().equals("march")) {
            return i + 1; // "may" and "march" alone are usually not dates
        }
        out.add(candidate(s, t, i, end, Kind.DATE));
        return end;
    }

    private static int quoted(String s, List<Token> t, int i, List<Candidate> out) {
        String close = t.get(i).text().equals("“") ? "”" : "\"";
        for (int j = i + 1; j < t.size() && j <= i + MAX_QUOTED_TOKENS + 1; j++) {
            if (t.get(j).text().equals(close)) {
                if (j > i + 1 && t.get(i + 1).capitalised()) {
                    out.add(new Candidate(s.substring(t.get(i + 1).start(), t.get(j - 1).end()), Kind.QUOTED,
                            t.get(i + 1).start(), t.get(j - 1).end()));
                }
                return j + 1;
            }
        }
        return i + 1;
    }

    private static int name(String s, List<Token> t, int i, List<Candidate> out) {
        Token first = t.get(i);
        // A capitalised function word ("The", "However") starts no name; the next word is tried on its own.
        if (NOT_NAME_WORDS.contains(first.lower()) || month(first) != null || dayOfWeek(first)) {
            return i + 1;
        }
        // A sentence that starts with a verb ("Using Caroline Ellison as a front", "Had Bankman-Fried called"): the
        // verb is capitalised for the sentence, not for the name after it.
        boolean sentenceStart = i == 0 || ".!?\"“".contains(t.get(i - 1).text());
        if (sentenceStart && i + 1 < t.size() && t.get(i + 1).capitalised()
                && (SENTENCE_VERBS.contains(first.lower())
                    || (first.lower().endsWith("ing") && first.text().length() >= 5))) {
            return i + 1;
        }
        // A dateline ("MOSCOW — ...") says where the story was filed, not what it is about.
        if (i == 0 && first.text().length() >= 4 && first.text().equals(first.text().toUpperCase(Locale.ROOT))
                && i + 1 < t.size() && "—–-,".contains(t.get(i + 1).text())) {
            return i + 1;
        }
        int startIdx = i;
        int j = startIdx;
        int words = 0;
        int lastCap = -1;
        while (j < t.size() && words < MAX_NAME_WORDS) {
            Token w = t.get(j);
            if (w.kind() == TokenKind.WORD && w.capitalised() && !NOT_NAME_WORDS.contains(w.lower()) && month(w) == null
                    && !dayOfWeek(w)) {
                words++;
                lastCap = j;
                j++;
                if (w.text().endsWith("'s") || w.text().endsWith("’s")) {
                    break; // "Green Bay's A.J. Dillon": two names
                }
            } else if (lastCap >= 0 && w.kind() == TokenKind.WORD && NAME_JOINERS.contains(w.lower())
                    && j + 1 < t.size() && t.get(j + 1).kind() == TokenKind.WORD && t.get(j + 1).capitalised()
                    && !NOT_NAME_WORDS.contains(t.get(j + 1).lower())) {
                j++;
            } else if (lastCap >= 0 && w.text().equals("&") && j + 1 < t.size() && t.get(j + 1).capitalised()) {
                j++;
            } else {
                break;
            }
        }
        if (lastCap < 0) {
            return Math.max(j, i + 1);
        }
        // "Defense Minister Sergei Shoigu", "President Vladimir Putin": the name is what follows the title.
        int title = -1;
        for (int k = startIdx; k < lastCap && k < startIdx + 4; k++) {
            if (TITLES.contains(t.get(k).lower()) || (title >= 0 && t.get(k).lower().equals("state"))) {
                title = k;
            }
        }
        if (title >= 0) {
            startIdx = title + 1;
            while (startIdx < lastCap && !t.get(startIdx).capitalised()) {
                startIdx++;
            }
        }
        String text = s.substring(t.get(startIdx).start(), t.get(lastCap).end());
        String trimmed = stripPossessive(text);
        if (trimmed.length() >= 2) {
            out.add(new Candidate(trimmed, Kind.NAME, t.get(startIdx).start(), t.get(startIdx).start() + trimmed.length()));
        }
        return lastCap + 1;
    }

    /**
     * A score, record or tally at token {@code i} ("12-11", "4–1", "24-0", "52-48"): two whole numbers of up to three
     * digits joined by a hyphen or dash with no space, not part of a longer chain (a date "10-04-2023") and not a
     * range of a unit ("12-18 months"). Returns the index after it, or {@code i} when there is none.
     */
    private static int score(List<Token> t, int i) {
        if (i + 2 >= t.size()) {
            return i;
        }
        Token a = t.get(i);
        Token dash = t.get(i + 1);
        Token b = t.get(i + 2);
        boolean joined = dash.kind() == TokenKind.SYMBOL && (dash.text().equals("-") || dash.text().equals("–"))
                && dash.start() == a.end() && b.kind() == TokenKind.NUMBER && b.start() == dash.end();
        if (!joined || !wholeSmall(a) || !wholeSmall(b) || (i > 0 && chained(t.get(i - 1), a))) {
            return i;
        }
        if (i + 3 < t.size()) {
            Token after = t.get(i + 3);
            // "12-18 months" is a range; "12-11 in the final" a score ("in" is no unit here)
            if (chained(b, after) || (after.kind() == TokenKind.WORD && UNITS.contains(after.lower())
                    && after.lower().length() > 2)) {
                return i;
            }
        }
        return i + 3;
    }

    private static boolean wholeSmall(Token n) {
        return n.kind() == TokenKind.NUMBER && n.suffix() == null && n.text().length() <= 3
                && n.text().chars().allMatch(Character::isDigit);
    }

    /** A dash or slash written right against a number: one more link of a date, a phone number or a range. */
    private static boolean chained(Token left, Token right) {
        return right.start() == left.end() && (left.kind() == TokenKind.SYMBOL || right.kind() == TokenKind.SYMBOL)
                && Set.of("-", "–", "/").contains(left.kind() == TokenKind.SYMBOL ? left.text() : right.text());
    }

    private static Candidate candidate(String s, List<Token> t, int from, int to, Kind kind) {
        int start = t.get(from).start();
        int end = t.get(Math.min(to, t.size()) - 1).end();
        return new Candidate(s.substring(start, end), kind, start, end);
    }

    private static String stripPossessive(String name) {
        if (name.endsWith("'s") || name.endsWith("’s")) {
            return name.substring(0, name.length() - 2);
        }
        if (name.endsWith("'") || name.endsWith("’")) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** Lower case, "the " and possessives and punctuation at the ends dropped, spaces single. */
    public static String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '£' || c == '$' || c == '€' || c == '%' || c == '.' || c == '-') {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '’') {
                // dropped: "Macy's" and "Macys" agree
                if (i + 1 < text.length() && text.charAt(i + 1) == 's' && (i + 2 == text.length()
                        || !Character.isLetter(text.charAt(i + 2)))) {
                    i++;
                }
            } else {
                space = true;
            }
        }
        String n = sb.toString();
        while (n.endsWith(".") || n.endsWith("-")) {
            n = n.substring(0, n.length() - 1);
        }
        for (String article : new String[] {"the ", "a ", "an "}) {
            if (n.startsWith(article)) {
                n = n.substring(article.length());
            }
        }
        return n.strip();
    }

    private static boolean isDay(Token t) {
        if (t.kind() != TokenKind.NUMBER || t.text().length() > 2 || !digits(t.text()) || t.suffix() != null
                && !Set.of("st", "nd", "rd", "th").contains(t.suffix().toLowerCase(Locale.ROOT))) {
            return false;
        }
        int d = Integer.parseInt(t.text());
        return d >= 1 && d <= 31;
    }

    private static boolean isYear(Token t) {
        if (t.kind() != TokenKind.NUMBER || t.text().length() != 4 || t.suffix() != null || !digits(t.text())) {
            return false;
        }
        int y = Integer.parseInt(t.text());
        return y >= 1900 && y <= 2100;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** java.time's month names, full or abbreviated to three or four letters ("Oct", "Sept"). */
    static Month month(Token t) {
        if (t.kind() != TokenKind.WORD || !t.capitalised() || t.text().length() < 3) {
            return null;
        }
        return monthOf(t.lower());
    }

    /** The month a lower-case word names, full or abbreviated ("oct", "sept"), or null. */
    static Month monthOf(String w) {
        for (Month m : Month.values()) {
            String full = m.name().toLowerCase(Locale.ROOT);
            if (w.equals(full) || (w.length() <= 4 && full.startsWith(w) && (w.length() == 3 || w.equals("sept")))) {
                return m;
            }
        }
        return null;
    }

    private static boolean dayOfWeek(Token t) {
        if (t.kind() != TokenKind.WORD || !t.capitalised()) {
            return false;
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.lower().equals(d.name().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
