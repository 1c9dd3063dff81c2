package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.sources.SyncService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Fetch every due source (sources: in the config), then update the index incrementally.")
final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--all", description = "Fetch every source now, due or not (a source waiting out a failure still waits).")
    boolean all;

    @Override
    public Integer call() {
        try (App app = main.app()) {
            PrintStream err = System.err;
            SyncService.Result result;
            try (ProgressReporter progress = new ProgressReporter(err)) {
                // each source once, on stdout as it ends; then the index line (not the sources again)
                result = app.sync().run(all, r -> System.out.println(r.summary()), progress);
            }
            System.out.println(result.indexSummary());
            // Exit 1 when the index could not be updated or every source that was due failed (all feeds down is
            // something cron or systemd must see); one failing source among working ones is reported, exit 0.
            if (result.everySourceFailed()) {
                System.err.println("newsdesk: every source that was due failed (see above); the index kept what it had");
            }
            return result.reindexError() == null && !result.everySourceFailed() ? 0 : 1;
        }
    }
}
