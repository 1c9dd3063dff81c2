package org.newsdesk.answer;

import java.util.List;
import java.util.Set;

/**
 * The expected {@link AnswerType} of a question, read from its question word and the noun after it ("which
 * company" is an organisation, "what was the launch price" money, "how many" a count, "did ..." yes/no). A
 * question word after a leading clause counts too ("Considering the two reports, which company ...").
 */
final class QuestionTypes {
    static final Set<String> AUX = Set.of("is", "are", "was", "were", "does", "do", "did", "has", "have", "had",
            "can", "could", "will", "would", "should", "might", "must", "am", "isn't", "wasn't", "doesn't", "didn't");
    private static final Set<String> PERSON_NOUNS = Set.of("person", "individual", "man", "woman", "ceo", "founder",
            "cofounder", "co-founder", "executive", "player", "actor", "actress", "singer", "artist", "author", "writer",
            "director", "president", "leader", "politician", "coach", "manager", "athlete", "quarterback", "footballer",
            "rapper", "musician", "figure", "entrepreneur", "billionaire", "official", "judge", "minister", "chancellor",
            "king", "queen", "prince", "princess", "driver", "golfer", "boxer", "pitcher", "striker", "chairman",
            "chair", "head", "spokesperson", "spokesman", "spokeswoman", "candidate", "senator", "governor", "mayor",
            "celebrity", "star", "host", "journalist", "reporter", "analyst", "investor", "scientist", "researcher",
            "winner", "owner", "character", "prodigy", "businessman", "businesswoman", "defendant", "lawyer",
            "attorney", "pundit", "commentator", "member", "fighter", "teammate", "captain", "goalkeeper", "receiver");
    private static final Set<String> ORG_NOUNS = Set.of("company", "firm", "organization", "organisation", "team",
            "club", "band", "group", "agency", "institution", "outlet", "publication", "network", "startup", "brand",
            "bank", "party", "government", "league", "studio", "manufacturer", "retailer", "carrier", "airline",
            "exchange", "corporation", "business", "conglomerate", "franchise", "label", "broadcaster", "newspaper",
            "platform", "automaker", "maker", "giant", "entity", "lab", "developer", "publisher", "chain", "store",
            "body", "regulator", "court", "department", "ministry", "union", "charity", "foundation", "school");
    private static final Set<String> PLACE_NOUNS = Set.of("city", "town", "country", "state", "place", "location",
            "venue", "stadium", "region", "nation", "university", "capital", "county", "island", "continent", "village",
            "airport", "arena", "site", "province", "neighborhood", "neighbourhood", "area", "territory", "street");
    private static final Set<String> DATE_NOUNS = Set.of("date", "year", "day", "month", "time", "week", "season",
            "decade", "century", "weekend", "quarter");
    private static final Set<String> MONEY_NOUNS = Set.of("price", "cost", "revenue", "revenues", "sales", "salary",
            "fee", "fine", "valuation", "worth", "value", "amount", "profit", "profits", "income", "budget", "funding",
            "earnings", "loss", "losses", "pay", "compensation", "bid", "investment", "payment", "penalty", "prize",
            "debt", "fortune", "spending");
    /** Nouns asking for a score, a win-loss record or a tally: "12-11", "24-0". */
    static final Set<String> SCORE_NOUNS = Set.of("score", "scoreline", "record", "tally");
    private static final Set<String> QUANTITY_NOUNS = Set.of("percentage", "percent", "share", "rate", "size", "score",
            "scoreline", "record", "tally",
            "length", "weight", "height", "distance", "speed", "capacity", "temperature", "age", "population",
            "margin", "proportion", "ratio", "duration", "resolution", "battery", "screen", "increase", "decrease",
            "growth", "drop", "rise");
    private static final Set<String> COUNT_NOUNS = Set.of("number", "count", "total");
    private static final Set<String> QUANTITY_HOW = Set.of("big", "large", "long", "tall", "far", "fast", "heavy", "old",
            "high", "deep", "wide", "small", "short", "expensive", "often", "low");
    /** After "what": nouns of an explanation, not of a short answer. */
    private static final Set<String> EXPLANATION_NOUNS = Set.of("reason", "reasons", "cause", "impact", "effect",
            "purpose", "role", "significance", "difference", "relationship", "strategy", "goal", "outcome", "response",
            "approach", "concern", "concerns", "issue", "issues", "problem", "problems", "happened", "happens",
            "kind", "type", "way", "ways", "point", "message", "argument", "view", "opinion", "stance", "focus",
            "main", "key", "primary", "common", "potential", "new", "current", "latest", "significant", "major");
    /** Skipped between the question word and its noun ("what is the", "which of the"). */
    private static final Set<String> FILLER = Set.of("is", "was", "are", "were", "the", "a", "an", "of", "s", "'s",
            "exact", "specific", "particular", "full", "first", "last", "current", "former", "new", "other", "one",
            "two", "main", "primary", "total", "approximate", "estimated", "reported", "expected", "starting",
            "official", "final", "average", "annual", "overall");


