package org.newsdesk.search;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewestFirstTest {
    private record C(String id, double relevance, LocalDate published) {
    }

    private static List<String> reorder(C... candidates) {
        List<C> list = new ArrayList<>(List.of(candidates));
        NewestFirst.reorder(list, C::relevance, C::published);
        return list.stream().map(C::id).toList();
    }

    @Test
    void theNewestOfThoseMatchingAboutAsWellAsTheBestComesFirst() {
        LocalDate d = LocalDate.of(2026, 12, 2);
        assertThat(reorder(
                new C("old-best", 1.0, d.minusDays(90)),
                new C("mid", 0.9, d.minusDays(30)),
                new C("new-close", 0.8, d.minusDays(2)),
                new C("newest-unrelated", 0.3, d),
                new C("undated", 0.95, null),
                new C("new-weak", 0.74, d.minusDays(1))))
                .containsExactly("new-close", "mid", "old-best", "undated", "newest-unrelated", "new-weak");
    }

    @Test
    void theSameDayKeepsTheRelevanceOrder() {
        LocalDate d = LocalDate.of(2024, 2, 29);
        assertThat(reorder(new C("a", 1.0, d), new C("b", 0.9, d), new C("c", 0.95, d.minusDays(1))))
                .containsExactly("a", "b", "c");
    }

    @Test
    void nothingRelevantLeavesTheOrderAlone() {
        LocalDate d = LocalDate.of(2024, 2, 29);
        assertThat(reorder(new C("a", 0, d.minusDays(3)), new C("b", 0, d))).containsExactly("a", "b");
        assertThat(reorder(new C("a", 1, d))).containsExactly("a");
    }
}
