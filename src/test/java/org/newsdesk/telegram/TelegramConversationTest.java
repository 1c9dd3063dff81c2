package org.newsdesk.telegram;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.store.Database;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations through the real bot against {@link FakeBotApi}: small talk, pronoun follow-ups, fresh topics. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TelegramConversationTest {
    static final long USER = 2002;
    static final long GROUP = -500;

    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;

    @BeforeEach
    void start() throws Exception {
        Database db = harness.db("c.db");
        harness.startBot(harness.chat(db), db, BotHarness.FAST);
    }

    /** Sends a message and waits for the reply quoting it (each message after the previous reply, as a person). */
    private FakeBotApi.Call say(long chatId, String text) throws InterruptedException {
        int id = api.text(chatId, USER, text);
        return api.awaitOne("sendMessage", c -> c.chatId() == chatId && c.map("reply_parameters") != null
                && Integer.valueOf(id).equals(c.map("reply_parameters").get("message_id")));
    }

    @Test
    void smallTalkGetsNoSearchAndAPronounFollowUpSaysWhatItIsAbout() throws Exception {
        FakeBotApi.Call first = say(USER, "Why did Obama cancel his trip to Moscow?");
        assertThat(first.text()).contains("Snowden").contains("<b>Sources</b>").doesNotContain("about:");

        FakeBotApi.Call thanks = say(USER, "thanks");
        assertThat(thanks.text()).contains("welcome").doesNotContain("Sources").doesNotContain("[1]");
        assertThat(thanks.map("reply_markup")).as("no source or feedback buttons").isNull();
        FakeBotApi.Call thumb = say(USER, "👍");
        assertThat(thumb.text()).doesNotContain("Sources");

        FakeBotApi.Call followUp = say(USER, "what did the Kremlin say about that?");
        assertThat(followUp.text()).startsWith("<i>about: Obama").contains("<b>Sources</b>")
                .contains("Little Progress Expected at U.S.-Russia Talks");
        TelegramBotTest.assertWellFormed(followUp.text());

        // A new topic in keywords stands on its own: no "about:" line
        FakeBotApi.Call keywords = say(USER, "Pompeo Lavrov Sochi");
        assertThat(keywords.text()).contains("<b>Sources</b>").doesNotContain("about:");
    }

    @Test
    void inAGroupEachUsersFollowUpReachesBackToTheirOwnQuestion() throws Exception {
        say(GROUP, "/ask Why did Obama cancel his trip to Moscow?");
        FakeBotApi.Call followUp = say(GROUP, "/ask and what did Putin say about it?");
        assertThat(followUp.text()).startsWith("<i>about: Obama").contains("<b>Sources</b>");
        FakeBotApi.Call ok = say(GROUP, "/ask ok");
        assertThat(ok.text()).doesNotContain("Sources");
    }
}
