package org.newsdesk.bench;

import org.junit.jupiter.api.Test;
import org.newsdesk.corpus.Article;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageSplitter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticCorpusTest {
    private static final PassageSplitter SPLITTER = new PassageSplitter(40, 80, 1);

    private static List<Article> real() {
        List<Article> a = new ArrayList<>();
        a.add(article("a1", "Kerry meets Lavrov in Geneva",
                "Secretary Kerry met Minister Lavrov in Geneva on Monday. The talks covered Syria. "
                        + "Kerry said progress was slow. Lavrov disagreed about the timetable. The meeting lasted four hours. "
                        + "Reporters waited outside the hotel. A joint statement followed in the evening."));
        a.add(article("a2", "Apple unveils a new phone",
                "Apple showed its new phone in Cupertino. The device costs more than the last one. "
                        + "Analysts at Morgan expect strong sales. Samsung answered with a price cut. "
                        + "The launch was streamed online. Shares rose in New York trading."));
        a.add(article("a3", "Storm hits Florida coast",
                "A storm reached Florida on Tuesday. Thousands lost power in Miami. "
                        + "Governor DeSantis declared an emergency. Schools closed for two days. "
                        + "Rain is expected through the weekend. Crews from Georgia came to help."));
        return a;
    }

    private static Article article(String id, String title, String body) {
        return new Article(id, title, "The Outlet", null, "https://example.org/" + id, LocalDate.of(2023, 10, 1), body,
                "hash-" + id);
    }

    private static List<Passage> passages(SyntheticCorpus c, int n) {
        List<Passage> out = new ArrayList<>();
        c.passages(n, out::add);
        return out;
    }

    @Test
    void givesExactlyTheAskedNumberOfPassagesWithUniqueIds() {
        List<Passage> ps = passages(new SyntheticCorpus(real(), SPLITTER, 1), 57);
        assertThat(ps).hasSize(57);
        Set<String> ids = new HashSet<>();
        ps.forEach(p -> ids.add(p.id()));
        assertThat(ids).hasSize(57);
    }

    @Test
    void variantZeroIsTheRealArchiveAndTheRealPassagesComeFirst() {
        SyntheticCorpus c = new SyntheticCorpus(real(), SPLITTER, 1);
        assertThat(c.variant(0)).isEqualTo(real());
        List<Passage> ps = passages(c, 3);
        assertThat(ps.get(0).articleId()).isEqualTo("a1");
    }

    @Test
    void sameSeedSameArchiveOtherSeedOtherArchive() {
        List<String> one = passages(new SyntheticCorpus(real(), SPLITTER, 42), 40).stream().map(Passage::text).toList();
        List<String> again = passages(new SyntheticCorpus(real(), SPLITTER, 42), 40).stream().map(Passage::text).toList();
        List<String> other = passages(new SyntheticCorpus(real(), SPLITTER, 43), 40).stream().map(Passage::text).toList();
        assertThat(again).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void renamesEntitiesPerVariantAndKeepsFunctionAndDateWords() {
        SyntheticCorpus c = new SyntheticCorpus(real(), SPLITTER, 5);
        List<Article> v1 = c.variant(1);
        List<Article> v2 = c.variant(2);
        String all1 = String.join(" ", v1.stream().map(a -> a.title() + " " + a.body()).toList());
        String all2 = String.join(" ", v2.stream().map(a -> a.title() + " " + a.body()).toList());
        for (String name : List.of("Kerry", "Lavrov", "Geneva", "Apple", "Cupertino", "Florida", "Miami")) {
            assertThat(all1).doesNotContain(name);
        }
        assertThat(all1).contains("The ");
        assertThat(v1.get(0).id()).isEqualTo("syn1-a1");
        // The same word gets a different name in another variant, and the same name throughout one variant.
        String kerry1 = c.pseudoWord(1, "Kerry");
        assertThat(c.pseudoWord(1, "Kerry")).isEqualTo(kerry1);
        assertThat(c.pseudoWord(2, "Kerry")).isNotEqualTo(kerry1);
        assertThat(all1).contains(kerry1);
        assertThat(all2).doesNotContain(kerry1);
        assertThat(kerry1).matches("[A-Z][a-z]+");
    }

    @Test
    void mixesSentencesBetweenArticlesAndShufflesThem() {
        SyntheticCorpus c = new SyntheticCorpus(real(), SPLITTER, 9);
        int foreign = 0;
        int reordered = 0;
        for (int v = 1; v <= 20; v++) {
            List<Article> arts = c.variant(v);
            // "storm"/"phone" words never occur in the Geneva article: their presence means a borrowed sentence.
            String first = arts.get(0).body();
            if (first.contains("power") || first.contains("phone") || first.contains("device") || first.contains("Rain")
                    || first.contains("Shares") || first.contains("Schools")) {
                foreign++;
            }
            if (!first.startsWith("Secretary")) {
                reordered++;
            }
            assertThat(arts).hasSize(3);
        }
        assertThat(foreign).isGreaterThan(5);
        assertThat(reordered).isGreaterThan(10);
    }
}
