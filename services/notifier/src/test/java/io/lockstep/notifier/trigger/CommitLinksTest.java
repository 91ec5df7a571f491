package io.lockstep.notifier.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitLinksTest {
    private static final String SHA = "3f9c2a1d0e4b5c6a7b8c9d0e1f2a3b4c5d6e7f80";

    @ParameterizedTest
    @CsvSource({
            "https://github.com/acme/config.git, https://github.com/acme/config/commit/" + SHA,
            "https://gitlab.example.com/group/sub/config/, https://gitlab.example.com/group/sub/config/commit/" + SHA,
            "https://gitea.example.com:3000/acme/config, https://gitea.example.com:3000/acme/config/commit/" + SHA,
            "https://bitbucket.org/acme/config.git, https://bitbucket.org/acme/config/commits/" + SHA,
            "https://user:secret@github.com/acme/config.git, https://github.com/acme/config/commit/" + SHA})
    void anHttpsRepositoryLinksToItsCommitPageWithoutCredentials(String repo, String expected) {
        assertThat(CommitLinks.commitUrl(repo, SHA)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"git@github.com:acme/config.git", "ssh://git@github.com/acme/config.git", "file:///tmp/repo.git",
            "git://example.com/config.git", "https://github.com"})
    void otherRepositoryUrlsGiveNoLink(String repo) {
        assertThat(CommitLinks.commitUrl(repo, SHA)).isEmpty();
    }
}
