package io.lockstep.applier.it;

import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the applier's other surroundings for the integration tests ({@link ApplierFixtures}) and configures it
 * with them: {@code lockstep.applier.sources.demo.url} (a real bare repository over file://),
 * {@code lockstep.applier.sources.remote.url} (an https URL with no credentials), and the cluster {@code edge}
 * ({@code lockstep.applier.clusters.edge.kubeconfig}, a second API server emulator).
 */
public class ApplierFixturesResource implements QuarkusTestResourceLifecycleManager {
    private Path dir;
    private ApplierFixtures fixtures;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("applier-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitRepoFixture repo = GitRepoFixture.create(dir.resolve("config"));
        // The branch must exist before anything is reverted on it.
        repo.write("README.md", "config repo\n").commit("init", "Ada Lovelace", "ada@example.com");
        KubeApiEmulator edge = KubeApiEmulator.start();
        Path kubeconfig = edge.writeKubeconfig(dir.resolve("edge-kubeconfig.yaml"));
        fixtures = new ApplierFixtures(repo, edge);
        return Map.of(
                "lockstep.applier.sources.demo.url", repo.url(),
                "lockstep.applier.sources.remote.url", "https://bob@git.example.invalid/acme/config.git",
                "lockstep.applier.git.workdir", dir.resolve("clones").toString(),
                "lockstep.applier.clusters.edge.kubeconfig", kubeconfig.toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fixtures,
                new TestInjector.AnnotatedAndMatchesType(InjectApplierFixtures.class, ApplierFixtures.class));
    }

    @Override
    public void stop() {
        if (fixtures != null) {
            fixtures.configRepo().close();
            fixtures.edge().close();
        }
    }
}
