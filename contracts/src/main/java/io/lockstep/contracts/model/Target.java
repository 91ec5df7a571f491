package io.lockstep.contracts.model;

/** Where an application's objects go: a named cluster and the default namespace for namespaced objects. */
public record Target(String cluster, String namespace) {
    public static final String IN_CLUSTER = "in-cluster";

    public Target {
        cluster = cluster == null || cluster.isBlank() ? IN_CLUSTER : cluster;
    }
}
