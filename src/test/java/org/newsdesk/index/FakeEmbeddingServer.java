package org.newsdesk.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.newsdesk.bench.HashingEmbeddingModel;
import org.newsdesk.testkit.LocalHttpServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An embeddings server on 127.0.0.1 speaking OpenAI's {@code POST /v1/embeddings} and Ollama's {@code POST /api/embed},
 * for tests with the real LangChain4j clients. Vectors are deterministic: the hashing model's vector of each text
 * (words shared between texts make their vectors close), deliberately not unit length, so the client's
 * normalisation is exercised. Failures are scripted as a queue of statuses served before normal replies; every
 * request is recorded with its arrival time and the most requests seen in flight at once.
 */
public final class FakeEmbeddingServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded request: path, Authorization header, model, the texts, and when it arrived (nanoTime). */
    public record Request(String path, String authorization, String model, List<String> inputs, long arrivedNanos) {
    }

    private final LocalHttpServer server;
    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
    private volatile int dimensions;
    private volatile long delayMs;
    private volatile int failAlways;
    private volatile boolean echoAuthorization;
    private volatile boolean malformed;

    public FakeEmbeddingServer(int dimensions) {
        this(new LocalHttpServer("fake-embeddings"));
        this.dimensions = dimensions;
    }

    /** On a server the test kit started ({@code @LocalServer FakeEmbeddingServer e}), 384 dimensions until told. */
    public FakeEmbeddingServer(LocalHttpServer server) {
        this.server = server;
        this.dimensions = 384;
        server.streamPrefix("/v1/embeddings", (r, ex) -> handle(r, ex, false));
        server.streamPrefix("/api/embed", (r, ex) -> handle(r, ex, true));
    }

    public String openAiUrl() {
        return server.url("/v1");
    }

    public String ollamaUrl() {
        return server.url();
    }

    /** The next requests fail with these statuses, in order. */
    public FakeEmbeddingServer failNext(Integer... statuses) {
        failures.addAll(List.of(statuses));
        return this;
    }

    /** Every request fails with this status from now on (0: none do). */
    public FakeEmbeddingServer failAlways(int status) {
        this.failAlways = status;
        return this;
    }

    /** The vector size the server answers with from now on. */
    public FakeEmbeddingServer dimensions(int dimensions) {
        this.dimensions = dimensions;
        return this;
    }

    public FakeEmbeddingServer delay(long ms) {
        this.delayMs = ms;
        return this;
    }

    /** Error bodies repeat the Authorization header, as careless servers do. */
    public FakeEmbeddingServer echoAuthorization() {
        this.echoAuthorization = true;
        return this;
    }

    /** Replies are cut off mid-JSON from now on. */
    public FakeEmbeddingServer malformed() {
        this.malformed = true;
        return this;
    }

    public List<Request> requests() {
        return server.requests().stream().map(FakeEmbeddingServer::request).toList();
    }

    public int maxInFlight() {
        return server.maxInFlight();
    }

    private static Request request(LocalHttpServer.Request r) {
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            body = JSON.createObjectNode(); // not JSON: recorded with no model and one empty input
        }
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isArray()) {
            input.forEach(n -> inputs.add(n.asText()));
        } else {
            inputs.add(input.asText());
        }
        return new Request(r.path(), r.header("Authorization"), body.path("model").asText(), inputs, r.arrivedNanos());
    }

    /** The vector the server gives {@code text} at {@code dims} dimensions, before the client normalises it. */
    public static float[] rawVector(String text, int dims) {
        float[] v = new HashingEmbeddingModel(dims, 7).vector(text);
        for (int i = 0; i < v.length; i++) {
            v[i] *= 3; // not unit length: the client must normalise
        }
        return v;
    }

    private void handle(LocalHttpServer.Request r, HttpExchange ex, boolean ollama)
            throws IOException, InterruptedException {
        Request request = request(r);
        JsonNode body = JSON.readTree(r.body());
        List<String> inputs = request.inputs();
        String auth = request.authorization();
        if (delayMs > 0) {
            Thread.sleep(delayMs);
        }
        Integer failure = failures.poll();
        if (failure == null && failAlways > 0) {
            failure = failAlways;
        }
        if (failure != null) {
            String message = "scripted failure " + failure + (echoAuthorization ? " for credentials " + auth : "");
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("message", message).put("type", failure == 400 ? "invalid_request_error" : "server_error");
            send(ex, failure, error.toString());
            return;
        }
        if (malformed) {
            send(ex, 200, "{\"object\": \"list\", \"data\": [ {\"embedding\": [0.1, ");
            return;
        }
        int dims = dimensions;
        ObjectNode reply = JSON.createObjectNode();
        if (ollama) {
            reply.put("model", body.path("model").asText());
            ArrayNode embeddings = reply.putArray("embeddings");
            for (String text : inputs) {
                ArrayNode v = embeddings.addArray();
                for (float x : rawVector(text, dims)) {
                    v.add(x);
                }
            }
        } else {
            if (!body.path("encoding_format").isMissingNode() && !body.path("encoding_format").isNull()
                    && !"float".equals(body.path("encoding_format").asText())) {
                send(ex, 400, "{\"error\":{\"message\":\"fake server only speaks float\"}}");
                return;
            }
            reply.put("object", "list").put("model", body.path("model").asText());
            ArrayNode data = reply.putArray("data");
            for (int i = 0; i < inputs.size(); i++) {
                ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
                ArrayNode v = item.putArray("embedding");
                for (float x : rawVector(inputs.get(i), dims)) {
                    v.add(x);
                }
            }
            int tokens = inputs.stream().mapToInt(s -> s.split("\\s+").length).sum();
            reply.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        }
        send(ex, 200, reply.toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        LocalHttpServer.send(ex, LocalHttpServer.Response.json(status, body));
    }

    @Override
    public void close() {
        server.close();
    }
}
