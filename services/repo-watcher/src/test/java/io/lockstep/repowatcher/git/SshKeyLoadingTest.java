package io.lockstep.repowatcher.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.poll.SourceUnavailableException;
import io.lockstep.repowatcher.support.SshKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyLoadingTest {
    private static final String PASSPHRASE = "c0rrect-h0rse-battery";

    @TempDir
    Path dir;

    @Test
    void anEncryptedKeyOpensWithItsPassphraseFromAFile() throws IOException {
        Path key = Files.writeString(dir.resolve("id"), SshKeys.privateKey(SshKeys.generate(), PASSPHRASE));
        Path passphrase = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
        try (GitSsh ssh = new GitSsh("demo", credentials(key, Optional.empty(), Optional.of(passphrase)), dir)) {
            assertThatCode(ssh::prepare).doesNotThrowAnyException();
        }
    }

    @Test
    void aWrongPassphraseIsAConfigErrorThatQuotesNeitherKeyNorPassphrase() throws IOException {
        String pem = SshKeys.privateKey(SshKeys.generate(), PASSPHRASE);
        Path key = Files.writeString(dir.resolve("id"), pem);
        try (GitSsh ssh = new GitSsh("demo", credentials(key, Optional.of("wr0ng-passphrase"), Optional.empty()),
                dir)) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, ssh::prepare);
            assertThat(e.reason()).isEqualTo(SourceUnavailableException.CONFIG_ERROR);
            assertThat(e.getMessage()).contains("the SSH private key cannot be read")
                    .doesNotContain("wr0ng-passphrase").doesNotContain(PASSPHRASE);
            for (String line : pem.split("\n")) {
                if (!line.startsWith("-----")) {
                    assertThat(e.getMessage()).doesNotContain(line.strip());
                }
            }
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void aKeyWithoutKnownHostsIsRefused() throws IOException {
        Path key = Files.writeString(dir.resolve("id"), SshKeys.privateKey(SshKeys.generate(), null));
        WatcherConfig.Credentials c = credentials(key, Optional.empty(), Optional.empty());
        WatcherConfig.Credentials noKnownHosts = new Creds(c.sshPrivateKeyFile(), Optional.empty(), Optional.empty(),
                Optional.empty());
        try (GitSsh ssh = new GitSsh("demo", noKnownHosts, dir)) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, ssh::prepare);
            assertThat(e.reason()).isEqualTo(SourceUnavailableException.CONFIG_ERROR);
            assertThat(e.getMessage()).contains("ssh-known-hosts-file");
        }
    }

    private WatcherConfig.Credentials credentials(Path key, Optional<String> passphrase,
            Optional<Path> passphraseFile) throws IOException {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        return new Creds(Optional.of(key), passphrase, passphraseFile, Optional.of(knownHosts));
    }

    private record Creds(Optional<Path> sshPrivateKeyFile, Optional<String> sshPassphrase,
            Optional<Path> sshPassphraseFile, Optional<Path> sshKnownHostsFile) implements WatcherConfig.Credentials {
        @Override
        public Optional<String> username() {
            return Optional.empty();
        }

        @Override
        public Optional<String> password() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> passwordFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> token() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> tokenFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> sshPrivateKey() {
            return Optional.empty();
        }
    }
}
