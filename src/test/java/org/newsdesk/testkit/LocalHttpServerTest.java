package org.newsdesk.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit's server with a real HTTP client, and the extension's start and close. */
class LocalHttpServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Servers the extension gave the tests, to check after the class that each was closed. */
    private static final List<LocalHttpServer> GIVEN = new ArrayList<>();

    @LocalServer
    LocalHttpServer server;

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesScriptsAndLogs() throws Exception {
        GIVEN.add(server);
        server.respond("/a", LocalHttpServer.Response.text(200, "A").withHeader("ETag", "\"1\""))
                .routePrefix("/p/", r -> LocalHttpServer.Response.text(201, "prefix " + r.path()))
                .routePrefix("/p/deeper/", r -> LocalHttpServer.Response.text(202, "deeper"))
                .enqueue("/a", LocalHttpServer.Response.text(503, "busy"), LocalHttpServer.Response.empty(304));

        assertThat(get(server.url("/a")).statusCode()).isEqualTo(503);
        assertThat(get(server.url("/a")).statusCode()).isEqualTo(304);
        HttpResponse<String> a = get(server.url("/a"));
        assertThat(a.body()).isEqualTo("A");
        assertThat(a.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(get(server.url("/p/x?q=1")).body()).isEqualTo("prefix /p/x");
        assertThat(get(server.url("/p/deeper/y")).statusCode()).isEqualTo(202);
        assertThat(get(server.url("/nowhere")).statusCode()).isEqualTo(404);

        assertThat(server.count("/a")).isEqualTo(3);
        assertThat(server.requests(("/p/x")).get(0).query()).isEqualTo("q=1");
        // every answer the client read is already in the log, with its status
        assertThat(server.served()).extracting(LocalHttpServer.Served::status).containsExactly(503, 304, 200, 201, 202, 404);
    }

    @Test
    void recordsBodiesHeadersAndStreamedAnswers() throws Exception {
        GIVEN.add(server);
        server.stream("/s", (r, ex) -> {
            ex.sendResponseHeaders(200, 0);
            try (var out = ex.getResponseBody()) {
                out.write(("got " + r.text()).getBytes());
            }
        });
        server.route("/boom", r -> {
            throw new IllegalStateException("handler fault");
        });
        HttpResponse<String> s = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/s")))
                .header("X-Key", "v").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(s.body()).isEqualTo("got hello");
        LocalHttpServer.Request r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("x-key")).isEqualTo("v");
        assertThat(r.text()).isEqualTo("hello");
        assertThat(get(server.url("/boom")).body()).contains("handler fault");
        assertThat(server.maxInFlight()).isEqualTo(1);
    }

    @AfterAll
    static void eachServerWasClosedAfterItsTest() {
        assertThat(GIVEN).hasSize(2).doesNotHaveDuplicates();
        for (LocalHttpServer s : GIVEN) {
            assertThatThrownBy(() -> get(s.url("/a"))).isInstanceOf(ConnectException.class);
        }
    }
}
