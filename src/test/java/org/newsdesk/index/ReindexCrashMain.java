package org.newsdesk.index;

import org.newsdesk.TestFixtures;
import org.newsdesk.bench.HashingEmbeddingModel;
import org.newsdesk.app.App;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs one incremental reindex in its own JVM and, when the reindex reports {@code args[2]} as its phase, says so on
 * stdout and waits to be killed (ReindexCrashTest kills it with SIGKILL at exactly that point). The embedding model
 * is a hashing stand-in under the real model's name, so the child starts in a second and writes an index the parent
 * (with the real model) continues incrementally.
 */
public final class ReindexCrashMain {
    private ReindexCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path corpus = Path.of(args[1]);
        String phase = args[2];
        Embedder embedder = Embedder.of(Embedder.BGE_SMALL, new HashingEmbeddingModel(384, 16));
        try (App app = new App(TestFixtures.config(data, corpus), Clock.systemUTC(), embedder)) {
            app.reindex().run(false, p -> {
                if (p.phase().equals(phase) && (!"embedding".equals(phase) || p.passagesDone() > 0)) {
                    System.out.println("AT " + phase);
                    System.out.flush();
                    try {
                        Thread.sleep(120_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(3); // never reached when the parent kills us
                }
            });
        }
        System.out.println("FINISHED");
    }
}
