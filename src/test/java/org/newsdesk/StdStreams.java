package org.newsdesk;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures {@code System.out} and {@code System.err} for each test of a CLI run in-process, and puts the real
 * streams (and {@code System.in}, which a test may replace) back afterwards. Register with
 * {@code @RegisterExtension final StdStreams std = new StdStreams();}.
 */
public final class StdStreams implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @Override
    public void beforeEach(ExtensionContext context) {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }

    /** What was printed to standard output so far. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What was printed to standard error since the test started or {@link #resetErr()}. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    public void resetErr() {
        err.reset();
    }
}
