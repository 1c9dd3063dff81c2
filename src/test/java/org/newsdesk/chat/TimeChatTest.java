package org.newsdesk.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.DatedCorpus;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversation core's reply says which period it searched, also for a follow-up that was rewritten. */
class TimeChatTest {
    private static final long USER = 2002;

    @TempDir
    Path tmp;
    private Database db;
    private ChatService chat;
    private final ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();

    @BeforeEach
    void setUp() {
        App app = DatedCorpus.app();
        db = Database.open(tmp.resolve("chat.db"));
        chat = new ChatService(app.answers(), app.index(), app.reindex(),
                new NewsdeskConfig.Chat(List.of(), 4000, 30, 30, List.of(), List.of()), db, DatedCorpus.CLOCK);
    }

    @AfterEach
    void tearDown() {
        chat.close();
        db.close();
    }

    @Test
    void theReplyNamesThePeriodSearched() {
        chat.handle(new IncomingMessage(USER, USER, ChatType.PRIVATE,
                "What happened at the Westfield solar farm in March 2024?", 1, false), out);
        OutgoingMessage reply = out.sent.get(out.sent.size() - 1);
        assertThat(reply.text()).startsWith("Articles from March 2024:\n");
        assertThat(reply.answer().time().period().label()).isEqualTo("March 2024");
        assertThat(reply.answer().question()).isEqualTo("What happened at the Westfield solar farm in March 2024?");

        chat.handle(new IncomingMessage(USER, USER, ChatType.PRIVATE, "What is the latest on the port strike?", 2, false), out);
        OutgoingMessage latest = out.sent.get(out.sent.size() - 1);
        assertThat(latest.text()).startsWith("Newest articles first:\n");
        assertThat(latest.answer().citations().get(0).articleId()).isEqualTo("port-3");
    }
}
