package io.lockstep.applier.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of every refused read API request. */
@Schema(name = "Error")
public record ApiError(
        @Schema(description = "HTTP status", example = "400") int status,
        @Schema(description = "What went wrong, for people") String error,
        @Schema(description = "The request parameter at fault, when one is", nullable = true) String parameter) {
}
