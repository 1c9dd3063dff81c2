package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.index.ReindexResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index the corpus: only new and changed files are embedded; deleted ones are dropped.")
final class IndexCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--full", description = "Rebuild everything from scratch.")
    boolean full;

    @Option(names = "--allow-shrink", description = "Switch to the new index even if it drops more than "
            + "index.max-shrink of the articles (or holds no passage at all).")
    boolean allowShrink;

    @Override
    public Integer call() {
        try (App app = main.app()) {
            ReindexResult result = index(app, full, allowShrink, System.err);
            System.out.println(TerminalText.safe(result.summary()));
            return 0;
        }
    }

    /** Indexes with progress shown on {@code progressOut}. */
    static ReindexResult index(App app, boolean full, PrintStream progressOut) {
        return index(app, full, false, progressOut);
    }

    static ReindexResult index(App app, boolean full, boolean allowShrink, PrintStream progressOut) {
        try (ProgressReporter progress = new ProgressReporter(progressOut)) {
            return app.reindex().run(full, allowShrink, progress);
        }
    }
}
