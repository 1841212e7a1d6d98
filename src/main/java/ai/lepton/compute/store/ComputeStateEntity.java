package ai.lepton.compute.store;

import jakarta.persistence.*;

/** The single row whose revision every compute change bumps. */
@Entity
@Table(name = "compute_state")
public class ComputeStateEntity {
    @Id
    public Integer id;
    public long revision;
}
