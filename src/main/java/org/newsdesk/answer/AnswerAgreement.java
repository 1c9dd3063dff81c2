package org.newsdesk.answer;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a short answer is of the kind the question asks for, so that the reply may show it in bold: a place for
 * "which stadium" is a stadium ("DRV PNK Stadium", or a name the sentence calls a stadium), a count for "how many
 * goals" counts goals, a price for "what salary" stands next to "salary", a change ("how much did shares climb") is a
 * percentage, and nothing the question itself says (a "5" from "5-1", a name it already gives) is an answer.
 * Rules over the question's head noun and the words around the candidate, in one pass each (no regular expressions).
 */
final class AnswerAgreement {
    /** Words a candidate may stand this far from, at most, to be called by them ("Edenglassie" ... "novel"). */
    static final int APPOSITION_WORDS = 4;
    /** A money answer must stand this near the money noun the question asks about ("salary ... $4.85 million"). */
    static final int MONEY_NOUN_WORDS = 8;
    /** Place heads that name no kind a candidate would carry in its name: the preposition rule decides. */
    private static final Set<String> GENERIC_PLACES = Set.of("city", "town", "country", "state", "nation", "place",
            "location", "region", "area", "village", "county", "province", "territory", "continent");
    /** Verbs of change: "how much did shares climb" asks for a percentage or a difference, not a price. */
    static final Set<String> CHANGE_VERBS = Set.of("climb", "climbed", "rise", "rose", "risen", "fall", "fell",
            "fallen", "drop", "dropped", "grow", "grew", "grown", "increase", "increased", "decline", "declined",
            "jump", "jumped", "surge", "surged", "gain", "gained", "lose", "lost", "shrink", "shrank", "plunge",
            "plunged", "slump", "slumped", "soar", "soared", "sink", "sank", "tumble", "tumbled", "cut");

    private AnswerAgreement() {
    }

    /** Whether candidate {@code c} of {@code sentence} is of the asked-for kind. */
    static boolean agrees(QuestionAnalysis q, AnswerCandidates.Candidate c, String sentence) {
        if (givenByQuestion(q, c)) {
            return false;
        }
        String head = q.headNoun();
        return switch (q.type()) {
            case PERSON -> ShortAnswer.personLike(c.text()) && c.text().strip().indexOf(' ') > 0;
            case PLACE -> head != null && !GENERIC_PLACES.contains(head) ? calledBy(c, sentence, head)
                    : place(c, sentence, head);
            case ORGANISATION -> head != null ? calledBy(c, sentence, head) : !ShortAnswer.personLike(c.text());
            case NAMED -> c.kind() == AnswerCandidates.Kind.QUOTED || (head != null && calledBy(c, sentence, head));
            case COUNT -> head == null || calledBy(c, sentence, head);
            case MONEY -> c.kind() == AnswerCandidates.Kind.MONEY
                    && (head == null || near(sentence, c, head, MONEY_NOUN_WORDS));
            case QUANTITY -> q.asksScore() ? c.kind() == AnswerCandidates.Kind.SCORE : !asksChange(q)
                    || c.text().contains("%") || c.text().toLowerCase(Locale.ROOT).contains("percent");
            case DATE -> "year".equals(head) ? c.text().strip().length() == 4 : !date(head) || hasDay(c.text());
            case YES_NO, OTHER -> false;
        };
    }

    /** "What date", "which day": a day of a month answers it, a weekday or a year alone does not. */
    private static boolean date(String head) {
        return "date".equals(head) || "day".equals(head);
    }

    private static boolean hasDay(String text) {
        for (String w : NewsTokens.plainWords(text)) {
            String d = w.replaceAll("(st|nd|rd|th)$", "");
            if (QuestionAnalysis.isNumber(d) && d.length() <= 2) {
                return true;
            }
        }
        return false;
    }

    /** A number the question writes ("5" of "5-1", "five"), or a name all of whose words it writes. */
    static boolean givenByQuestion(QuestionAnalysis q, AnswerCandidates.Candidate c) {
        if (q.names(c)) {
            return true;
        }
        for (String w : NewsTokens.plainWords(c.text())) {
            String digits = NUMBER_WORDS.getOrDefault(w, w);
            if (QuestionAnalysis.isNumber(digits) && (q.words().contains(digits) || questionNumbers(q).contains(digits))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> questionNumbers(QuestionAnalysis q) {
        Set<String> out = new java.util.HashSet<>();
        for (String w : q.words()) {
            for (String p : NewsTokens.plainWords(w)) {
                out.add(NUMBER_WORDS.getOrDefault(p, p));
            }
        }
        return out;
    }

    private static final java.util.Map<String, String> NUMBER_WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("one", "1"), java.util.Map.entry("two", "2"), java.util.Map.entry("three", "3"),
            java.util.Map.entry("four", "4"), java.util.Map.entry("five", "5"), java.util.Map.entry("six", "6"),
            java.util.Map.entry("seven", "7"), java.util.Map.entry("eight", "8"), java.util.Map.entry("nine", "9"),
            java.util.Map.entry("ten", "10"), java.util.Map.entry("eleven", "11"), java.util.Map.entry("twelve", "12"));

    private static boolean asksChange(QuestionAnalysis q) {
        for (String w : q.words()) {
            if (CHANGE_VERBS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** A place: a country for "which country", else a name after "in", "at" ... that is no person's. */
    private static boolean place(AnswerCandidates.Candidate c, String sentence, String head) {
        boolean country = ShortAnswer.country(c.text());
        if ("country".equals(head) || "nation".equals(head)) {
            return country;
        }
        if (country && head != null) {
            return false; // "which state", "which city": not a country
        }
        return c.kind() == AnswerCandidates.Kind.NAME && ShortAnswer.afterPreposition(sentence, c.start());
    }

    /** The candidate's own name holds the head noun ("DRV PNK Stadium"), or the sentence calls it so nearby. */
    static boolean calledBy(AnswerCandidates.Candidate c, String sentence, String head) {
        String stem = QuestionAnalysis.stem(head);
        for (String w : NewsTokens.plainWords(c.text())) {
            if (QuestionAnalysis.stem(w).equals(stem)) {
                return true;
            }
        }
        return near(sentence, c, head, APPOSITION_WORDS);
    }

    /** Whether a word starting like {@code noun} stands within {@code reach} words of the candidate. */
    static boolean near(String sentence, AnswerCandidates.Candidate c, String noun, int reach) {
        String stem = QuestionAnalysis.stem(noun);
        int start = Math.min(c.start(), sentence.length());
        int end = Math.min(Math.max(c.end(), start), sentence.length());
        List<String> before = NewsTokens.plainWords(sentence.substring(0, start));
        List<String> after = NewsTokens.plainWords(sentence.substring(end));
        for (int k = Math.max(0, before.size() - reach); k < before.size(); k++) {
            if (QuestionAnalysis.stem(before.get(k)).equals(stem)) {
                return true;
            }
        }
        for (int k = 0; k < Math.min(reach, after.size()); k++) {
            if (QuestionAnalysis.stem(after.get(k)).equals(stem)) {
                return true;
            }
        }
        return false;
    }
}
