package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.PgpTestKey;
import io.lockstep.repowatcher.support.TamperingSigner;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.jgit.lib.GpgConfig.GpgFormat;
import org.eclipse.jgit.lib.Signer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source with {@code verify.mode=pgp} announces only commits signed by a key in its key file; an unsigned commit,
 * one signed by another key, and one whose signature does not match it are reported as {@code signature-rejected}
 * and never announced.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class PgpSignatureVerificationIT {
    private static final String SOURCE = WatcherSourcesResource.SIGNED_PGP;
    private static PgpTestKey trusted;
    private static PgpTestKey stranger;

    @Inject
    PollScheduler scheduler;

    @BeforeAll
    static void trustOneKey() throws IOException {
        trusted = PgpTestKey.generate("Ada Lovelace <ada@example.com>");
        stranger = PgpTestKey.generate("Mallory <mallory@example.com>");
        Files.writeString(WatcherSourcesResource.trustedKeysFile(SOURCE), trusted.armoredPublicKey());
    }

    @Test
    void aCommitSignedByATrustedKeyIsAnnounced() {
        String sha = commit("Signed by Ada", trusted);
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        assertThat(SignedSources.observedAt(SOURCE, sha)).isNotEmpty();
    }

    @Test
    void anUnsignedCommitIsRejectedAndNotAnnounced() {
        SignedSources.assertUnsignedCommitRejected(scheduler, SOURCE);
    }

    @Test
    void aCommitSignedByAnUnknownKeyIsRejectedAndNotAnnounced() {
        String sha = commit("Signed by a stranger", stranger);
        SignedSources.assertRejected(scheduler, SOURCE, sha, "signed by an unknown key (OpenPGP key id");
    }

    @Test
    void aCommitWhoseSignatureDoesNotMatchItIsRejectedAndNotAnnounced() {
        String sha = commit("Signature over other bytes", new TamperingSigner(trusted));
        SignedSources.assertRejected(scheduler, SOURCE, sha, "bad OpenPGP signature");
    }

    private static String commit(String message, Signer signer) {
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            return repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", message))
                    .commitSigned(message, signer, GpgFormat.OPENPGP, "ada@example.com");
        }
    }
}
