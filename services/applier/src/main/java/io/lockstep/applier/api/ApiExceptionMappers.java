package io.lockstep.applier.api;

import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refused read API requests into JSON errors instead of Quarkus' default pages. */
public class ApiExceptionMappers {
    @ServerExceptionMapper
    public RestResponse<ApiError> refused(ApiException e) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(e.status()),
                new ApiError(e.status(), e.getMessage(), e.parameter()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
