package io.lockstep.repowatcher.webhook;

import java.util.List;

/**
 * What a verified delivery says, reduced to what the watcher uses: whether it is a push and which refs it moved.
 * Never more: commits and content are always read from Git itself.
 *
 * @param deliveryId the sender's id of this delivery (for replay detection and logs), or null when it sends none
 * @param event the event name as the provider gives it ({@code push}, {@code Push Hook}, {@code repo:refs_changed})
 * @param push whether it is a push event at all (pings and other events are acknowledged and ignored)
 * @param refs the full ref names it moved ({@code refs/heads/main}, {@code refs/tags/v1.2.0})
 */
public record Push(WebhookProvider provider, String deliveryId, String event, boolean push, List<String> refs) {
    public Push {
        refs = List.copyOf(refs);
    }
}
