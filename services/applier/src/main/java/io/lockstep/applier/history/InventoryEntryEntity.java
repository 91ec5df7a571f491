package io.lockstep.applier.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One object the applier applied for an application (table {@code inventory_entry}). */
@Entity
@Table(name = "inventory_entry")
public class InventoryEntryEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "app_id")
    public String appId;
    @Column(name = "ref_key")
    public String refKey;
    @Column(name = "api_version")
    public String apiVersion;
    public String kind;
    public String namespace;
    public String name;
    @Column(name = "operation_id")
    public String operationId;
    @Column(name = "applied_at")
    public Instant appliedAt;

    static String id(String appId, String refKey) {
        return appId + "|" + refKey;
    }
}
