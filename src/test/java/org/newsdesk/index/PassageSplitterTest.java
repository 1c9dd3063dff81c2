package org.newsdesk.index;

import org.junit.jupiter.api.Test;
import org.newsdesk.corpus.Article;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PassageSplitterTest {
    @Test
    void sentencesSurviveAbbreviationsAndInitials() {
        String text = "U.S. Secretary of State John Kerry met Mr. Lavrov on Jan. 5 in Moscow. Robert S. Mueller "
                + "was not there. \"It was frank,\" he said. Prices rose 3.5 percent!\n\nA new paragraph starts here";
        List<String> sentences = SentenceSplitter.split(text).stream()
                .map(s -> text.substring(s.start(), s.end())).toList();
        assertThat(sentences).containsExactly(
                "U.S. Secretary of State John Kerry met Mr. Lavrov on Jan. 5 in Moscow.",
                "Robert S. Mueller was not there.",
                "\"It was frank,\" he said.",
                "Prices rose 3.5 percent!",
                "A new paragraph starts here");
    }

    @Test
    void passagesRespectWordBoundsOffsetsAndOverlap() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            body.append("Sentence number ").append(i).append(" has exactly seven words here. ");
        }
        Article a = new Article("a1", "Title", "src", null, null, null, body.toString().strip(), "h");
        List<Passage> passages = new PassageSplitter(50, 80, 1).split(a);
        assertThat(passages).hasSizeGreaterThan(10);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            assertThat(p.ordinal()).isEqualTo(i);
            assertThat(p.id()).isEqualTo("a1#" + i);
            assertThat(a.body().substring(p.start(), p.end())).isEqualTo(p.text());
            int words = p.text().split("\\s+").length;
            assertThat(words).isLessThanOrEqualTo(80);
            if (i < passages.size() - 1) {
                assertThat(words).isGreaterThanOrEqualTo(50);
                // one sentence of overlap: the next passage starts before this one ends
                assertThat(passages.get(i + 1).start()).isLessThan(p.end());
            }
        }
        assertThat(passages.get(passages.size() - 1).end()).isEqualTo(a.body().length());
    }

    @Test
    void aSentenceLongerThanTheMaximumIsCutOnWords() {
        String longSentence = "word ".repeat(700).strip() + ".";
        Article a = new Article("a2", "T", null, null, null, null, longSentence, "h");
        List<Passage> passages = new PassageSplitter(200, 300, 1).split(a);
        assertThat(passages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(passages).allSatisfy(p -> assertThat(p.text().split("\\s+").length).isLessThanOrEqualTo(300));
    }

    @Test
    void passagesAreBoundedByCharactersEvenWithoutSpaces() {
        // One JSONL body gave a 300,103-character passage: a "sentence" of long tokens and none of spaces.
        String body = "Intro sentence here. " + "x".repeat(300_000) + " tail " + "abcdefghij ".repeat(30_000)
                + "\uD83D\uDE00".repeat(5_000);
        Article a = new Article("big", "T", null, null, null, null, body, "h");
        List<Passage> passages = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> new PassageSplitter(200, 300, 1, 3000).split(a));
        assertThat(passages).allSatisfy(p -> {
            assertThat(p.text().length()).isLessThanOrEqualTo(3000);
            assertThat(p.text().split("\\s+").length).isLessThanOrEqualTo(300);
            assertThat(a.body().substring(p.start(), p.end())).isEqualTo(p.text());
            assertThat(Character.isLowSurrogate(p.text().charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.text().charAt(p.text().length() - 1))).isFalse();
        });
        // nothing is lost: every non-space character is in some passage
        int covered = 0;
        int end = 0;
        for (Passage p : passages) {
            covered += a.body().substring(Math.max(end, p.start()), Math.max(end, p.end())).replaceAll("\\s", "").length();
            end = Math.max(end, p.end());
        }
        assertThat(covered).isEqualTo(body.replaceAll("\\s", "").length());
    }

    @Test
    void aMegabyteBodySplitsInLinearTime() {
        for (String unit : new String[] {"a. ", "Mr. ", "a.a.", ".\"", "\n\n", "word ", "x"}) {
            String body = "Start. " + unit.repeat((1 << 20) / unit.length());
            Article a = new Article("m", "T", null, null, null, null, body, "h");
            List<Passage> passages = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(5), () -> new PassageSplitter(200, 300, 1, 3000).split(a), unit);
            assertThat(passages).as(unit).isNotEmpty().allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(3000));
        }
    }
}
