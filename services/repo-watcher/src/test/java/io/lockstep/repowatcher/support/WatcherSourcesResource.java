package io.lockstep.repowatcher.support;

import io.lockstep.testsupport.git.GitRepoFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;

/**
 * Real config repos for the watcher under test, one per source so that test classes sharing the application do not
 * see each other's commits. Repos start empty (no branch yet); each test commits what it needs. One repo is also
 * served over {@code git://} by JGit's daemon, behind a URL that carries credentials.
 */
public class WatcherSourcesResource implements QuarkusTestResourceLifecycleManager {
    /** Sources polled every 200 ms. */
    public static final List<String> POLLED = List.of("first", "mono", "invalid", "removal", "resume", "unsafe");
    /** Polled only when asked (refresh command). */
    public static final String MANUAL = "manual";
    /** Served over git:// with credentials in the URL. */
    public static final String SECRET = "secret";
    /** A file:// URL with nothing behind it. */
    public static final String MISSING = "missing";
    /** An https URL with credentials that nothing answers. */
    public static final String UNREACHABLE = "unreachable";
    public static final String URL_PASSWORD = "s3cr3t-in-url";
    public static final String TOKEN = "t0ken-from-config";

    /** Webhook-driven sources (polled hourly, so that only webhooks and the tests' pollNow make them fetch). */
    public static final String HOOKED = "hooked";
    /** Same, with a long debounce window, for the burst test. */
    public static final String BURST = "burst";
    /** Same, with the default debounce, for the latency benchmark. */
    public static final String BENCH = "bench";
    /** Generic webhook whose secret comes from a file and which accepts only generic deliveries. */
    public static final String FILE_HOOK = "filehook";
    public static final String WEBHOOK_SECRET = "whs3cret-of-the-hook";
    public static final String FILE_WEBHOOK_SECRET = "whs3cret-from-a-file";

    /** Served over smart HTTP with basic auth: a token, a user and password, and a wrong token. */
    public static final String HTTP_TOKEN = "http-token";
    public static final String HTTP_PASSWORD = "http-password";
    public static final String HTTP_WRONG = "http-wrong";
    public static final String HTTP_TOKEN_VALUE = "ghp-t0ken-over-http";
    public static final String HTTP_USER = "grace";
    public static final String HTTP_PASSWORD_VALUE = "p4ssw0rd-over-http";
    public static final String HTTP_WRONG_TOKEN_VALUE = "wr0ng-t0ken-over-http";

    /** Tag tracking: one exact tag, one version range. */
    public static final String TAGGED = "tagged";
    public static final String RANGED = "ranged";
    /** Resilience: force-push, deleted branch, corrupt clone. */
    public static final String REWRITE = "rewrite";
    public static final String DELETED = "deleted";
    public static final String CORRUPT = "corrupt";
    /** Applications made by a directory generator. */
    public static final String GENERATED = "generated";

    /** Over SSH: the right (passphrase-protected) key, a key the server does not know, a host not in known_hosts. */
    public static final String SSH = "ssh";
    public static final String SSH_WRONG_KEY = "ssh-wrong-key";
    public static final String SSH_UNKNOWN_HOST = "ssh-unknown-host";
    public static final String SSH_PASSPHRASE = "p4ssphr4se-of-the-ssh-key";
    /** Commits must be signed: with a trusted OpenPGP key, or with an SSH key in the allowed signers. */
    public static final String SIGNED_PGP = "signed-pgp";
    public static final String SIGNED_SSH = "signed-ssh";
    /** Fails (its origin is moved away) and recovers. */
    public static final String RECOVER = "recover";
    /** A deep history fetched shallow. */
    public static final String SHALLOW = "shallow";
    /** Its local clone sits on a tiny tmpfs the test mounts. */
    public static final String DISK_FULL = "diskfull";

    private static final String ROOT_PROPERTY = "lockstep-test.repos";
    private SshGitServer ssh;
    private Daemon daemon;
    private HttpGitServer http;

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("lockstep-watcher-it");
            System.setProperty(ROOT_PROPERTY, root.toString());
            Map<String, String> config = new HashMap<>();
            for (String id : POLLED) {
                config.put("lockstep.sources." + id + ".url", create(root, id));
                config.put("lockstep.sources." + id + ".poll-interval", "200ms");
            }
            config.put("lockstep.sources." + MANUAL + ".url", create(root, MANUAL));
            config.put("lockstep.sources." + MANUAL + ".poll-interval", "1h");

