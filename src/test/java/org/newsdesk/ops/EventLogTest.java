package org.newsdesk.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bot's per-question and per-sync lines are on at the default level, and NEWSDESK_LOG_LEVEL overrides that. */
class EventLogTest {
    @Test
    void theBotTurnsTheEventLinesOnUnlessALevelWasChosen() {
        Logger events = (Logger) LoggerFactory.getLogger(EventLog.LOGGER);
        Level before = events.getLevel();
        try {
            events.setLevel(null);
            assertThat(LoggerFactory.getLogger("org.newsdesk.events.question").isInfoEnabled())
                    .as("off at the default WARN").isFalse();
            assertThat(EventLog.enableForBot(Map.of("NEWSDESK_LOG_LEVEL", "ERROR"))).isFalse();
            assertThat(LoggerFactory.getLogger("org.newsdesk.events.question").isInfoEnabled()).isFalse();
            assertThat(EventLog.enableForBot(Map.of())).isTrue();
            assertThat(LoggerFactory.getLogger("org.newsdesk.events.question").isInfoEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("org.newsdesk.events.sync").isInfoEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("org.newsdesk.chat.ChatService").isInfoEnabled())
                    .as("nothing else gets louder").isFalse();
        } finally {
            events.setLevel(before);
        }
    }
}
