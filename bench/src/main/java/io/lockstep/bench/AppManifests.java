package io.lockstep.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's applications: {@code n} objects, one in five a Deployment (the simulator marks it ready), one in
 * five a Service, the rest ConfigMaps: 10 objects are 2 Deployments, 2 Services and 6 ConfigMaps.
 */
final class AppManifests {
    private AppManifests() {
    }

    /** One file per object, named {@code obj-<i>.yaml}; {@code version} goes into the first Deployment's image. */
    static Map<String, String> files(String app, int objects, String version) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < objects; i++) {
            files.put("obj-" + i + ".yaml", object(app, i, i == 0 ? version : "1"));
        }
        return files;
    }

    /** All objects in one multi-document file (cheaper in Git for the scale run). */
    static String multiDocument(String app, int objects) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            out.append("---\n").append(object(app, i, "1"));
        }
        return out.toString();
    }

    static String configMapName(String app, int i) {
        return app + "-c" + i;
    }

    /** Indexes of the ConfigMaps among {@code objects}. */
    static boolean isConfigMap(int i) {
        return i % 5 != 0 && i % 5 != 1;
    }

    private static String object(String app, int i, String version) {
        if (i % 5 == 0) {
            return """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: %1$s-d%2$d
                      labels: {app: %1$s-d%2$d}
                    spec:
                      replicas: 2
                      selector:
                        matchLabels: {app: %1$s-d%2$d}
                      template:
                        metadata:
                          labels: {app: %1$s-d%2$d}
                        spec:
                          containers:
                            - name: web
                              image: nginx:1.27.%3$s
                              ports: [{containerPort: 8080, name: http}]
                              env:
                                - {name: LOG_LEVEL, value: info}
                    """.formatted(app, i, version);
        }
        if (i % 5 == 1) {
            return """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %1$s-s%2$d
                    spec:
                      selector: {app: %1$s-d%3$d}
                      ports: [{port: 80, targetPort: http, name: http}]
                    """.formatted(app, i, i - 1);
        }
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  LOG_LEVEL: info
                  FEATURES: "search,checkout,recommendations"
                """.formatted(configMapName(app, i));
    }
}
