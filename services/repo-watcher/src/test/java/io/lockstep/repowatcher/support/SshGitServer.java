package io.lockstep.repowatcher.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server (Apache MINA sshd) serving the test repos read-only: {@code git-upload-pack '/<source>.git'}
 * runs JGit's UploadPack on that source's origin repo. Only public-key authentication, with one authorized key.
 */
public final class SshGitServer implements AutoCloseable {
    private final SshServer server;

    private SshGitServer(SshServer server) {
        this.server = server;
    }

    public static SshGitServer start(Path reposRoot, KeyPair hostKey, PublicKey authorizedKey) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorizedKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((CommandFactory) (channel, command) -> new UploadPackCommand(reposRoot, command));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SshGitServer(server);
    }

    public int port() {
        return server.getPort();
    }

    /** {@code ssh://git@127.0.0.1:<port>/<source>.git}. */
    public String url(String sourceId) {
        return "ssh://git@127.0.0.1:" + port() + "/" + sourceId + ".git";
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class UploadPackCommand implements Command {
        private final Path reposRoot;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path reposRoot, String command) {
            this.reposRoot = reposRoot;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread worker = new Thread(this::run, "test-ssh-upload-pack");
            worker.setDaemon(true);
            worker.start();
        }

        private void run() {
            List<String> words = CommandFactory.split(command);
            if (words.size() != 2 || !words.get(0).equals("git-upload-pack")) {
                exit.onExit(127, "only git-upload-pack is served");
                return;
            }
            String name = words.get(1).replaceAll("^/+", "").replaceAll("\\.git$", "");
            Path dir = reposRoot.resolve(name).resolve("origin.git");
            if (!name.matches("[a-z0-9-]+") || !Files.isDirectory(dir)) {
                exit.onExit(128, "no repository " + name);
                return;
            }
            try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
                new UploadPack(repo).upload(in, out, err);
                out.flush();
                exit.onExit(0);
            } catch (IOException | RuntimeException e) {
                exit.onExit(1, String.valueOf(e.getMessage()));
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
