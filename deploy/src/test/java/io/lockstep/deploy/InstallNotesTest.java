package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import org.junit.jupiter.api.Test;

/** What `helm install` prints after the manifest: what was installed, and how to check that it runs. */
class InstallNotesTest {

    @Test
    void notesNameEveryServiceWithItsImageAndTellHowToCheckTheInstall() {
        Release release = new Helm(RenderedChart.CHART).install().withName(RenderedChart.RELEASE)
                .withNamespace(RenderedChart.NAMESPACE).clientOnly().dryRun().call();
        String notes = release.getOutput().substring(release.getOutput().indexOf("NOTES:"));

        for (String component : RenderedChart.COMPONENTS) {
            assertThat(notes).contains(RenderedChart.objectName(component) + ": lockstep/" + component + ":");
        }
        assertThat(notes)
                .contains("lockstep-kafka-bootstrap:9092 (PLAINTEXT; topics: 12 partitions, replication 3)")
                .contains("differ: get/list/watch (cluster); applier: write (cluster)")
                .contains("kubectl -n " + RenderedChart.NAMESPACE + " wait --for=condition=Available deployment")
                .contains("/q/health");
    }
}
