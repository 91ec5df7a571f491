package io.lockstep.e2e;

/** The config repo's content in the end-to-end scenario. */
final class Manifests {
    static final String LOCKSTEP_YAML = """
            apiVersion: lockstep.io/v1
            applications:
              - name: web
                path: apps/web
                target: { cluster: in-cluster, namespace: web }
                sync: { automated: true, prune: true, selfHeal: true }
                health: { timeout: 60s }
                notify:
                  - on: [deployed, sync-failed, health-degraded]
                    slack: "#deploys"
                    email: team@example.com
            """;

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                app: web
              ports:
                - port: 80
                  targetPort: 8080
            """;

    /** A mis-indented key breaks the mapping: invalid YAML, the error is reported on the key's line. */
    static final String BROKEN_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                  app: web
                ports: [80
            """;

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-config
            data:
              GREETING: hello
            """;

    private Manifests() {
    }

    static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels:
                    app: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: web
                          image: %s
                          ports:
                            - containerPort: 8080
                """.formatted(image);
    }
}
