package io.lockstep.repowatcher.git;

import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.poll.SourceUnavailableException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Turns a source's configured credentials into what JGit needs. Files are read at every use, so a rotated
 * Kubernetes Secret is picked up without a restart.
 */
final class GitCredentials {
    private final Optional<WatcherConfig.Credentials> config;
    private final String urlUserInfo;

    /**
     * @param urlUserInfo the user-info that the configured URL carried ({@code user:password} or a token), or null;
     *        the URL itself is used without it, so that the secret never reaches JGit's messages or the clone's config
     */
    GitCredentials(Optional<WatcherConfig.Credentials> config, String urlUserInfo) {
        this.config = config;
        this.urlUserInfo = urlUserInfo;
    }

    /** The provider for HTTPS, or null when the source needs none (a public repo). */
    CredentialsProvider provider() throws SourceUnavailableException {
        if (config.isEmpty()) {
            return fromUrl();
        }
        WatcherConfig.Credentials c = config.get();
        if (GitSsh.configured(c)) {
            // SSH authenticates with the key (see GitSsh); there is no password to give.
            return null;
        }
        Optional<String> token = secret(c.tokenFile(), c.token(), "token-file");
        if (token.isPresent()) {
            return new UsernamePasswordCredentialsProvider(c.username().orElse("git"), token.get());
        }
        Optional<String> password = secret(c.passwordFile(), c.password(), "password-file");
        if (password.isPresent()) {
            if (c.username().isEmpty()) {
                throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                        "credentials give a password but no username", null);
            }
            return new UsernamePasswordCredentialsProvider(c.username().get(), password.get());
        }
        return fromUrl();
    }

    private CredentialsProvider fromUrl() {
        if (urlUserInfo == null || urlUserInfo.isEmpty()) {
            return null;
        }
        int colon = urlUserInfo.indexOf(':');
        String user = colon < 0 ? urlUserInfo : urlUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : urlUserInfo.substring(colon + 1);
        return new UsernamePasswordCredentialsProvider(decode(user), decode(password));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Every secret value this source may use, so that messages can be scrubbed of them. */
    List<String> secretValues() {
        List<String> out = new ArrayList<>();
        config.ifPresent(c -> {
            c.token().ifPresent(out::add);
            c.password().ifPresent(out::add);
            read(c.tokenFile()).ifPresent(out::add);
            read(c.passwordFile()).ifPresent(out::add);
            out.addAll(GitSsh.secretValues(c));
        });
        return out;
    }

    private static Optional<String> secret(Optional<Path> file, Optional<String> inline, String field)
            throws SourceUnavailableException {
        if (file.isPresent()) {
            Optional<String> value = read(file);
            if (value.isEmpty()) {
                // The path is configuration, not a secret: naming it helps the operator find the broken mount.
                throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                        "cannot read credentials " + field + " " + file.get(), null);
            }
            return value;
        }
        return inline.filter(s -> !s.isBlank());
    }

    private static Optional<String> read(Optional<Path> file) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
