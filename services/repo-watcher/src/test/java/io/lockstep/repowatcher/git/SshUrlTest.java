package io.lockstep.repowatcher.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshUrlTest {
    @Test
    void sshAndScpLikeUrlsAreRecognisedAsSsh() {
        assertThat(GitSourceRepository.isSsh("ssh://git@git.example.com/org/repo.git")).isTrue();
        assertThat(GitSourceRepository.isSsh("ssh://git@[::1]:2222/org/repo.git")).isTrue();
        assertThat(GitSourceRepository.isSsh("git+ssh://git@git.example.com/org/repo.git")).isTrue();
        assertThat(GitSourceRepository.isSsh("git@github.com:org/repo.git")).isTrue();
    }

    @Test
    void otherTransportsAreNotSsh() {
        assertThat(GitSourceRepository.isSsh("https://github.com/org/repo.git")).isFalse();
        assertThat(GitSourceRepository.isSsh("git://127.0.0.1:9418/config.git")).isFalse();
        assertThat(GitSourceRepository.isSsh("file:///srv/git/config.git")).isFalse();
        assertThat(GitSourceRepository.isSsh("/srv/git/config.git")).isFalse();
    }
}
