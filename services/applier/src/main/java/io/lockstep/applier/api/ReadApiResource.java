package io.lockstep.applier.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.applier.history.SyncOperationEntity;
import io.lockstep.contracts.serde.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The read API over the applier's history: applications, their operations and one operation's results. Read only;
 * non-blocking (Hibernate Reactive on the event loop), like the rest of the module's persistence.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "status", description = "What the applier did: applications, sync history, per-object results")
public class ReadApiResource {
    static final int HISTORY_DEFAULT = 20;
    static final int HISTORY_MAX = 200;
    static final int APPS_DEFAULT = 100;
    static final int APPS_MAX = 500;
    /** Source and application names as lockstep.yaml allows them (DNS-label like), bounded. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Operation ids are UUIDs (event ids); anything else cannot be one, but stays a 404, not a 500. */
    private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    @GET
    @Path("/applications")
    @Operation(summary = "Every application the applier has operated on, ordered by id, with its last operation",
            description = "Paginated: at most `limit` applications (default 100, max 500) from `offset`; "
                    + "`truncated` says whether more follow. The sync status is derived from the last operation: "
                    + "SyncFailed (outcome failed), Superseded, Degraded (succeeded, health degraded), Synced, or "
                    + "Syncing while it runs.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.ApplicationList.class)))
    @APIResponse(responseCode = "400", description = "bad limit or offset",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Views.ApplicationList> applications(
            @Parameter(description = "1 to 500, default 100") @QueryParam("limit") String limitParam,
            @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offsetParam) {
        int limit = intParam("limit", limitParam, APPS_DEFAULT, 1, APPS_MAX);
        int offset = intParam("offset", offsetParam, 0, 0, 1_000_000);
        return Panache.withSession(() -> SyncOperationEntity.<SyncOperationEntity>find(
                        "from SyncOperationEntity o where o.startedAt = (select max(o2.startedAt) "
                                + "from SyncOperationEntity o2 where o2.appId = o.appId) order by o.appId, o.operationId")
                .range(offset, offset + limit).list())
                .map(rows -> {
                    List<Views.Application> apps = new ArrayList<>();
                    Set<String> seen = new LinkedHashSet<>();
                    for (SyncOperationEntity e : rows) {
                        if (seen.add(e.appId)) { // two operations started in the same microsecond: keep one
                            apps.add(new Views.Application(e.appId, Views.Revision.of(e.revision),
                                    SyncStatus.of(e.status, e.outcome, e.health), e.health, operation(e)));
                        }
                    }
                    boolean truncated = apps.size() > limit;
                    return new Views.ApplicationList(truncated ? apps.subList(0, limit) : apps, limit, offset,
                            truncated);
                });
    }

    @GET
    @Path("/applications/{source}/{name}/operations")
    @Operation(summary = "An application's sync history, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.OperationList.class)))
    @APIResponse(responseCode = "400", description = "bad limit, or a source or name that cannot be one",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "the applier never operated on this application",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Views.OperationList> operations(
            @Parameter(description = "source id, the part of the application id before '/'", example = "demo")
            @PathParam("source") String source,
            @Parameter(description = "application name", example = "web") @PathParam("name") String name,
            @Parameter(description = "1 to 200, default 20") @QueryParam("limit") String limitParam) {
        String appId = segment("source", source) + "/" + segment("name", name);
        int limit = intParam("limit", limitParam, HISTORY_DEFAULT, 1, HISTORY_MAX);
        return Panache.withSession(() -> SyncOperationEntity.<SyncOperationEntity>find(
                        "appId = ?1 order by startedAt desc, operationId desc", appId)
                .range(0, limit - 1).list())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiException.notFound("no operation recorded for application " + appId);
                    }
                    return new Views.OperationList(appId, limit,
                            rows.stream().map(ReadApiResource::operation).toList());
                });
    }

    @GET
    @Path("/operations/{operationId}")
    @Operation(summary = "One operation with its per-object results")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = Views.OperationDetails.class)))
    @APIResponse(responseCode = "404", description = "no such operation",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Views.OperationDetails> operation(@PathParam("operationId") String operationId) {
        if (operationId == null || !OPERATION_ID.matcher(operationId).matches()) {
            throw ApiException.notFound("no such operation: " + shorten(operationId));
        }
        return Panache.withSession(() -> SyncOperationEntity.<SyncOperationEntity>findById(operationId))
                .map(e -> {
                    if (e == null) {
                        throw ApiException.notFound("no such operation: " + operationId);
                    }
                    return new Views.OperationDetails(operation(e), results(e.results));
                });
    }

    static Views.Operation operation(SyncOperationEntity e) {
        return new Views.Operation(e.operationId, e.appId, Views.Revision.of(e.revision), e.author, e.trigger,
                e.status, e.outcome, e.health, e.planSummary, e.startedAt, e.finishedAt, e.error);
    }

    private static JsonNode results(String json) {
        if (json == null) {
            return EventCodec.mapper().createArrayNode();
        }
        try {
            return EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded results are not JSON", e);
        }
    }

    private static String segment(String parameter, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ApiException.badRequest(parameter, parameter + " must be 1 to 128 letters, digits, '.', '_' or "
                    + "'-', starting with a letter or digit; got '" + shorten(value) + "'");
        }
        return value;
    }

    static int intParam(String parameter, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw ApiException.badRequest(parameter, parameter + " must be an integer from " + min + " to " + max
                + "; got '" + shorten(value) + "'");
    }

    /** Echoes at most 40 characters of what a client sent, without control characters. */
    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
