package io.lockstep.applier.it;

import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kube.KubeApiEmulator;

/**
 * What the applier is configured with besides its broker, database and default cluster: the config repository of
 * source {@code demo} (write access over file://) and a second cluster, {@code edge}, behind a kubeconfig file.
 */
public record ApplierFixtures(GitRepoFixture configRepo, KubeApiEmulator edge) {
    public static final String EDGE = "edge";
}
