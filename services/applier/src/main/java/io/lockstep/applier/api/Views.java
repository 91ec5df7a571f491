package io.lockstep.applier.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of the read API (no repository URLs, no credentials: only what the history table holds). */
public final class Views {
    private Views() {
    }

    /** A revision, full and in the seven-character form people read. */
    @Schema(name = "Revision")
    public record Revision(@Schema(example = "3f2c1ab") String shortRevision,
            @Schema(example = "3f2c1ab9d0e4c5b6a7980f1e2d3c4b5a69788796") String full) {
        static Revision of(String revision) {
            return revision == null ? null
                    : new Revision(revision.length() > 7 ? revision.substring(0, 7) : revision, revision);
        }
    }

    /** One sync operation, without its per-object results. */
    @Schema(name = "Operation")
    public record Operation(
            @Schema(description = "operation id: the DriftDetected id, or the command id for manual syncs and "
                    + "rollbacks") String id,
            String appId,
            Revision revision,
            String author,
            @Schema(description = "new-revision, live-change, periodic, app-removed, manual or rollback") String trigger,
            @Schema(description = "running or completed") String status,
            @Schema(description = "succeeded, failed or superseded; null while running", nullable = true) String outcome,
            @Schema(description = "healthy, progressing, unknown, missing or degraded", nullable = true) String health,
            String planSummary,
            Instant startedAt,
            @Schema(nullable = true) Instant finishedAt,
            @Schema(nullable = true) String error) {
    }

    /** One operation with its per-object results (ref, action, code, message), in the order things happened. */
    @Schema(name = "OperationDetails")
    public record OperationDetails(Operation operation,
            @Schema(description = "per-object results: {ref:{apiVersion,kind,namespace,name}, action, code, "
                    + "message}") JsonNode results) {
    }

    /** An application the applier has operated on, as its last operation left it. */
    @Schema(name = "Application")
    public record Application(@Schema(example = "demo/web") String appId,
            @Schema(description = "revision of the last operation") Revision revision,
            @Schema(description = "Synced, SyncFailed, Superseded, Degraded, or Syncing while an operation runs")
            String syncStatus,
            @Schema(nullable = true) String health,
            Operation lastOperation) {
    }

    /** A page of applications, ordered by application id. */
    @Schema(name = "ApplicationList")
    public record ApplicationList(List<Application> applications,
            @Schema(description = "the limit applied") int limit,
            @Schema(description = "the offset applied") int offset,
            @Schema(description = "true when more applications follow: ask again with offset + limit")
            boolean truncated) {
    }

    /** An application's operations, newest first. */
    @Schema(name = "OperationList")
    public record OperationList(String appId, int limit, List<Operation> operations) {
    }
}
