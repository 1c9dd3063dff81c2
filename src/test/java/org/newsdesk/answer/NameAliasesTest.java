package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;
import org.newsdesk.testkit.LinearTime;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Initials and misspellings of names the retrieved passages write. */
class NameAliasesTest {
    private static Hit hit(String text) {
        Passage p = new Passage(Passage.idOf("a1", 0), "a1", 0, 0, text.length(), text, "T", "S", "u", null);
        return new Hit(p, 1.0, 1, 1, 1f, 1f);
    }

    @Test
    void initialsMatchANameWithOrWithoutItsSmallWords() {
        List<Hit> hits = List.of(hit("The National Transportation Safety Board opened an inquiry. "
                + "The Five Nights at Freddy’s movie, directed by Emma Tammi, opened well."));
        List<NameAliases.Alias> found = NameAliases.find(List.of("NTSB", "fnaf", "FNF", "XYZ"), List.of(), hits);
        assertThat(found).extracting(NameAliases.Alias::word).containsExactly("NTSB", "fnaf", "FNF");
        assertThat(found.get(0).name()).isEqualTo("The National Transportation Safety Board");
        assertThat(found.get(1).name()).isEqualTo("The Five Nights at Freddy");
        assertThat(found).noneMatch(NameAliases.Alias::misspelt);
    }

    @Test
    void aCloseMisspellingOfANameIsReadAsItButADifferentNumberIsNot() {
        List<Hit> hits = List.of(hit("Melissa Lucashenko wrote Edenglassie. COP28 was held in Dubai."));
        List<NameAliases.Alias> found = NameAliases.find(List.of(), List.of("Lucashenco", "COP29", "Brisbane"), hits);
        assertThat(found).extracting(NameAliases.Alias::word, NameAliases.Alias::name, NameAliases.Alias::misspelt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Lucashenco", "Lucashenko", true));
    }

    @Test
    void runsStopAtLowerCaseWordsAndHostileTextStaysLinear() {
        assertThat(NameAliases.capitalisedRuns("the Bank of England said. And then"))
                .extracting(r -> r.size()).containsExactly(3, 1);
        // A long run of capitalised words and joiners: matching is bounded by the 8-word run limit.
        // Judged by how its CPU time scales (25 K to 100 K characters), not by a wall-clock bound.
        LinearTime.assertLinear("NameAliases.find", n -> "A of ".repeat(n / 5), 25_000,
                t -> NameAliases.find(List.of("aaaaaaaa"), List.of("Aaaaa"), List.of(hit(t))));
    }
}
