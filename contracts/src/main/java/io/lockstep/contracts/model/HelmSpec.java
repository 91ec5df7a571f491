package io.lockstep.contracts.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a Helm chart application is rendered: values files inside the application's path, applied in order, then
 * inline values on top (the way {@code helm -f a.yaml -f b.yaml} and then {@code --set} layer), and an optional
 * release name (the application name when absent).
 */
public record HelmSpec(String releaseName, List<String> valueFiles, Map<String, Object> values) {
    public HelmSpec {
        valueFiles = Require.list(valueFiles);
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static HelmSpec defaults() {
        return new HelmSpec(null, List.of(), Map.of());
    }
}
