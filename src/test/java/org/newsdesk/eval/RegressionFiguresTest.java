package org.newsdesk.eval;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegressionFiguresTest {
    @Test
    void figuresMatchAtTheFilesPrecisionAndEveryDifferenceIsNamed() {
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("index.passages", 5899.0);
        expected.put("passage.mrr10", 0.758);
        expected.put("passage.hits10", 0.913);
        Map<String, Double> actual = new LinkedHashMap<>();
        actual.put("index.passages", 5899.0);
        actual.put("passage.mrr10", 0.75776); // rounds to 0.758: same
        actual.put("passage.hits10", 0.9116); // rounds to 0.912: a change
        actual.put("answer.new-figure", 0.5);

        RegressionFigures.Comparison c = RegressionFigures.compare(expected, actual, 3);

        assertThat(c.differences()).containsExactly("passage.hits10", "answer.new-figure");
        assertThat(c.report())
                .contains("index.passages").contains("expected 5899")
                .contains("passage.hits10").contains("expected 0.913").contains("actual 0.912")
                .contains("answer.new-figure").contains("(none)");
        assertThat(c.report().lines().filter(l -> l.contains("<-- differs")).count()).isEqualTo(2);
    }

    @Test
    void theYamlBlockRoundTripsTheFigures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("index.articles", 609.0);
        f.put("passage.mrr10", 0.75776);
        assertThat(RegressionFigures.yaml(f, 3)).isEqualTo("figures:\n  index.articles: 609\n  passage.mrr10: 0.758\n");
    }
}
