package io.lockstep.repowatcher.webhook;

/** Durable memory of the deliveries already taken (PostgreSQL in production), so none is accepted twice. */
public interface DeliveryLog {
    /**
     * Records a delivery and says whether it is new: false when its id or its signed content was seen before for
     * this source (a replay, or a sender's redelivery of something already acted on).
     *
     * @param deliveryId the sender's delivery id, or null when it sends none
     * @param contentDigest the SHA-256 of what was signed
     */
    boolean firstSeen(String sourceId, WebhookProvider provider, String deliveryId, String contentDigest);
}
