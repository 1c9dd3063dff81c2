package org.newsdesk.search;

import org.newsdesk.index.IndexException;
import org.newsdesk.search.RetrievalEngine.Ranked;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs KNN searches beside BM25; daemon threads, so an idle pool never holds the JVM open. Bounded: one thread a
 * core (more cannot run KNN faster) and a short queue; when both are full the asking thread runs its KNN itself
 * instead of piling up threads under a burst of questions.
 */
final class DenseSearchPool {
    static final ExecutorService SHARED = of(Runtime.getRuntime().availableProcessors());

    private DenseSearchPool() {
    }

    static ExecutorService of(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * threads), r -> {
                    Thread t = new Thread(r, "knn-search");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Waits for a task whose result is no longer wanted; its own failure is not the one to report. */
    static void settle(Future<Ranked[]> run) {
        if (run == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                run.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // still wait: the view must outlive the task
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The task's result; its failure becomes this thread's. */
    static Ranked[] await(Future<Ranked[]> runs) {
        try {
            return runs.get();
        } catch (InterruptedException e) {
            settle(runs); // the view is closed after this throws
            Thread.currentThread().interrupt();
            throw new IndexException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IndexException("search failed: " + e.getCause(), e.getCause());
        }
    }
}
