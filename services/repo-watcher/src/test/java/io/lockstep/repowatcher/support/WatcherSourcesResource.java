package io.lockstep.repowatcher.support;

import io.lockstep.testsupport.git.GitRepoFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final String ROOT_PROPERTY = "lockstep-test.repos";
    private Daemon daemon;

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

            config.put("lockstep.watcher.workdir", root.resolve("watcher-workdir").toString());
            config.put("lockstep.watcher.max-backoff", "1s");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (daemon != null) {
            daemon.stop();
        }
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
