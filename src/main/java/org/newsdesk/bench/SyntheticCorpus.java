package org.newsdesk.bench;

import org.newsdesk.corpus.Article;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageSplitter;
import org.newsdesk.index.SentenceSplitter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A larger archive made from a real one by deterministic transformation, for growth measurements. Variant 0 is the
 * real archive unchanged; each further variant rewrites every article: about {@value #FOREIGN_SHARE} of its
 * sentences are replaced by sentences of other articles, the sentences are shuffled, and every capitalised word
 * (names, places, organisations) is renamed through a mapping of its own (a pseudo-word drawn from a generator seeded
 * by the seed, the variant and the word). So terms, their co-occurrences and vectors differ between variants, while
 * sentence lengths and vocabulary statistics stay those of real news. Same seed, same archive.
 */
public final class SyntheticCorpus {
    static final double FOREIGN_SHARE = 0.3;
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][a-z]{2,}\\b");
    /** Capitalised words kept as they are: sentence starters and date words (questions name dates). */
    private static final Set<String> KEEP = Set.of("The", "This", "That", "These", "Those", "There", "Then", "They",
            "Their", "She", "Her", "His", "And", "But", "For", "With", "From", "When", "While", "After", "Before",
            "Its", "Our", "You", "Your", "What", "Who", "How", "Why", "Where", "Which", "Not", "Now", "One", "Two",
            "Mrs", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December");
    private static final String CONSONANTS = "bcdfghjklmnprstvz";
    private static final String VOWELS = "aeiou";

    private final List<Article> real;
    private final List<List<String>> sentences;
    private final PassageSplitter splitter;
    private final long seed;

    public SyntheticCorpus(List<Article> real, PassageSplitter splitter, long seed) {
        if (real.isEmpty()) {
            throw new IllegalArgumentException("no articles to grow from");
        }
        this.real = List.copyOf(real);
        this.splitter = splitter;
        this.seed = seed;
        this.sentences = new ArrayList<>(real.size());
        for (Article a : real) {
            List<String> s = new ArrayList<>();
            for (SentenceSplitter.Span span : SentenceSplitter.split(a.body())) {
                s.add(a.body().substring(span.start(), span.end()).replaceAll("\\s+", " "));
            }
            if (s.isEmpty()) {
                s.add(a.title());
            }
            sentences.add(s);
        }
    }

    /** The articles of one variant: 0 is the real archive. */
    public List<Article> variant(int v) {
        if (v == 0) {
            return real;
        }
        Random rnd = new Random(mix(seed, v, 0x5EED));
        Map<String, String> names = new HashMap<>();
        List<Article> out = new ArrayList<>(real.size());
        for (int i = 0; i < real.size(); i++) {
            Article a = real.get(i);
            List<String> own = sentences.get(i);
            List<String> mixed = new ArrayList<>(own.size());
            for (String s : own) {
                if (real.size() > 1 && rnd.nextDouble() < FOREIGN_SHARE) {
                    int j = rnd.nextInt(real.size() - 1);
                    List<String> other = sentences.get(j >= i ? j + 1 : j);
                    mixed.add(other.get(rnd.nextInt(other.size())));
                } else {
                    mixed.add(s);
                }
            }
            Collections.shuffle(mixed, rnd);
            StringBuilder body = new StringBuilder();
            for (int k = 0; k < mixed.size(); k++) {
                if (k > 0) {
                    body.append(k % 4 == 0 ? "\n\n" : " ");
                }
                body.append(rename(mixed.get(k), v, names));
            }
            String id = "syn" + v + "-" + a.id();
            out.add(new Article(id, rename(a.title(), v, names), a.source(), a.author(),
                    a.url() == null ? null : a.url() + "#syn" + v, a.published(), body.toString(),
                    "syn" + v + "-" + a.contentHash()));
        }
        return out;
    }

    /** Hands exactly {@code n} passages to {@code sink}: the real archive's first, then variant after variant. */
    public void passages(int n, Consumer<Passage> sink) {
        int done = 0;
        for (int v = 0; done < n; v++) {
            for (Article a : variant(v)) {
                for (Passage p : splitter.split(a)) {
                    sink.accept(p);
                    if (++done == n) {
                        return;
                    }
                }
            }
        }
    }

    String rename(String text, int variant, Map<String, String> names) {
        Matcher m = CAPITALISED.matcher(text);
        StringBuilder sb = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String w = m.group();
            String r = KEEP.contains(w) ? w : names.computeIfAbsent(w, x -> pseudoWord(variant, x));
            m.appendReplacement(sb, r);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A pronounceable capitalised pseudo-word, a function of (seed, variant, word) only. */
    String pseudoWord(int variant, String word) {
        Random r = new Random(mix(seed, variant, word.hashCode()));
        int syllables = 2 + r.nextInt(2);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            sb.append(CONSONANTS.charAt(r.nextInt(CONSONANTS.length())));
            sb.append(VOWELS.charAt(r.nextInt(VOWELS.length())));
            if (r.nextInt(3) == 0) {
                sb.append(CONSONANTS.charAt(r.nextInt(CONSONANTS.length())));
            }
        }
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }

    static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a * 0xC2B2AE3D27D4EB4FL + b * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
