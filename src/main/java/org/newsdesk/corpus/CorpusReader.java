package org.newsdesk.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a news archive directory: .txt/.md scraped pages and .html/.htm saved pages hold one
 * article each, .jsonl files one article per line. Hidden files and directories are ignored.
 */
public final class CorpusReader {
    private static final Logger log = LoggerFactory.getLogger(CorpusReader.class);
    /** Larger files are refused rather than risking the heap: no article file is anywhere near this. */
    private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private final Path root;
    /** More folders read beside the root, each under a path prefix (fetched articles, folder sources). */
    private final java.util.Map<String, Path> extraRoots;
    /** The root with every symbolic link resolved: what a file of the root must lie under to be read. */
    private final Path realRoot;
    private final ScrapedTextParser scrapedText = new ScrapedTextParser();
    private final HtmlArticleParser html = new HtmlArticleParser();
    private final JsonlArticleParser jsonl = new JsonlArticleParser();
    private List<SkippedFile> unreadable = List.of();

    /** @throws CorpusException naming the path if it is missing, not a directory, or unreadable */
    public CorpusReader(Path root) throws CorpusException {
        this(root, java.util.Map.of());
    }

    /**
     * A reader of {@code root} and of more folders, each listed under its key as a path prefix. A prefix starting
     * with '.' can never clash with a file of the root, whose hidden entries are ignored. A missing extra folder
     * holds nothing yet (no article fetched so far) and is not an error.
     */
    public CorpusReader(Path root, java.util.Map<String, Path> extraRoots) throws CorpusException {
        this.extraRoots = new java.util.TreeMap<>(extraRoots);
        Path dir = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new CorpusException("corpus directory does not exist: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new CorpusException("corpus path is not a directory: " + dir);
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new CorpusException("corpus directory is not readable: " + dir);
        }
        this.root = dir;
        try {
            this.realRoot = dir.toRealPath();
        } catch (IOException e) {
            throw new CorpusException("corpus directory cannot be resolved: " + dir + " (" + describe(e) + ")");
        }
    }

    /** The corpus directory, absolute and normalised. */
    public Path root() {
        return root;
    }

    /**
     * All regular files below the root (and the extra folders), sorted by relative path, each with its sha-256.
     * Symbolic links are not followed out of the folder being read: a link is read only when it resolves to a regular,
     * non-hidden file inside that folder (a link to a directory is not followed; its target, when inside, is read
     * where it is). Everything else, and entries that cannot be read, are left out and reported by
     * {@link #unreadable()}.
     *
     * @throws IOException if the root itself can no longer be read
     */
    public List<SourceFile> listFiles() throws IOException {
        List<SourceFile> files = new ArrayList<>();
        List<SkippedFile> failed = new ArrayList<>();
        walk(realRoot, "", files, failed);
        for (java.util.Map.Entry<String, Path> extra : extraRoots.entrySet()) {
            Path dir = extra.getValue().toAbsolutePath().normalize();
            if (Files.isDirectory(dir)) {
                walk(dir.toRealPath(), extra.getKey() + "/", files, failed);
            }
        }
        files.sort(Comparator.comparing(SourceFile::relativePath));
        failed.sort(Comparator.comparing(SkippedFile::relativePath));
        unreadable = List.copyOf(failed);
        return files;
    }

