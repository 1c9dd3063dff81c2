package org.newsdesk.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.DatedCorpus;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.desk.ChatScopes;
import org.newsdesk.desk.Digest;
import org.newsdesk.desk.DigestQuestions;
import org.newsdesk.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Digests through the chat core, on the dated corpus (today is 2 December 2026). */
class DigestChatTest {
    static final long USER = 77;

    @TempDir
    Path tmp;
    private Database db;
    private ChatService chat;
    private final ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();

    @BeforeEach
    void setUp() {
        App app = DatedCorpus.app();
        db = Database.open(tmp.resolve("chat.db"));
        NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(), 4000, 30, 30, List.of(), List.of());
        chat = new ChatService(app.answers(), app.index(), app.reindex(), settings, db, DatedCorpus.CLOCK);
        chat.setDeskCommands(new DeskCommands(new ChatScopes(app.config(), db), new Digest(app.searcher()), settings, db,
                DatedCorpus.CLOCK));
    }

    @AfterEach
    void tearDown() {
        chat.close();
        db.close();
    }

    private String send(String text) {
        chat.handle(new IncomingMessage(USER, USER, ChatType.PRIVATE, text, 1, false), out);
        return out.sent.get(out.sent.size() - 1).text();
    }

    @Test
    void latestListsTheNewestArticlesOneLineEach() {
        // the last 24 hours: 1 and 2 December
        assertThat(send("/latest")).isEqualTo("Latest, 1–2 December 2026 (1 article):\n"
                + "• Council approves new bike lanes — City Herald, 1 Dec https://example.org/bikes-1");
        // a question with a period and no topic is a digest, not a search
        String week = send("What is the latest news this week?");
        assertThat(week).startsWith("Latest, ").contains("Council approves new bike lanes")
                .contains("Dock workers accept a wage deal — Harbour Gazette, 30 Nov").doesNotContain("Sources");
        assertThat(week.indexOf("bike lanes")).isLessThan(week.indexOf("wage deal")); // newest first
        // an explicit period; the wire story is one line naming the other outlets
        String october = send("/latest October 2026");
        assertThat(october).contains("(also ").contains("Why the Reykjanes peninsula keeps erupting");
        assertThat(october.lines().filter(l -> l.contains("Grindavik") || l.contains("Lava flows"))).hasSize(1);
        assertThat(october.length()).isLessThanOrEqualTo(4096);
    }

    @Test
    void latestWithATopicListsWhatMatchesItWell() {
        String port = send("/latest port strike");
        assertThat(port).startsWith("Latest on “port strike”, the whole archive").contains("Dock workers accept a wage deal")
                .doesNotContain("bike lanes").doesNotContain("solar");
        assertThat(port.indexOf("wage deal")).isLessThan(port.indexOf("Port strike talks stall"));
        assertThat(send("What's new on the Westfield solar farm?")).contains("Westfield solar farm to double in size")
                .doesNotContain("port");
        assertThat(send("/latest zebra migration this week")).startsWith("No article about “zebra migration”");
    }

    @Test
    void theDefaultDigestStartsAtTheChatsLastOne() {
        send("/latest");
        // ten days later the next default digest reaches back to the last one, not just 24 hours
        db.update("UPDATE chat_digests SET last_at = ? WHERE chat_id = ?",
                DatedCorpus.CLOCK.instant().minus(Duration.ofDays(3)).toString(), USER);
        assertThat(send("/latest")).startsWith("Latest, 29 November – 2 December 2026 (2 articles)");
    }

    @Test
    void digestQuestionsAreToldFromSearchQuestions() {
        LocalDate today = DatedCorpus.TODAY;
        assertThat(DigestQuestions.parse("what's new today", today)).hasValueSatisfying(r -> {
            assertThat(r.topic()).isNull();
            assertThat(r.period().from()).isEqualTo(today);
        });
        assertThat(DigestQuestions.parse("latest news this week", today)).hasValueSatisfying(r -> assertThat(r.topic()).isNull());
        assertThat(DigestQuestions.parse("What’s new?", today)).hasValueSatisfying(r -> assertThat(r.period()).isNull());
        assertThat(DigestQuestions.parse("What's new on Cruise?", today)).hasValueSatisfying(r ->
                assertThat(r.topic()).isEqualTo("Cruise"));
        assertThat(DigestQuestions.parse("What is the latest news in November 2026?", today)).hasValueSatisfying(r -> {
            assertThat(r.topic()).isNull();
            assertThat(r.period().label()).isEqualTo("November 2026");
        });
        assertThat(DigestQuestions.parse("latest news about the port strike in November 2026", today))
                .hasValueSatisfying(r -> assertThat(r.topic()).isEqualTo("port strike"));
        assertThat(DigestQuestions.parse("What is the latest on the port strike?", today)).isEmpty();
        assertThat(DigestQuestions.parse("What happened?", today)).isEmpty();
        assertThat(DigestQuestions.parse("What did the council approve this week?", today)).isEmpty();
        assertThat(DigestQuestions.parse("." + ".".repeat(20_000) + "x", today)).isEmpty();
    }
}
