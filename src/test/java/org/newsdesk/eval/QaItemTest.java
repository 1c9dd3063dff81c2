package org.newsdesk.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A question file with bad lines: each is skipped and reported with its line, the good ones are read. */
class QaItemTest {
    @Test
    void badLinesAreSkippedAndReportedWithTheirNumber(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("qa.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"id\": \"q1\", \"query\": \"Who met Lavrov?\", \"answer\": \"Kerry\", \"evidence\": "
                        + "[{\"article_id\": \"a1\", \"fact\": \"f\"}]}",
                "{not json",
                "",
                "{\"id\": \"q3\", \"answer\": \"x\"}",
                "{\"question\": \"Who won the 2031 Booker?\", \"abstain\": true}"));
        List<String> skipped = new ArrayList<>();
        List<QaItem> items = QaItem.read(f, skipped::add);
        assertThat(items).extracting(QaItem::query).containsExactly("Who met Lavrov?", "Who won the 2031 Booker?");
        assertThat(items.get(0).answerable()).isTrue();
        assertThat(items.get(1).answerable()).isFalse();
        assertThat(skipped).containsExactly("skipped " + f + " line 2: invalid JSON",
                "skipped " + f + " line 4: no 'query' (or 'question')");
    }

    @Test
    void aFileWithNoQuestionAtAllIsAnError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("qa.jsonl");
        Files.writeString(f, "nope\n{\"id\": 1}\n");
        assertThatThrownBy(() -> QaItem.read(f, s -> { }))
                .hasMessageContaining("none of its 2 lines is a question");
    }

    /** The factoid format: answers and sources instead of answer and evidence objects; its near misses abstain. */
    @Test
    void factoidLinesKeepEveryAcceptedAnswerTheirSourcesAndTheirType(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("factoid.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"id\": \"fd-1\", \"question\": \"When?\", \"answers\": [\"Nov. 17, 2011\", \"17, 2011\"], "
                        + "\"sources\": [\"mh-0008\", \"mh-0009\"], \"type\": \"date\", \"evidence\": \"On Nov. 17, 2011.\"}",
                "{\"id\": \"fd-n1\", \"question\": \"Who won?\", \"abstain\": true, \"why\": \"not covered\"}"));
        List<QaItem> items = QaItem.read(f, s -> { });
        QaItem q = items.get(0);
        assertThat(q.factoid()).isTrue();
        assertThat(q.answerable()).isTrue();
        assertThat(q.answers()).containsExactly("Nov. 17, 2011", "17, 2011");
        assertThat(q.goldArticles()).containsExactly("mh-0008", "mh-0009");
        assertThat(q.expectedType()).isEqualTo("date");
        assertThat(q.evidence()).extracting(QaItem.Evidence::fact).containsOnly("On Nov. 17, 2011.");
        assertThat(items.get(1).answerable()).isFalse();
        assertThat(items.get(1).factoid()).isFalse();
    }
}
