package io.lockstep.repowatcher.poll;

/**
 * The commit at the tracked ref does not carry a valid signature by a key the source trusts (unsigned, unknown key,
 * bad signature). The message names the commit and says which; it never holds key material.
 */
public class SignatureRejectedException extends Exception {
    public SignatureRejectedException(String message) {
        super(message);
    }
}
