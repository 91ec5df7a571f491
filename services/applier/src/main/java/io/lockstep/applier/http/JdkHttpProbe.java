package io.lockstep.applier.http;

import io.lockstep.applier.health.HttpChecks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends the GET of an application's HTTP health check with the JDK's client; redirects are not followed. */
public final class JdkHttpProbe implements HttpChecks.Probe {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public int get(String url, Duration timeout) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "lockstep-applier").build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
