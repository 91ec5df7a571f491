package io.lockstep.notifier.delivery;

import io.lockstep.notifier.trigger.Channel;
import io.lockstep.notifier.trigger.Notice;

/**
 * Sends one message about a notice to one target of its channel, in one attempt. Implementations classify failures
 * and never put a secret (webhook URL, token, password) in an error text.
 */
public interface NotificationSender {
    Channel channel();

    SendResult send(Notice notice, String target);
}
