package io.lockstep.contracts.model;

/** Identifies one Kubernetes object; {@code namespace} is null for cluster-scoped objects. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    public ObjectRef {
        Require.present(apiVersion, "apiVersion");
        Require.present(kind, "kind");
        Require.present(name, "name");
        namespace = namespace == null || namespace.isBlank() ? null : namespace;
    }

    /** The API group, empty for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Group/Kind/namespace/name: how desired and live objects are paired, whatever the API version. */
    public String key() {
        return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
