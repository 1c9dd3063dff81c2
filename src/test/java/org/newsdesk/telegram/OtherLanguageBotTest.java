package org.newsdesk.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.FakeLlmServer;
import org.newsdesk.answer.LlmProviders;
import org.newsdesk.answer.LlmTestData;
import org.newsdesk.app.App;
import org.newsdesk.chat.ChatService;
import org.newsdesk.store.Database;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A German and a Russian question through the real bot against {@link FakeBotApi}, without an LLM (one line saying
 * the archive answers in English, the articles for the words it recognised, no bold answer) and with a fake
 * OpenAI-compatible LLM that translates (the search uses the translation; the reply is the model's text in the
 * asker's language, with the sources an English question gets).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OtherLanguageBotTest {
    static final long USER = 2002;
    static final String GERMAN = "Warum hat Obama seine Reise nach Moskau abgesagt?";
    static final String GERMAN_IN_ENGLISH = "Why did Obama cancel his trip to Moscow?";
    static final String RUSSIAN = "Где встретились Помпео и Лавров?";
    static final String RUSSIAN_IN_ENGLISH = "Where did Pompeo and Lavrov meet?";
    private static final Pattern MARKER = Pattern.compile("\\[\\d{1,3}]");

    @TempDir
    Path tmp;
    FakeBotApi api;
    FakeLlmServer llm;
    final List<AutoCloseable> toClose = new ArrayList<>();

    private void start(AnswerComposer composer) throws Exception {
        api = new FakeBotApi(TelegramBotTest.TOKEN);
        Database db = Database.open(tmp.resolve("l.db"));
        toClose.add(db);
        App seed = TestFixtures.seedApp();
        ChatService chat = new ChatService(new AnswerService(seed.searcher(), composer), seed.index(), seed.reindex(),
                TelegramBotTest.chatSettings(), db, Clock.systemUTC());
        toClose.add(chat);
        TelegramBot bot = new TelegramBot(chat, db, new org.newsdesk.config.NewsdeskConfig.Telegram(
                TelegramBotTest.TOKEN, api.url(), null), TelegramBotTest.FAST);
        toClose.add(bot);
        bot.start();
    }

    @AfterEach
    void stop() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (api != null) {
            api.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    private FakeBotApi.Call say(String text) throws InterruptedException {
        int id = api.text(USER, USER, text);
        return api.awaitOne("sendMessage", c -> c.chatId() == USER && c.map("reply_parameters") != null
                && Integer.valueOf(id).equals(c.map("reply_parameters").get("message_id")));
    }

    /** The reply's text before its sources: the answer itself. */
    private static String body(String html) {
        int at = html.indexOf("<b>Sources</b>");
        return at < 0 ? html : html.substring(0, at);
    }

    private static String sources(String html) {
        int at = html.indexOf("<b>Sources</b>");
        return at < 0 ? "" : html.substring(at);
    }

    @Test
    void withoutAnLlmTheReplySaysTheArchiveAnswersInEnglishAndListsWhatItFoundForKnownWords() throws Exception {
        start(TestFixtures.seedApp().answers().composer());

        FakeBotApi.Call german = say(GERMAN);
        String body = body(german.text());
        assertThat(body.strip()).as(german.text())
                .startsWith("The archive answers in English")
                .contains("German").contains("(Obama)")
                .doesNotContain("\n")                 // one line
                .doesNotContain("<b>");               // no confident (bold) answer
        assertThat(MARKER.matcher(body).find()).as("no cited claim").isFalse();
        assertThat(sources(german.text())).as("the articles found for the recognised word").contains("[1]");
        TelegramBotTest.assertWellFormed(german.text());

        FakeBotApi.Call russian = say(RUSSIAN);
        assertThat(russian.text()).startsWith("The archive answers in English").contains("Russian")
                .contains("none of its words").doesNotContain("<b>").doesNotContain("\n");

        // An inline query in German gets the same reply as its one result
        api.inline(USER, GERMAN);
        FakeBotApi.Call inline = api.awaitOne("answerInlineQuery", c -> true);
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> results = (List<java.util.Map<String, Object>>) inline.params().get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("title")).isEqualTo("The archive answers in English");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> content = (java.util.Map<String, Object>) results.get(0).get("input_message_content");
        assertThat((String) content.get("message_text")).startsWith("The archive answers in English")
                .contains("(Obama)").contains("<b>Sources</b>");

        // An English question is answered as before
        FakeBotApi.Call english = say(GERMAN_IN_ENGLISH);
        assertThat(english.text()).contains("Snowden").doesNotContain("archive answers in English");
    }

    @Test
    void withAnLlmTheQuestionIsTranslatedForTheSearchAndAnsweredInTheAskersLanguage() throws Exception {
        llm = new FakeLlmServer();
        List<String> searched = new java.util.concurrent.CopyOnWriteArrayList<>();
        llm.respondWith(r -> {
            String prompt = r.prompt();
            if (prompt.contains("In English:")) { // the question's translation
                return FakeLlmServer.Reply.text(prompt.contains(GERMAN) ? GERMAN_IN_ENGLISH
                        : prompt.contains(RUSSIAN) ? RUSSIAN_IN_ENGLISH : "unexpected");
            }
            if (prompt.contains("The answer in the language of the question:")) { // the answer's translation
                String english = prompt.substring(prompt.indexOf("The answer in English:"));
                StringBuilder markers = new StringBuilder();
                Matcher m = MARKER.matcher(english);
                while (m.find()) {
                    markers.append(m.group());
                }
                return FakeLlmServer.Reply.text(prompt.contains(RUSSIAN)
                        ? "Они встретились в Сочи " + markers + "." : "Obama sagte die Reise ab " + markers + ".");
            }
            int q = prompt.indexOf("Question: ");
            searched.add(prompt.substring(q + "Question: ".length(), prompt.indexOf('\n', q)));
            return FakeLlmServer.Reply.text(LlmTestData.passageWords(prompt, 1, 8) + " [1].");
        });
        start(LlmProviders.create("openai", LlmTestData.settings(llm.openAiUrl(), 10, false, "fallback", 5),
                TestFixtures.seedApp().answers().composer(), Clock.systemUTC()));

        FakeBotApi.Call german = say(GERMAN);
        assertThat(searched).as("the grounded prompt asks the translated question").containsExactly(GERMAN_IN_ENGLISH);
        assertThat(body(german.text())).as(german.text()).contains("Obama sagte die Reise ab [1]")
                .doesNotContain("archive answers in English");
        FakeBotApi.Call asEnglish = say(GERMAN_IN_ENGLISH);
        assertThat(sources(german.text())).as("the same sources as the English question")
                .isNotEmpty().isEqualTo(sources(asEnglish.text()));
        TelegramBotTest.assertWellFormed(german.text());

        FakeBotApi.Call russian = say(RUSSIAN);
        assertThat(searched).last().isEqualTo(RUSSIAN_IN_ENGLISH);
        assertThat(body(russian.text())).contains("Они встретились в Сочи [1]");
        FakeBotApi.Call russianAsEnglish = say(RUSSIAN_IN_ENGLISH);
        assertThat(sources(russian.text())).contains("[1]").isEqualTo(sources(russianAsEnglish.text()));
    }
}
