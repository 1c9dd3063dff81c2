package org.newsdesk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 26: each search backend has one home (backend.lucene, backend.solr) after the engine-neutral stages it
 * implements. Only the assembly and the tools above it (app, bench, cli, ops) name a backend; the stages below
 * (index, search, ...) and the ones above that serve questions (answer, chat, ...) reach the passages through
 * index.IndexBackend and search.RetrievalEngine, and neither backend knows the other.
 */
class BackendPackagesTest {
    private static final Path MAIN = Path.of("src/main/java/org/newsdesk");
    private static final Pattern REFERENCE = Pattern.compile("org\\.newsdesk\\.backend\\.(\\w+)");
    private static final List<String> MAY_NAME_A_BACKEND = List.of("app", "bench", "cli", "ops");

    @Test
    void onlyTheAssemblyAndToolsNameABackendAndTheBackendsDoNotNameEachOther() throws IOException {
        List<String> wrong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    String backend = "backend." + m.group(1);
                    boolean allowed = pkg.equals(backend) || MAY_NAME_A_BACKEND.contains(pkg);
                    if (!allowed) {
                        wrong.add(MAIN.relativize(f) + " names " + backend);
                    }
                }
            }
        }
        assertThat(files).as("source files read").isGreaterThan(100);
        assertThat(wrong).isEmpty();
    }
}
