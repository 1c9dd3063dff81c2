package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;
import org.newsdesk.DatedCorpus;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.search.WireCopy;

import static org.assertj.core.api.Assertions.assertThat;

/** The period line and the "also carried by" line in Telegram's HTML. */
class TelegramTimeRenderingTest {
    @Test
    void thePeriodSearchedComesFirst() {
        Answer a = DatedCorpus.app().answers().ask("What happened at the Westfield solar farm in March 2024?");
        assertThat(TelegramHtml.answer(a)).startsWith("<i>Articles from March 2024:</i>\n" + body(a));
        Answer none = DatedCorpus.app().answers().ask("Where did the volcano erupt?");
        assertThat(TelegramHtml.answer(none)).startsWith(body(none));
    }

    /** The answer text as Telegram shows it: escaped, a short answer it starts with in bold. */
    private static String body(Answer a) {
        return a.shortAnswer() == null ? TelegramHtml.escape(a.text()) : "<b>" + TelegramHtml.escape(a.shortAnswer())
                + "</b>" + TelegramHtml.escape(a.text().substring(a.shortAnswer().length()));
    }

    @Test
    void otherOutletsAreLinkedUnderTheCitation() {
        Answer a = DatedCorpus.app().answers().ask("Which spa closed when the volcano near Grindavik erupted?");
        Citation c = a.citations().stream().filter(x -> !x.alsoIn().isEmpty()).findFirst().orElseThrow();
        StringBuilder expected = new StringBuilder("[" + c.n() + "] " + TelegramHtml.sourceLine(c) + "\n    also carried by: ");
        for (int i = 0; i < c.alsoIn().size(); i++) {
            WireCopy w = c.alsoIn().get(i);
            expected.append(i == 0 ? "" : ", ").append("<a href=\"").append(w.url()).append("\">")
                    .append(w.source()).append("</a>");
        }
        assertThat(TelegramHtml.answer(a)).contains(expected);
        // every part Telegram gets is still well-formed
        assertThat(TelegramHtml.split(TelegramHtml.answer(a))).hasSize(1);
    }

    @Test
    void outletNamesAreEscaped() {
        Citation c = new Citation(1, "a", "T", "S", "https://example.org/a", null, "a#0", "p",
                java.util.List.of(new WireCopy("b", "Smith & <Sons>", "T2", "javascript:alert(1)", null)));
        assertThat(TelegramHtml.alsoCarriedBy(c)).isEqualTo("also carried by: Smith &amp; &lt;Sons&gt;");
    }
}