    private QuestionTypes() {
    }

    static AnswerType type(List<NewsTokens.Word> ws) {
        if (ws.isEmpty()) {
            return AnswerType.OTHER;
        }
        if (AUX.contains(ws.get(0).lower())) {
            return AnswerType.YES_NO;
        }
        int last = lastQuestionWord(ws);
        for (int i = 0; i < ws.size(); i++) {
            NewsTokens.Word w = ws.get(i);
            String l = w.lower();
            // "Between the two reports, was there ...": a yes/no question after a leading clause.
            if (i > 0 && w.afterComma() && AUX.contains(l)) {
                return AnswerType.YES_NO;
            }
            switch (l) {
                case "who", "whom", "whose":
                    return namesItsPerson(ws, i) ? AnswerType.OTHER : AnswerType.PERSON;
                case "when":
                    return AnswerType.DATE;
                case "where":
                    return AnswerType.PLACE;
                case "how":
                    return how(ws, i);
                case "which", "what":
                    if (relative(ws, i, last)) {
                        break; // "the case in which Judge Engoron found ...": not what is asked
                    }
                    return whichOrWhat(ws, i, l.equals("which"));
                default:
                    break;
            }
        }
        return keywordScore(ws) ? AnswerType.QUANTITY : AnswerType.OTHER;
    }

    private static final Set<String> PREPOSITIONS = Set.of("in", "at", "of", "on", "by", "for", "from", "to", "with",
            "under", "through", "during");

    /**
     * "which" after a preposition past the question's start, with another question word after it, introduces a
     * relative clause ("the case in which Judge Engoron found ..., what value ..."); "... in which city?" asks.
     */
    private static boolean relative(List<NewsTokens.Word> ws, int i, int lastQuestionWord) {
        // only when the question asks its own question later ("..., what value did New York put on it?")
        return i >= 2 && ws.get(i).lower().equals("which") && PREPOSITIONS.contains(ws.get(i - 1).lower())
                && lastQuestionWord > i;
    }

    private static final Set<String> QUESTION_WORDS = Set.of("what", "who", "whom", "which", "how", "when", "where");

    /** The index of the question's last question word, or -1: one pass, so {@link #relative} stays linear. */
    private static int lastQuestionWord(List<NewsTokens.Word> ws) {
        for (int j = ws.size() - 1; j >= 0; j--) {
            if (QUESTION_WORDS.contains(ws.get(j).lower())) {
                return j;
            }
        }
        return -1;
    }

    /**
     * "Who is Masha Lipman?": the question already names the person and asks what they are, a description, not a
     * name to answer with.
     */
    private static boolean namesItsPerson(List<NewsTokens.Word> ws, int i) {
        if (i + 2 >= ws.size() || !Set.of("is", "was", "are", "were").contains(ws.get(i + 1).lower())) {
            return false;
        }
        for (int j = i + 2; j < ws.size(); j++) {
            if (!ws.get(j).capitalised()) {
                return false;
            }
        }
        return true;
    }

    private static AnswerType how(List<NewsTokens.Word> ws, int i) {
        String next = i + 1 < ws.size() ? ws.get(i + 1).lower() : "";
        if (next.equals("many")) {
            return AnswerType.COUNT;
        }
        if (next.equals("much")) {
            String after = i + 2 < ws.size() ? ws.get(i + 2).lower() : "";
            // "how much did shares climb": a change, in per cent or points, not a price
            for (NewsTokens.Word w : ws) {
                if (AnswerAgreement.CHANGE_VERBS.contains(w.lower())) {
                    return AnswerType.QUANTITY;
                }
            }
            return Set.of("time", "longer", "more", "bigger", "larger", "faster").contains(after) ? AnswerType.QUANTITY
                    : AnswerType.MONEY;
        }
        if (QUANTITY_HOW.contains(next)) {
            return next.equals("expensive") ? AnswerType.MONEY : AnswerType.QUANTITY;
        }
        return AnswerType.OTHER;
    }

