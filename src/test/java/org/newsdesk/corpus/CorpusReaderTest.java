package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
    @TempDir
    Path dir;

    private void write(String relativePath, String text) throws IOException {
        write(relativePath, text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String relativePath, byte[] bytes) throws IOException {
        Path file = dir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    void missingRootIsRefusedNamingThePath() {
        Path missing = dir.resolve("no-such-corpus");
        assertThatThrownBy(() -> new CorpusReader(missing))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void fileAsRootIsRefusedNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("corpus.txt"), "x");
        assertThatThrownBy(() -> new CorpusReader(file))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining("not a directory")
                .hasMessageContaining(file.toString());
    }

    @Test
    void rootIsAbsoluteAndNormalised() throws CorpusException {
        assertThat(new CorpusReader(dir.resolve("sub/..")).root()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void listsRegularFilesRecursivelySortedWithHashAndSizeSkippingHiddenOnes() throws Exception {
        write("b.txt", "B");
        write("a/z.md", "Z");
        write("a/b/c.html", "C");
        write(".hidden.txt", "hidden");
        write(".git/config.txt", "hidden dir");
        write("a/.cache/x.txt", "hidden dir below");

        CorpusReader reader = new CorpusReader(dir);
        List<SourceFile> files = reader.listFiles();

        assertThat(files).extracting(SourceFile::relativePath).containsExactly("a/b/c.html", "a/z.md", "b.txt");
        assertThat(files.get(2).path()).isEqualTo(dir.resolve("b.txt"));
        assertThat(files.get(2).size()).isEqualTo(1);
        String sha256OfB = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {'B'}));
        assertThat(files.get(2).contentHash()).isEqualTo(sha256OfB);
        assertThat(reader.unreadable()).isEmpty();
    }

    @Test
    void brokenAndLoopingSymbolicLinksAreReportedAsUnreadable() throws Exception {
        write("good.txt", "Title\n\nText.");
        Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("gone.txt"));
        Files.createDirectories(dir.resolve("loop"));
        Files.createSymbolicLink(dir.resolve("loop/back"), dir);
        Files.createSymbolicLink(dir.resolve("ping.txt"), dir.resolve("pong.txt"));
        Files.createSymbolicLink(dir.resolve("pong.txt"), dir.resolve("ping.txt"));

        CorpusReader reader = new CorpusReader(dir);
        assertThat(reader.listFiles()).extracting(SourceFile::relativePath).containsExactly("good.txt");
        assertThat(reader.unreadable()).containsExactly(
                new SkippedFile("dangling.txt", "broken symbolic link"),
                new SkippedFile("loop/back", "symbolic link to a directory (not followed)"),
                new SkippedFile("ping.txt", "symbolic link loop"),
                new SkippedFile("pong.txt", "symbolic link loop"));
    }

    @Test
    void linksOutOfTheCorpusAreSkippedAndNeverRead(@TempDir Path outside) throws Exception {
        Path secret = outside.resolve("secret.txt");
        Files.writeString(secret, "Secret title\n\nTOKEN=hunter2 is the password.");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/inner.txt"), "Inner\n\nAlso secret.");
        write("good.txt", "Title\n\nText.");
        write("sub/real.txt", "Real title\n\nReal text.");
        Files.createSymbolicLink(dir.resolve("env.txt"), secret);
        Files.createSymbolicLink(dir.resolve("relative.txt"), dir.relativize(secret));
        Files.createSymbolicLink(dir.resolve("outdir"), outside.resolve("dir"));
        Files.createSymbolicLink(dir.resolve("alias.txt"), dir.resolve("sub/real.txt"));
        write(".env", "Env\n\nTOKEN=hunter2");
        Files.createSymbolicLink(dir.resolve("dotenv.txt"), dir.resolve(".env"));

        CorpusReader reader = new CorpusReader(dir);
        CorpusScan scan = reader.scanAll();
        assertThat(scan.files()).extracting(f -> f.file().relativePath())
                .containsExactly("alias.txt", "good.txt", "sub/real.txt");
        assertThat(scan.files().get(0).file().path()).isEqualTo(dir.resolve("sub/real.txt").toRealPath());
        assertThat(scan.skipped()).containsExactly(
                new SkippedFile("dotenv.txt", "symbolic link to a hidden file or directory"),
                new SkippedFile("env.txt", "symbolic link points outside the corpus directory"),
                new SkippedFile("outdir", "symbolic link points outside the corpus directory"),
                new SkippedFile("relative.txt", "symbolic link points outside the corpus directory"));
        assertThat(scan.files()).flatExtracting(ParsedFile::articles).extracting(Article::body)
                .noneMatch(b -> b.contains("secret") || b.contains("hunter2"));
    }

    @Test
    void linksInAnExtraFolderAreJudgedAgainstThatFolder(@TempDir Path other) throws Exception {
        write("a.txt", "Title\n\nText.");
        Path extra = Files.createDirectories(other.resolve("fetched"));
        Files.writeString(extra.resolve("b.txt"), "B\n\nFetched text.");
        Files.writeString(other.resolve("secret.txt"), "Secret\n\nhunter2");
        Files.createSymbolicLink(extra.resolve("out.txt"), other.resolve("secret.txt"));
        Files.createSymbolicLink(extra.resolve("same.txt"), extra.resolve("b.txt"));
        CorpusReader reader = new CorpusReader(dir, java.util.Map.of(".fetched", extra));
        CorpusScan scan = reader.scanAll();
        assertThat(scan.files()).extracting(f -> f.file().relativePath())
                .containsExactly(".fetched/b.txt", ".fetched/same.txt", "a.txt");
        assertThat(scan.skipped()).containsExactly(
                new SkippedFile(".fetched/out.txt", "symbolic link points outside the corpus directory"));
    }

    @Test
    void aCorpusRootThatIsItselfALinkIsReadThroughIt(@TempDir Path elsewhere) throws Exception {
        Path real = elsewhere.resolve("archive");
        Files.createDirectories(real);
        Files.writeString(real.resolve("a.txt"), "Title\n\nText.");
        Path link = elsewhere.resolve("corpus-link");
        Files.createSymbolicLink(link, real);
        CorpusReader reader = new CorpusReader(link);
        assertThat(reader.listFiles()).extracting(SourceFile::relativePath).containsExactly("a.txt");
        assertThat(reader.unreadable()).isEmpty();
    }

    @Test
    void aFileSwappedForALinkOutAfterListingIsNotRead(@TempDir Path outside) throws Exception {
        write("a.txt", "Title\n\nText.");
        Files.writeString(outside.resolve("secret.txt"), "Secret\n\nhunter2");
        CorpusReader reader = new CorpusReader(dir);
        SourceFile listed = reader.listFiles().get(0);
        Files.delete(dir.resolve("a.txt"));
        Files.createSymbolicLink(dir.resolve("a.txt"), outside.resolve("secret.txt"));
        assertThatThrownBy(() -> reader.parse(listed)).isInstanceOf(CorpusException.class)
                .hasMessage("resolves outside the corpus directory");
    }

    @Test
    void scanAllKeepsGoodArticlesAndGivesAReasonForEachBadFile() throws Exception {
        write("good/000_a.txt", "Good title\n\nAugust 08, 2013\n\nGood text.");
        Files.copy(HtmlArticleParserTest.FIXTURE, dir.resolve("good/page.html"));
        write("bad/empty.txt", "");
        write("bad/blank.md", " \n\t\n  ");
        write("bad/latin1.txt", new byte[] {'T', 'i', 't', 'l', 'e', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        write("bad/paper.pdf", "%PDF-1.4");
        write("bad/README", "no extension");
        write("bad/only-boilerplate.txt", "Loading ....\n\nLeave a comment");
        write("bad/all-bad.jsonl", "not json\n{\"id\": \"q\"}\n");
        write("mixed.jsonl", """
                {"id": "j1", "title": "First", "body": "One."}
                {"id": "j2", "title": "Second"
                {"id": "j3", "title": "Third", "body": "Three."}
                """);

        CorpusScan scan = new CorpusReader(dir).scanAll();

        assertThat(scan.articles()).extracting(Article::id)
                .containsExactly("000_a", "page", "j1", "j3");
        assertThat(scan.files()).extracting(f -> f.file().relativePath())
                .containsExactly("good/000_a.txt", "good/page.html", "mixed.jsonl");
        assertThat(scan.skipped()).extracting(SkippedFile::relativePath).containsExactly(
                "bad/README", "bad/all-bad.jsonl", "bad/blank.md", "bad/empty.txt", "bad/latin1.txt",
                "bad/only-boilerplate.txt", "bad/paper.pdf", "mixed.jsonl");
        assertThat(scan.skipped()).extracting(SkippedFile::reason).satisfiesExactly(
                r -> assertThat(r).isEqualTo("unsupported file type (no extension)"),
                r -> assertThat(r).isEqualTo("no valid article line (2 bad; first: line 1: invalid JSON: "
                        + r.substring(r.indexOf("invalid JSON: ") + 14)),
                r -> assertThat(r).isEqualTo("file contains only whitespace"),
                r -> assertThat(r).isEqualTo("empty file"),
                r -> assertThat(r).isEqualTo("not valid UTF-8 (bad byte at offset 9)"),
                r -> assertThat(r).isEqualTo("no text left after removing page boilerplate"),
                r -> assertThat(r).isEqualTo("unsupported file type .pdf"),
                r -> assertThat(r).startsWith("line 2: invalid JSON: "));
        assertThat(scan.files()).filteredOn(f -> f.file().relativePath().equals("mixed.jsonl"))
                .singleElement().satisfies(f -> assertThat(f.problems()).singleElement().asString().startsWith("line 2: "));
    }

    @Test
    void parseRefusesABadFileWithItsReason() throws Exception {
        write("paper.PDF", "%PDF");
        CorpusReader reader = new CorpusReader(dir);
        SourceFile pdf = reader.listFiles().get(0);
        assertThatThrownBy(() -> reader.parse(pdf))
                .isInstanceOf(CorpusException.class)
                .hasMessage("unsupported file type .pdf");
    }

    @Test
    void parseGivesOneArticlePerTextFileNamedAfterTheFile() throws Exception {
        write("000_01b0abbf759fb5cc.TXT", "\uFEFFTitle\n\nBy Jane Roe\n\nText.");
        CorpusReader reader = new CorpusReader(dir);
        ParsedFile parsed = reader.parse(reader.listFiles().get(0));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.articles()).extracting(Article::id, Article::title, Article::author, Article::body)
                .containsExactly(tuple("000_01b0abbf759fb5cc", "Title", "Jane Roe", "Text."));
    }

    @Test
    void aFileDeletedAfterListingIsACorpusException() throws Exception {
        write("gone.txt", "Title\n\nText.");
        CorpusReader reader = new CorpusReader(dir);
        SourceFile file = reader.listFiles().get(0);
        Files.delete(file.path());
        assertThatThrownBy(() -> reader.parse(file))
                .isInstanceOf(CorpusException.class)
                .hasMessageStartingWith("cannot read file: NoSuchFileException");
    }
}
