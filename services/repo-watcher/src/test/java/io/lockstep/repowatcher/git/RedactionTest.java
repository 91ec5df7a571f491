package io.lockstep.repowatcher.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void urlsLoseTheirUserInfo() {
        assertThat(Redaction.url("https://ada:s3cret@git.example.com/org/repo.git"))
                .isEqualTo("https://git.example.com/org/repo.git");
        assertThat(Redaction.url("https://ghp_token@github.com/org/repo.git")).isEqualTo("https://github.com/org/repo.git");
        assertThat(Redaction.url("file:///srv/repo.git")).isEqualTo("file:///srv/repo.git");
    }

    @Test
    void messagesLoseUrlsUserInfoAndEveryKnownSecret() {
        Redaction redaction = new Redaction(List.of("t0psecret", "s3cret"));
        assertThat(redaction.message("https://ada:s3cret@host/repo.git: not authorized (token t0psecret)"))
                .isEqualTo("https://host/repo.git: not authorized (token ***)");
    }

    @Test
    void thePasswordOfAUrlIsASecretToo() {
        assertThat(Redaction.userInfoSecrets("https://ada:s3cret@host/x")).containsExactly("s3cret");
        assertThat(Redaction.userInfoSecrets("https://tok3n@host/x")).containsExactly("tok3n");
        assertThat(Redaction.userInfoSecrets("https://host/x")).isEmpty();
    }

    @Test
    void sshUrlsKeepTheirUserButLoseAPassword() {
        assertThat(Redaction.password("ssh://git:pw@git.example.com/org/repo.git"))
                .isEqualTo("ssh://git@git.example.com/org/repo.git");
        assertThat(Redaction.password("ssh://git@git.example.com:2222/org/repo.git"))
                .isEqualTo("ssh://git@git.example.com:2222/org/repo.git");
        assertThat(Redaction.password("git@github.com:org/repo.git")).isEqualTo("git@github.com:org/repo.git");
    }
}
