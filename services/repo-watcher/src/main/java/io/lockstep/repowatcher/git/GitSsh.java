package io.lockstep.repowatcher.git;

import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.poll.SourceUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH access for one source, over JGit's Apache MINA sshd transport: exactly one private key (from a file or the
 * environment, optionally with a passphrase), and server keys checked against the source's known-hosts file only. An
 * unknown or changed host key is refused, never learned: there is no "accept new" or "no checking" mode. Nothing
 * from the user's {@code ~/.ssh} (config, keys, known hosts, agent) is used.
 */
final class GitSsh implements TransportConfigCallback, AutoCloseable {
    private final String sourceId;
    private final WatcherConfig.Credentials config;
    private final SshdSessionFactory factory;
    private volatile List<KeyPair> keys = List.of();
    /** Digest of the key file and passphrase the keys were read from: decrypting a key (bcrypt KDF) is slow. */
    private byte[] keysFrom;
    private volatile String rejection;

    GitSsh(String sourceId, WatcherConfig.Credentials config, Path sshDir) {
        this.sourceId = sourceId;
        this.config = config;
        File dir = sshDir.toFile();
        this.factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(dir)
                .setSshDirectory(dir)
                // An empty folder of our own: no ssh config, default identities or known hosts of the user running
                // the watcher can change what a source connects with.
                .setConfigFile(d -> new File(dir, "config-not-used"))
                .setDefaultIdentities(d -> List.of())
                .setDefaultKnownHostsFiles(d -> List.of())
                .setDefaultKeysProvider(d -> keys)
                .setPreferredAuthentications("publickey")
                .setServerKeyDatabase((home, ssh) -> new KnownHostsOnly())
                .build(null);
    }

    /** Whether a source configuration asks for SSH (a key is configured). */
    static boolean configured(WatcherConfig.Credentials c) {
        return c.sshPrivateKeyFile().isPresent() || c.sshPrivateKey().isPresent();
    }

    /**
     * Reads the key (again: a rotated Secret is picked up) and checks that a known-hosts file is there; call before
     * each connection. Clears the last host-key rejection.
     */
    void prepare() throws SourceUnavailableException {
        rejection = null;
        if (config.sshKnownHostsFile().isEmpty()) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR, "source " + sourceId
                    + ": an SSH key needs credentials.ssh-known-hosts-file (host keys are never accepted unchecked)",
                    null);
        }
        if (!Files.isReadable(config.sshKnownHostsFile().get())) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                    "cannot read credentials ssh-known-hosts-file " + config.sshKnownHostsFile().get(), null);
        }
        byte[] key = privateKey();
        Optional<String> passphrase = passphrase();
        byte[] digest = digest(key, passphrase.orElse(""));
        if (MessageDigest.isEqual(digest, keysFrom)) {
            return;
        }
        try {
            List<KeyPair> loaded = new ArrayList<>();
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null,
                    NamedResource.ofName("ssh-private-key of source " + sourceId), new ByteArrayInputStream(key),
                    passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY));
            if (pairs != null) {
                pairs.forEach(loaded::add);
            }
            if (loaded.isEmpty()) {
                throw new IOException("no key");
            }
            keys = List.copyOf(loaded);
            keysFrom = digest;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The parser's own message may quote the key; say only what the operator can act on.
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR, "source " + sourceId
                    + ": the SSH private key cannot be read (not an OpenSSH/PEM private key, or a wrong or missing "
                    + "passphrase)", null);
        }
    }

    private static byte[] digest(byte[] key, String passphrase) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            sha.update((byte) 0);
            sha.update(passphrase.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] privateKey() throws SourceUnavailableException {
        if (config.sshPrivateKeyFile().isPresent()) {
            Path file = config.sshPrivateKeyFile().get();
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                        "cannot read credentials ssh-private-key-file " + file, null);
            }
        }
        return config.sshPrivateKey().orElse("").getBytes(StandardCharsets.UTF_8);
    }

    private Optional<String> passphrase() throws SourceUnavailableException {
        if (config.sshPassphraseFile().isPresent()) {
            Path file = config.sshPassphraseFile().get();
            try {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                        "cannot read credentials ssh-passphrase-file " + file, null);
            }
        }
        return config.sshPassphrase().filter(s -> !s.isEmpty());
    }

    /** Secret values to mask in messages: the passphrase and every line of the key's body. */
    static List<String> secretValues(WatcherConfig.Credentials c) {
        List<String> out = new ArrayList<>();
        c.sshPassphrase().ifPresent(out::add);
        read(c.sshPassphraseFile()).ifPresent(out::add);
        Optional<String> key = c.sshPrivateKey().or(() -> read(c.sshPrivateKeyFile()));
        key.ifPresent(k -> {
            for (String line : k.split("\\R")) {
                if (!line.isBlank() && !line.startsWith("-----")) {
                    out.add(line.strip());
                }
            }
        });
        return out;
    }

    private static Optional<String> read(Optional<Path> file) {
        try {
            return file.isPresent() ? Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why the last connection's host key was refused, or null when it was not. */
    String rejection() {
        return rejection;
    }

    @Override
    public void configure(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory);
        }
    }

    @Override
    public void close() {
        factory.close();
    }

    /** Accepts a server key only when the source's known-hosts file lists it for that host (read at each check). */
    private final class KnownHostsOnly implements ServerKeyDatabase {
        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress,
                Configuration configuration) {
            List<PublicKey> out = new ArrayList<>();
            for (KnownHostEntry entry : entries(connectAddress, remoteAddress)) {
                PublicKey key = key(entry);
                if (key != null && !"revoked".equals(entry.getMarker())) {
                    out.add(key);
                }
            }
            return out;
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration configuration, CredentialsProvider provider) {
            List<KnownHostEntry> entries = entries(connectAddress, remoteAddress);
            String fingerprint = KeyUtils.getFingerPrint(serverKey);
            boolean known = false;
            for (KnownHostEntry entry : entries) {
                PublicKey key = key(entry);
                if (key != null && KeyUtils.compareKeys(key, serverKey)) {
                    if ("revoked".equals(entry.getMarker())) {
                        rejection = "the host key of " + connectAddress + " (" + fingerprint + ") is marked revoked";
                        return false;
                    }
                    known = true;
                }
            }
            if (known) {
                return true;
            }
            rejection = entries.isEmpty()
                    ? "the host key of " + connectAddress + " (" + fingerprint + ") is unknown: the host is not in "
                            + "the source's known-hosts file"
                    : "the host key of " + connectAddress + " (" + fingerprint + ") does not match the key in the "
                            + "source's known-hosts file (changed host key)";
            return false;
        }

        private List<KnownHostEntry> entries(String connectAddress, InetSocketAddress remoteAddress) {
            String host = connectAddress;
            int port = remoteAddress == null ? 22 : remoteAddress.getPort();
            if (host.startsWith("[") && host.contains("]:")) {
                int end = host.indexOf("]:");
                port = Integer.parseInt(host.substring(end + 2));
                host = host.substring(1, end);
            }
            List<KnownHostEntry> out = new ArrayList<>();
            try {
                for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(config.sshKnownHostsFile().get())) {
                    if (entry.isHostMatch(host, port)) {
                        out.add(entry);
                    }
                }
            } catch (IOException | RuntimeException e) {
                rejection = "cannot read the source's known-hosts file: " + e.getMessage();
            }
            return out;
        }

        private static PublicKey key(KnownHostEntry entry) {
            try {
                return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return null;
            }
        }
    }
}
