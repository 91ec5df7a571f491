package io.lockstep.launcher.demo;

/** The demo config repo: one application, {@code web}, as a Deployment, a Service and a ConfigMap. */
public final class DemoManifests {
    public static final String APP_NAME = "web";
    public static final String NAMESPACE = "web";
    public static final String AUTHOR = "Ada Lovelace";
    public static final String AUTHOR_EMAIL = "ada@example.com";

    public static final String LOCKSTEP_YAML = """
            apiVersion: lockstep.io/v1
            applications:
              - name: web
                path: apps/web
                target: { cluster: in-cluster, namespace: web }
                sync: { automated: true, prune: true, selfHeal: true }
                health: { timeout: 60s }
                notify:
                  - on: [deployed, sync-failed, health-degraded, drift-detected, rolled-back]
                    slack: "#deploys"
                    email: team@example.com
            """;

    public static final String SERVICE = """
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

    /** A mis-indented key breaks the mapping: invalid YAML, reported on line 8. */
    public static final String BROKEN_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                  app: web
                ports: [80
            """;

    public static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-config
            data:
              GREETING: hello
            """;

    public static final String README = """
            # Lockstep demo config repo

            `lockstep.yaml` declares the application `web`; its manifests are under `apps/web`.
            Lockstep deploys every commit pushed to `main`.
            """;

    private DemoManifests() {
    }

    public static String deployment(String image) {
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
