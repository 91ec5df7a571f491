package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.SshKeys;
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
import java.nio.file.Path;
import java.security.KeyPair;
import org.eclipse.jgit.lib.GpgConfig.GpgFormat;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source with {@code verify.mode=ssh} announces only commits signed (with JGit's SSH signer) by a key its
 * allowed-signers file lists for the committer; unsigned, unknown-key and non-matching signatures are rejected.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class SshSignatureVerificationIT {
    private static final String SOURCE = WatcherSourcesResource.SIGNED_SSH;
    private static Path trustedKey;
    private static Path strangerKey;

    @Inject
    PollScheduler scheduler;

    @BeforeAll
    static void allowOneSigner() throws IOException {
        Path dir = Files.createTempDirectory("lockstep-ssh-signing");
        KeyPair trusted = SshKeys.generate();
        trustedKey = dir.resolve("ada_ecdsa");
        Files.writeString(trustedKey, SshKeys.privateKey(trusted, null));
        strangerKey = dir.resolve("mallory_ecdsa");
        Files.writeString(strangerKey, SshKeys.privateKey(SshKeys.generate(), null));
        Files.writeString(WatcherSourcesResource.trustedKeysFile(SOURCE),
                TestRepo.EMAIL + " " + SshKeys.publicKeyLine(trusted.getPublic()) + "\n");
    }

    @Test
    void aCommitSignedByAnAllowedSignerIsAnnounced() {
        String sha = commit("Signed by Ada", sshSigner(), trustedKey);
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        assertThat(SignedSources.observedAt(SOURCE, sha)).isNotEmpty();
    }

    @Test
    void anUnsignedCommitIsRejectedAndNotAnnounced() {
        SignedSources.assertUnsignedCommitRejected(scheduler, SOURCE);
    }

    @Test
    void aCommitSignedByAKeyNotInAllowedSignersIsRejectedAndNotAnnounced() {
        String sha = commit("Signed by a stranger", sshSigner(), strangerKey);
        SignedSources.assertRejected(scheduler, SOURCE, sha, "signed by an unknown key (SHA256:");
    }

    @Test
    void aCommitWhoseSignatureDoesNotMatchItIsRejectedAndNotAnnounced() {
        String sha = commit("Signature over other bytes", new TamperingSigner(sshSigner()), trustedKey);
        SignedSources.assertRejected(scheduler, SOURCE, sha, "bad SSH signature");
    }

    private static Signer sshSigner() {
        return Signers.get(GpgFormat.SSH);
    }

    private static String commit(String message, Signer signer, Path key) {
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            return repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", message))
                    .commitSigned(message, signer, GpgFormat.SSH, key.toString());
        }
    }
}
