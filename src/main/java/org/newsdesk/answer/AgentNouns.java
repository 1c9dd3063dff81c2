package org.newsdesk.answer;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * "Who directed the fnaf movie?" is answered by "under director Emma Tammi": the archive names the person by the
 * noun of the act, which the index's stems do not join to the verb ("direct" / "director"). For a question asking
 * who did something, the noun of the doer is searched too. A fixed list of acts news names people by; "won" is left
 * out ("winner" is written of every contest a question did not ask about).
 */
final class AgentNouns {
    private static final Map<String, String> DOERS = Map.ofEntries(
            Map.entry("directed", "director"), Map.entry("directs", "director"), Map.entry("direct", "director"),
            Map.entry("founded", "founder"), Map.entry("founds", "founder"), Map.entry("found", "founder"),
            Map.entry("produced", "producer"), Map.entry("produces", "producer"), Map.entry("produce", "producer"),
            Map.entry("created", "creator"), Map.entry("creates", "creator"), Map.entry("create", "creator"),
            Map.entry("invented", "inventor"), Map.entry("designed", "designer"), Map.entry("design", "designer"),
            Map.entry("composed", "composer"), Map.entry("wrote", "writer"), Map.entry("writes", "writer"),
            Map.entry("write", "writer"), Map.entry("coached", "coach"), Map.entry("coaches", "coach"),
            Map.entry("owns", "owner"), Map.entry("owned", "owner"), Map.entry("own", "owner"),
            Map.entry("manages", "manager"), Map.entry("managed", "manager"), Map.entry("hosted", "host"),
            Map.entry("hosts", "host"), Map.entry("edited", "editor"), Map.entry("narrated", "narrator"),
            Map.entry("developed", "developer"), Map.entry("develops", "developer"), Map.entry("published", "publisher"),
            Map.entry("starred", "star"), Map.entry("chairs", "chair"), Map.entry("chaired", "chair"),
            Map.entry("led", "leader"), Map.entry("leads", "leader"));

    private AgentNouns() {
    }

    /** The doer nouns of the acts a "who" question asks about, space-separated; empty for any other question. */
    static String forQuestion(String question) {
        var words = NewsTokens.words(question);
        boolean who = words.stream().anyMatch(w -> w.lower().equals("who") || w.lower().equals("whom"));
        if (!who) {
            return "";
        }
        Set<String> out = new LinkedHashSet<>();
        for (NewsTokens.Word w : words) {
            String doer = DOERS.get(w.lower());
            if (doer != null && !question.toLowerCase(java.util.Locale.ROOT).contains(doer)) {
                out.add(doer);
            }
        }
        return String.join(" ", out);
    }
}