    private static AnswerType whichOrWhat(List<NewsTokens.Word> ws, int i, boolean which) {
        boolean sawAux = false;
        int unknown = 0;
        // The noun the question word asks about: "what was the launch price", "which Premier League club".
        for (int j = i + 1; j < ws.size() && j <= i + 6; j++) {
            String w = ws.get(j).lower();
            AnswerType t = nounType(w);
            if (t != null) {
                // "what is the name of the company": the noun after "name of" decides
                if (t == AnswerType.NAMED) {
                    for (int k = j + 1; k < ws.size() && k <= j + 3; k++) {
                        AnswerType inner = nounType(ws.get(k).lower());
                        if (inner != null && inner != AnswerType.NAMED) {
                            return inner;
                        }
                    }
                }
                return t;
            }
            if (FILLER.contains(w)) {
                sawAux |= AUX.contains(w);
                continue;
            }
            if (j == i + 1 && (AUX.contains(w) || w.endsWith("ed"))) {
                return AnswerType.OTHER; // "what did ...", "what happened", "which has ..."
            }
            if (EXPLANATION_NOUNS.contains(w) || AUX.contains(w) || QuestionAnalysis.STOP.contains(w) || ++unknown > 2) {
                break;
            }
        }
        // An unknown noun right after which/what ("which film", "what product"): a named thing.
        if (which) {
            return AnswerType.NAMED;
        }
        String next = i + 1 < ws.size() ? ws.get(i + 1).lower() : "";
        return !sawAux && !next.isEmpty() && !EXPLANATION_NOUNS.contains(next) && !QuestionAnalysis.STOP.contains(next)
                ? AnswerType.NAMED : AnswerType.OTHER;
    }

    /** Nouns that only say a name is asked for: the noun after them ("the name of the fund") is the head. */
    private static final Set<String> NAME_NOUNS = Set.of("name", "names", "title", "called");

    /**
     * The noun the question asks about: "which stadium" → stadium, "what is the name of the venture fund" → fund,
     * "how many goals" → goals, "what annual salary" → salary, "what year" → year; null when there is none.
     */
    static String headNoun(List<NewsTokens.Word> ws) {
        int last = lastQuestionWord(ws);
        for (int i = 0; i < ws.size(); i++) {
            String l = ws.get(i).lower();
            if (l.equals("how") && i + 2 < ws.size() && Set.of("many", "much").contains(ws.get(i + 1).lower())) {
                // the last word of the noun phrase after "how many": "BEUC member organizations" → organizations
                String head = null;
                for (int j = i + 2; j < ws.size() && j <= i + 6; j++) {
                    String n = ws.get(j).lower();
                    if ((QuestionAnalysis.STOP.contains(n) && !n.startsWith("year")) || AUX.contains(n)) {
                        break;
                    }
                    if (!ws.get(j).capitalised()) {
                        head = n;
                    }
                }
                return head;
            }
            if ((!l.equals("which") && !l.equals("what")) || relative(ws, i, last)) {
                continue;
            }
            for (int j = i + 1; j < ws.size() && j <= i + 6; j++) {
                String w = ws.get(j).lower();
                if (NAME_NOUNS.contains(w)) {
                    // "the name of (the) X": X is the head when it follows
                    for (int k = j + 1; k < ws.size() && k <= j + 8; k++) {
                        String x = ws.get(k).lower();
                        if (!FILLER.contains(x) && !QuestionAnalysis.STOP.contains(x) && !ws.get(k).capitalised()) {
                            return x;
                        }
                    }
                    return null;
                }
                if (FILLER.contains(w) || (j > i + 1 && QuestionAnalysis.STOP.contains(w))) {
                    continue;
                }
                if (AUX.contains(w) || QuestionAnalysis.STOP.contains(w) || EXPLANATION_NOUNS.contains(w)) {
                    return null;
                }
                // adjectives before the noun ("which VC firm", "what annual salary"): the last of a run of lower-case
                // words before a verb-like or stop word
                if (nounType(w) != null) {
                    return w;
                }
                if (j + 1 < ws.size() && nounType(ws.get(j + 1).lower()) != null) {
                    continue;
                }
                return ws.get(j).capitalised() ? null : w;
            }
            return null;
        }
        return keywordScore(ws) ? ws.get(ws.size() - 1).lower() : null;
    }

    /** A query of keywords without a question word that ends on a score noun: "chicago fire vs inter miami score". */
    private static boolean keywordScore(List<NewsTokens.Word> ws) {
        for (NewsTokens.Word w : ws) {
            if (QUESTION_WORDS.contains(w.lower()) || w.lower().equals("whose") || w.lower().equals("why")) {
                return false;
            }
        }
        return ws.size() >= 2 && SCORE_NOUNS.contains(ws.get(ws.size() - 1).lower());
    }

    private static AnswerType nounType(String w) {
        if (PERSON_NOUNS.contains(w) || w.endsWith("ceo")) {
            return AnswerType.PERSON;
        }
        if (ORG_NOUNS.contains(w)) {
            return AnswerType.ORGANISATION;
        }
        if (PLACE_NOUNS.contains(w)) {
            return AnswerType.PLACE;
        }
        if (DATE_NOUNS.contains(w)) {
            return AnswerType.DATE;
        }
        if (MONEY_NOUNS.contains(w)) {
            return AnswerType.MONEY;
        }
        if (QUANTITY_NOUNS.contains(w)) {
            return AnswerType.QUANTITY;
        }
        if (COUNT_NOUNS.contains(w)) {
            return AnswerType.COUNT;
        }
        if (w.equals("name") || w.equals("names") || w.equals("title")) {
            return AnswerType.NAMED;
        }
        return null;
    }
}
