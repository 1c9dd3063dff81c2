package org.newsdesk.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.newsdesk.index.ReindexListener;

import java.io.PrintStream;

/** Shows reindex progress: a progress bar on a terminal, a line every 10 % otherwise (logs, pipes, CI). */
final class ProgressReporter implements ReindexListener, AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private int lastDecile = -1;

    ProgressReporter(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void onProgress(Progress p) {
        if (!"embedding".equals(p.phase())) {
            return;
        }
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("Indexing").setInitialMax(p.passagesTotal())
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" passages", 1).continuousUpdate().build();
            }
            bar.stepTo(p.passagesDone());
        } else {
            int decile = p.percent() / 10;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf("Indexing: %d/%d passages (%d%%)%n", p.passagesDone(), p.passagesTotal(), p.percent());
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
