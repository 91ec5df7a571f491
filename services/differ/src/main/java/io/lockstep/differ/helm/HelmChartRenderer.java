package io.lockstep.differ.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.lockstep.differ.render.ChartRenderer;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link ChartRenderer} on helm-java, which carries Helm itself as a native library: no {@code helm} binary and no
 * network needed. Charts must vendor their dependencies under {@code charts/}; a dependency update is never run.
 */
public final class HelmChartRenderer implements ChartRenderer {
    @Override
    public String template(Path chart, String releaseName, String namespace, List<Path> valuesFiles) {
        TemplateCommand template = new Helm(chart).template().withName(releaseName);
        if (namespace != null && !namespace.isBlank()) {
            template = template.withNamespace(namespace);
        }
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        try {
            // One render at a time: the native library's thread-safety is not documented, and a render takes ms.
            synchronized (HelmChartRenderer.class) {
                return template.call();
            }
        } catch (IllegalStateException e) {
            throw new ChartRenderException(e.getMessage(), e);
        }
    }
}
