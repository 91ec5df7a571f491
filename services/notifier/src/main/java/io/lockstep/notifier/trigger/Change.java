package io.lockstep.notifier.trigger;

/**
 * One object a notice is about: what was (or would be) done to it, and a readable diff when the differ gave one.
 *
 * @param action lower case: {@code create}, {@code update}, {@code prune}, or a result such as {@code sync-failed}
 * @param diff   "" when none
 */
public record Change(String action, String kind, String namespace, String name, String diff) {

    /** "Deployment web/api", or "Namespace web" for cluster-scoped objects. */
    public String object() {
        return kind + " " + (namespace == null || namespace.isBlank() ? name : namespace + "/" + name);
    }
}
