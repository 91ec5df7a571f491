package io.lockstep.repowatcher.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;

/** A refusal of the credentials is told apart from a repository that is missing, whatever digits its URL holds. */
class AuthRefusalTest {
    @Test
    void aMissingRepositoryWhosePathHoldsTheDigits401Or403IsNotAnAuthFailure() {
        String message = "cannot list file:///tmp/lockstep-watcher-it14840365221435384130/nothing-here.git: "
                + "file:///tmp/lockstep-watcher-it14840365221435384130/nothing-here.git: not found.";
        assertThat(GitSourceRepository.isAuthRefusal(new TransportException(message), message.toLowerCase()))
                .isFalse();
        String port = "http://127.0.0.1:40301/git/repo.git: not found";
        assertThat(GitSourceRepository.isAuthRefusal(new TransportException(port), port)).isFalse();
    }

    @Test
    void http401And403AndRefusedLoginsAreAuthFailures() {
        for (String message : new String[] {"https://git.example.com/r.git: not authorized",
                "https://git.example.com/r.git: 403 forbidden", "server returned 401",
                "ssh://git@host/r.git: auth fail", "no more authentication methods available"}) {
            assertThat(GitSourceRepository.isAuthRefusal(new TransportException(message), message)).as(message)
                    .isTrue();
        }
    }

    @Test
    void onlyTransportFailuresCanBeAuthFailures() {
        assertThat(GitSourceRepository.isAuthRefusal(new IllegalStateException("not authorized"), "not authorized"))
                .isFalse();
    }
}