            create(root, SECRET);
            Repository served = new FileRepositoryBuilder().setGitDir(root.resolve(SECRET).resolve("origin.git")
                    .toFile()).setMustExist(true).build();
            daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
            daemon.setRepositoryResolver((RepositoryResolver<org.eclipse.jgit.transport.DaemonClient>) (req, name) -> {
                served.incrementOpen();
                return served;
            });
            daemon.start();
            config.put("lockstep.sources." + SECRET + ".url", "git://ada:" + URL_PASSWORD + "@127.0.0.1:"
                    + daemon.getAddress().getPort() + "/config.git");
            config.put("lockstep.sources." + SECRET + ".poll-interval", "200ms");

            config.put("lockstep.sources." + MISSING + ".url", root.resolve("nothing-here.git").toUri().toString());
            config.put("lockstep.sources." + MISSING + ".poll-interval", "1h");
            config.put("lockstep.sources." + UNREACHABLE + ".url", "https://ada:" + URL_PASSWORD
                    + "@127.0.0.1:1/config.git");
            config.put("lockstep.sources." + UNREACHABLE + ".credentials.token", TOKEN);
            config.put("lockstep.sources." + UNREACHABLE + ".poll-interval", "1h");

            for (String id : List.of(HOOKED, BURST, BENCH, FILE_HOOK, TAGGED, RANGED, REWRITE, DELETED, CORRUPT,
                    GENERATED)) {
                config.put("lockstep.sources." + id + ".url", create(root, id));
                config.put("lockstep.sources." + id + ".poll-interval", "1h");
            }
            for (String id : List.of(HOOKED, BURST, BENCH)) {
                config.put("lockstep.sources." + id + ".webhook.secret", WEBHOOK_SECRET);
            }
            config.put("lockstep.sources." + HOOKED + ".webhook.debounce", "50ms");
            config.put("lockstep.sources." + BURST + ".webhook.debounce", "3s");
            // The benchmark measures the default window unless told otherwise (-Dbench.debounce=50ms).
            if (System.getProperty("bench.debounce") != null) {
                config.put("lockstep.sources." + BENCH + ".webhook.debounce", System.getProperty("bench.debounce"));
            }
            Path secretFile = root.resolve("filehook-secret");
            Files.writeString(secretFile, FILE_WEBHOOK_SECRET + "\n");
            config.put("lockstep.sources." + FILE_HOOK + ".webhook.secret-file", secretFile.toString());
            config.put("lockstep.sources." + FILE_HOOK + ".webhook.provider", "generic");
            config.put("lockstep.sources." + FILE_HOOK + ".webhook.debounce", "50ms");
            config.put("lockstep.sources." + TAGGED + ".tag", "v1.0.0");
            config.put("lockstep.sources." + RANGED + ".semver", ">=1.2.0 <2.0.0");

            for (String id : List.of(HTTP_TOKEN, HTTP_PASSWORD, HTTP_WRONG)) {
                create(root, id);
            }
            http = HttpGitServer.start(root, Map.of("git", HTTP_TOKEN_VALUE, HTTP_USER, HTTP_PASSWORD_VALUE));
            for (String id : List.of(HTTP_TOKEN, HTTP_PASSWORD, HTTP_WRONG)) {
                config.put("lockstep.sources." + id + ".url", http.url(id));
                config.put("lockstep.sources." + id + ".poll-interval", "1h");
            }
            config.put("lockstep.sources." + HTTP_TOKEN + ".credentials.token", HTTP_TOKEN_VALUE);
            Path passwordFile = root.resolve("http-password-secret");
            Files.writeString(passwordFile, HTTP_PASSWORD_VALUE + "\n");
            config.put("lockstep.sources." + HTTP_PASSWORD + ".credentials.username", HTTP_USER);
            config.put("lockstep.sources." + HTTP_PASSWORD + ".credentials.password-file", passwordFile.toString());
            config.put("lockstep.sources." + HTTP_WRONG + ".credentials.token", HTTP_WRONG_TOKEN_VALUE);

            sshSources(root, config);
            for (String id : List.of(SIGNED_PGP, SIGNED_SSH, RECOVER, SHALLOW, DISK_FULL)) {
                config.put("lockstep.sources." + id + ".url", create(root, id));
                config.put("lockstep.sources." + id + ".poll-interval", "1h");
            }
            // The trusted keys are written by the tests (generated there); the files are read at every check.
            config.put("lockstep.sources." + SIGNED_PGP + ".verify.mode", "pgp");
            config.put("lockstep.sources." + SIGNED_PGP + ".verify.keys-file", trustedKeysFile(SIGNED_PGP).toString());
            config.put("lockstep.sources." + SIGNED_SSH + ".verify.mode", "ssh");
            config.put("lockstep.sources." + SIGNED_SSH + ".verify.keys-file", trustedKeysFile(SIGNED_SSH).toString());

