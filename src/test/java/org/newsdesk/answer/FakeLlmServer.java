package org.newsdesk.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.newsdesk.testkit.LocalHttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A scriptable OpenAI-compatible ({@code POST /v1/chat/completions}, plain JSON or SSE when {@code stream: true})
 * and Ollama ({@code POST /api/chat}, JSON or NDJSON) server on 127.0.0.1, for tests with the real LangChain4j
 * clients, on the test kit's {@link LocalHttpServer}. Replies are taken from a queue, then from a default responder;
 * every request is recorded.
 */
public final class FakeLlmServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded request; header names in lower case. */
    public record Request(String path, Map<String, List<String>> headers, String body, JsonNode json) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public boolean streaming() {
            return json != null && json.path("stream").asBoolean(false);
        }

        /** All message contents of the request, joined. */
        public String prompt() {
            StringBuilder sb = new StringBuilder();
            json.path("messages").forEach(m -> sb.append(m.path("content").asText()).append('\n'));
            return sb.toString();
        }
    }

    /**
     * A scripted reply.
     *
     * @param status       HTTP status (200 for a normal reply)
     * @param content      the assistant's text, or the raw body when {@code raw}
     * @param chunks       for streaming: the text in pieces (when null, {@code content} is one piece)
     * @param delayMs      wait before answering at all
     * @param chunkDelayMs wait between streamed pieces
     * @param raw          send {@code content} as the body as is (malformed JSON, error bodies)
     */
    public record Reply(int status, String content, List<String> chunks, long delayMs, long chunkDelayMs, boolean raw) {
        public static Reply text(String content) {
            return new Reply(200, content, null, 0, 0, false);
        }

        public static Reply streamed(List<String> chunks, long chunkDelayMs) {
            return new Reply(200, String.join("", chunks), chunks, 0, chunkDelayMs, false);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, null, 0, 0, true);
        }

        public static Reply malformed() {
            return new Reply(200, "{\"id\": \"x\", \"choices\": [ {\"message\": ", null, 0, 0, true);
        }

        public Reply delayed(long ms) {
            return new Reply(status, content, chunks, ms, chunkDelayMs, raw);
        }
    }

    private final LocalHttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Function<Request, Reply> responder = r -> Reply.text("The passages do not say. [1]");

    public FakeLlmServer() {
        this(new LocalHttpServer("fake-llm"));
    }

    /** On a server the test kit started ({@code @LocalServer FakeLlmServer llm}); closing this closes it. */
    public FakeLlmServer(LocalHttpServer server) {
        this.server = server;
        server.streamPrefix("/v1/chat/completions", (r, ex) -> handle(r, ex, false));
        server.streamPrefix("/api/chat", (r, ex) -> handle(r, ex, true));
    }

    /** OpenAI-style base URL: {@code http://127.0.0.1:PORT/v1}. */
    public String openAiUrl() {
        return server.url("/v1");
    }

    /** Ollama-style base URL: {@code http://127.0.0.1:PORT}. */
    public String ollamaUrl() {
        return server.url();
    }

    public FakeLlmServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public FakeLlmServer respondWith(Function<Request, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public List<Request> requests() {
        return server.requests().stream().map(FakeLlmServer::request).toList();
    }

    private static Request request(LocalHttpServer.Request r) {
        JsonNode json;
        try {
            json = JSON.readTree(r.text());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        return new Request(r.path(), r.headers(), r.text(), json == null ? JSON.createObjectNode() : json);
    }

    private void handle(LocalHttpServer.Request r, HttpExchange ex, boolean ollama)
            throws IOException, InterruptedException {
        Request request = request(r);
        Reply reply = script.poll();
        if (reply == null) {
            reply = responder.apply(request);
        }
        if (reply.delayMs() > 0) {
            Thread.sleep(reply.delayMs());
        }
        if (reply.raw()) {
            send(ex, reply.status(), reply.content());
        } else if (request.streaming()) {
            stream(ex, reply, ollama);
        } else {
            send(ex, 200, ollama ? ollamaMessage(reply.content(), true).toString() : completion(reply.content()).toString());
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        LocalHttpServer.send(ex, LocalHttpServer.Response.json(status, body));
    }

    private static void stream(HttpExchange ex, Reply reply, boolean ollama) throws IOException, InterruptedException {
        ex.getResponseHeaders().set("Content-Type", ollama ? "application/x-ndjson" : "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        List<String> chunks = reply.chunks() != null ? reply.chunks() : List.of(reply.content());
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0 && reply.chunkDelayMs() > 0) {
                Thread.sleep(reply.chunkDelayMs());
            }
            String line = ollama ? ollamaMessage(chunks.get(i), false) + "\n"
                    : "data: " + chunk(chunks.get(i), null) + "\n\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        String end = ollama ? ollamaMessage("", true) + "\n" : "data: " + chunk(null, "stop") + "\n\ndata: [DONE]\n\n";
        out.write(end.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode completion(String content) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "fake");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root;
    }

    private static ObjectNode chunk(String content, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "fake");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finish != null) {
            choice.put("finish_reason", finish);
        } else {
            choice.putNull("finish_reason");
        }
        return root;
    }

    private static ObjectNode ollamaMessage(String content, boolean done) {
        ObjectNode root = JSON.createObjectNode().put("model", "fake").put("created_at", "2024-01-01T00:00:00Z")
                .put("done", done);
        root.putObject("message").put("role", "assistant").put("content", content);
        if (done) {
            root.put("done_reason", "stop").put("prompt_eval_count", 10).put("eval_count", 5);
        }
        return root;
    }

    @Override
    public void close() {
        server.close();
    }
}
