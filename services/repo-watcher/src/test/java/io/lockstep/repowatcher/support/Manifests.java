package io.lockstep.repowatcher.support;

/** Small config-repo contents the tests commit. */
public final class Manifests {
    private Manifests() {
    }

    /** A lockstep.yaml declaring each name as an application at {@code apps/<name>}. */
    public static String lockstepYaml(String... apps) {
        StringBuilder out = new StringBuilder("apiVersion: lockstep.io/v1\napplications:\n");
        if (apps.length == 0) {
            return out.append("  []\n").toString();
        }
        for (String app : apps) {
            out.append("  - name: ").append(app).append('\n')
                    .append("    path: apps/").append(app).append('\n')
                    .append("    target: { namespace: ").append(app).append(" }\n");
        }
        return out.toString();
    }

    public static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value + "\"\n";
    }
}
