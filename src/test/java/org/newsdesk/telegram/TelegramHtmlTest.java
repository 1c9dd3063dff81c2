package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelegramHtmlTest {
    static final Citation C1 = new Citation(1, "a", "Talks & <Tensions>", "Wire", "https://x.org/a?b=1&c=2",
            LocalDate.of(2019, 5, 14), "a#0", "Passage <one> & more.");

    @Test
    void escapesMarkupCharacters() {
        assertThat(TelegramHtml.escape("<b>&\"x\"</b>")).isEqualTo("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;");
        assertThat(TelegramHtml.escape(null)).isEmpty();
    }

    @Test
    void answerHasNumberedLinkedSources() {
        Answer a = new Answer("q", "They met in Sochi [1].", false, List.of(C1), List.of(), "x", 1.0);
        assertThat(TelegramHtml.answer(a)).isEqualTo("They met in Sochi [1].\n\n<b>Sources</b>\n[1] "
                + "<a href=\"https://x.org/a?b=1&amp;c=2\">Talks &amp; &lt;Tensions&gt;</a> — Wire, 2019-05-14");
        Citation noUrl = new Citation(2, "b", "Plain", null, null, null, "b#0", "p");
        assertThat(TelegramHtml.sourceLine(noUrl)).isEqualTo("Plain");
        Citation js = new Citation(3, "c", "Evil", null, "javascript:alert(1)", null, "c#0", "p");
        assertThat(TelegramHtml.sourceLine(js)).doesNotContain("href");
    }

    @Test
    void aShortAnswerIsBoldAndEscaped() {
        Answer a = new Answer("q", "£99 <Pro> — It costs £99 <Pro> [1].", false, List.of(C1), List.of(), "extractive", 1.0,
                null, null, "£99 <Pro>", "money");
        assertThat(TelegramHtml.answer(a)).startsWith("<b>£99 &lt;Pro&gt;</b> — It costs £99 &lt;Pro&gt; [1].\n\n");
        // Without a short answer, or one the text does not start with: nothing is bold.
        Answer plain = new Answer("q", "It costs £99 [1].", false, List.of(C1), List.of(), "extractive", 1.0, null,
                null, "£98", "money");
        assertThat(TelegramHtml.answer(plain)).startsWith("It costs £99 [1].\n\n");
    }

    @Test
    void sourceShowsPassageEscaped() {
        assertThat(TelegramHtml.source(C1)).startsWith("<b>[1] Talks &amp; &lt;Tensions&gt;</b>\nWire, 2019-05-14\n<a ")
                .endsWith("\n\nPassage &lt;one&gt; &amp; more.");
    }

    @Test
    void shortTextIsOnePart() {
        assertThat(TelegramHtml.split("hello <b>world</b>")).containsExactly("hello <b>world</b>");
        assertThat(TelegramHtml.split("")).isEmpty();
    }

    @Test
    void splitsOnParagraphsFirst() {
        String p1 = "a".repeat(60) + ".";
        String p2 = "b".repeat(60) + ".";
        assertThat(TelegramHtml.split(p1 + "\n\n" + p2, 100)).containsExactly(p1, p2);
    }

    @Test
    void thenOnSentences() {
        String text = "First sentence is here. Second sentence is here. Third sentence is here. Fourth one.";
        List<String> parts = TelegramHtml.split(text, 64);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(64));
        assertThat(parts.get(0)).isEqualTo("First sentence is here. Second sentence is here.");
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void neverCutsInsideATagOrEntity() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("x&amp;<a href=\"https://e.org/").append(i).append("\">link ").append(i).append("</a>&lt;");
        }
        for (int max : new int[]{64, 100, 333, 1000}) {
            List<String> parts = TelegramHtml.split(sb.toString(), max);
            for (String p : parts) {
                assertThat(p.length()).isLessThanOrEqualTo(max);
                TelegramBotTest.assertWellFormed(p);
            }
            // nothing lost but the whitespace at the cuts
            assertThat(String.join("", parts).replaceAll("<[^>]+>", "").replaceAll("\\s", ""))
                    .isEqualTo(sb.toString().replaceAll("<[^>]+>", "").replaceAll("\\s", ""));
        }
    }

    @Test
    void longElementIsClosedAndReopened() {
        String html = "<b>" + "word ".repeat(100).strip() + "</b> tail";
        List<String> parts = TelegramHtml.split(html, 100);
        assertThat(parts).hasSizeGreaterThan(5).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(100);
            TelegramBotTest.assertWellFormed(p);
        });
        assertThat(parts.get(0)).startsWith("<b>word").endsWith("</b>");
        assertThat(parts.get(1)).startsWith("<b>word");
        assertThat(parts.get(parts.size() - 1)).endsWith("</b> tail");
    }

    @Test
    void keepsSurrogatePairsWhole() {
        String text = "👍".repeat(100);
        List<String> parts = TelegramHtml.split(text, 64);
        assertThat(parts).allSatisfy(p -> {
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        });
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void rejectsAbsurdLimits() {
        assertThatThrownBy(() -> TelegramHtml.split("x", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snippetCutsOnWords() {
        assertThat(TelegramHtml.snippet("one two three four", 10)).isEqualTo("one two…");
        assertThat(TelegramHtml.snippet("  a \n b ", 10)).isEqualTo("a b");
    }
}
