package io.lockstep.notifier.trigger;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Links a commit to its page on the forge that hosts the repository, when the repository URL allows it: an
 * {@code http(s)} URL of GitHub, GitLab, Gitea, Forgejo or alike ({@code <repo>/commit/<sha>}) or Bitbucket
 * ({@code <repo>/commits/<sha>}). SSH, {@code git://} and {@code file://} URLs give no link.
 */
public final class CommitLinks {
    private CommitLinks() {
    }

    public static Optional<String> commitUrl(String repoUrl, String revision) {
        if (repoUrl == null || revision == null || revision.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(repoUrl.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Optional.empty();
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        // Rebuilt from host and path only: user info (a credential) never reaches a message.
        String base = scheme + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
        String commits = uri.getHost().toLowerCase(Locale.ROOT).contains("bitbucket") ? "/commits/" : "/commit/";
        return Optional.of(base + commits + revision);
    }
}
