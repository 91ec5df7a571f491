package io.lockstep.repowatcher.http;

import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.metrics.WatcherMetrics;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.tracking.TrackedRef;
import io.lockstep.repowatcher.webhook.DeliveryLog;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.lockstep.repowatcher.webhook.WebhookReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/<source-id>}: one endpoint per source for every provider's push webhook. Runs on a worker
 * thread (it checks PostgreSQL for replays). Bodies over {@link #MAX_BODY_BYTES} are refused with 413 before they
 * are read: by the HTTP layer ({@code quarkus.http.limits.max-body-size}) and again here, from Content-Length and
 * while reading, in case that limit is raised for something else.
 */
@Path("/webhooks/{source}")
public class WebhookResource {
    /** 1 MiB: GitHub caps its payloads at 25 MB, but a push of a config repo is a few KiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final WebhookReceiver receiver;

    public WebhookResource(WatcherConfig config, DeliveryLog log, PollScheduler scheduler, WatcherMetrics metrics) {
        this.receiver = new WebhookReceiver(id -> hook(config, id), log, scheduler::requestPoll,
                (provider, outcome) -> metrics.webhook(provider, outcome.tag()), Clock.systemUTC());
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("source") String source, @Context HttpHeaders httpHeaders, InputStream body)
            throws IOException {
        Map<String, String> headers = new HashMap<>();
        httpHeaders.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        WebhookReceiver.Result result;
        byte[] bytes = httpHeaders.getLength() > MAX_BODY_BYTES ? null : readAtMost(body, MAX_BODY_BYTES);
        if (bytes == null) {
            result = receiver.tooLarge(headers, MAX_BODY_BYTES);
        } else {
            result = receiver.receive(source, headers, bytes);
        }
        return Response.status(result.outcome().status())
                .entity(Map.of("outcome", result.outcome().tag(), "message", result.message())).build();
    }

    /** The body, or null when it is longer than {@code limit} (reading stops there). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    private static Optional<WebhookReceiver.Hook> hook(WatcherConfig config, String sourceId) {
        WatcherConfig.Source source = config.sources().get(sourceId);
        if (source == null || source.webhook().isEmpty()) {
            return Optional.empty();
        }
        WatcherConfig.Webhook webhook = source.webhook().get();
        Optional<WebhookProvider> provider = webhook.provider().map(id -> WebhookProvider.byId(id).orElseThrow(
                () -> new IllegalArgumentException("lockstep.sources." + sourceId + ".webhook.provider: unknown "
                        + "provider '" + id + "' (known: " + List.of(WebhookProvider.values()).stream()
                                .map(WebhookProvider::id).toList() + ")")));
        return Optional.of(new WebhookReceiver.Hook(sourceId,
                TrackedRef.of(source.branch(), source.tag(), source.semver()), provider, webhook.maxAge(),
                webhook.debounce(), () -> secret(webhook)));
    }

    private static Optional<byte[]> secret(WatcherConfig.Webhook webhook) {
        if (webhook.secretFile().isPresent()) {
            try {
                String value = Files.readString(webhook.secretFile().get(), StandardCharsets.UTF_8).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return webhook.secret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
