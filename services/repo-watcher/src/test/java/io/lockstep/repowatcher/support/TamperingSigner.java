package io.lockstep.repowatcher.support;

import java.io.IOException;
import java.util.Arrays;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Signs with a real key, but over bytes that differ from the commit's by one: the signature is genuine and made by
 * a trusted key, yet does not match the commit, which is what a commit altered after it was signed looks like.
 */
public final class TamperingSigner implements Signer {
    private final Signer delegate;

    public TamperingSigner(Signer delegate) {
        this.delegate = delegate;
    }

    @Override
    public GpgSignature sign(Repository repository, GpgConfig config, byte[] data, PersonIdent committer,
            String signingKey, CredentialsProvider credentialsProvider)
            throws CanceledException, IOException, UnsupportedSigningFormatException {
        byte[] other = Arrays.copyOf(data, data.length + 1);
        other[data.length] = '\n';
        return delegate.sign(repository, config, other, committer, signingKey, credentialsProvider);
    }

    @Override
    public boolean canLocateSigningKey(Repository repository, GpgConfig config, PersonIdent committer,
            String signingKey, CredentialsProvider credentialsProvider) throws CanceledException {
        return delegate.canLocateSigningKey(repository, config, committer, signingKey, credentialsProvider);
    }
}