            config.put("lockstep.watcher.workdir", root.resolve("watcher-workdir").toString());
            config.put("lockstep.watcher.max-backoff", "1s");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SSH server and its three sources. The key files are kept under the repos root so that tests can check that
     * no line of them ever shows.
     */
    private void sshSources(Path root, Map<String, String> config) throws IOException {
        for (String id : List.of(SSH, SSH_WRONG_KEY, SSH_UNKNOWN_HOST)) {
            create(root, id);
        }
        KeyPair hostKey = SshKeys.generate();
        KeyPair clientKey = SshKeys.generate();
        KeyPair strangerKey = SshKeys.generate();
        ssh = SshGitServer.start(root, hostKey, clientKey.getPublic());
        Path dir = Files.createDirectories(root.resolve("ssh-keys"));
        Path keyFile = dir.resolve("id_ecdsa");
        Files.writeString(keyFile, SshKeys.privateKey(clientKey, SSH_PASSPHRASE));
        Files.writeString(dir.resolve("stranger_ecdsa"), SshKeys.privateKey(strangerKey, null));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + ssh.port() + " " + SshKeys.publicKeyLine(hostKey.getPublic())
                + "\n");
        Path otherHosts = dir.resolve("known_hosts_other");
        // The same host with another key: what a man in the middle (or a re-installed server) would present.
        Files.writeString(dir.resolve("known_hosts_changed"), "[127.0.0.1]:" + ssh.port() + " "
                + SshKeys.publicKeyLine(SshKeys.generate().getPublic()) + "\n");
        Files.copy(dir.resolve("known_hosts_changed"), otherHosts);
        for (String id : List.of(SSH, SSH_WRONG_KEY, SSH_UNKNOWN_HOST)) {
            config.put("lockstep.sources." + id + ".url", ssh.url(SSH));
            config.put("lockstep.sources." + id + ".poll-interval", "1h");
        }
        config.put("lockstep.sources." + SSH + ".credentials.ssh-private-key-file", keyFile.toString());
        config.put("lockstep.sources." + SSH + ".credentials.ssh-passphrase", SSH_PASSPHRASE);
        config.put("lockstep.sources." + SSH + ".credentials.ssh-known-hosts-file", knownHosts.toString());
        // Inline, as it would come from an environment variable.
        config.put("lockstep.sources." + SSH_WRONG_KEY + ".credentials.ssh-private-key",
                SshKeys.privateKey(strangerKey, null));
        config.put("lockstep.sources." + SSH_WRONG_KEY + ".credentials.ssh-known-hosts-file", knownHosts.toString());
        config.put("lockstep.sources." + SSH_UNKNOWN_HOST + ".credentials.ssh-private-key-file", keyFile.toString());
        config.put("lockstep.sources." + SSH_UNKNOWN_HOST + ".credentials.ssh-passphrase", SSH_PASSPHRASE);
        config.put("lockstep.sources." + SSH_UNKNOWN_HOST + ".credentials.ssh-known-hosts-file",
                otherHosts.toString());
    }

    /** The private key files the SSH sources use (their lines must never show anywhere). */
    public static List<Path> sshPrivateKeyFiles() {
        Path dir = Path.of(System.getProperty(ROOT_PROPERTY)).resolve("ssh-keys");
        return List.of(dir.resolve("id_ecdsa"), dir.resolve("stranger_ecdsa"));
    }

    /**
     * The known_hosts file of {@link #SSH_UNKNOWN_HOST} (read at every connection, so tests may rewrite it), and a
     * copy of its first content: the test server's address with a key the server does not have.
     */
    public static Path sshUnknownHostKnownHosts() {
        return Path.of(System.getProperty(ROOT_PROPERTY)).resolve("ssh-keys").resolve("known_hosts_other");
    }

    public static Path sshChangedHostKnownHosts() {
        return Path.of(System.getProperty(ROOT_PROPERTY)).resolve("ssh-keys").resolve("known_hosts_changed");
    }

    /** Where a signed source reads its trusted keys from; tests write it. */
    public static Path trustedKeysFile(String sourceId) {
        return Path.of(System.getProperty(ROOT_PROPERTY)).resolve(sourceId + "-trusted-keys");
    }

    @Override
    public void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        if (http != null) {
            http.close();
        }
    }

    /** The bare repository a source fetches from. */
    public static Path originDir(String sourceId) {
        return repoDir(sourceId).resolve("origin.git");
    }

    static Path repoDir(String sourceId) {
        return Path.of(System.getProperty(ROOT_PROPERTY)).resolve(sourceId);
    }

    /** The watcher's local clone of a source. */
    public static Path cloneDir(String sourceId) {
        return Path.of(System.getProperty(ROOT_PROPERTY)).resolve("watcher-workdir").resolve(sourceId + ".git");
    }

    private static String create(Path root, String id) {
        try (GitRepoFixture fixture = GitRepoFixture.create(root.resolve(id))) {
            return fixture.url();
        }
    }
}
