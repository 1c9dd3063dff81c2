package org.newsdesk.bench;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.corpus.CorpusReader;
import org.newsdesk.corpus.ParsedFile;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageSplitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The configured corpus read and cut into passages exactly as the indexer cuts it, for the benchmarks to share. */
public record BenchCorpus(List<Article> articles, List<Passage> passages, double seconds) {
    public static BenchCorpus read(NewsdeskConfig config) throws IOException, CorpusException {
        long t0 = System.nanoTime();
        PassageSplitter splitter = PassageSplitter.of(config.index());
        List<Article> articles = new ArrayList<>();
        List<Passage> passages = new ArrayList<>();
        for (ParsedFile f : new CorpusReader(config.corpusDir()).scanAll().files()) {
            for (Article a : f.articles()) {
                articles.add(a);
                passages.addAll(splitter.split(a));
            }
        }
        return new BenchCorpus(List.copyOf(articles), List.copyOf(passages), (System.nanoTime() - t0) / 1e9);
    }
}
