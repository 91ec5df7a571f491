package io.lockstep.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends the watcher's generic push webhook, signed as its README says a sender signs it. */
final class Webhook {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Webhook() {
    }

    /** Posts a signed push of {@code refs/heads/main}; returns the watcher's answer (202 when taken). */
    static HttpResponse<String> push(String url, String secret) {
        String delivery = UUID.randomUUID().toString();
        // A fresh delivery id in the body too: the replay guard keys on what is signed, timestamps are in seconds.
        String body = "{\"ref\":\"refs/heads/main\",\"delivery\":\"" + delivery + "\"}";
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal((ts + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
            return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Lockstep-Timestamp", ts)
                    .header("X-Lockstep-Signature", "sha256=" + signature)
                    .header("X-Lockstep-Delivery", delivery)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot send the webhook: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
