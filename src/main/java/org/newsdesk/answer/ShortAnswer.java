package org.newsdesk.answer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the short answer among the candidates of the expected type: the one held by the sentence (or pair of
 * adjacent sentences) that best supports the question, with a little credit for being found in several articles
 * (a multi-source question's answer is what its sources share). A shorter mention of a name is credited to the full
 * name it abbreviates ("Bankman-Fried" to "Sam Bankman-Fried").
 */
final class ShortAnswer {
    /** Credit per further article that names the candidate (at most three). */
    static final double ARTICLE_CREDIT = 0.1;
    /** Credit per mention (at most five). */
    static final double MENTION_CREDIT = 0.01;
    /**
     * A candidate in the sentence next to the one that holds the question's terms is less likely the answer than one
     * in that sentence: its support counts this much.
     */
    static final double NEXT_SENTENCE = 0.7;
    /** Country names (java.util.Locale's, in English, with the usual short forms): a "which city" answer is none. */
    private static final Set<String> COUNTRIES = countries();

    /**
     * @param text     the answer as written in the sentence
     * @param sentence the quotable sentence that holds it with the best support
     * @param support  that sentence's support of the question (0..1)
     * @param runnerUp the score of the next-best candidate as a share of this one's (0..1; 0 when there is none)
     */
    record Pick(String text, EvidenceSentences.Sentence sentence, double support, double runnerUp) {
    }

    private static final class Tally {
        String text;
        EvidenceSentences.Sentence sentence;
        double support = -1;
        final Set<String> articles = new HashSet<>();
        final Set<String> titles = new HashSet<>();
        int mentions;
        boolean afterPreposition;
        /** Some mention is of the asked-for kind ({@link AnswerAgreement}). */
        boolean agrees;
        /** The best support plus proximity credit of one mention. */
        double local;
        final Map<String, Integer> forms = new HashMap<>();
    }

    private ShortAnswer() {
    }

    /** Mentions among the retrieved passages a longer form of a one-word answer needs to replace it. */
    static final int FULL_FORM_MENTIONS = 2;

    /**
     * A one-word name as the retrieved passages write it in full, most often: "Bankman-Fried" as "Sam Bankman-Fried",
     * "Vikings" as "Minnesota Vikings" (a longer name of up to three words ending in it, seen at least twice), and for
     * a company or a title "Caesars" as "Caesars Sportsbook" (starting with it, seen at least as often as the word
     * alone). The answer is the same; the full form is what a reader, and a question's asker, calls it.
     */
    static String fullForm(QuestionAnalysis q, String text, List<org.newsdesk.search.Hit> hits) {
        return fullForm(q, text, hits, p -> AnswerCandidates.extract(p.text()));
    }

    /** As {@link #fullForm(QuestionAnalysis, String, List)}, with each passage's candidates from {@code candidates}. */
    static String fullForm(QuestionAnalysis q, String text, List<org.newsdesk.search.Hit> hits,
                           java.util.function.Function<org.newsdesk.index.Passage, List<AnswerCandidates.Candidate>> candidates) {
        String key = AnswerCandidates.normalize(text);
        if (key.isEmpty() || key.indexOf(' ') >= 0) {
            return text;
        }
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> forms = new HashMap<>();
        // A company's or a title's short form may also be its first word ("Caesars" of "Caesars Sportsbook"); a
        // person's is the surname.
        boolean leading = q.type() != AnswerType.PERSON;
        int alone = 0;
        for (org.newsdesk.search.Hit h : hits) {
            for (AnswerCandidates.Candidate c : candidates.apply(h.passage())) {
                String k = c.key();
                alone += k.equals(key) ? 1 : 0;
                if ((k.endsWith(" " + key) || (leading && k.startsWith(key + " "))) && k.split(" ").length <= 3
                        && !q.names(c) && (q.type() != AnswerType.PERSON || personLike(c.text()))) {
                    counts.merge(k, 1, Integer::sum);
                    forms.putIfAbsent(k, c.text());
                }
            }
        }
        // A longer name that starts with the word replaces it only when written at least as often as the word alone:
        // "Google Play" is one of Google's products, not Google's full name.
        int standalone = alone;
        return counts.entrySet().stream().filter(e -> e.getValue() >= FULL_FORM_MENTIONS
                        && (!e.getKey().startsWith(key + " ") || e.getValue() >= standalone))
                .max(Map.Entry.comparingByValue()).map(e -> forms.get(e.getKey())).orElse(text);
    }

    /** Credit for a candidate of the asked-for kind ("SoFi Stadium" for "which stadium", not "Southern California"). */
    static final double AGREEMENT_CREDIT = 0.3;

    /** Credit per retrieved article whose title names the candidate (at most three), for names. */
    static final double TITLE_CREDIT = 0.1;
    /** Credit for a person's name of two words or more over one word ("Sam Altman" over "Altman", "SBF"). */
    static final double FULL_NAME_CREDIT = 0.3;

    /** The best-supported candidate, or null when none reaches {@code minSupport}. */
    static Pick pick(QuestionAnalysis q, EvidenceSentences es, double minSupport) {
        return pick(q, es, minSupport, List.of());
    }

    /**
     * As {@link #pick(QuestionAnalysis, EvidenceSentences, double)}; for a name, the articles among all
     * {@code hits} that mention it, or name it in their title, count too: a multi-source question's answer is what
     * its sources have in common.
     */
    static Pick pick(QuestionAnalysis q, EvidenceSentences es, double minSupport, List<org.newsdesk.search.Hit> hits) {
        if (!q.type().hasShortAnswer()) {
            return null;
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (EvidenceSentences.Sentence s : es.sentences) {
            if (s.candidates().isEmpty()) {
                continue;
            }
            double support = Math.max(es.support(s, false), NEXT_SENTENCE * es.support(s, true));
            EvidenceSentences.Sentence prev = s.index() > 0 ? es.sentences.get(s.index() - 1) : null;
            if (prev != null && prev.passage() == s.passage()) {
                support = Math.max(support, NEXT_SENTENCE * es.support(prev, true));
            }
            Set<String> seenHere = new HashSet<>();
            for (AnswerCandidates.Candidate c : s.candidates()) {
                String key = c.key();
                if (key.isEmpty() || !seenHere.add(key)) {
                    continue;
                }
                Tally t = tallies.computeIfAbsent(key, k -> new Tally());
                t.forms.merge(c.text(), 1, Integer::sum);
                t.afterPreposition |= afterPreposition(s.text(), c.start());
                t.agrees |= s.quotable() && AnswerAgreement.agrees(q, c, s.text());
                t.mentions++;
                t.articles.add(s.passage().articleId());
                if (s.quotable() && support > t.support) {
                    t.support = support;
                    t.sentence = s;
                }
                // Support and closeness to the question's words of the same mention: the best of its mentions.
                if (s.quotable()) {
                    t.local = Math.max(t.local, support + PROXIMITY_CREDIT * proximity(q, s.text(), c));
                }
            }
        }
        if (q.type() == AnswerType.PERSON) {
            tallies.values().removeIf(t -> !personLike(t.forms.keySet().iterator().next()));
        }
        if (q.type().wantsName()) {
            for (org.newsdesk.search.Hit h : hits) {
                for (AnswerCandidates.Candidate c : es.candidatesOf(h.passage())) {
                    Tally t = tallies.get(c.key());
                    if (t != null) {
                        t.articles.add(h.passage().articleId());
                    }
                }
                String title = AnswerCandidates.normalize(h.passage().title() == null ? "" : h.passage().title());
                for (Map.Entry<String, Tally> e : tallies.entrySet()) {
                    if ((" " + title + " ").contains(" " + e.getKey() + " ")) {
                        e.getValue().titles.add(h.passage().articleId());
                    }
                }
            }
            if (q.type() == AnswerType.PERSON) {
                mergeShortNames(tallies);
            } else {
                mergeIntoFirstWord(tallies);
            }
        }
        // How much the question is one of several parts (0 for a factoid of up to 6 terms, 1 from 16 terms on): only
        // then is being named by many of the retrieved articles a sign of the answer.
        double parts = Math.max(0, Math.min(1, (q.weights().size() - 6) / 10.0));
        Tally best = null;
        double bestScore = 0;
        double secondScore = 0;
        for (Tally t : tallies.values()) {
            if (t.sentence == null) {
                continue;
            }
            double score = t.local + parts * (ARTICLE_CREDIT * Math.min(4, t.articles.size() - 1)
                    + TITLE_CREDIT * Math.min(3, t.titles.size()))
                    + MENTION_CREDIT * Math.min(5, t.mentions) + typeCredit(q, t) + (t.agrees ? AGREEMENT_CREDIT : 0);
            if (score > bestScore) {
                secondScore = bestScore;
                bestScore = score;
                best = t;
            } else if (score > secondScore) {
                secondScore = score;
            }
        }

        if (best == null || best.support < minSupport) {
            return null;
        }
        String text = best.forms.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(e -> e.getKey().length()))
                .map(Map.Entry::getKey).orElseThrow();
        if (q.type().wantsName() && q.type() != AnswerType.PLACE) {
            text = fullForm(q, text, hits, es::candidatesOf);
        }
        return new Pick(text, best.sentence, best.support, bestScore > 0 ? secondScore / bestScore : 0);
    }

    /**
     * The candidate the top articles keep naming ({@link EvidenceSentences#entity}), when its articles together
     * support the question at least {@code threshold}: a question of many parts whose answer no single sentence
     * supports on its own. Quoted with the sentence that names it and supports the question most.
     */
    static Pick fromEntity(QuestionAnalysis q, EvidenceSentences es, double threshold,
                           List<org.newsdesk.search.Hit> hits) {
        EvidenceSentences.Entity e = es.entity();
        if (e == null || e.best() == null || e.support() < threshold || !q.type().wantsName()) {
            return null;
        }
        String text = e.best().candidates().stream().filter(c -> c.key().equals(e.key()))
                .map(AnswerCandidates.Candidate::text).findFirst().orElseThrow();
        if (q.type() != AnswerType.PLACE) {
            text = fullForm(q, text, hits, es::candidatesOf);
        }
        return new Pick(text, e.best(), es.support(e.best(), true), 0);
    }

    /**
     * How likely the short answer is right, 0..1: 0 when it is not of the asked-for kind ({@link AnswerAgreement});
     * else the support its sentence alone gives the question, weighed by how near the answer stands to the
     * question's words in it (half at ten words away or more).
     */
    static double confidence(QuestionAnalysis q, Pick pick, EvidenceSentences es) {
        String key = AnswerCandidates.normalize(pick.text());
        AnswerCandidates.Candidate found = null;
        for (AnswerCandidates.Candidate c : pick.sentence().candidates()) {
            String k = c.key();
            if (k.equals(key) || (!k.isEmpty() && (key.endsWith(" " + k) || key.startsWith(k + " ")))) {
                found = c;
                break;
            }
        }
        if (found == null || !AnswerAgreement.agrees(q, found, pick.sentence().text())) {
            return 0;
        }
        double support = es.support(pick.sentence(), false);
        // Every name the question is about must be in the answer's sentence (or its passage's title): "Michigan
        // State" is not answered by a sentence about Smith's salary at Oregon State.
        Set<String> window = es.windowTerms(pick.sentence(), false);
        double names = q.nameTerms().stream().allMatch(run -> run.stream().anyMatch(window::contains)) ? 1 : 0.5;
        return names * support * (0.5 + 0.5 * proximity(q, pick.sentence().text(), found));
    }

    /**
     * A person's full name over a surname alone; a place after "in", "at" ...; a country for "which country", no
     * country for "which city"; "how many goals": a count of the noun asked about.
     */
    private static double typeCredit(QuestionAnalysis q, Tally t) {
        String any = t.forms.keySet().iterator().next();
        int words = any.split(" ").length;
        return switch (q.type()) {
            case PERSON -> words >= 2 ? FULL_NAME_CREDIT : 0;
            case PLACE -> {
                boolean country = COUNTRIES.contains(AnswerCandidates.normalize(any));
                double credit = t.afterPreposition ? 0.1 : 0;
                if (q.words().contains("country") || q.words().contains("nation")) {
                    credit += country ? 0.2 : -0.2;
                } else if (q.words().contains("city") || q.words().contains("town") || q.words().contains("village")) {
                    credit -= country ? 0.2 : 0;
                }
                yield credit;
            }
            case COUNT -> {
                String last = any.substring(any.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
                yield q.words().contains(last) || q.words().contains(last + "s")
                        || (last.endsWith("s") && q.words().contains(last.substring(0, last.length() - 1))) ? 0.1 : 0;
            }
            default -> 0;
        };
    }

    /** Credit for standing right next to a word of the question, falling to nothing ten words away. */
    static final double PROXIMITY_CREDIT = 0.3;
    private static final int PROXIMITY_WORDS = 10;

    /**
     * 1 when the candidate stands next to one of the question's content words in the sentence ("received asylum on
     * Aug. 1"), falling linearly to 0 at {@link #PROXIMITY_WORDS} words away.
     */
    static double proximity(QuestionAnalysis q, String sentence, AnswerCandidates.Candidate c) {
        List<String> before = NewsTokens.plainWords(sentence.substring(0, Math.min(c.start(), sentence.length())));
        List<String> all = NewsTokens.plainWords(sentence);
        int from = before.size();
        int to = from + Math.max(1, NewsTokens.plainWords(c.text()).size()) - 1;
        int best = Integer.MAX_VALUE;
        Set<String> content = q.contentStems();
        for (int k = 0; k < all.size(); k++) {
            if (k >= from && k <= to) {
                continue;
            }
            if (content.contains(QuestionAnalysis.stem(all.get(k)))) {
                best = Math.min(best, k < from ? from - k : k - to);
            }
        }
        return best == Integer.MAX_VALUE ? 0 : Math.max(0, 1 - (best - 1) / (double) PROXIMITY_WORDS);
    }

    private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "at", "near", "of", "from", "to", "into",
            "outside", "across");

    /** Whether a name is a country's ("France", "the U.S."). */
    static boolean country(String name) {
        return COUNTRIES.contains(AnswerCandidates.normalize(name));
    }

    /** Whether one of the two words before {@code start} is a preposition of place. */
    static boolean afterPreposition(String sentence, int start) {
        List<String> before = NewsTokens.plainWords(sentence.substring(Math.max(0, start - 30), start));
        for (int k = Math.max(0, before.size() - 2); k < before.size(); k++) {
            if (PLACE_PREPOSITIONS.contains(before.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> countries() {
        Set<String> out = new HashSet<>(Set.of("us", "u.s", "usa", "uk", "u.k", "britain", "england", "scotland",
                "wales", "america", "russia", "south korea", "north korea", "uae"));
        for (String code : Locale.getISOCountries()) {
            out.add(AnswerCandidates.normalize(new Locale("", code).getDisplayCountry(Locale.ENGLISH)));
        }
        return Set.copyOf(out);
    }

    /** Words that end an organisation's name, never a person's. */
    private static final Set<String> ORG_WORDS = Set.of("research", "ventures", "inc", "corp", "corporation", "group",
            "bank", "capital", "labs", "games", "technologies", "technology", "holdings", "foundation", "university",
            "club", "united", "city", "league", "association", "institute", "media", "news", "times", "post",
            "partners", "fund", "exchange", "network", "studios", "records", "motors", "airlines", "council",
            "commission", "committee", "agency", "department", "ministry", "party", "court", "police", "reserve",
            "company", "co", "ltd", "llc", "plc", "sportsbook", "tour", "cup", "series", "awards", "festival",
            "street", "house", "center", "centre", "school", "college", "hospital", "government", "administration",
            "office", "service", "services", "systems", "energy", "pharmaceuticals", "entertainment", "sports",
            "federation", "union", "team", "board", "market", "markets", "index", "act", "bill", "management",
            "trust", "stadium", "arena", "park", "field", "square", "trafford", "award", "prize", "trophy");

    /**
     * Whether a name can be a person's: not an acronym ("FTX"), not a country, not ending in an organisation word
     * ("Alameda Research").
     */
    static boolean personLike(String name) {
        String n = AnswerCandidates.normalize(name);
        if (n.isEmpty() || COUNTRIES.contains(n)) {
            return false;
        }
        String letters = name.replace(".", "").replace(" ", "");
        if (letters.length() <= 5 && letters.equals(letters.toUpperCase(Locale.ROOT))) {
            return false;
        }
        String last = n.substring(n.lastIndexOf(' ') + 1);
        return !ORG_WORDS.contains(last) && !AnswerCandidates.isTitle(last);
    }

    /**
     * For an organisation or a thing: "Google Play", "Google Search" credited to "Google" when that is a candidate
     * too (the company is asked about, its products are how articles name it).
     */
    private static void mergeIntoFirstWord(Map<String, Tally> tallies) {
        for (String longer : new ArrayList<>(tallies.keySet())) {
            int space = longer.indexOf(' ');
            if (space < 0) {
                continue;
            }
            Tally s = tallies.get(longer);
            Tally l = tallies.get(longer.substring(0, space));
            if (l == null || s == null) {
                continue;
            }
            tallies.remove(longer);
            l.articles.addAll(s.articles);
            l.titles.addAll(s.titles);
            l.mentions += s.mentions;
            if (s.support > l.support) {
                l.support = s.support;
                l.sentence = s.sentence;
            }
            l.local = Math.max(l.local, s.local);
        }
    }

    /** Credits "Bankman-Fried" to "Sam Bankman-Fried" when that is the only longer name ending (or starting) so. */
    private static void mergeShortNames(Map<String, Tally> tallies) {
        List<String> keys = new ArrayList<>(tallies.keySet());
        keys.sort((a, b) -> Integer.compare(a.length(), b.length()));
        for (String shorter : keys) {
            String into = null;
            for (String longer : keys) {
                if (!longer.equals(shorter) && tallies.containsKey(longer) && tallies.containsKey(shorter)
                        && (longer.endsWith(" " + shorter) || longer.startsWith(shorter + " "))
                        && (into == null || tallies.get(longer).mentions > tallies.get(into).mentions)) {
                    into = longer;
                }
            }
            if (into != null) {
                Tally s = tallies.remove(shorter);
                Tally l = tallies.get(into);
                l.articles.addAll(s.articles);
                l.titles.addAll(s.titles);
                l.mentions += s.mentions;
                if (s.support > l.support && l.sentence != null) {
                    l.support = s.support; // the short mention's sentence supports the same answer
                }
                l.local = Math.max(l.local, s.local);
            }
        }
    }
}
