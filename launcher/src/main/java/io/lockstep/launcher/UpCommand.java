package io.lockstep.launcher;

import io.lockstep.launcher.demo.DemoManifests;
import io.lockstep.launcher.demo.NotificationPrinter;
import io.lockstep.launcher.stack.PidFiles;
import io.lockstep.launcher.stack.Stack;
import io.lockstep.launcher.stack.StackOptions;
import io.lockstep.launcher.stack.Target;
import io.lockstep.testsupport.git.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep up}: starts the stack and stays in the foreground until Ctrl-C or {@code lockstep down}, printing
 * notifications as the stand-ins receive them. Its own pid and its children's are kept under {@code <state>/pids}.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts the stack and keeps it running in the foreground until Ctrl-C or ./lockstep down "
                + "(from another shell), watching --repo (default: the demo repo under the state folder).",
                "Without --kubeconfig the target is the sandbox, and the stack keeps nothing after it stops."})
public final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "PATH_OR_URL",
            description = "Config repo to watch: a local Git repository or a URL (default: the demo repo).")
    String repo;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = "main",
            description = "Branch to track (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--source", paramLabel = "ID", defaultValue = "demo",
            description = "Source id: the first part of every application id (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Deploy to the current context of this kubeconfig (default: the sandbox).")
    Path kubeconfig;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL, e.g. postgresql://user:password@host:5432/lockstep (default: 127.0.0.1:5432, "
                    + "else an embedded PostgreSQL).")
    String databaseUrl;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Folder for logs, pid files, broker data and the demo repo (default: .lockstep).")
    Path stateDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port of the Kafka broker (default: ${DEFAULT-VALUE}; 0: a free one).")
    int kafkaPort;

    @Option(names = "--service-ports", paramLabel = "FIRST", defaultValue = "8081",
            description = "HTTP ports of notifier, applier, differ, repo-watcher: FIRST to FIRST+3 "
                    + "(default: ${DEFAULT-VALUE}; 0: free ones).")
    int servicePorts;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "How often the repo-watcher polls the repo (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Override
    public Integer call() throws InterruptedException {
        Console console = new Console(spec.commandLine().getOut());
        Layout layout = Layout.of(stateDir);
        refuseIfRunning(layout);
        if (!source.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
            throw new LauncherException("--source " + source + " is not a valid source id: use lower-case letters, "
                    + "digits and '-'");
        }
        String url = repo == null ? null : repoUrl(repo);
        Target.checkKubeconfig(kubeconfig);
        boolean throwAway = kubeconfig == null;
        StackOptions options = new StackOptions(layout, source, url == null ? "file:///pending" : url, branch,
                Duration.ofSeconds(Math.max(1, pollSeconds)), kubeconfig, databaseUrl, kafkaPort, servicePorts, 3,
                throwAway, System.getenv());
        Stack.preflight(options);
        if (url == null) {
            url = demoRepo(layout, console);
            options = new StackOptions(layout, source, url, branch, options.pollInterval(), kubeconfig, databaseUrl,
                    kafkaPort, servicePorts, 3, throwAway, System.getenv());
        }
        PidFiles.write(layout, PidFiles.LAUNCHER, ProcessHandle.current().pid());
        console.line("Starting Lockstep (state and logs: %s)%s", layout.stateDir(),
                throwAway ? "; the cluster is a SANDBOX: fabric8's API server emulator plus a workload simulator"
                        : "");
        Stack stack;
        try {
            stack = Stack.start(options, console);
        } catch (RuntimeException e) {
            PidFiles.delete(layout, PidFiles.LAUNCHER);
            throw e;
        }
        NotificationPrinter printer = new NotificationPrinter(stack.messaging(), console).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.line("Stopping Lockstep...");
            printer.close();
            stack.close();
            PidFiles.delete(layout, PidFiles.LAUNCHER);
            console.line("Stopped.");
            stopped.countDown();
        }, "lockstep-up-stop"));
        console.line("");
        console.line("Lockstep is up, watching %s (branch %s) as source '%s'.", url, branch, source);
        console.line("  target:  %s", stack.target().description());
        if (stack.target().isSandbox()) {
            console.line("           kubectl --kubeconfig %s get all -A   (sandbox)", stack.target().kubeconfig());
        }
        console.line("  kafka:   %s", stack.bootstrapServers());
        console.line("  status:  ./lockstep status [--json]        stop: Ctrl-C or ./lockstep down");
        console.line("Notifications received by the local stand-ins are printed below.");
        stopped.await();
        return 0;
    }

    /** A URL as it is, or a local folder that must hold a Git repository (bare or with a .git folder). */
    static String repoUrl(String repo) {
        if (repo.contains("://") || repo.matches("[\\w.-]+@[\\w.-]+:.*")) {
            return repo;
        }
        Path dir = Path.of(repo).toAbsolutePath().normalize();
        if (Files.isDirectory(dir.resolve(".git")) && RepositoryCache.FileKey.isGitRepository(
                dir.resolve(".git").toFile(), FS.DETECTED)) {
            return dir.resolve(".git").toUri().toString();
        }
        if (Files.isDirectory(dir) && RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            return dir.toUri().toString();
        }
        throw new LauncherException("--repo " + repo + " is not a Git repository: pass a folder that holds one "
                + "(git init) or a repository URL");
    }

    /** The demo repo under the state folder, created with the demo application when it does not exist yet. */
    static String demoRepo(Layout layout, Console console) {
        Path bare = layout.demoRepo().resolve("origin.git");
        if (Files.isDirectory(bare)) {
            return bare.toUri().toString();
        }
        try (GitRepoFixture fixture = GitRepoFixture.create(layout.ensure(layout.demoRepo()))) {
            fixture.write("README.md", DemoManifests.README)
                    .write("lockstep.yaml", DemoManifests.LOCKSTEP_YAML)
                    .write("apps/web/deployment.yaml", DemoManifests.deployment("nginx:1.27.0"))
                    .write("apps/web/service.yaml", DemoManifests.SERVICE)
                    .write("apps/web/configmap.yaml", DemoManifests.CONFIG_MAP)
                    .commit("Deploy web nginx:1.27.0", DemoManifests.AUTHOR, DemoManifests.AUTHOR_EMAIL);
            console.line("Created the demo config repo %s (commit in %s, then git push)", fixture.url(),
                    fixture.workDir());
            return fixture.url();
        }
    }

    /** One stack per state folder: a second one would fight the first over ports, pid files and data. */
    static void refuseIfRunning(Layout layout) {
        Optional<ProcessHandle> launcher = PidFiles.process(layout, PidFiles.LAUNCHER);
        if (launcher.isPresent()) {
            throw new LauncherException("Lockstep is already running from " + layout.stateDir() + " (pid "
                    + launcher.get().pid() + "): stop it with ./lockstep down, or pass another --state-dir");
        }
    }
}
