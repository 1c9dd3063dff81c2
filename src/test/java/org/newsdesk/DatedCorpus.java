package org.newsdesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.newsdesk.app.App;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small archive with known publication dates, indexed once and shared (read-only), answered on a fixed day:
 * Wednesday 2 December 2026. Three stories: a port strike over three months (and the newest article of all on
 * another topic), a solar farm in February, March and April 2024, and one agency story carried word for word by
 * three outlets beside a fourth outlet's own report.
 */
public final class DatedCorpus {
    public static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private static final String VOLCANO = "A volcano erupted near the fishing town of Grindavik in Iceland on Sunday "
            + "night, sending lava fountains along a four kilometre fissure. Civil protection officials said the town "
            + "had been evacuated weeks earlier and no injuries were reported. The eruption forced the closure of the "
            + "Blue Lagoon geothermal spa and roads across the Reykjanes peninsula. Scientists at the Icelandic "
            + "Meteorological Office said the flow of lava was weakening by Monday morning.";

    /** id, date, outlet, title, body. */
    public static final List<List<String>> ARTICLES = List.of(
            List.of("port-1", "2026-09-14", "Harbour Gazette", "Dock workers begin port strike over wages",
                    "Dock workers at the city port began a strike on Monday over wages. The port strike halted container "
                            + "traffic at every terminal of the port. Union leaders said the port strike would go on "
                            + "until the port authority raised wages for all dock workers."),
            List.of("port-2", "2026-11-03", "Coast Times", "Port strike talks stall",
                    "Talks to end the port strike stalled on Tuesday without a deal. Negotiators for the dock workers "
                            + "and the port authority left after six hours. The strike has idled container ships for "
                            + "seven weeks."),
            List.of("port-3", "2026-11-30", "Harbour Gazette", "Dock workers accept a wage deal",
                    "The strike at the port ended on Monday after dock workers accepted a wage deal. Container traffic "
                            + "will resume at the terminals within days, the union said."),
            List.of("bikes-1", "2026-12-01", "City Herald", "Council approves new bike lanes",
                    "The city council approved forty kilometres of new bike lanes on Tuesday. Cyclists welcomed the "
                            + "vote, while some shop owners worried about parking near the lanes."),
            List.of("solar-1", "2024-02-20", "Valley News", "Westfield solar farm plan approved",
                    "The regional board approved the plan for the Westfield solar farm on Tuesday. The solar farm will "
                            + "cover two hundred hectares of former farmland."),
            List.of("solar-2", "2024-03-12", "Valley News", "Westfield solar farm opens",
                    "The Westfield solar farm opened on Tuesday with its first forty thousand panels. The operator "
                            + "said the solar farm already powers nine thousand homes."),
            List.of("solar-3", "2024-03-28", "Energy Daily", "Westfield solar farm reaches full output",
                    "The Westfield solar farm reached its full output of sixty megawatts this week. Engineers "
                            + "finished connecting the last rows of panels to the grid."),
            List.of("solar-4", "2024-04-20", "Valley News", "Westfield solar farm to double in size",
                    "The owners of the Westfield solar farm said on Saturday it will double in size by next year. A "
                            + "second solar farm site was bought east of the river."),
            List.of("volcano-1", "2026-10-05", "Reuters", "Volcano erupts near Grindavik", VOLCANO),
            List.of("volcano-2", "2026-10-05", "AP", "Icelandic volcano erupts near Grindavik",
                    VOLCANO.replace("Sunday night", "late on Sunday")),
            List.of("volcano-3", "2026-10-06", "Daily Bugle", "Lava flows near evacuated Icelandic town",
                    VOLCANO + " Updates to follow."),
            List.of("volcano-4", "2026-10-06", "Science Weekly", "Why the Reykjanes peninsula keeps erupting",
                    "Geologists explain that the Reykjanes peninsula sits on the Mid-Atlantic Ridge, where magma rises "
                            + "as two plates pull apart. The volcano near Grindavik is the latest of a series of "
                            + "eruptions that began in 2021 and may last for decades."));

    private static App app;

    private DatedCorpus() {
    }

    /** The indexed archive, answering on {@link #TODAY}; shared, do not reindex it or close it. */
    public static synchronized App app() {
        if (app == null) {
            try {
                Path dir = Files.createTempDirectory("newsdesk-dated");
                Path corpus = Files.createDirectories(dir.resolve("corpus"));
                ObjectMapper json = new ObjectMapper();
                StringBuilder lines = new StringBuilder();
                for (List<String> a : ARTICLES) {
                    Map<String, String> o = new LinkedHashMap<>();
                    o.put("id", a.get(0));
                    o.put("published", a.get(1) + "T09:00:00+00:00");
                    o.put("source", a.get(2));
                    o.put("title", a.get(3));
                    o.put("url", "https://example.org/" + a.get(0));
                    o.put("body", a.get(4));
                    lines.append(json.writeValueAsString(o)).append('\n');
                }
                Files.writeString(corpus.resolve("articles.jsonl"), lines);
                app = new App(TestFixtures.config(dir.resolve("data"), corpus), CLOCK, TestFixtures.embedder());
                app.reindex().run(false, p -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return app;
    }

    /** The publication day of an article of this corpus. */
    public static LocalDate published(String articleId) {
        return ARTICLES.stream().filter(a -> a.get(0).equals(articleId)).map(a -> LocalDate.parse(a.get(1)))
                .findFirst().orElseThrow();
    }
}
