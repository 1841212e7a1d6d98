package ai.lepton.compute.store;

import jakarta.persistence.*;

@Entity
@Table(name = "compute_binding")
public class BindingEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** The scheduler's workload name, {@code project/name}. */
    public String workload;
    public int replica;
    public String node;
}
