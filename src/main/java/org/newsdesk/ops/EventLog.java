package org.newsdesk.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The {@code org.newsdesk.events} loggers: one INFO line per question and per sync. Newsdesk's loggers default to
 * WARN (the console and {@code ask} print answers, not logs), so the bot turns these on for itself, unless the
 * operator chose a level with {@code NEWSDESK_LOG_LEVEL}.
 */
public final class EventLog {
    public static final String LOGGER = "org.newsdesk.events";

    private EventLog() {
    }

    /** Turns the event lines on at INFO unless {@code NEWSDESK_LOG_LEVEL} is set; true when it did. */
    public static boolean enableForBot(Map<String, String> env) {
        String level = env.get("NEWSDESK_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            return false;
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(LOGGER).setLevel(Level.INFO);
            return true;
        }
        return false;
    }
}
