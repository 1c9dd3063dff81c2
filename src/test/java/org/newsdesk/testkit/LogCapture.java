package org.newsdesk.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log event of a test, from any thread ({@code @RegisterExtension final LogCapture logs = new LogCapture()}):
 * attached to the root logger before each test, detached after. Unlike logback's ListAppender, reading the events
 * while other threads still log is safe (a plain ArrayList there threw ConcurrentModificationException).
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.setContext(root().getLoggerContext());
        appender.setName("test-log-capture");
        appender.start();
        root().addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(appender);
        appender.stop();
    }

    /** The events so far (a copy). */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Events at {@code level} whose message contains {@code text}. */
    public long count(Level level, String text) {
        return events.stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)).count();
    }

    /** Whether any event's message contains {@code text}. */
    public boolean contains(String text) {
        return events.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }
}
