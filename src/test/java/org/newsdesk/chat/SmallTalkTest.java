package org.newsdesk.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What is small talk, what is a question about the bot, and what may be a question about the news. */
class SmallTalkTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "thanks|THANKS", "Thank you so much!|THANKS", "thanks for the help|THANKS", "merci beaucoup|THANKS",
            "hi|HELLO", "Good morning|HELLO", "bye|BYE", "ok|ACKNOWLEDGED", "👍|ACKNOWLEDGED", "lol|ACKNOWLEDGED",
            "help|ABOUT_THE_BOT", "what can you do?|ABOUT_THE_BOT", "Hi bot, can you help me?|ABOUT_THE_BOT",
            "Who are you?|ABOUT_THE_BOT", "how do I use this?|ABOUT_THE_BOT", "What can I ask you?|ABOUT_THE_BOT"})
    void kinds(String message, SmallTalk.Kind kind) {
        assertThat(SmallTalk.kind(message)).contains(kind);
    }

    /** Questions, and messages that may refer to the conversation's subject ("how does it work?"). */
    @ParameterizedTest
    @ValueSource(strings = {"how does it work?", "what is this?", "who won?", "help with taxes in the budget",
            "can you help me find the Cruise recall?", "???", "Who is Sam Altman?", "what do you know about Tesla?"})
    void notSmallTalk(String message) {
        assertThat(SmallTalk.kind(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi", "thanks", "ok"})
    void theHelloReplyShowsTheGivenExample(String message) {
        String reply = SmallTalk.reply(SmallTalk.kind(message).orElseThrow(), "EXAMPLE?");
        assertThat(reply).isNotBlank();
        assertThat(SmallTalk.reply(SmallTalk.Kind.HELLO, "EXAMPLE?")).endsWith("e.g. EXAMPLE?");
    }
}
