package ai.lepton.compute.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "compute_node")
public class NodeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String kind;
    /** Wire name of the scheduler's node state ({@code Ready}, {@code Cordoned}...). */
    public String state;
    /** The node as registered (a NodeSpec), without its state. */
    @Column(name = "spec_json")
    public String specJson;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
