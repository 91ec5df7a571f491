package io.lockstep.differ.render;

import java.nio.file.Path;
import java.util.List;

/** Runs {@code helm template} on a chart folder on disk; the Helm library lives behind it, outside the domain. */
public interface ChartRenderer {
    /**
     * The rendered manifests, as Helm prints them ({@code # Source: <chart>/templates/x.yaml} before each document).
     * Must not reach the network (no dependency update, no repository access).
     *
     * @throws ChartRenderException with Helm's own message when the chart cannot be rendered
     */
    String template(Path chart, String releaseName, String namespace, List<Path> valuesFiles);

    /** Helm refused the chart; the message is Helm's (it names the template file and line where it knows them). */
    class ChartRenderException extends RuntimeException {
        public ChartRenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