    /**
     * Walks one resolved folder without FOLLOW_LINKS: every entry visited is a real path inside it, and each link is
     * judged by where it resolves (issue 16: a link to /etc/passwd was indexed and quoted).
     */
    private void walk(Path root, String prefix, List<SourceFile> files, List<SkippedFile> failed) throws IOException {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isHidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                String relative = prefix + relativePath(root, file);
                if (attrs.isSymbolicLink()) {
                    visitLink(root, relative, file, files, failed);
                } else if (!attrs.isRegularFile()) {
                    failed.add(new SkippedFile(relative, "not a regular file"));
                } else {
                    add(relative, file, attrs.size(), files, failed);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    throw e;
                }
                if (!isHidden(file)) {
                    failed.add(new SkippedFile(prefix + relativePath(root, file), "cannot read: " + describe(e)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    failed.add(new SkippedFile(prefix + relativePath(root, dir), "cannot list directory: " + describe(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A symbolic link is read only if it resolves to a regular, non-hidden file inside the folder being read. */
    private static void visitLink(Path root, String relative, Path link, List<SourceFile> files, List<SkippedFile> failed) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            failed.add(new SkippedFile(relative, "broken symbolic link"));
            return;
        } catch (FileSystemException e) {
            // The JDK reports a loop as a FileSystemException whose reason is the OS's ELOOP text.
            String reason = e.getReason() != null && e.getReason().toLowerCase(Locale.ROOT).contains("level")
                    ? "symbolic link loop" : "cannot resolve symbolic link: " + describe(e);
            failed.add(new SkippedFile(relative, reason));
            return;
        } catch (IOException e) {
            failed.add(new SkippedFile(relative, "cannot resolve symbolic link: " + describe(e)));
            return;
        }
        // The target is not named: the summary can reach a chat, and where the link points is nobody's business there.
        if (!target.startsWith(root)) {
            failed.add(new SkippedFile(relative, "symbolic link points outside the corpus directory"));
        } else if (StreamSupport.stream(root.relativize(target).spliterator(), false).anyMatch(CorpusReader::isHidden)) {
            // Hidden files (.env, .git) are never read directly, so not through a link either.
            failed.add(new SkippedFile(relative, "symbolic link to a hidden file or directory"));
        } else if (Files.isDirectory(target)) {
            failed.add(new SkippedFile(relative, "symbolic link to a directory (not followed)"));
        } else if (!Files.isRegularFile(target)) {
            failed.add(new SkippedFile(relative, "not a regular file"));
        } else {
            try {
                add(relative, target, Files.size(target), files, failed);
            } catch (IOException e) {
                failed.add(new SkippedFile(relative, "cannot read file: " + describe(e)));
            }
        }
    }

    private static void add(String relative, Path real, long size, List<SourceFile> files, List<SkippedFile> failed) {
        try {
            files.add(new SourceFile(real, relative, Hashes.sha256Hex(real), size));
        } catch (IOException e) {
            failed.add(new SkippedFile(relative, "cannot read file: " + describe(e)));
        }
    }

    /** The resolved folders a file may be read from: the root and the extra folders that exist. */
    private List<Path> readableRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(realRoot);
        for (Path extra : extraRoots.values()) {
            try {
                roots.add(extra.toAbsolutePath().normalize().toRealPath());
            } catch (IOException e) {
                // not there (yet): nothing can be read from it
            }
        }
        return roots;
    }

    /** Files and directories the last {@link #listFiles()} could not read, with reasons. */
    public List<SkippedFile> unreadable() {
        return unreadable;
    }

    /**
     * The articles of one file.
     *
     * @throws CorpusException with the reason if the file gives no article at all: unsupported
     *                         type, empty, not UTF-8, no title or text, or (JSONL) no valid line
     */
    public ParsedFile parse(SourceFile file) throws CorpusException {
        String name = file.path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String id = dot < 0 ? name : name.substring(0, dot);
        Format format = switch (extension) {
            case "txt", "md" -> text -> new ParsedFile(file, List.of(checked(scrapedText.parse(id, text))), List.of());
            case "html", "htm" -> text -> new ParsedFile(file, List.of(checked(html.parse(id, text))), List.of());
            case "jsonl" -> text -> parseJsonl(file, text);
            default -> throw new CorpusException(extension.isEmpty()
                    ? "unsupported file type (no extension)"
                    : "unsupported file type ." + extension);
        };
        return format.parse(readText(file, readableRoots()));
    }

    private static Article checked(Article article) throws CorpusException {
        ArticleLimits.check(article);
        return article;
    }

    private ParsedFile parseJsonl(SourceFile file, String text) throws CorpusException {
        JsonlArticleParser.Result lines = jsonl.parse(text);
        if (lines.articles().isEmpty()) {
            throw new CorpusException("no valid article line (" + lines.problems().size() + " bad; first: "
                    + lines.problems().get(0) + ")");
        }
        return new ParsedFile(file, lines.articles(), lines.problems());
    }

    /**
     * Lists and parses everything. Never fails because of one file: each unusable file, and each
     * skipped JSONL line, becomes a {@link SkippedFile} with its reason.
     *
     * @throws IOException if the root itself can no longer be read
     */
    public CorpusScan scanAll() throws IOException {
        List<ParsedFile> parsed = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (SourceFile file : listFiles()) {
            try {
                ParsedFile result = parse(file);
                parsed.add(result);
                result.problems().forEach(p -> skipped.add(new SkippedFile(file.relativePath(), p)));
            } catch (CorpusException e) {
                skipped.add(new SkippedFile(file.relativePath(), e.getMessage()));
            } catch (RuntimeException e) {
                // A parser bug must not stop the whole archive from loading; the log keeps it visible.
                log.warn("Unexpected failure parsing {}", file.path(), e);
                skipped.add(new SkippedFile(file.relativePath(), "parser error: " + e));
            }
        }
        skipped.addAll(unreadable);
        skipped.sort(Comparator.comparing(SkippedFile::relativePath));
        return new CorpusScan(parsed, skipped);
    }

    /** How one file type turns the file's text into articles. */
    private interface Format {
        ParsedFile parse(String text) throws CorpusException;
    }

    /** The file as strict UTF-8 without a byte-order mark; refuses empty and whitespace-only files. */
    private static String readText(SourceFile file, List<Path> readableRoots) throws CorpusException {
        byte[] bytes;
        try {
            // Checked again at read time: a directory or link may have been swapped for a link out since listing.
            Path real = file.path().toRealPath();
            if (readableRoots.stream().noneMatch(real::startsWith)) {
                throw new CorpusException("resolves outside the corpus directory");
            }
            long size = Files.size(real);
            if (size > MAX_FILE_BYTES) {
                throw new CorpusException("file too large (" + size + " bytes; limit " + MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(real);
        } catch (IOException e) {
            throw new CorpusException("cannot read file: " + describe(e), e);
        }
        if (bytes.length == 0) {
            throw new CorpusException("empty file");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            // on failure the decoder leaves the buffer at the first bad byte
            throw new CorpusException("not valid UTF-8 (bad byte at offset " + in.position() + ")");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new CorpusException("file contains only whitespace");
        }
        return text;
    }

    private static String relativePath(Path root, Path file) {
        return StreamSupport.stream(root.relativize(file).spliterator(), false)
                .map(Path::toString)
                .collect(Collectors.joining("/"));
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** An IOException's message is often just the path; the type says what went wrong. */
    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
