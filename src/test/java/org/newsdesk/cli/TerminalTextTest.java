package org.newsdesk.cli;

import org.junit.jupiter.api.Test;
import org.newsdesk.chat.OutgoingMessage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Issue 16, item 13: escape sequences from corpus text never reach the operator's terminal. */
class TerminalTextTest {
    @Test
    void escapeSequencesAndControlsAreRemoved() {
        assertThat(TerminalText.safe("a\u001B[31mred\u001B[0m b")).isEqualTo("ared b");
        assertThat(TerminalText.safe("x\u001B]0;pwned title\u0007y")).isEqualTo("xy");
        assertThat(TerminalText.safe("x\u001B]8;;http://evil\u001B\\link\u001B]8;;\u001B\\y")).isEqualTo("xlinky");
        assertThat(TerminalText.safe("x\u009B2Jy\u0085z")).isEqualTo("xyz");
        assertThat(TerminalText.safe("clear\u001Bc screen\r\u0008\u007F")).isEqualTo("clear screen");
        assertThat(TerminalText.safe("Lines\n\tstay, Ünïcödé — “quotes” too")).isEqualTo("Lines\n\tstay, Ünïcödé — “quotes” too");
        assertThat(TerminalText.safe("cut at the end \u001B[")).isEqualTo("cut at the end ");
        String bomb = "\u001B[".repeat(1 << 19) + "\u001B]".repeat(1 << 18);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> TerminalText.safe(bomb))).isEmpty();
    }

    @Test
    void theConsolePrintsStreamedAnswersWithoutEscapes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChatCommand.ConsoleOutbox outbox = new ChatCommand.ConsoleOutbox(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        long h = outbox.send(OutgoingMessage.text("Moscow \u001B", 0));
        outbox.edit(h, OutgoingMessage.text("Moscow \u001B[2J\u001B]0;x\u0007talks [1]", 0));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).isEqualTo("Moscow talks [1]").doesNotContain("\u001B");
    }
}
