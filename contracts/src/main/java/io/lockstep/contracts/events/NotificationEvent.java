package io.lockstep.contracts.events;

/** Events on {@code lockstep.notifications}, produced by the notifier. */
public sealed interface NotificationEvent extends LockstepEvent permits NotificationDelivered {
}
