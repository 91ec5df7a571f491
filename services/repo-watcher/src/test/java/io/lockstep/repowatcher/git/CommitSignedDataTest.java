package io.lockstep.repowatcher.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommitSignedDataTest {
    @Test
    void theSignedBytesAreTheCommitWithoutItsGpgsigHeader() {
        String signed = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                + "author Ada <ada@example.com> 1700000000 +0000\n"
                + "committer Ada <ada@example.com> 1700000000 +0000\n"
                + "\n"
                + "Message\n gpgsig in the message stays\n";
        String raw = signed.replace("\n\nMessage", "\ngpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lH\n"
                + " -----END SSH SIGNATURE-----\n\nMessage");
        assertThat(new String(GitSignatureCheck.signedData(raw.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo(signed);
    }
}
