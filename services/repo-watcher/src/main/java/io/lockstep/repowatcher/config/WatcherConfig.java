package io.lockstep.repowatcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The repo-watcher's typed configuration: the config repos to watch ({@code lockstep.sources.<id>.*}) and how the
 * watcher itself behaves ({@code lockstep.watcher.*}).
 */
@ConfigMapping(prefix = "lockstep")
public interface WatcherConfig {

    /** The repos to watch, by source id. The id is the first half of every application id ({@code <source>/<app>}). */
    Map<String, Source> sources();

    Watcher watcher();

    /**
     * Topic provisioning, read by service-support's KafkaTopicsStartup; declared here too because this mapping owns
     * the {@code lockstep} prefix, and an unknown key under it (a typo) fails the start-up on purpose.
     */
    Kafka kafka();

    /** {@code lockstep.kafka.*}: partitions and replication of the topics created at start-up. */
    interface Kafka {
        @WithDefault("12")
        int partitions();

        @WithName("replication-factor")
        @WithDefault("1")
        short replicationFactor();

        @WithName("create-topics")
        @WithDefault("true")
        boolean createTopics();
    }

    /** One config repo. */
    interface Source {
        /** Clone URL (https, ssh, git or file). Credentials in it are used for fetching but never shown. */
        String url();

        /** The branch to track, unless {@link #tag()} or {@link #semver()} is set. */
        @WithDefault("main")
        String branch();

        /** Track this exact tag instead of a branch (e.g. {@code v1.4.2}); a re-pointed tag is followed. */
        Optional<String> tag();

        /**
         * Track the newest tag whose version matches this range instead of a branch: {@code >=1.2.0 <2.0.0},
         * {@code 1.x}, {@code ^1.2}, {@code ~1.2.3}, alternatives with {@code ||}. A leading {@code v} in tag names
         * is ignored; pre-releases match only when the range names one.
         */
        Optional<String> semver();

        /** Push webhooks for this source; absent means the source is only polled. */
        Optional<Webhook> webhook();

        /** How often to ask the remote whether the branch moved. */
        @WithName("poll-interval")
        @WithDefault("60s")
        Duration pollInterval();

        /** How to authenticate; absent for public repos or credentials embedded in the URL. */
        Optional<Credentials> credentials();

        /** Commit signature verification; absent means commits are not checked. */
        Optional<Verify> verify();

        /**
         * Fetch only the tracked commit on first sight (a depth-1 clone) and whatever is new afterwards; history is
         * fetched in full only when a diff needs it. Off: always fetch the whole history.
         */
        @WithDefault("true")
        boolean shallow();
    }

    /**
     * The push webhook of one source, received at {@code POST /webhooks/<source-id>}. The secret signs (or, for
     * GitLab, is) every delivery; a source without one refuses all deliveries.
     */
    interface Webhook {
        /** The shared secret, inline (best from an environment variable). */
        Optional<String> secret();

        /** The shared secret in a file (a mounted Kubernetes Secret), read at every delivery; wins over the inline one. */
        @WithName("secret-file")
        Optional<Path> secretFile();

        /**
         * Accept only this provider's deliveries ({@code github}, {@code gitlab}, {@code bitbucket-cloud},
         * {@code bitbucket-server}, {@code gitea}, {@code generic}); by default the provider is recognised by its
         * headers.
         */
        Optional<String> provider();

        /** Pushes within this window after the first one are answered by one fetch. */
        @WithDefault("250ms")
        Duration debounce();

        /** Generic receiver: how far the signed timestamp may be from now before the delivery counts as replayed. */
        @WithName("max-age")
        @WithDefault("5m")
        Duration maxAge();
    }

    /**
     * Credentials of one source. Every secret can be given inline (from an environment variable, e.g.
     * {@code LOCKSTEP_SOURCES_DEMO_CREDENTIALS_TOKEN}) or as a file (a mounted Kubernetes Secret); a file wins.
     * HTTPS uses a token or a user and password; {@code ssh://} and {@code git@host:path} URLs use a private key
     * and a known-hosts file (both required).
     */
    interface Credentials {
        /** HTTPS user name; defaults to {@code git} with a token (GitHub, GitLab and Gitea all accept that). */
        Optional<String> username();

        Optional<String> password();

        @WithName("password-file")
        Optional<Path> passwordFile();

        Optional<String> token();

        @WithName("token-file")
        Optional<Path> tokenFile();

        /** SSH private key (OpenSSH or PEM), in a file; wins over {@link #sshPrivateKey()}. */
        @WithName("ssh-private-key-file")
        Optional<Path> sshPrivateKeyFile();

        /** SSH private key inline (best from an environment variable). */
        @WithName("ssh-private-key")
        Optional<String> sshPrivateKey();

        /** Passphrase of an encrypted SSH key, inline. */
        @WithName("ssh-passphrase")
        Optional<String> sshPassphrase();

        /** Passphrase of an encrypted SSH key, in a file; wins over the inline one. */
        @WithName("ssh-passphrase-file")
        Optional<Path> sshPassphraseFile();

        /** The OpenSSH known_hosts file the server's key must be in; required with an SSH key. */
        @WithName("ssh-known-hosts-file")
        Optional<Path> sshKnownHostsFile();
    }

    /**
     * Commit signature verification of one source: the commit at the tracked ref must carry a valid signature by a
     * trusted key, or it is not announced.
     */
    interface Verify {
        /** {@code pgp} (OpenPGP signatures, keys in an OpenPGP key file) or {@code ssh} (SSH signatures). */
        String mode();

        /**
         * The trusted keys: for {@code pgp} one or more public keys, ASCII-armored or binary ({@code gpg --export
         * --armor}); for {@code ssh} an OpenSSH allowed-signers file ({@code <committer email> <key type> <key>}).
         * Read at every check, so it can be rotated without a restart.
         */
        @WithName("keys-file")
        Path keysFile();
    }

    /** How the watcher works, shared by every source. */
    interface Watcher {
        /** Where local clones live, one folder per source. Losing it costs one fetch, nothing else. */
        @WithDefault("${java.io.tmpdir}/lockstep-repo-watcher")
        Path workdir();

        /** Spread of each poll interval, in percent, so many sources do not hit one Git server in step. */
        @WithName("poll-jitter-percent")
        @WithDefault("10")
        int pollJitterPercent();

        /** Longest wait between two attempts on a source that keeps failing (the backoff doubles up to it). */
        @WithName("max-backoff")
        @WithDefault("5m")
        Duration maxBackoff();

        /** Threads polling sources; polls of one source never overlap whatever this is. */
        @WithName("poll-threads")
        @WithDefault("2")
        int pollThreads();

        /** How long to wait for the broker to acknowledge the events of one commit. */
        @WithName("send-timeout")
        @WithDefault("30s")
        Duration sendTimeout();

        Limits limits();
    }

    /** Caps on what one commit may make the watcher read, so a hostile or mistaken repo cannot exhaust it. */
    interface Limits {
        /** Largest {@code lockstep.yaml} accepted. */
        @WithName("config-bytes")
        @WithDefault("262144")
        int configBytes();

        /** Largest single file of an application. */
        @WithName("file-bytes")
        @WithDefault("1048576")
        long fileBytes();

        /** Most files in one application. */
        @WithName("files-per-app")
        @WithDefault("1000")
        int filesPerApp();

        /** Most bytes in one application (all files); keeps each event well under the broker's message limit. */
        @WithName("bytes-per-app")
        @WithDefault("4194304")
        long bytesPerApp();
    }
}
