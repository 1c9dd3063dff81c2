package org.newsdesk.index;

import java.util.List;
import java.util.Map;

/**
 * The live index as a whole, whichever engine holds it (the embedded Lucene generations or a SolrCloud alias): what
 * the chat's status commands and the reindex need to know of it.
 */
public interface Archive {
    /** Whether there is an index to answer from. */
    boolean exists();

    /** Passages in the live index. */
    int passageCount();

    /** Up to {@code n} distinct article titles spread over the index (example questions in /help). */
    List<String> sampleTitles(int n);

    /** How the live index was built (embedding model, passage settings), or empty. */
    Map<String, String> userData();

    /** Where the live index is, for messages: a directory and generation, or a SolrCloud alias and collection. */
    String describe();
}
