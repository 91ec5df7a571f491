package io.lockstep.repowatcher.git;

import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.poll.SignatureRejectedException;
import io.lockstep.repowatcher.poll.SourceUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Checks the signature of one commit against the keys one source trusts. OpenPGP signatures are checked with
 * BouncyCastle against the source's key file (JGit's own PGP verifier reads the GnuPG keyring of the user running
 * the watcher, which is not a per-source trust list); SSH signatures with JGit's SSH verifier and the source's
 * allowed-signers file (the signing key must be listed for the committer's e-mail, namespace {@code git}).
 */
final class GitSignatureCheck {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final String ARMOR = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final byte[] GPGSIG = "gpgsig".getBytes(StandardCharsets.US_ASCII);

    private final String mode;
    private final Path keysFile;

    GitSignatureCheck(WatcherConfig.Verify verify) {
        this.mode = verify.mode().toLowerCase(Locale.ROOT);
        this.keysFile = verify.keysFile();
    }

    /** Refuses the source at start-up (as a config error at each poll) when the mode is not one we know. */
    String configProblem() {
        return mode.equals("pgp") || mode.equals("ssh") ? null
                : "verify.mode must be pgp or ssh, not '" + mode + "'";
    }

    void check(Repository repo, RevCommit commit) throws SignatureRejectedException, SourceUnavailableException {
        String sha = commit.abbreviate(7).name();
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            throw new SignatureRejectedException("commit " + sha + " is not signed; this source accepts only commits "
                    + "signed with a trusted " + mode.toUpperCase(Locale.ROOT) + " key");
        }
        if (!Files.isReadable(keysFile)) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                    "cannot read verify.keys-file " + keysFile, null);
        }
        GpgConfig.GpgFormat format = SignatureVerifiers.getFormat(signature);
        GpgConfig.GpgFormat wanted = mode.equals("ssh") ? GpgConfig.GpgFormat.SSH : GpgConfig.GpgFormat.OPENPGP;
        if (format != wanted) {
            throw new SignatureRejectedException("commit " + sha + " carries " + describe(format) + " signature; "
                    + "this source accepts only " + describe(wanted) + " signatures by a trusted key");
        }
        byte[] data = signedData(commit.getRawBuffer());
        if (wanted == GpgConfig.GpgFormat.SSH) {
            checkSsh(repo, sha, data, signature);
        } else {
            checkPgp(sha, data, signature);
        }
    }

    private void checkSsh(Repository repo, String sha, byte[] data, byte[] signature)
            throws SignatureRejectedException, SourceUnavailableException {
        SignatureVerifier verifier = SignatureVerifiers.get(GpgConfig.GpgFormat.SSH);
        if (verifier == null) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                    "no SSH signature verifier available", null);
        }
        Config config = new Config();
        config.setString("gpg", null, "format", "ssh");
        config.setString("gpg", "ssh", "allowedSignersFile", keysFile.toAbsolutePath().toString());
        SignatureVerifier.SignatureVerification result;
        try {
            result = verifier.verify(repo, new GpgConfig(config), data, signature);
        } catch (IOException e) {
            throw new SignatureRejectedException("commit " + sha + " has an unreadable SSH signature");
        }
        if (result.verified()) {
            return;
        }
        if (result.trustLevel() == SignatureVerifier.TrustLevel.UNKNOWN) {
            // The signature matches its key, but the key is not allowed for the committer.
            throw new SignatureRejectedException("commit " + sha + " is signed by an unknown key ("
                    + result.keyFingerprint() + "), not in the source's allowed signers for its committer");
        }
        throw new SignatureRejectedException("commit " + sha + " has a bad SSH signature"
                + (result.keyFingerprint() == null ? "" : " (key " + result.keyFingerprint() + ")")
                + (result.message() == null ? "" : ": " + result.message()));
    }

    private void checkPgp(String sha, byte[] data, byte[] signatureBytes)
            throws SignatureRejectedException, SourceUnavailableException {
        PGPSignature signature = parseSignature(sha, signatureBytes);
        String keyId = String.format("%016X", signature.getKeyID());
        PGPPublicKey key = trustedKey(signature.getKeyID());
        if (key == null) {
            throw new SignatureRejectedException("commit " + sha + " is signed by an unknown key (OpenPGP key id "
                    + keyId + "), not in the source's trusted keys");
        }
        boolean valid;
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BC), key);
            signature.update(data);
            valid = signature.verify();
        } catch (PGPException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new SignatureRejectedException("commit " + sha + " has a bad OpenPGP signature (key id " + keyId
                    + "): it does not match the commit's content");
        }
    }

    private static PGPSignature parseSignature(String sha, byte[] bytes) throws SignatureRejectedException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            Object o = new JcaPGPObjectFactory(in).nextObject();
            if (o instanceof PGPCompressedData compressed) {
                o = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (o instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
        } catch (IOException | PGPException | RuntimeException e) {
            // fall through
        }
        throw new SignatureRejectedException("commit " + sha + " has an unreadable OpenPGP signature");
    }

    /** The key (primary or subkey) with this id among the trusted keys; armored blocks may be concatenated. */
    private PGPPublicKey trustedKey(long keyId) throws SourceUnavailableException {
        byte[] file;
        try {
            file = Files.readAllBytes(keysFile);
        } catch (IOException e) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                    "cannot read verify.keys-file " + keysFile, null);
        }
        String text = new String(file, StandardCharsets.ISO_8859_1);
        List<byte[]> blocks = new ArrayList<>();
        int at = text.indexOf(ARMOR);
        if (at < 0) {
            blocks.add(file);
        }
        while (at >= 0) {
            int next = text.indexOf(ARMOR, at + 1);
            blocks.add(text.substring(at, next < 0 ? text.length() : next).getBytes(StandardCharsets.ISO_8859_1));
            at = next;
        }
        try {
            for (byte[] block : blocks) {
                PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(
                        PGPUtil.getDecoderStream(new ByteArrayInputStream(block)), new JcaKeyFingerprintCalculator());
                PGPPublicKey key = rings.getPublicKey(keyId);
                if (key != null) {
                    return key;
                }
            }
            return null;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                    "verify.keys-file " + keysFile + " holds no readable OpenPGP public keys", null);
        }
    }

    /** The bytes a commit signature covers: the raw commit without its {@code gpgsig} header. */
    static byte[] signedData(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        boolean skipping = false;
        while (i < raw.length) {
            int next = RawParseUtils.nextLF(raw, i);
            if (raw[i] == '\n') {
                // End of the headers: the message is signed as it is.
                out.write(raw, i, raw.length - i);
                break;
            }
            if (raw[i] != ' ') {
                skipping = RawParseUtils.match(raw, i, GPGSIG) > 0 && (raw[i + GPGSIG.length] == ' '
                        || raw[i + GPGSIG.length] == '-');
            }
            if (!skipping) {
                out.write(raw, i, next - i);
            }
            i = next;
        }
        return out.toByteArray();
    }

    private static String describe(GpgConfig.GpgFormat format) {
        return switch (format) {
            case SSH -> "an SSH";
            case X509 -> "an X.509";
            default -> "an OpenPGP";
        };
    }
}
