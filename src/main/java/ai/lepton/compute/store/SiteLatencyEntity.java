package ai.lepton.compute.store;

import jakarta.persistence.*;

@Entity
@Table(name = "compute_site_latency")
public class SiteLatencyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "site_a")
    public String siteA;
    @Column(name = "site_b")
    public String siteB;
    @Column(name = "rtt_ms")
    public double rttMillis;
}
